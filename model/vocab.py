"""What a URL may name, from one loaded data version: its indicators and their years, the layers,
provinces, regions and hub ids (built by model.queries.make_vocab; view.state checks a URL against it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, eq=False)  # hashed by identity: one per loaded data, a memo key
class Vocab:
    """What the URL may name: built once from the loaded data."""

    indicators: tuple[str, ...]
    years: dict[str, tuple[int, ...]]  # indicator -> years with data
    layers: tuple[str, ...]
    provinces: tuple[str, ...]
    regions: tuple[str, ...]
    hub_ids: frozenset[str]

    def latest_year(self, indicator: str) -> int:
        """The latest year with data for ``indicator`` (KeyError for an unknown one, ValueError for one
        without years).
        """
        return max(self.years[indicator])

    def years_of(self, indicator: str) -> tuple[int, ...]:
        """The years with data for ``indicator``, ascending (empty for an unknown indicator)."""
        return self.years.get(indicator, ())

    @property
    def all_years(self) -> tuple[int, ...]:
        """Every year with data for some indicator, ascending."""
        return tuple(sorted({y for ys in self.years.values() for y in ys}))
