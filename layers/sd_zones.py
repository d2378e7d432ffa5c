"""Layer: Sustainable development experimental zones (可持续发展实验区)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="sd_zones",
    label_zh="可持续发展实验区",
    label_en="Sustainable development experimental zones",
    description_zh="国家可持续发展实验区(措施(十));仅收录有来源可查的西部实验区,远非全部(全国2016年底共189个)",
    description_en="National sustainable development experimental zones (measure (10)); only the western zones a source names, far from all (189 nationally at the end of 2016)",
    id_prefixes=("sdz",),
    legend_en="Sustainable development zones",
    file="hubs_sd_zones.geojson",
    style_overrides={"symbol": "triangle-left", "color": "#009E73"},
)
