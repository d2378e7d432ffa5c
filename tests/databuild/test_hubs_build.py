"""The committed hub layers are what scripts/build_hubs.py makes, and every point sits in its unit."""

from __future__ import annotations

import shutil

import pytest
import shapely

from atlas.paths import GEO
from layers import REGISTRY
from scripts import build_hubs
from scripts._common import unit_geometry

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("geo")
    shutil.copyfile(GEO / "provinces.geojson", out / "provinces.geojson")
    build_hubs.build(geo_dir=out)
    return out


@pytest.mark.parametrize("key", list(REGISTRY))
def test_committed_layer_is_what_the_script_builds(rebuilt, key):
    name = REGISTRY[key].file
    assert (rebuilt / name).read_bytes() == (GEO / name).read_bytes(), f"rerun: make hubs ({name})"


def test_every_point_lies_in_the_unit_it_stands_for(atlas_data):
    for row in atlas_data.hubs.itertuples():
        if row.precision != "site":
            assert unit_geometry(row.place_adcode).covers(row.geometry), (row.id, row.place_adcode)


def test_link_ends_lie_in_their_units(atlas_data):
    for row in atlas_data.links.itertuples():
        west, east = (shapely.Point(xy) for xy in (row.geometry.coords[0], row.geometry.coords[-1]))
        assert unit_geometry(row.west_adcode).covers(west), row.id
        assert unit_geometry(row.east_adcode).covers(east), row.id


def test_place_name_is_the_units_name(atlas_data):
    names = build_hubs.unit_names()
    for row in atlas_data.hubs.itertuples():
        assert row.place_zh == names[row.place_adcode]
