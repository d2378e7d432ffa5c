"""Every validation rule: a broken fixture stops loading with a message naming file, row and column."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from model.loader import load_atlas
from model.schema import DataValidationError

BROKEN = Path(__file__).resolve().parent.parent / "data" / "broken"
VALUES = "indicators/values.csv"
HERITAGE = "geo/hubs_heritage.geojson"

# fixture file, where it goes under data/, and what the error must name: (file, place, column)
CASES = [
    ("values_missing_column.csv", VALUES, ("data/indicators/values.csv", "header", "indicator")),
    ("values_bad_year.csv", VALUES, ("data/indicators/values.csv", "row 3", "year")),
    ("values_year_out_of_range.csv", VALUES, ("data/indicators/values.csv", "row 3", "year")),
    ("values_unknown_adcode.csv", VALUES, ("data/indicators/values.csv", "row 3", "adcode")),
    ("values_bad_number.csv", VALUES, ("data/indicators/values.csv", "row 3", "value")),
    ("values_negative.csv", VALUES, ("data/indicators/values.csv", "row 3", "value")),
    ("values_trailing_space.csv", VALUES, ("data/indicators/values.csv", "row 3", "value")),
    ("values_unknown_indicator.csv", VALUES, ("data/indicators/values.csv", "row 3", "indicator")),
    ("values_duplicate_key.csv", VALUES, ("data/indicators/values.csv", "row 3", "indicator")),
    ("values_unresolved_source.csv", VALUES, ("data/indicators/values.csv", "row 3", "source_id")),
    ("values_short_row.csv", VALUES, ("data/indicators/values.csv", "row 3", "*")),
    ("values_latin1.csv", VALUES, ("data/indicators/values.csv", "row 3", "*")),
    ("sources_duplicate_id.csv", "sources.csv", ("data/sources.csv", "row 3", "source_id")),
    ("sources_bad_url.csv", "sources.csv", ("data/sources.csv", "row 2", "url")),
    ("sources_bad_date.csv", "sources.csv", ("data/sources.csv", "row 2", "date")),
    ("sources_missing_publisher.csv", "sources.csv", ("data/sources.csv", "row 2", "publisher")),
    ("sources_missing_publisher_en.csv", "sources.csv", ("data/sources.csv", "row 2", "publisher_en")),
    ("indicators_bad_bool.csv", "indicators/indicators.csv", ("indicators.csv", "row 2", "higher_is_better")),
    ("measures_unknown_ref.csv", "policy/measures.csv", ("data/policy/measures.csv", "row 2", "ref")),
    ("hub_outside_province.geojson", HERITAGE, ("data/geo/hubs_heritage.geojson", "feature 1", "geometry")),
    ("hub_swapped_lonlat.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "geometry")),
    ("hub_bad_sector.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "sectors")),
    ("hub_bad_policy_ref.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "policy_refs")),
    ("hub_precision_mismatch.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "precision")),
    ("hub_wrong_layer.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "layer")),
    ("hub_missing_name.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "name_zh")),
    ("hub_bad_year.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "established")),
    ("hub_not_point.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "geometry")),
    ("hub_unresolved_source.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "source_id")),
    ("hub_bad_partner.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "partners")),
    ("hub_city_without_english.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "city_en")),
    ("hub_invalid_json.geojson", HERITAGE, ("hubs_heritage.geojson", "line 4", "*")),
    # another layer's id (agp-baise) in heritage: refused by its prefix, which keeps ids apart across
    # layers (each layer's prefixes are its own: test_layer_id_prefixes_are_disjoint)
    ("hub_duplicate_id_across_layers.geojson", HERITAGE, ("hubs_heritage.geojson", "feature 1", "id")),
    ("official_count_without_source.csv", "official_counts.csv", ("data/official_counts.csv", "row 2", "source_id")),
    ("official_count_bad_select.csv", "official_counts.csv", ("data/official_counts.csv", "row 2", "select")),
]


def test_layer_id_prefixes_are_disjoint():
    from layers import REGISTRY

    seen: dict[str, str] = {}
    for key, spec in REGISTRY.items():
        assert spec.id_prefixes, key
        for prefix in spec.id_prefixes:
            assert prefix not in seen, (prefix, key, seen.get(prefix))
            seen[prefix] = key


def test_bundled_data_is_valid(atlas_data):
    assert len(atlas_data.provinces) == 34
    assert len(atlas_data.hubs) > 200


def test_every_broken_fixture_is_used():
    used = {c[0] for c in CASES}
    assert used == {p.name for p in BROKEN.iterdir()}


@pytest.mark.parametrize(("fixture", "target", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_names_file_row_and_column(data_copy, fixture, target, expected):
    shutil.copyfile(BROKEN / fixture, data_copy / target)
    with pytest.raises(DataValidationError) as err:
        load_atlas(data_copy)
    file, place, column = expected
    first = [str(i) for i in err.value.issues if file in i.file]
    assert first, str(err.value)
    assert any(place in line and f"column '{column}'" in line for line in first), str(err.value)


def test_missing_file_is_named(data_copy):
    (data_copy / "sources.csv").unlink()
    with pytest.raises(DataValidationError, match=r"data/sources.csv: file, column '\*': file is missing"):
        load_atlas(data_copy)


def test_missing_province_is_named(data_copy):
    path = data_copy / "geo" / "provinces.geojson"
    fc = json.loads(path.read_text())
    fc["features"] = [f for f in fc["features"] if f["properties"]["adcode"] != "540000"]
    path.write_text(json.dumps(fc))
    with pytest.raises(DataValidationError, match="province 540000 is missing"):
        load_atlas(data_copy)


def test_wrong_west_flag_is_named(data_copy):
    path = data_copy / "geo" / "provinces.geojson"
    fc = json.loads(path.read_text())
    for f in fc["features"]:
        if f["properties"]["adcode"] == "440000":
            f["properties"]["west"] = True
    path.write_text(json.dumps(fc))
    with pytest.raises(DataValidationError, match=r"column 'west': west flag True is wrong for 440000"):
        load_atlas(data_copy)


def test_many_errors_are_all_reported(data_copy):
    path = data_copy / "indicators" / "values.csv"
    lines = path.read_text().splitlines()
    lines[5] = lines[5].replace(",20", ",2x", 1)
    lines[9] = "999999" + lines[9][6:]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataValidationError) as err:
        load_atlas(data_copy)
    rows = {(i.row, i.column) for i in err.value.issues}
    assert (6, "year") in rows and (10, "adcode") in rows


def test_every_source_is_cited_by_some_row(atlas_data):
    from model.coverage import unused_sources

    assert unused_sources(atlas_data) == []


@pytest.mark.parametrize(
    ("place", "precision", "fits"),
    [("500000", "city", False), ("500000", "province", True), ("530000", "city", False), ("500106", "district", True),
     ("510100", "city", True), ("659001", "county", True), ("510000", "site", True)],
)  # fmt: skip
def test_a_point_placed_from_a_province_level_unit_claims_province_precision(place, precision, fits):
    """Chongqing's hubs sat at the whole municipality's point claiming city precision (issue 14)."""
    from model.tables import _place_matches_precision

    row = {"place_adcode": place, "province_adcode": place[:2] + "0000", "precision": precision}
    assert (_place_matches_precision(row) is None) == fits


def test_every_bundled_hub_at_a_province_level_unit_says_so(atlas_data):
    at_province = atlas_data.hubs[atlas_data.hubs["place_adcode"].str.endswith("0000")]
    assert len(at_province) and set(at_province["precision"]) <= {"province", "site"}


def test_every_layer_is_set_beside_an_official_count(atlas_data):
    from layers import POINT_LAYERS
    from model.coverage import official_counts

    table = official_counts(atlas_data)
    assert set(POINT_LAYERS) <= set(table["layer"])  # every hub layer has at least one designation
    assert (table["atlas_all"] > 0).all(), table.loc[table["atlas_all"] == 0, "designation"].tolist()
    # a count of the document's own list is never below what the atlas holds of it, except where said
    named = table[table["scope"] == "document"]
    short = named[named["atlas"] < named["official"]]["designation"].tolist()
    assert short == ["big_science_named"]  # the Yangtze basin system: site not published


def test_official_counts_count_the_atlas_rows_by_pattern_and_status(fixture_data):
    from model.coverage import official_counts

    table = official_counts(fixture_data).set_index("designation")
    hubs = fixture_data.hubs
    htz = hubs[hubs["layer"] == "hightech_zones"]
    assert table.at["hightech_national", "atlas"] == int((htz["status"] == "existing").sum())
    assert table.at["hightech_national", "atlas_all"] == len(htz)


def test_boundaries_wound_the_rfc_7946_way_are_oriented_as_the_renderer_expects(data_copy):
    """GDAL and mapshaper can write counter-clockwise exterior rings; d3-geo would fill the globe."""
    import shapely
    from shapely.geometry import mapping, shape

    from figures.map.static import prefecture_geojson
    from model.prepared import prepare

    path = data_copy / "geo" / "prefectures_west.geojson"
    fc = json.loads(path.read_text(encoding="utf-8"))
    for f in fc["features"]:
        f["geometry"] = mapping(shapely.orient_polygons(shape(f["geometry"]), exterior_cw=False))
    path.write_text(json.dumps(fc), encoding="utf-8")
    assert all(p.exterior.is_ccw for f in fc["features"] for p in shapely.get_parts(shape(f["geometry"])))
    data = prepare(load_atlas(data_copy))
    drawn = prefecture_geojson(data)["features"]
    assert drawn and not any(p.exterior.is_ccw for f in drawn for p in shapely.get_parts(shape(f["geometry"])))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\n", "row 4, column '*': is a blank line: delete it"),
        ("   \n", "row 4, column '*': is a blank line: delete it"),
        ('x-1,"a "quoted" name",b\n', "row 4, column '*': ',' expected after '\"'"),
        ('x-1,"unclosed,b\n', "unexpected end of data: a value holding a comma"),
    ],
)
def test_a_hand_edited_csv_line_is_named_with_what_to_do(data_copy, text, expected):
    path = data_copy / "hubs" / "area_records.csv"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_atlas(data_copy)
    assert "data/hubs/area_records.csv: row" in str(err.value)  # named from the data directory
    assert expected in str(err.value)
