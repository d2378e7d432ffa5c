"""The layer spec and the one default style that every layer starts from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

# Every hub feature carries these properties (docs/data.md describes each).
HUB_FIELDS: tuple[str, ...] = (
    "id",
    "name_zh",
    "name_en",
    "layer",
    "province_adcode",
    "city_zh",
    "city_en",
    "place_adcode",
    "place_zh",
    "place_en",
    "precision",
    "level",
    "status",
    "sectors",
    "established",
    "established_basis",
    "same_place_as",
    "policy_refs",
    "partners",
    "source_id",
    "note",
)
LINK_FIELDS: tuple[str, ...] = (
    "id",
    "name_zh",
    "name_en",
    "layer",
    "west_adcode",
    "east_adcode",
    "programme",
    "policy_refs",
    "source_id",
    "note",
)

DEFAULT_STYLE: Mapping[str, object] = MappingProxyType(
    {
        "symbol": "circle",
        "color": "#444444",
        "size": 9,
        "opacity": 0.9,
        "line_color": "#ffffff",
        "line_width": 1,
        "dash": "solid",
    }
)


@dataclass(frozen=True)
class LayerSpec:
    """One map layer: what it is, where its data lives, how it looks (changes to the default only).

    ``description_zh``/``description_en`` say what the layer holds and which measure names it: the
    layer panel shows it as the name's tooltip. A hub's hover is the same for every layer (name,
    layer, place and its precision, level, status, year: figures/map/static.py).
    """

    key: str
    label_zh: str
    label_en: str
    description_zh: str
    description_en: str
    file: str  # under data/geo/
    geometry: str = "point"  # "point" or "line"
    style_overrides: Mapping[str, object] = field(default_factory=dict)
    # How the layer's ids begin ("htz" for htz-chengdu): data/official_counts.csv selects a
    # designation's rows by them, so a new hub named otherwise would drop out of its count.
    id_prefixes: tuple[str, ...] = ()
    # A shorter English name for a chart's legend, where the full one would not fit two to a row in
    # a phone's pane (the layer panel, hover cards and exports' titles keep the full name).
    legend_en: str | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        """The properties each feature of the layer carries: HUB_FIELDS for points, LINK_FIELDS for lines."""
        return HUB_FIELDS if self.geometry == "point" else LINK_FIELDS

    @cached_property
    def style(self) -> Mapping[str, object]:
        """The default style with this layer's overrides (made once: figures read it per state)."""
        return MappingProxyType({**DEFAULT_STYLE, **self.style_overrides})

    @property
    def source_table(self) -> str:
        """The curated CSV under data/hubs/ that scripts/build_hubs.py turns into ``file``."""
        return f"{self.key}.csv" if self.geometry == "point" else "east_west_links.csv"
