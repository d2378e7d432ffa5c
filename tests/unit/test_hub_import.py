"""Hub updates through `python -m atlas data import`: a hub layer's table is upserted, its map layer
rebuilt with each new hub placed from the unit it names (the gazetteer data/geo/places.csv), both
written with the table; rows that only hold together (a zone's row and its history event) go in
one import; every refusal names the file, the row and the column.

Each test starts from a copy of data/ taken back to an earlier state (a bundled hub removed, a
revocation not yet recorded) and imports the bundled rows again: the result must be the bundled
data, to the byte where the order allows.
"""

from __future__ import annotations

import json

import pytest

from atlas.__main__ import main
from model import importer
from model.hub_layers import build_layer
from model.live import Live
from model.loader import load_atlas
from model.paths import DATA
from model.prepared import prepare

HTZ, HTZ_LAYER = "hubs/hightech_zones.csv", "geo/hubs_hightech_zones.geojson"
AGP, AGP_LAYER = "hubs/agri_parks.csv", "geo/hubs_agri_parks.geojson"
HISTORY = "hubs/history.csv"


@pytest.fixture
def data_dir(data_copy):
    return data_copy  # tests/conftest.py: a private copy of data/, hidden folders left out


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write(path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _without_last_zone(data_dir) -> str:
    """The copy without the high-tech zone table's last row (its layer rebuilt); returns the row."""
    lines = _lines(data_dir / HTZ)
    _write(data_dir / HTZ, lines[:-1])
    (data_dir / HTZ_LAYER).write_bytes(build_layer("hightech_zones", data_dir))
    load_atlas(data_dir)  # a valid earlier state
    return lines[-1]


def _run(*args) -> int:
    return main(["data", "import", *map(str, args)])


def test_a_new_zone_is_placed_as_the_bundled_build_placed_it(data_dir, tmp_path, capsys):
    row = _without_last_zone(data_dir)
    zone_id = row.split(",")[0]
    new = tmp_path / "new-zone.csv"
    _write(new, [_lines(DATA / HTZ)[0], row])
    assert _run(new, "--data-dir", data_dir, "--yes") == 0
    out = capsys.readouterr().out
    assert f"+ {zone_id}:" in out and "added 1, changed 0, removed 0" in out
    assert f"its map layer {data_dir / HTZ_LAYER}" in out
    assert (data_dir / HTZ).read_bytes() == (DATA / HTZ).read_bytes()
    assert (data_dir / HTZ_LAYER).read_bytes() == (DATA / HTZ_LAYER).read_bytes()
    hub = load_atlas(data_dir).hubs.set_index("id").loc[zone_id]
    assert hub.precision == "city" and hub.place_en == "Aksu Prefecture"
    assert hub.geometry.within(load_atlas(data_dir).provinces.set_index("adcode").loc["650000"].geometry)


def test_a_running_process_serves_the_imported_zone(data_dir, tmp_path):
    row = _without_last_zone(data_dir)
    live = Live(data_dir, prepare, poll=0)
    before = live.get()
    assert row.split(",")[0] not in set(before.hubs["id"])
    new = tmp_path / "new-zone.csv"
    _write(new, [_lines(DATA / HTZ)[0], row])
    assert _run(new, "--data-dir", data_dir, "--yes") == 0
    after = live.get()
    assert after.version != before.version and row.split(",")[0] in set(after.hubs["id"])


def test_a_place_the_gazetteer_lacks_is_refused_at_its_row_in_the_file(data_dir, tmp_path, capsys):
    row = _without_last_zone(data_dir)
    cells = row.split(",")
    cells[6] = "659900"  # place_adcode: no such unit
    new = tmp_path / "new-zone.csv"
    _write(new, [_lines(DATA / HTZ)[0], ",,,,", ",".join(cells)])  # an Excel blank row first
    before = (data_dir / HTZ_LAYER).read_bytes()
    assert _run(new, "--data-dir", data_dir, "--yes") == 1
    err = capsys.readouterr().err
    assert f"{new}: row 3, column 'place_adcode': 659900 is not a unit of the gazetteer" in err
    assert (data_dir / HTZ_LAYER).read_bytes() == before


def test_a_city_that_is_not_a_prefecture_of_the_province_is_refused(data_dir, tmp_path, capsys):
    row = _without_last_zone(data_dir)
    new = tmp_path / "new-zone.csv"
    _write(new, [_lines(DATA / HTZ)[0], row.replace(",阿克苏地区,", ",成都市,")])
    assert _run(new, "--data-dir", data_dir, "--dry-run") == 1
    assert "row 2, column 'city_zh': '成都市' is not a prefecture-level unit of 650000" in capsys.readouterr().err


def test_a_file_updates_one_hub_layer(data_dir, tmp_path, capsys):
    zone = _lines(DATA / HTZ)[-1]
    park = _lines(DATA / AGP)[-1]
    new = tmp_path / "mixed.csv"
    _write(new, [_lines(DATA / HTZ)[0], zone, park])
    assert _run(new, "--data-dir", data_dir, "--dry-run") == 1
    assert "row 3, column 'layer': a file updates one hub layer" in capsys.readouterr().err
    _write(new, [_lines(DATA / HTZ)[0], zone.replace(",hightech_zones,", ",hightech_zone,")])
    assert _run(new, "--data-dir", data_dir, "--dry-run") == 1
    assert "row 2, column 'layer': 'hightech_zone' is not a hub layer" in capsys.readouterr().err


def _before_revocation(data_dir) -> tuple[str, str]:
    """The copy as it was before Yinchuan's park was revoked (2021): the park existing, no revoked
    event; returns the bundled park row and the bundled revocation event.
    """
    park = next(line for line in _lines(data_dir / AGP) if line.startswith("agp-yinchuan,"))
    event = next(line for line in _lines(data_dir / HISTORY) if line.startswith("agp-yinchuan,2021-12-17,revoked,"))
    _write(
        data_dir / AGP,
        [park.replace(",revoked,", ",existing,") if line == park else line for line in _lines(data_dir / AGP)],
    )
    _write(data_dir / HISTORY, [line for line in _lines(data_dir / HISTORY) if line != event])
    (data_dir / AGP_LAYER).write_bytes(build_layer("agri_parks", data_dir))
    assert load_atlas(data_dir).hubs.set_index("id").loc["agp-yinchuan", "status"] == "existing"
    return park, event


def test_a_revocation_is_its_row_and_its_event_imported_together(data_dir, tmp_path, capsys):
    park, event = _before_revocation(data_dir)
    row_file, event_file = tmp_path / "parks-2021.csv", tmp_path / "history-2021.csv"
    _write(row_file, [_lines(DATA / AGP)[0], park])
    _write(event_file, [_lines(DATA / HISTORY)[0], event])
    # the row alone contradicts the history: refused, and named in the file given
    assert _run(row_file, "--data-dir", data_dir, "--yes") == 1
    err = capsys.readouterr().err
    assert "not imported, nothing changed" in err and "revoked" in err
    assert load_atlas(data_dir).hubs.set_index("id").loc["agp-yinchuan", "status"] == "existing"
    # both files in one import: accepted, one change-log line, the bundled state again
    assert _run(row_file, event_file, "--data-dir", data_dir, "--yes") == 0
    out = capsys.readouterr().out
    assert "(agri_parks): added 0, changed 1, removed 0" in out and "(history): added 1, changed 0" in out
    assert (data_dir / AGP).read_bytes() == (DATA / AGP).read_bytes()
    assert (data_dir / AGP_LAYER).read_bytes() == (DATA / AGP_LAYER).read_bytes()
    atlas = load_atlas(data_dir)
    assert atlas.hubs.set_index("id").loc["agp-yinchuan", "status"] == "revoked"
    assert "2021-12-17" in set(atlas.history.loc[atlas.history["hub_id"] == "agp-yinchuan", "date"])
    entry = importer.changelog.entries(data_dir)[-1]
    assert entry.table == "agri_parks,history" and entry.counts == {"added": 1, "changed": 1, "removed": 0}
    assert str(row_file) in entry.file and str(event_file) in entry.file


def test_rolling_back_a_hub_import_restores_the_table_and_its_layer(data_dir, tmp_path, capsys):
    row = _without_last_zone(data_dir)
    table, layer = (data_dir / HTZ).read_bytes(), (data_dir / HTZ_LAYER).read_bytes()
    new = tmp_path / "new-zone.csv"
    _write(new, [_lines(DATA / HTZ)[0], row])
    assert _run(new, "--data-dir", data_dir, "--yes") == 0
    before = importer.changelog.entries(data_dir)[-1].before
    assert main(["data", "rollback", before, "--data-dir", str(data_dir), "--yes"]) == 0
    assert (data_dir / HTZ).read_bytes() == table and (data_dir / HTZ_LAYER).read_bytes() == layer


def test_a_file_of_hubs_to_delete_finds_its_layer_by_the_ids(data_dir, tmp_path, capsys):
    zone_id = _lines(DATA / HTZ)[-1].split(",")[0]
    gone = tmp_path / "gone.csv"
    _write(gone, ["id", zone_id])
    assert _run("--delete", gone, "--data-dir", data_dir, "--yes") == 0
    assert "(hightech_zones): added 0, changed 0, removed 1" in capsys.readouterr().out
    layer = json.loads((data_dir / HTZ_LAYER).read_text(encoding="utf-8"))
    assert zone_id not in {f["properties"]["id"] for f in layer["features"]}


def test_a_hub_with_history_cannot_be_deleted_without_it(data_dir, tmp_path, capsys):
    gone = tmp_path / "gone.csv"
    _write(gone, ["id", "agp-yinchuan"])
    assert _run("--delete", gone, "--data-dir", data_dir, "--yes") == 1
    assert "agp-yinchuan" in capsys.readouterr().err
    assert (data_dir / AGP).read_bytes() == (DATA / AGP).read_bytes()


def test_an_import_refuses_to_rebuild_a_layer_whose_table_is_missing(data_dir, tmp_path, capsys):
    row = _lines(DATA / HTZ)[-1]
    (data_dir / HTZ).unlink()
    new = tmp_path / "new-zone.csv"
    _write(new, [_lines(DATA / HTZ)[0], row])
    before = (data_dir / HTZ_LAYER).read_bytes()
    assert _run(new, "--data-dir", data_dir, "--yes") == 1
    assert "is built from is missing" in capsys.readouterr().err
    assert (data_dir / HTZ_LAYER).read_bytes() == before


def test_a_table_edited_without_rebuilding_its_layer_is_found(data_dir):
    from model.hub_layers import stale_layers

    assert stale_layers(data_dir) == []
    text = (data_dir / HTZ).read_text(encoding="utf-8")
    assert "Aksu-Alar Hi-tech" in text
    (data_dir / HTZ).write_text(text.replace("Aksu-Alar Hi-tech", "Aksu-Alar High-tech"), encoding="utf-8")
    assert stale_layers(data_dir) == [HTZ_LAYER]


def test_a_layers_backups_are_pruned_as_its_tables_are(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_HISTORY_KEEP", "2")
    row = _lines(DATA / HTZ)[-1]
    new = tmp_path / "zone.csv"
    for established in ("2019", "2020", "2021", "2023"):  # the row's year, changed each time
        _write(new, [_lines(DATA / HTZ)[0], row.replace(",2023,approval,", f",{established},approval,")])
        assert _run(new, "--data-dir", data_dir, "--yes") == 0
    assert len(list((data_dir / ".backup").rglob("hubs_hightech_zones.geojson.*"))) == 2
    assert len(list((data_dir / ".backup").rglob("hightech_zones.csv.*"))) == 2


# --- what a planner's trials found (each a kind of fault, each with its example) ---------------------


def _row(table: str, hub_id: str) -> str:
    return next(line for line in _lines(DATA / table) if line.startswith(f"{hub_id},"))


def _import_row(tmp_path, table: str, row: str, *args) -> int:
    new = tmp_path / "rows.csv"
    _write(new, [_lines(DATA / table)[0], row])
    return _run(new, *args)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # a city of the right province, but not the one the place lies in
        ((",乐山市,511100,", ",成都市,511100,"), "row 2, column 'city_zh': 乐山市 (511100) lies in 乐山市, not 成都市"),
        # a precision that is not the place's kind of unit (Leshan is a prefecture-level city)
        ((",511100,city,", ",511100,province,"), "'province' does not fit place_adcode 511100"),
        # 'site' claims surveyed coordinates, which a hub row cannot carry
        ((",511100,city,", ",511100,site,"), "'site' needs surveyed coordinates"),
        # a hub outside the west
        ((",510000,乐山市,511100,city,", ",320000,,320100,city,"), "320000 is not one of the twelve western provinces"),
        # an id that does not begin as its layer's do (official counts select rows by the prefix)
        (("agp-leshan,", "leshan-park,"), "row 2, column 'id': ids of agri_parks begin agp- or agz-"),
        # an id another layer already uses, named at the file's row
        (("agp-leshan,", "htz-leshan,"), "row 2, column 'id': htz-leshan is a hub of hightech_zones already"),
    ],
)
def test_a_hub_row_the_gazetteer_or_the_other_layers_contradict_is_refused(data_dir, tmp_path, capsys, change, message):
    row = _row(AGP, "agp-leshan")
    assert change[0] in row
    assert _import_row(tmp_path, AGP, row.replace(*change), "--data-dir", data_dir, "--dry-run") == 1
    assert message in capsys.readouterr().err


