"""Layer: High-tech zones (高新技术产业开发区)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="hightech_zones",
    label_zh="高新技术产业开发区",
    label_en="High-tech zones",
    description_zh="西部国家高新区及文件点名“以升促建”的省级高新区",
    description_en="National high-tech zones in the west, and the provincial zones named for upgrading",
    id_prefixes=("htz",),
    file="hubs_hightech_zones.geojson",
    style_overrides={"symbol": "diamond", "color": "#0072B2"},
)
