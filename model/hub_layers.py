"""A hub layer's GeoJSON from its curated table: the one step ``make hubs`` and ``python -m atlas
data import`` share, so a hub imported next year is placed as the bundled ones were.

The builders are pure functions of the rows and the gazetteer (model/places.py); ``build_layer``
and ``stale_layers`` read a data directory's files for them. A point layer's feature is the
row with the place's names added (``place_zh``, ``place_en``, ``city_en``) at the point of its
``place_adcode``; an east–west link's is a line between the points of its two ends. The output is
compact, deterministic GeoJSON text (bytes), written by the caller.
"""

from __future__ import annotations

import json
from pathlib import Path

from layers import REGISTRY
from model.loader import read_records, relative_name
from model.places import Place, Places, read_places
from model.regions import WEST
from model.schema import DataValidationError, Issue
from model.tables import HUB, HUB_CSV, LINK, LINK_CSV

UNKNOWN_PLACE = (
    "is not a unit of the gazetteer (data/geo/places.csv: every province- and prefecture-level unit of "
    "China, every county-level unit of the west); check the code against GB/T 2260"
)


def _place_issues(rows: list[dict], file: str, columns: tuple[str, ...], places: Places) -> list[Issue]:
    issues = []
    for n, row in enumerate(rows, start=2):
        for col in columns:
            place = places.get(row[col])
            if place is None:
                issues.append(Issue(file, n, col, f"{row[col]} {UNKNOWN_PLACE}"))
            elif not place.name_en:
                msg = (
                    f"{row[col]} {place.name_zh} has no English name in the gazetteer (a banner's is its "
                    "Mongolian name, which pinyin gets wrong): the atlas's maintainers add it to "
                    "scripts/placenames.py COUNTY_OVERRIDES and rebuild data/geo/places.csv (make geo)"
                )
                issues.append(Issue(file, n, col, msg))
    return issues


def hub_features(key: str, rows: list[dict], places: Places, file: str) -> list[dict]:
    """The features of point layer ``key`` from its table's checked rows (HUB_CSV).

    Raises DataValidationError naming ``file``, the row and the column: a row of another layer, a
    place the gazetteer lacks, a ``city_zh`` that is not a prefecture-level unit of the province or
    not the one the place lies in, a ``precision`` that is not the place's kind of unit, a hub
    outside the west.
    """
    issues = [
        Issue(file, n, "layer", f"{r['layer']!r} is not {key!r}") for n, r in enumerate(rows, 2) if r["layer"] != key
    ]
    issues += _place_issues(rows, file, ("place_adcode",), places)
    issues += [
        Issue(file, n, "city_zh", f"{r['city_zh']!r} is not a prefecture-level unit of {r['province_adcode']}")
        for n, r in enumerate(rows, start=2)
        if r["city_zh"] and places.prefecture_named(r["province_adcode"], r["city_zh"]) is None
    ]
    if issues:
        raise DataValidationError(issues)
    issues = [i for n, r in enumerate(rows, 2) for i in _unit_issues(r, places.get(r["place_adcode"]), places, file, n)]
    if issues:
        raise DataValidationError(issues)
    feats = []
    for r in rows:
        place = places.get(r["place_adcode"])
        props = {c: r.get(c) for c in HUB.names}
        props["place_zh"] = place.name_zh
        props["place_en"] = place.name_en
        props["city_en"] = places.prefecture_named(r["province_adcode"], r["city_zh"]).name_en if r["city_zh"] else None
        feats.append(_feature(props, {"type": "Point", "coordinates": [place.lon, place.lat]}))
    return feats


def _unit_issues(row: dict, place: Place, places: Places, file: str, n: int) -> list[Issue]:
    """What the gazetteer says against a hub row: a western province's hub, a ``precision`` that is
    the kind of unit ``place_adcode`` is, and a ``city_zh`` that is the prefecture the place lies in.
    """
    out = []
    if row["province_adcode"] not in WEST:
        msg = f"{row['province_adcode']} is not one of the twelve western provinces"
        out.append(Issue(file, n, "province_adcode", msg))
    if row["precision"] == "site":
        msg = "'site' needs surveyed coordinates, which the hub tables have no column for: give the unit's precision"
        out.append(Issue(file, n, "precision", msg))
    elif row["precision"] not in _PRECISION_OF[_kind(place)]:
        fits = " or ".join(_PRECISION_OF[_kind(place)])
        msg = f"{row['precision']!r} does not fit {place.adcode} {place.name_zh}, a {_kind(place)}: use {fits}"
        out.append(Issue(file, n, "precision", msg))
    city = _city_of(place, places)
    if row["city_zh"] and city is not None and row["city_zh"] != city:
        out.append(Issue(file, n, "city_zh", f"{place.name_zh} ({place.adcode}) lies in {city}, not {row['city_zh']}"))
    return out