def test_a_district_is_not_a_county(data_dir, tmp_path, capsys):
    row = _row(AGP, "agp-fengdu")  # 丰都县: a county
    assert _import_row(tmp_path, AGP, row.replace(",500230,county,", ",500230,district,"), "--data-dir", data_dir) == 1
    assert "'district' does not fit 500230 丰都县, a county-level unit: use county" in capsys.readouterr().err


def test_a_second_import_while_one_is_under_way_is_refused(data_dir, tmp_path, capsys):
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom model import changelog\n"
         f"with changelog.lock({str(data_dir)!r}):\n    print('held', flush=True)\n    time.sleep(30)"],
        stdout=subprocess.PIPE, text=True, cwd=str(DATA.parent),
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        before = (data_dir / AGP).read_bytes()
        row = _row(AGP, "agp-leshan").replace(",2001,approval,", ",2002,approval,")
        assert _import_row(tmp_path, AGP, row, "--data-dir", data_dir, "--yes") == 1
        assert "another import or rollback" in capsys.readouterr().err
        assert (data_dir / AGP).read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


def test_a_plan_is_not_written_over_a_table_changed_since(data_dir, tmp_path):
    row = _row(AGP, "agp-leshan").replace(",2001,approval,", ",2002,approval,")
    new = tmp_path / "rows.csv"
    _write(new, [_lines(DATA / AGP)[0], row])
    plans = importer.plan_all([new], data_dir)
    edited = (data_dir / AGP).read_text(encoding="utf-8").replace("Leshan National", "Leshan  National")
    (data_dir / AGP).write_text(edited, encoding="utf-8")  # someone else's change in between
    with pytest.raises(importer.DataValidationError, match="changed since this import was checked"):
        importer.apply_all(plans, data_dir)
    assert (data_dir / AGP).read_text(encoding="utf-8") == edited


