"""The committed hub layers are what scripts/build_hubs.py makes, and every point sits in its unit."""

from __future__ import annotations

import shutil

import geopandas as gpd
import pytest
import shapely

from layers import REGISTRY
from model.paths import DATA, GEO
from model.places import read_places
from scripts import build_hubs, build_places
from scripts._common import admin_index, unit_geometry

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("geo")
    build_hubs.build(out=out)
    return out


def test_committed_gazetteer_is_what_the_script_builds(tmp_path):
    shutil.copyfile(GEO / "provinces.geojson", tmp_path / "provinces.geojson")
    build_places.build(tmp_path)
    assert (tmp_path / "places.csv").read_bytes() == (GEO / "places.csv").read_bytes(), "rerun: make geo"


def test_every_gazetteer_point_lies_in_its_unit_and_its_province():
    frame = gpd.read_file(GEO / "provinces.geojson")
    provinces = dict(zip(frame["adcode"], frame.geometry))
    places = read_places(DATA)
    assert len(places.by_adcode) > 1400
    for p in places.by_adcode.values():
        point = shapely.Point(p.lon, p.lat)
        assert provinces[p.province_adcode].covers(point), p.adcode
        assert unit_geometry(p.adcode).buffer(1e-4).covers(point), p.adcode  # snapped to the 1e-4 grid


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
    names = {r["adcode"]: r["district"] or r["city"] or r["province"] for r in admin_index()}
    for row in atlas_data.hubs.itertuples():
        assert row.place_zh == names[row.place_adcode]


def test_english_place_name_of_a_prefecture_is_the_prefectures(atlas_data):
    prefectures = dict(zip(atlas_data.prefectures["adcode"], atlas_data.prefectures["name_en"]))
    places = 0
    for row in atlas_data.hubs.itertuples():
        if row.place_adcode in prefectures:
            places += 1
            assert row.place_en == prefectures[row.place_adcode], row.id
    assert places > 100
    by_name = dict(zip(atlas_data.prefectures["name_zh"], atlas_data.prefectures["name_en"]))
    for row in atlas_data.hubs.itertuples():
        if isinstance(row.city_zh, str):
            assert row.city_en == by_name[row.city_zh], row.id


def test_every_english_place_name_is_romanised(atlas_data):
    import re

    for name in set(atlas_data.hubs["place_en"]) | set(atlas_data.prefectures["name_en"]):
        # Latin letters (ü allowed), capitalised words, apostrophes; no Chinese, no tone marks
        assert re.fullmatch(r"\(?[A-Z][a-zü']*\)?( \(?[A-Z][a-zü']*\)?)*", name), name


@pytest.mark.parametrize(
    ("adcode", "name_zh", "english"),
    [
        ("610403", "杨陵区", "Yangling District"),
        ("500233", "忠县", "Zhong County"),
        ("532504", "弥勒市", "Mile City"),
        ("530126", "石林彝族自治县", "Shilin Autonomous County"),
        ("500242", "酉阳土家族苗族自治县", "Youyang Autonomous County"),
        ("150123", "和林格尔县", "Horinger County"),  # Mongolian name, not Helingeer
        ("500230", "丰都县", "Fengdu County"),  # pypinyin alone reads Fengdou
        ("610103", "碑林区", "Beilin District"),  # a district whose name ends in 林, not a forestry district
        ("150206", "白云鄂博矿区", "Bayan Obo Mining District"),
        ("520203", "六枝特区", "Liuzhi Special District"),
    ],
)
def test_county_level_names_follow_pinyin_conventions(adcode, name_zh, english):
    from scripts.placenames import county_name_en

    assert county_name_en(adcode, name_zh) == english


def test_a_banner_without_its_english_name_stops_the_build():
    from scripts.placenames import county_name_en

    # banners carry Mongolian names (土默特右旗 is Tumed Right Banner): pinyin would be wrong
    with pytest.raises(ValueError, match="COUNTY_OVERRIDES"):
        county_name_en("150221", "土默特右旗")


def test_pinyin_apostrophe_and_prefecture_overrides():
    from scripts.placenames import prefecture_name_en, romanise

    assert romanise("延安") == "Yan'an" and romanise("普洱") == "Pu'er" and romanise("西宁") == "Xining"
    assert prefecture_name_en("650100", "乌鲁木齐市") == "Urumqi"
    assert prefecture_name_en("650200", "克拉玛依市") == "Karamay"
    assert prefecture_name_en("532300", "楚雄彝族自治州") == "Chuxiong Autonomous Prefecture"
