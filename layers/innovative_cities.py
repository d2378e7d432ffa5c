"""Layer: Innovative cities (创新型城市)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="innovative_cities",
    label_zh="创新型城市",
    label_en="Innovative cities",
    description_zh="国家创新型城市与文件点名的区域特色城市",
    description_en="National innovative cities and the characteristic cities the document names",
    id_prefixes=("inc",),
    file="hubs_innovative_cities.geojson",
    style_overrides={"color": "#88CCEE"},  # the default symbol (circle),
)
