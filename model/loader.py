"""Load and validate all bundled data, once. Callers get read-only frames, never raw files.

``load_atlas()`` checks every file against its schema (model/tables.py) and the tables against
each other (adcodes exist, points lie inside their province, every source_id resolves) and raises
DataValidationError naming file, row and column when anything is wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from layers import REGISTRY
from layers.base import LayerSpec
from model import history as hub_history
from model.paths import DATA
from model.regions import PROVINCES, WEST, prefecture_of, province_of
from model.schema import DataValidationError, Gathered, Issue, Schema, read_csv_records
from model.tables import (
    AREA_RECORDS,
    HISTORY,
    HUB,
    INDICATORS,
    LINK,
    MEASURES,
    OFFICIAL_COUNTS,
    REGIONS,
    SOURCES,
    VALUES,
)

# Bounding boxes as (min lon, min lat, max lon, max lat): lon, lat order everywhere.
WORLD = (-180.0, -90.0, 180.0, 90.0)
CHINA = (73.0, 3.0, 136.0, 54.0)  # every province, prefecture, hub and link end lies in it


@dataclass(frozen=True)
class Tables:
    """Every table of a data directory, validated (``load_atlas``). Geometries are WGS84 lon, lat.

    Callers read the frames and never modify them: one loaded atlas serves every user.
    """

    provinces: gpd.GeoDataFrame
    prefectures: gpd.GeoDataFrame
    countries: gpd.GeoDataFrame
    maritime: gpd.GeoDataFrame
    hubs: gpd.GeoDataFrame  # every point layer, with a `layer` column
    history: pd.DataFrame  # dated events of hubs (model/history.py), in file order
    official_counts: pd.DataFrame  # official counts per designation (model/coverage.py)
    links: gpd.GeoDataFrame  # line layers
    sources: pd.DataFrame  # indexed by source_id
    indicators: pd.DataFrame  # indexed by indicator
    values: pd.DataFrame
    measures: pd.DataFrame  # indexed by ref
    regions: pd.DataFrame  # named sub-regions: region, names, adcodes (provinces or prefectures)
    data_dir: Path
    # designations named at an area, their site not published (data/hubs/area_records.csv), with
    # `provinces`: the western provinces the area touches; empty for a data directory without one
    areas: pd.DataFrame


def relative_name(path: Path, root: Path) -> str:
    """How messages name a file: its path from the data directory's parent (``data/hubs/x.csv``),
    or the path as given when it lies elsewhere.
    """
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_records(path: Path, schema: Schema, root: Path) -> list[dict[str, Any]]:
    """A CSV file's rows, checked and converted by ``schema`` (errors name ``path`` from ``root``)."""
    name = relative_name(path, root)
    if not path.exists():
        raise DataValidationError([Issue(name, "file", "*", "file is missing")])
    header, records = read_csv_records(path, name)
    return schema.validate_records(records, name, present=header)


def read_table(path: Path, schema: Schema, root: Path) -> pd.DataFrame:
    """A CSV file as a frame with the schema's columns, in order (see ``read_records``).

    Raises DataValidationError naming file, row and column.
    """
    return pd.DataFrame(read_records(path, schema, root), columns=schema.names)


def read_feature_collection(path: Path, root: Path) -> dict:
    """A GeoJSON file as a dict, checked to be a FeatureCollection with a list of features.

    Raises DataValidationError when the file is missing, not UTF-8, not JSON (naming the line), or
    not a FeatureCollection with a list of features.
    """
    name = relative_name(path, root)
    if not path.exists():
        raise DataValidationError([Issue(name, "file", "*", "file is missing")])
    try:
        fc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise DataValidationError([Issue(name, e.lineno, "*", f"invalid JSON: {e.msg}", "line")]) from None
    except UnicodeDecodeError:
        raise DataValidationError([Issue(name, "file", "*", "is not valid UTF-8")]) from None
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection":
        raise DataValidationError([Issue(name, "file", "type", "not a GeoJSON FeatureCollection")])
    if not isinstance(fc.get("features"), list):
        raise DataValidationError([Issue(name, "file", "features", "missing feature list")])
    return fc


