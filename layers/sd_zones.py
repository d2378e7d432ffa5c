"""Layer: Sustainable development experimental zones (可持续发展实验区)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="sd_zones",
    label_zh="可持续发展实验区",
    label_en="Sustainable development experimental zones",
    description_zh="国家可持续发展实验区(措施(十):提升国家可持续发展实验区建设水平)",
    description_en="National sustainable development experimental zones (measure (10) asks to raise their level)",
    file="hubs_sd_zones.geojson",
    style_overrides={"symbol": "triangle-left", "color": "#009E73"},
)
