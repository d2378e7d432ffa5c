"""Layer: Innovative provinces (创新型省份): a province-level designation, drawn at the province."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="innovative_provinces",
    label_zh="创新型省份",
    label_en="Innovative provinces",
    description_zh="科技部批复建设的创新型省份(措施(三)以创新型省份建设为主线);点位为全省代表点",
    description_en="Provinces MOST approved to build as innovative provinces (measure (3)); drawn at the province's point",
    id_prefixes=("ipr",),
    file="hubs_innovative_provinces.geojson",
    style_overrides={"symbol": "star-square", "color": "#CC79A7"},
)
