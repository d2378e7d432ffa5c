"""Layer: east–west S&T partnerships (东西部科技合作), drawn as links between the two ends."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="east_west",
    label_zh="东西部科技合作",
    label_en="East–west S&T partnerships",
    description_zh="措施(十一)的东西部科技合作:西部一端与东部伙伴之间的连线",
    description_en="East–west S&T cooperation of measure (11): links from the western end to its eastern partner",
    id_prefixes=("ewl",),
    file="links_east_west.geojson",
    geometry="line",
    style_overrides={"color": "#CC6677", "line_width": 1.5, "dash": "dot"},
)