def test_an_import_killed_between_its_files_is_said_and_completed_by_running_it_again(
    data_dir, tmp_path, capsys, monkeypatch
):
    park, event = _before_revocation(data_dir)
    row_file, event_file = tmp_path / "parks-2021.csv", tmp_path / "history-2021.csv"
    _write(row_file, [_lines(DATA / AGP)[0], park])
    _write(event_file, [_lines(DATA / HISTORY)[0], event])
    written = []
    real = importer.atomic_write

    def killed_after_the_first(target, content, *args, **kwargs):
        if written:
            raise KeyboardInterrupt  # as a kill would stop it: after the park table, before its layer
        written.append(target)
        return real(target, content, *args, **kwargs)

    monkeypatch.setattr(importer, "atomic_write", killed_after_the_first)
    with pytest.raises(KeyboardInterrupt):
        _run(row_file, event_file, "--data-dir", data_dir, "--yes")
    monkeypatch.setattr(importer, "atomic_write", real)
    capsys.readouterr()
    assert main(["data", "history", "--data-dir", str(data_dir)]) == 0
    assert "INTERRUPTED: an import of parks-2021.csv, history-2021.csv" in capsys.readouterr().out
    assert _run(row_file, event_file, "--data-dir", data_dir, "--yes") == 0
    out = capsys.readouterr().out
    assert "was interrupted" in out and "(it was behind its table)" in out
    for name in (AGP, AGP_LAYER):
        assert (data_dir / name).read_bytes() == (DATA / name).read_bytes()
    assert importer.changelog.interrupted(data_dir) is None


