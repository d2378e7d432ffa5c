"""Layer: National technology innovation centres (国家技术创新中心)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="innovation_centres",
    label_zh="国家技术创新中心",
    label_en="National technology innovation centres",
    description_zh="文件点名培育建设的国家技术创新中心",
    description_en="National technology innovation centres the document names",
    id_prefixes=("itc",),
    legend_en="Tech innovation centres",
    file="hubs_innovation_centres.geojson",
    style_overrides={"symbol": "pentagon", "color": "#AA4499"},
)
