"""Every import is logged and can be rolled back (issue 15): `python -m atlas data history` lists
who imported what, when, with the counts and the versions; `data rollback VERSION` puts the tables
of that version back, atomically, and is logged too; old snapshots are pruned by a stated policy."""

from __future__ import annotations

import json

from atlas.__main__ import main
from model import changelog
from model.loader import load_atlas

VALUES = "indicators/values.csv"
HEADER = "adcode,year,indicator,value,source_id"


def _run(*args) -> int:
    return main(["data", *map(str, args)])


def _update(tmp_path, name: str, row: str):
    path = tmp_path / name
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    return path


def _value(data_dir) -> float:
    v = load_atlas(data_dir).values
    row = v[(v["adcode"] == "610000") & (v["year"] == 2022) & (v["indicator"] == "rd_intensity")]
    return float(row["value"].iloc[0])


def test_imports_are_logged_and_a_rollback_restores_the_earlier_version(data_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ATLAS_USER", "planner-li")
    original = changelog.version_of(data_copy)
    first = _update(tmp_path, "first.csv", "610000,2022,rd_intensity,2.41,nbs-rd-2022")
    assert _run("import", first, "--data-dir", data_copy, "--yes") == 0
    middle = changelog.version_of(data_copy)
    second = _update(tmp_path, "second.xlsx.csv", "610000,2022,rd_intensity,2.47,nbs-rd-2022")
    assert _run("import", second, "--data-dir", data_copy, "--yes") == 0
    assert _value(data_copy) == 2.47
    capsys.readouterr()

    assert _run("history", "--data-dir", data_copy) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and out[-1] == f"the data directory holds version {changelog.version_of(data_copy)}"
    assert "planner-li  import values  first.csv" in out[0] and f"{original} → {middle}" in out[0]
    assert "changed 1" in out[1] and changelog.sha256(second)[:12] in out[1]
    log = [json.loads(x) for x in (data_copy / ".history" / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert log[0]["lines"] == ["~ rd_intensity 610000 2022: value 2.35 → 2.41"]

    assert _run("rollback", original[:8], "--data-dir", data_copy, "--dry-run") == 0
    assert "value 2.47 → 2.35" in capsys.readouterr().out and _value(data_copy) == 2.47
    assert _run("rollback", original[:8], "--data-dir", data_copy, "--yes") == 0
    assert _value(data_copy) == 2.35 and changelog.version_of(data_copy) == original
    assert changelog.entries(data_copy)[-1].action == "rollback"
    assert _run("rollback", middle, "--data-dir", data_copy, "--yes") == 0  # and forward again
    assert _value(data_copy) == 2.41


def test_a_rollback_to_an_unknown_version_changes_nothing(data_copy, capsys):
    before = (data_copy / VALUES).read_bytes()
    assert _run("rollback", "abcdef12", "--data-dir", data_copy, "--yes") == 1
    assert "no snapshot of data version" in capsys.readouterr().err
    assert (data_copy / VALUES).read_bytes() == before


def test_old_snapshots_and_backups_are_pruned(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_HISTORY_KEEP", "2")
    for i, value in enumerate(("2.40", "2.41", "2.42", "2.43")):
        path = _update(tmp_path, f"u{i}.csv", f"610000,2022,rd_intensity,{value},nbs-rd-2022")
        assert _run("import", path, "--data-dir", data_copy, "--yes") == 0
    snapshots = [p for p in (data_copy / ".history").iterdir() if p.is_dir()]
    assert len(snapshots) == 2  # the two newest versions (the current one among them)
    assert len(changelog.entries(data_copy)) == 4  # the log itself is never pruned
    assert len(list((data_copy / ".backup").rglob("values.csv.*"))) == 2


def test_history_folders_are_not_data(data_copy, tmp_path):
    before = changelog.version_of(data_copy)
    (data_copy / ".history").mkdir()
    (data_copy / ".history" / "log.jsonl").write_text("{}\n", encoding="utf-8")
    assert changelog.version_of(data_copy) == before


def test_an_import_keeps_the_table_readable_by_other_users(data_copy, tmp_path):
    """mkstemp makes 0600 files: a web app running as another user could no longer read the table."""
    values = data_copy / VALUES
    values.chmod(0o644)
    path = _update(tmp_path, "u.csv", "610000,2022,rd_intensity,2.41,nbs-rd-2022")
    assert _run("import", path, "--data-dir", data_copy, "--yes") == 0
    assert values.stat().st_mode & 0o777 == 0o644
