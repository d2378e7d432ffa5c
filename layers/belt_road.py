"""Layer: Belt-and-Road S&T platforms (“一带一路”科技合作平台)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="belt_road",
    label_zh="“一带一路”科技合作平台",
    label_en="Belt-and-Road S&T platforms",
    description_zh="措施(十二)点名的“一带一路”国际科技合作平台",
    description_en="Belt-and-Road S&T cooperation platforms of measure (12)",
    id_prefixes=("bnr",),
    file="hubs_belt_road.geojson",
    style_overrides={"symbol": "cross", "color": "#D55E00"},
)
