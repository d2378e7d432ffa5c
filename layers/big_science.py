"""Layer: Big science facilities (重大科技基础设施)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="big_science",
    label_zh="重大科技基础设施",
    label_en="Big science facilities",
    description_zh="文件点名的重大科技基础设施",
    description_en="Major S&T infrastructure named by the document",
    id_prefixes=("bsf",),
    file="hubs_big_science.geojson",
    style_overrides={"symbol": "hexagram", "color": "#882255"},
)
