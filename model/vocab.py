"""What a URL may name, from one loaded data version: its indicators and their years, the layers,
provinces, regions and hub ids (built by model.queries.make_vocab; view.state checks a URL against it).

It also holds the rule of an indicator's **default year** (:func:`default_year`), the one place that
decides which year a view shows when none is chosen: the page's first view, the year slider after
another indicator is chosen, the end of Play, the hub card and every export without ``y=``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

# A year is complete enough to be the default when it has values for at least this share of the
# western provinces the indicator covers in its best year: 9 of 12 for an indicator that once
# covered the whole west. A year of early first releases (a few provinces publish months before
# the rest) stays reachable but is not shown unasked: a map of eleven grey provinces and a ranking
# of one bar would look like the atlas's answer for that year.
DEFAULT_YEAR_SHARE = 0.75


def needed(west: Mapping[int, Collection[str]]) -> int:
    """How many western provinces a year needs to be a default year, given ``west`` ({year: the
    western provinces with a value}): three quarters (:data:`DEFAULT_YEAR_SHARE`) of the most any
    year has, rounded up (0 when no year has any).
    """
    return math.ceil(DEFAULT_YEAR_SHARE * max((len(s) for s in west.values()), default=0))


def default_year(west: Mapping[int, Collection[str]]) -> int:
    """The latest year of ``west`` ({year: the western provinces with a value}, every year with data
    for the indicator) with at least :func:`needed` western provinces. ValueError when it is empty.
    """
    least = needed(west)
    return max(year for year, have in west.items() if len(have) >= least)


@dataclass(frozen=True, eq=False)  # hashed by identity: one per loaded data, a memo key
class Vocab:
    """What the URL may name: built once from the loaded data."""

    indicators: tuple[str, ...]
    years: dict[str, tuple[int, ...]]  # indicator -> years with data (for any province or China)
    layers: tuple[str, ...]
    provinces: tuple[str, ...]
    regions: tuple[str, ...]
    hub_ids: frozenset[str]
    # indicator -> {year: the western provinces (adcodes) with a value}, for every year in ``years``
    west: dict[str, dict[int, frozenset[str]]]

    def default_year(self, indicator: str) -> int:
        """The year shown for ``indicator`` when none is chosen: the latest year with values for enough
        of the west (module :func:`default_year`). KeyError for an unknown indicator, ValueError for
        one without years.
        """
        return default_year(self.west[indicator])

    def west_in(self, indicator: str, year: int) -> frozenset[str]:
        """The western provinces with a value of ``indicator`` in ``year`` (empty when none, or unknown)."""
        return self.west.get(indicator, {}).get(year, frozenset())

    def needed(self, indicator: str) -> int:
        """How many western provinces a year of ``indicator`` needs to be its default (0 if unknown)."""
        return needed(self.west.get(indicator, {}))

    def sparse(self, indicator: str, year: int) -> bool:
        """Whether ``year`` has values of ``indicator`` for too few western provinces to be its default
        year (it may still be chosen, and shows the others as no data).
        """
        return year in self.years_of(indicator) and len(self.west_in(indicator, year)) < self.needed(indicator)

    def years_of(self, indicator: str) -> tuple[int, ...]:
        """The years with data for ``indicator``, ascending (empty for an unknown indicator)."""
        return self.years.get(indicator, ())

    @property
    def all_years(self) -> tuple[int, ...]:
        """Every year with data for some indicator, ascending."""
        return tuple(sorted({y for ys in self.years.values() for y in ys}))
