"""Layer: Science cities & innovation centres (科学城与科技创新中心)."""

from layers.base import LayerSpec

LAYER = LayerSpec(
    key="science_cities",
    label_zh="科学城与科技创新中心",
    label_en="Science cities & innovation centres",
    description_zh="成渝科技创新中心、综合性科学中心、科学城与科技城、西安全国重要科研和文教中心",
    description_en="Chengdu–Chongqing S&T innovation centre, comprehensive science centres, science cities, Xi'an research and education centre",
    id_prefixes=("sci",),
    legend_en="Science cities",
    file="hubs_science_cities.geojson",
    style_overrides={"symbol": "star", "color": "#332288"},
)
