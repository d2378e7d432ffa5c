"""Layer: Technology-transfer centres (技术转移中心与成果转化示范区)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="tech_transfer",
    label_zh="技术转移中心与成果转化示范区",
    label_en="Technology-transfer centres",
    description_zh="国家技术转移区域中心、国际技术转移中心、国家科技成果转移转化示范区",
    description_en="National and international technology-transfer centres, S&T achievement transfer demonstration zones",
    id_prefixes=("ttc",),
    file="hubs_tech_transfer.geojson",
    style_overrides={"symbol": "triangle-down", "color": "#E69F00"},
)
