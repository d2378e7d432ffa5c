"""Layer: Heritage conservation S&T (文物保护科技)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="heritage",
    label_zh="文物保护科技",
    label_en="Heritage conservation S&T",
    description_zh="措施(九)点名的敦煌文物保护与修复",
    description_en="Dunhuang heritage conservation and restoration named in measure (9)",
    id_prefixes=("her",),
    file="hubs_heritage.geojson",
    style_overrides={"symbol": "hourglass", "color": "#661100"},
)
