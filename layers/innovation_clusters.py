"""Layer: Innovation & entrepreneurship clusters (创新创业集聚区)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="innovation_clusters",
    label_zh="创新创业集聚区",
    label_en="Innovation & entrepreneurship clusters",
    description_zh="措施(六)点名的“双创”集聚区",
    description_en="Innovation and entrepreneurship clusters of measure (6)",
    id_prefixes=("icl",),
    legend_en="Innovation clusters",
    file="hubs_innovation_clusters.geojson",
    style_overrides={"symbol": "x", "color": "#999933"},
)