def _geometries(fc: dict, name: str, kinds: set[str], extent: tuple) -> list[shapely.Geometry]:
    issues, geoms = [], []
    for n, feat in enumerate(fc["features"], start=1):
        try:
            geom = shapely.geometry.shape(feat["geometry"])
        except Exception as e:  # noqa: BLE001 - any malformed geometry is reported, not raised
            issues.append(Issue(name, n, "geometry", f"unreadable geometry ({e})", "feature"))
            continue
        if geom.geom_type not in kinds:
            issues.append(Issue(name, n, "geometry", f"{geom.geom_type} is not {kinds}", "feature"))
        elif geom.is_empty or not geom.is_valid:
            issues.append(Issue(name, n, "geometry", "empty or invalid geometry", "feature"))
        else:
            x0, y0, x1, y1 = geom.bounds
            if x0 < extent[0] or y0 < extent[1] or x1 > extent[2] or y1 > extent[3]:
                msg = f"coordinates {geom.bounds} are outside lon/lat {extent} (WGS84 lon, lat?)"
                issues.append(Issue(name, n, "geometry", msg, "feature"))
        geoms.append(geom)
    if issues:
        raise DataValidationError(issues)
    if kinds & {"Polygon", "MultiPolygon"}:
        # Plotly draws geo polygons with d3-geo, which takes a counter-clockwise exterior ring (the
        # RFC 7946 winding that GDAL and mapshaper can write) for the whole globe minus the shape:
        # the map goes blank. Every ring is oriented as the renderer expects, exteriors clockwise.
        geoms = list(shapely.orient_polygons(geoms, exterior_cw=True))
    return geoms


def read_geo(
    path: Path, root: Path, kinds: set[str], schema: Schema | None = None, extent: tuple = CHINA
) -> gpd.GeoDataFrame:
    """A GeoJSON layer: geometry checked, properties validated against ``schema`` if given."""
    name = relative_name(path, root)
    fc = read_feature_collection(path, root)
    props = [f.get("properties") or {} for f in fc["features"]]
    geoms = _geometries(fc, name, kinds, extent)
    if schema is not None:
        props = schema.validate_records(props, name, first_row=1, unit="feature")
        columns = schema.names
    else:
        columns = list(props[0]) if props else []
    return gpd.GeoDataFrame(pd.DataFrame(props, columns=columns), geometry=geoms, crs="EPSG:4326")


def _require(issues: list[Issue]) -> None:
    if issues:
        raise DataValidationError(issues)


def _check_sources(frames: Mapping[str, pd.DataFrame], known: set[str]) -> None:
    """Every source_id (a str or a list of them) resolves in data/sources.csv."""
    issues = []
    for name, df in frames.items():
        for n, ids in enumerate(df["source_id"], start=1):
            for sid in ids if isinstance(ids, list) else [ids]:
                if sid not in known:
                    unit = "feature" if name.endswith(".geojson") else "row"
                    row = n if unit == "feature" else n + 1
                    issues.append(Issue(name, row, "source_id", f"{sid!r} is not in sources.csv", unit))
    _require(issues)


def _check_hubs(hubs: gpd.GeoDataFrame, spec: LayerSpec, name: str, provinces: gpd.GeoDataFrame):
    issues = []
    shapes = provinces.set_index("adcode").geometry
    for n, row in enumerate(hubs.itertuples(), start=1):
        if row.layer != spec.key:
            issues.append(Issue(name, n, "layer", f"{row.layer!r} is not {spec.key!r}", "feature"))
        elif (bad := id_prefix_issue(row.id, spec)) is not None:
            issues.append(Issue(name, n, "id", bad, "feature"))
        elif not shapes[row.province_adcode].covers(row.geometry):
            msg = f"point {row.geometry.x:.4f}, {row.geometry.y:.4f} is outside province {row.province_adcode}"
            issues.append(Issue(name, n, "geometry", msg, "feature"))
    _require(issues)


def id_prefix_issue(hub_id: str, spec: LayerSpec) -> str | None:
    """Why ``hub_id`` cannot be an id of layer ``spec`` (it does not begin with one of the layer's
    ``id_prefixes``), or None: the official counts select a designation's rows by the prefix.
    """
    if spec.id_prefixes and hub_id.split("-")[0] not in spec.id_prefixes:
        begin = " or ".join(f"{p}-" for p in spec.id_prefixes)
        return f"ids of {spec.key} begin {begin}, not {hub_id!r} (the official counts select rows by them)"
    return None


