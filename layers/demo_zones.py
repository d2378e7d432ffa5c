"""Layer: Demonstration & pilot zones (示范区与试验区)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="demo_zones",
    label_zh="示范区与试验区",
    label_en="Demonstration & pilot zones",
    description_zh="国家自主创新示范区、新一代人工智能创新发展试验区、可持续发展议程创新示范区",
    description_en="Independent innovation demonstration zones, AI pilot zones, sustainable-development agenda zones",
    id_prefixes=("dmz",),
    file="hubs_demo_zones.geojson",
    style_overrides={"symbol": "square", "color": "#117733"},
)
