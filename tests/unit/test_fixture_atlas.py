"""The fixture atlas (tests/data/fixture/): three western provinces of the real data, nothing invented, never stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layers import REGISTRY
from model.coverage import unused_sources
from model.regions import province_of
from tests.data.make_fixture import BUNDLED, FIXTURE, KEPT, STAT_KEPT, csv_records, make_fixture, read_json, read_text

POINT_SPECS = [s for s in REGISTRY.values() if s.geometry == "point"]
LINE_SPECS = [s for s in REGISTRY.values() if s.geometry == "line"]
TABLES = ["sources.csv", "regions.csv", "indicators/indicators.csv", "indicators/values.csv", "policy/measures.csv"]


def _features(root: Path, specs) -> list[dict]:
    return [f for s in specs for f in read_json(root / "geo" / s.file)["features"]]


def test_fixture_holds_exactly_the_three_western_provinces(fixture_data):
    bundled_hubs = {f["properties"]["id"] for f in _features(BUNDLED, POINT_SPECS)}
    kept_hubs = {
        f["properties"]["id"] for f in _features(BUNDLED, POINT_SPECS) if f["properties"]["province_adcode"] in KEPT
    }
    assert len(kept_hubs) < len(bundled_hubs)  # a subset, really
    assert set(fixture_data.hubs["province_adcode"]) == KEPT
    assert sorted(fixture_data.hubs["id"]) == sorted(kept_hubs)

    kept_links = {
        f["properties"]["id"]
        for f in _features(BUNDLED, LINE_SPECS)
        if province_of(f["properties"]["west_adcode"]) in KEPT
    }
    assert sorted(fixture_data.links["id"]) == sorted(kept_links)

    _, bundled_values = csv_records(BUNDLED / "indicators" / "values.csv")
    kept_values = [row for row, _ in bundled_values if row["adcode"] in STAT_KEPT]
    assert set(fixture_data.values["adcode"]) == STAT_KEPT  # the three and the national row
    assert len(fixture_data.values) == len(kept_values)
    assert set(fixture_data.values["indicator"]) == {row["indicator"] for row, _ in bundled_values}

    assert len(fixture_data.provinces) == 34  # the loader requires every province
    assert set(fixture_data.prefectures["province_adcode"]) == KEPT
    assert unused_sources(fixture_data) == []  # only the sources that what is kept cites


@pytest.mark.parametrize("spec", REGISTRY.values(), ids=REGISTRY.keys())
def test_every_hub_and_link_is_a_bundled_record_unchanged(spec):
    bundled_text = read_text(BUNDLED / "geo" / spec.file)
    bundled = {f["properties"]["id"]: f for f in read_json(BUNDLED / "geo" / spec.file)["features"]}
    for feature in read_json(FIXTURE / "geo" / spec.file)["features"]:
        assert feature == bundled[feature["properties"]["id"]]
        # byte for byte: the feature as written is a piece of the bundled file
        assert json.dumps(feature, ensure_ascii=False, separators=(",", ":")) in bundled_text


@pytest.mark.parametrize("name", TABLES)
def test_every_table_row_is_a_bundled_row_unchanged(name):
    header, bundled = csv_records(BUNDLED / name)
    fixture_header, rows = csv_records(FIXTURE / name)
    assert fixture_header == header
    assert rows, f"{name} is empty"
    assert {text for _, text in rows} <= {text for _, text in bundled}


def test_make_fixture_reproduces_the_committed_fixture(tmp_path):
    make_fixture(tmp_path)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    made, committed = files(tmp_path), files(FIXTURE)
    assert made.keys() == committed.keys()
    stale = [name for name in made if made[name] != committed[name]]
    assert not stale, f"tests/data/fixture/ no longer matches data/ in {stale}: run python -m tests.data.make_fixture"