def _check_links(links: gpd.GeoDataFrame, spec: LayerSpec, name: str, provinces: gpd.GeoDataFrame):
    issues = []
    shapes = provinces.set_index("adcode").geometry
    for n, row in enumerate(links.itertuples(), start=1):
        if row.layer != spec.key:
            issues.append(Issue(name, n, "layer", f"{row.layer!r} is not {spec.key!r}", "feature"))
            continue
        if (bad := id_prefix_issue(row.id, spec)) is not None:
            issues.append(Issue(name, n, "id", bad, "feature"))
            continue
        coords = list(row.geometry.coords)
        ends = (("west_adcode", row.west_adcode, coords[0]), ("east_adcode", row.east_adcode, coords[-1]))
        for col, adcode, xy in ends:
            prov = province_of(adcode)
            if prov not in shapes.index or not shapes[prov].covers(shapely.Point(xy)):
                issues.append(Issue(name, n, col, f"line end {xy} is outside province {prov}", "feature"))
    _require(issues)


def _check_values(values: pd.DataFrame, indicators: pd.DataFrame, name: str) -> None:
    issues = []
    unknown = ~values["indicator"].isin(indicators.index)
    for i in values.index[unknown]:
        msg = f"{values.at[i, 'indicator']!r} is not defined in indicators.csv"
        issues.append(Issue(name, int(i) + 2, "indicator", msg))
    dup = values.duplicated(["adcode", "year", "indicator"], keep="first")
    for i in values.index[dup]:
        msg = "repeats an earlier (adcode, year, indicator)"
        issues.append(Issue(name, int(i) + 2, "indicator", msg))
    _require(issues)


def _check_provinces(provinces: gpd.GeoDataFrame, name: str) -> None:
    issues = []
    missing = set(PROVINCES) - set(provinces["adcode"])
    issues += [Issue(name, "file", "adcode", f"province {a} is missing") for a in sorted(missing)]
    for n, (a, west) in enumerate(zip(provinces["adcode"], provinces["west"]), start=1):
        if a not in PROVINCES:
            issues.append(Issue(name, n, "adcode", f"{a!r} is not a province adcode", "feature"))
        elif bool(west) != (a in WEST):
            issues.append(Issue(name, n, "west", f"west flag {west!r} is wrong for {a}", "feature"))
    _require(issues)