def test_an_event_earlier_than_a_hubs_others_goes_before_them(data_dir, tmp_path):
    event = _row(HISTORY, "agp-yinchuan")  # 2019-11-08, before its 2021 revocation
    _write(data_dir / HISTORY, [line for line in _lines(data_dir / HISTORY) if line != event])
    assert _import_row(tmp_path, HISTORY, event, "--data-dir", data_dir, "--yes") == 0
    assert (data_dir / HISTORY).read_bytes() == (DATA / HISTORY).read_bytes()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["agp-yinchuan,2021-13-45,revoked,revoked,,x,agp-most-2021-149,"], "'2021-13-45' is not a date"),
        (
            [
                "agp-baise,2022,evaluated,existing,,,agp-most-2019-87,",
                "agp-baise,2022,evaluated,existing,,,agp-most-2019-87,a",
            ],
            "row 3, column 'hub_id': agp-baise 2022 evaluated is given twice (also row 2)",
        ),
    ],
)
def test_a_history_file_with_an_impossible_date_or_a_repeated_event_is_refused(
    data_dir, tmp_path, capsys, rows, message
):
    new = tmp_path / "events.csv"
    _write(new, [_lines(DATA / HISTORY)[0], *rows])
    assert _run(new, "--data-dir", data_dir, "--dry-run") == 1
    assert message in capsys.readouterr().err


