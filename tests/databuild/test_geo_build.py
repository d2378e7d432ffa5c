"""The committed boundaries are what scripts/build_geo.py makes, and simplification kept topology."""

from __future__ import annotations

import itertools

import geopandas as gpd
import pytest
import shapely

from model.paths import GEO
from model.regions import WEST
from scripts import build_geo
from scripts._common import unit_geometry

pytestmark = pytest.mark.build

KB = 1024


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("geo")
    build_geo.build(out)
    return out


@pytest.mark.parametrize(
    "name", ["provinces.geojson", "prefectures_west.geojson", "maritime.geojson", "countries.geojson"]
)
def test_committed_geo_file_is_what_the_script_builds(rebuilt, name):
    assert (rebuilt / name).read_bytes() == (GEO / name).read_bytes(), f"rerun: make geo ({name})"


def test_size_budgets():
    assert (GEO / "provinces.geojson").stat().st_size <= 400 * KB
    assert (GEO / "prefectures_west.geojson").stat().st_size <= 600 * KB


def _neighbour_pairs(geoms: dict[str, shapely.Geometry]) -> set[tuple[str, str]]:
    """Pairs whose shared boundary is a line (not just a point)."""
    keys = sorted(geoms)
    tree = shapely.STRtree([geoms[k] for k in keys])
    pairs = set()
    for i, j in zip(*tree.query([geoms[k] for k in keys], predicate="intersects")):
        if i < j:
            shared = shapely.intersection(geoms[keys[i]].boundary, geoms[keys[j]].boundary)
            if shared.length > 0:
                pairs.add((keys[i], keys[j]))
    return pairs


def _check_topology(layer: gpd.GeoDataFrame) -> None:
    simple = dict(zip(layer["adcode"], layer.geometry))
    raw = {a: unit_geometry(a) for a in simple}
    raw_pairs = _neighbour_pairs(raw)
    simple_pairs = _neighbour_pairs(simple)
    assert raw_pairs, "no neighbours found in the raw data"
    assert raw_pairs == simple_pairs, raw_pairs ^ simple_pairs
    for a, b in itertools.combinations(sorted(simple), 2):
        if simple[a].intersects(simple[b]):
            assert simple[a].intersection(simple[b]).area < 1e-9, f"{a} and {b} overlap"
    assert all(g.is_valid for g in simple.values())


def test_provinces_keep_every_neighbour_and_no_overlap():
    _check_topology(gpd.read_file(GEO / "provinces.geojson"))


def test_western_prefectures_keep_every_neighbour_and_no_overlap():
    _check_topology(gpd.read_file(GEO / "prefectures_west.geojson"))


def test_western_provinces_are_exactly_their_prefectures():
    prov = gpd.read_file(GEO / "provinces.geojson").set_index("adcode").geometry
    pref = gpd.read_file(GEO / "prefectures_west.geojson")
    assert set(pref["province_adcode"]) == set(WEST)
    for adcode, group in pref.groupby("province_adcode"):
        union = shapely.union_all(group.geometry.values)
        assert union.symmetric_difference(prov[adcode]).area < 1e-9, adcode


def test_every_south_china_sea_islet_is_kept():
    hainan = gpd.read_file(GEO / "provinces.geojson").set_index("adcode").geometry["460000"]
    raw = unit_geometry("460000")
    assert shapely.get_num_geometries(hainan) == shapely.get_num_geometries(raw)
    assert hainan.bounds[1] < 4.5  # 曾母暗沙 (about 3.9°N) is on the map


def test_maritime_line_keeps_its_ten_dashes():
    line = gpd.read_file(GEO / "maritime.geojson").geometry.iloc[0]
    assert line.geom_type == "MultiLineString"
    assert shapely.get_num_geometries(line) == 10
