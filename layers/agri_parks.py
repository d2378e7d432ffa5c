"""Layer: Agricultural S&T parks & zones (农业科技园区与农业高新区)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="agri_parks",
    label_zh="农业科技园区与农业高新区",
    label_en="Agricultural S&T parks & zones",
    description_zh="国家农业科技园区、杨凌示范区、国家农业高新技术产业示范区",
    description_en="National agricultural S&T parks, Yangling, national agricultural high-tech demonstration zones",
    id_prefixes=(
        "agp",
        "agz",
    ),
    file="hubs_agri_parks.geojson",
    style_overrides={"symbol": "triangle-up", "color": "#44AA99"},
)