# The precisions each kind of unit may be recorded with (docs/data.md, Locations).
_PRECISION_OF = {
    "province-level unit": ("province",),
    "prefecture-level unit": ("city",),
    "county-level city under its province": ("county", "city"),
    "district": ("district",),
    "county-level unit": ("county",),
}


def _kind(place: Place) -> str:
    if place.level == "province":
        return "province-level unit"
    if place.level == "prefecture":
        return "county-level city under its province" if place.adcode[2:4] == "90" else "prefecture-level unit"
    # a 特区 (六枝特区) is a county-level special district, not a city's urban district
    return "district" if place.name_zh.endswith("区") and not place.name_zh.endswith("特区") else "county-level unit"


def _city_of(place: Place, places: Places) -> str | None:
    """The Chinese name of the prefecture-level unit a place lies in (a municipality's county: the
    municipality); None for a province, which lies in none.
    """
    if place.level == "prefecture":
        return place.name_zh
    if place.level == "province":
        return place.name_zh if place.name_zh.endswith("市") else None  # 重庆市 is its own city
    parent = places.get(place.prefecture_adcode or place.province_adcode)
    return parent.name_zh if parent is not None else None


def link_features(key: str, rows: list[dict], places: Places, file: str) -> list[dict]:
    """The features of link layer ``key``: a line from the west end's point to the east end's.

    Raises DataValidationError naming ``file``, the row and the column of an end the gazetteer lacks.
    """
    issues = _place_issues(rows, file, ("west_adcode", "east_adcode"), places)
    if issues:
        raise DataValidationError(issues)
    feats = []
    for r in rows:
        props = {c: (key if c == "layer" else r.get(c)) for c in LINK.names}
        ends = [places.get(r[c]) for c in ("west_adcode", "east_adcode")]
        feats.append(_feature(props, {"type": "LineString", "coordinates": [[p.lon, p.lat] for p in ends]}))
    return feats


def _feature(properties: dict, geometry: dict) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def geojson_bytes(features: list[dict], meta: dict | None = None) -> bytes:
    """A compact, deterministic FeatureCollection (UTF-8, one line and a newline): every data/geo
    file is written this way (scripts/_common.py too).
    """
    fc = {"type": "FeatureCollection", **({"metadata": meta} if meta else {}), "features": features}
    return (json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def layer_file(key: str) -> tuple[str, str]:
    """(curated table, built layer) of layer ``key``, as paths inside the data directory."""
    spec = REGISTRY[key]
    return f"hubs/{spec.source_table}", f"geo/{spec.file}"


def layer_geojson(key: str, records: list[dict], places: Places, file: str) -> bytes:
    """The GeoJSON of layer ``key`` from its table's checked rows (HUB_CSV or LINK_CSV)."""
    spec = REGISTRY[key]
    build = hub_features if spec.geometry == "point" else link_features
    meta = {"layer": key, "built_from": f"data/hubs/{spec.source_table}"}
    return geojson_bytes(build(key, records, places, file), meta)


def table_schema(key: str):
    """The schema of layer ``key``'s curated table."""
    return HUB_CSV if REGISTRY[key].geometry == "point" else LINK_CSV


def build_layer(key: str, data_dir: Path, places: Places | None = None) -> bytes:
    """Layer ``key``'s GeoJSON from the curated table of ``data_dir``; raises DataValidationError."""
    table, _ = layer_file(key)
    path = data_dir / table
    rows = read_records(path, table_schema(key), data_dir)
    return layer_geojson(key, rows, places or read_places(data_dir), relative_name(path, data_dir))


def stale_layers(data_dir: Path) -> list[str]:
    """The map layers of ``data_dir`` that are not what their tables build (a table edited by hand
    without ``make hubs``), as 'geo/hubs_x.geojson'; [] when all agree. Raises DataValidationError
    when a table or the gazetteer is invalid.
    """
    places = read_places(data_dir)
    out = []
    for key in REGISTRY:
        built = data_dir / layer_file(key)[1]
        if not built.exists() or build_layer(key, data_dir, places) != built.read_bytes():
            out.append(layer_file(key)[1])
    return out
