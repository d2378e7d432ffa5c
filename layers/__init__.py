"""The one layer registry, in display order. Adding a layer: one module, one data file, one line here."""

from __future__ import annotations

from layers import (
    agri_parks,
    belt_road,
    big_science,
    demo_zones,
    east_west,
    heritage,
    hightech_zones,
    innovation_centres,
    innovation_clusters,
    innovative_cities,
    innovative_provinces,
    science_cities,
    sd_zones,
    service_platforms,
    tech_transfer,
)
from layers.base import LayerSpec

REGISTRY: dict[str, LayerSpec] = {
    spec.key: spec
    for spec in (
        science_cities.LAYER,
        big_science.LAYER,
        innovation_centres.LAYER,
        demo_zones.LAYER,
        sd_zones.LAYER,
        hightech_zones.LAYER,
        agri_parks.LAYER,
        tech_transfer.LAYER,
        belt_road.LAYER,
        innovative_provinces.LAYER,
        innovative_cities.LAYER,
        innovation_clusters.LAYER,
        service_platforms.LAYER,
        heritage.LAYER,
        east_west.LAYER,
    )
}

POINT_LAYERS: tuple[str, ...] = tuple(k for k, s in REGISTRY.items() if s.geometry == "point")
