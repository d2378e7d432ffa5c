"""Layer: public technology service platforms (公共技术服务平台) of measure (四)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="service_platforms",
    label_zh="公共技术服务平台",
    label_en="Public technology service platforms",
    description_zh="措施(四)点名加强建设的西安、成都、兰州等地区公共技术服务平台",
    description_en="Public technology service platforms of Xi'an, Chengdu and Lanzhou named in measure (4)",
    id_prefixes=("svc",),
    legend_en="Tech service platforms",
    file="hubs_service_platforms.geojson",
    style_overrides={"symbol": "bowtie", "color": "#DDCC77"},
)