def test_a_delete_file_with_a_layer_column_deletes_from_that_layer(data_dir, tmp_path, capsys):
    gone = tmp_path / "gone.csv"
    _write(gone, ["id,layer", "agp-leshan,agri_parks"])
    assert _run("--delete", gone, "--data-dir", data_dir, "--dry-run") == 0
    assert "(agri_parks): added 0, changed 0, removed 1" in capsys.readouterr().out


def test_a_header_with_an_extra_column_is_told_what_is_wrong(data_dir, tmp_path, capsys):
    lines = _lines(DATA / AGP)
    new = tmp_path / "rows.csv"
    _write(new, [lines[0] + ",comment", _row(AGP, "agp-leshan") + ",checked"])
    assert _run(new, "--data-dir", data_dir, "--dry-run") == 1
    assert "closest to a hub layer's table (hubs/<layer>.csv)'s but has extra comment" in capsys.readouterr().err


def test_an_area_records_file_is_told_it_is_edited_by_hand(data_dir, tmp_path, capsys):
    new = tmp_path / "areas.csv"
    _write(new, _lines(DATA / "hubs" / "area_records.csv")[:2])
    assert _run(new, "--data-dir", data_dir, "--dry-run") == 1
    assert "area_records.csv's (places named whose site is not published): that file is edited by hand" in (
        capsys.readouterr().err
    )


# --- what a review of the change found ---------------------------------------------------------------


def test_a_snapshot_an_earlier_release_made_gets_the_hub_tables_so_a_rollback_undoes_a_hub_import(data_dir, tmp_path):
    version = importer.changelog.version_of(data_dir)
    old_style = data_dir / ".history" / version / "indicators"  # values, indicators, sources only
    old_style.mkdir(parents=True)
    (old_style / "values.csv").write_bytes((data_dir / "indicators" / "values.csv").read_bytes())
    before = (data_dir / AGP).read_bytes()
    row = _row(AGP, "agp-leshan").replace(",2001,approval,", ",2002,approval,")
    assert _import_row(tmp_path, AGP, row, "--data-dir", data_dir, "--yes") == 0
    assert main(["data", "rollback", version[:8], "--data-dir", str(data_dir), "--yes"]) == 0
    assert (data_dir / AGP).read_bytes() == before