def load_atlas(data_dir: Path = DATA) -> Tables:
    """Read and validate every bundled file under ``data_dir`` (uncached; see ``model.prepared.current``).

    Raises DataValidationError listing every problem found (file, row, column), not only the first.
    """
    got = Gathered()
    geo = data_dir / "geo"
    polygons = {"Polygon", "MultiPolygon"}
    provinces = got.run(read_geo, geo / "provinces.geojson", data_dir, polygons)
    name = relative_name(geo / "provinces.geojson", data_dir)
    if provinces is not None and not got.passes(_check_provinces, provinces, name):
        provinces = None  # the checks that need each province's shape wait until it is sound
    prefectures = got.run(read_geo, geo / "prefectures_west.geojson", data_dir, polygons)
    countries = got.run(read_geo, geo / "countries.geojson", data_dir, polygons, extent=WORLD)
    maritime = got.run(read_geo, geo / "maritime.geojson", data_dir, {"LineString", "MultiLineString"})

    sources = got.run(read_table, data_dir / "sources.csv", SOURCES, data_dir)
    indicators = got.run(read_table, data_dir / "indicators" / "indicators.csv", INDICATORS, data_dir)
    values_path = data_dir / "indicators" / "values.csv"
    values = got.run(read_table, values_path, VALUES, data_dir)
    measures = got.run(read_table, data_dir / "policy" / "measures.csv", MEASURES, data_dir)
    regions_path = data_dir / "regions.csv"
    regions = got.run(read_table, regions_path, REGIONS, data_dir)
    if values is not None and indicators is not None:
        got.run(_check_values, values, indicators.set_index("indicator"), relative_name(values_path, data_dir))

    hub_frames, link_frames, cited, sound = [], [], {}, True  # sound: every layer read and checked
    for spec in REGISTRY.values():
        path = geo / spec.file
        name = relative_name(path, data_dir)
        point = spec.geometry == "point"
        frame = got.run(read_geo, path, data_dir, {"Point"} if point else {"LineString"}, HUB if point else LINK)
        if frame is None:
            sound = False
            continue
        if provinces is None or not got.passes(_check_hubs if point else _check_links, frame, spec, name, provinces):
            sound = False
        (hub_frames if point else link_frames).append(frame)
        cited[name] = frame
    history_path = data_dir / "hubs" / "history.csv"
    history = got.run(read_table, history_path, HISTORY, data_dir)
    counts_path = data_dir / "official_counts.csv"
    official_counts = got.run(read_table, counts_path, OFFICIAL_COUNTS, data_dir)
    if official_counts is not None:
        got.issues += [
            Issue(relative_name(counts_path, data_dir), n, "layer", f"{layer!r} is not a layer")
            for n, layer in enumerate(official_counts["layer"], start=2)
            if layer not in REGISTRY
        ]
    areas_path = data_dir / AREAS_FILE
    areas = no_areas()
    if areas_path.exists():
        areas = got.run(_read_areas, areas_path, data_dir, regions) if regions is not None else None
    for path, frame in [
        (values_path, values),
        (data_dir / "policy" / "measures.csv", measures),
        (regions_path, regions),
        (history_path, history),
        (counts_path, official_counts),
        (areas_path, areas),
    ]:
        if frame is not None:
            cited[relative_name(path, data_dir)] = frame
    if sources is not None:
        got.run(_check_sources, cited, set(sources["source_id"]))

    hubs = pd.concat(hub_frames, ignore_index=True) if hub_frames else None
    if sound and hubs is not None:
        hubs["established"] = hubs["established"].astype("Int64")  # a year, or <NA> when unknown
        hubs["prefecture_adcode"] = hubs["place_adcode"].map(prefecture_of)
        dup = hubs["id"].duplicated()
        got.issues += [
            Issue("data/geo/hubs_*.geojson", "file", "id", f"{i!r} is used by two layers") for i in hubs["id"][dup]
        ]
        taken = set(hubs["id"]) | {i for frame in link_frames for i in frame["id"]}
        if areas is not None:
            got.issues += [
                Issue(relative_name(areas_path, data_dir), n, "id", f"{i!r} is a hub's or a link's id")
                for n, i in enumerate(areas["id"], start=2)
                if i in taken
            ]
        if history is not None and not dup.any():
            hub_files = {key: f"data/hubs/{spec.source_table}" for key, spec in REGISTRY.items()}
            got.run(hub_history.check, hubs, history, relative_name(history_path, data_dir), hub_files)
    got.raise_any()
    return Tables(
        provinces=provinces,
        prefectures=prefectures,
        countries=countries,
        maritime=maritime,
        hubs=gpd.GeoDataFrame(hubs, geometry="geometry", crs="EPSG:4326"),
        history=history,
        official_counts=official_counts,
        links=gpd.GeoDataFrame(pd.concat(link_frames, ignore_index=True), geometry="geometry", crs="EPSG:4326"),
        sources=sources.set_index("source_id", drop=False),
        indicators=indicators.set_index("indicator", drop=False),
        values=values,
        measures=measures.set_index("ref", drop=False),
        regions=regions,
        data_dir=data_dir,
        areas=areas,
    )


AREAS_FILE = "hubs/area_records.csv"  # inside the data directory; optional


def no_areas() -> pd.DataFrame:
    """An area-record table with no rows (a data directory without the file)."""
    return pd.DataFrame(columns=[*AREA_RECORDS.names, "provinces"])


def _read_areas(path: Path, data_dir: Path, regions: pd.DataFrame) -> pd.DataFrame:
    """The area records, each area a region of regions.csv or western province adcodes, with the
    western provinces each touches (``provinces``, a frozenset). Raises DataValidationError.
    """
    name = relative_name(path, data_dir)
    frame = read_table(path, AREA_RECORDS, data_dir)
    units = {r: [*a, *p] for r, a, p in zip(regions["region"], regions["adcodes"], regions["partial_adcodes"])}
    issues, touched = [], []
    for n, row in enumerate(frame.itertuples(), start=2):
        if row.layer not in REGISTRY:
            issues.append(Issue(name, n, "layer", f"{row.layer!r} is not a layer"))
        provinces: set[str] = set()
        for code in row.area:
            if code in WEST:
                provinces.add(code)
            elif code in units:
                provinces |= {province_of(u) for u in units[code]} & WEST
            elif re.fullmatch(r"\d{6}", code):
                msg = f"{code!r} is not one of the twelve western provinces' adcodes (nor a region of regions.csv)"
                issues.append(Issue(name, n, "area", msg))
            else:
                msg = f"{code!r} is neither a region of regions.csv nor a western province's adcode"
                issues.append(Issue(name, n, "area", msg))
        touched.append(frozenset(provinces))
    _require(issues)
    frame["provinces"] = touched
    return frame


def as_records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as a list of dicts, one per row, without the geometry column."""
    return df.drop(columns="geometry", errors="ignore").to_dict("records")