def test_an_import_killed_after_its_files_is_recorded_when_run_again(data_dir, tmp_path, capsys, monkeypatch):
    row = _row(AGP, "agp-leshan").replace(",2001,approval,", ",2002,approval,")
    new = tmp_path / "rows.csv"
    _write(new, [_lines(DATA / AGP)[0], row])

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # every file written, the log line not yet

    monkeypatch.setattr(importer, "_log", killed)
    with pytest.raises(KeyboardInterrupt):
        _run(new, "--data-dir", data_dir, "--yes")
    monkeypatch.undo()
    # another import is refused until this one is finished or undone
    other = tmp_path / "other.csv"
    _write(other, [_lines(DATA / AGP)[0], _row(AGP, "agp-yubei")])
    assert _run(other, "--data-dir", data_dir, "--yes") == 1
    assert "Finish or undo it before another import" in capsys.readouterr().err
    assert _run(new, "--data-dir", data_dir, "--yes") == 0
    assert "recorded in the change log now" in capsys.readouterr().out
    entry = importer.changelog.entries(data_dir)[-1]
    assert entry.counts == {"added": 0, "changed": 1, "removed": 0} and entry.file == str(new)
    assert importer.changelog.interrupted(data_dir) is None


def test_a_delete_file_of_hubs_of_two_layers_removes_each_from_its_own(data_dir, tmp_path, capsys):
    gone = tmp_path / "gone.csv"
    _write(gone, ["id", "htz-aksu-alar", "agp-yubei"])
    assert _run("--delete", gone, "--data-dir", data_dir, "--dry-run") == 0
    out = capsys.readouterr().out
    assert (
        "(hightech_zones): added 0, changed 0, removed 1" in out
        and "(agri_parks): added 0, changed 0, removed 1" in out
    )
    _write(gone, ["id", "htz-aksu-alar", "htz-nowhere"])
    assert _run("--delete", gone, "--data-dir", data_dir, "--dry-run") == 1
    assert "row 3, column 'id': htz-nowhere is in no table" in capsys.readouterr().err


def test_a_hub_and_its_history_are_deleted_in_one_import(data_dir, tmp_path, capsys):
    hub, events = tmp_path / "hub.csv", tmp_path / "events.csv"
    _write(hub, ["id", "agp-yinchuan"])
    dated = [line.split(",")[:3] for line in _lines(DATA / HISTORY) if line.startswith("agp-yinchuan,")]
    _write(events, ["hub_id,date,event", *(",".join(cells) for cells in dated)])
    assert _run("--delete", hub, "--delete", events, "--data-dir", data_dir, "--yes") == 0
    atlas = load_atlas(data_dir)
    assert "agp-yinchuan" not in set(atlas.hubs["id"]) and "agp-yinchuan" not in set(atlas.history["hub_id"])


def test_a_file_not_of_the_table_named_is_told_that_tables_columns(data_dir, tmp_path, capsys):
    new = tmp_path / "rows.csv"
    _write(new, [_lines(DATA / AGP)[0], _row(AGP, "agp-leshan")])
    assert _run(new, "--table", "values", "--data-dir", data_dir, "--dry-run") == 1
    assert "closest to indicators/values.csv's but lacks adcode, year, indicator, value" in capsys.readouterr().err


def test_a_dry_run_writes_nothing_in_the_data_directory(data_dir, tmp_path):
    row = _row(AGP, "agp-leshan").replace(",2001,approval,", ",2002,approval,")
    assert _import_row(tmp_path, AGP, row, "--data-dir", data_dir, "--dry-run") == 0
    assert not (data_dir / ".history").exists() and not (data_dir / ".backup").exists()
