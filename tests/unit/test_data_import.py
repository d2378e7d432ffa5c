"""`python -m atlas data import FILE`: validate, show the changes, write atomically, keep a backup."""

from __future__ import annotations

import shutil

import pytest

from atlas.__main__ import main
from model import importer, paths
from model.loader import load_atlas

VALUES = "indicators/values.csv"


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", d, ignore=shutil.ignore_patterns(".backup"))
    return d


def _new_values(data_dir, tmp_path, edit) -> tuple:
    lines = (data_dir / VALUES).read_text(encoding="utf-8").splitlines()
    lines = edit(lines)
    path = tmp_path / "new-values.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, (data_dir / VALUES).read_bytes()


def _run(*args) -> int:
    return main(["data", "import", *map(str, args)])


def test_a_valid_update_shows_the_changes_and_is_written_with_a_backup(data_dir, tmp_path, capsys):
    def edit(lines):
        at = next(i for i, line in enumerate(lines) if line.startswith("610000,2023,rd_intensity,"))
        lines[at] = lines[at].replace(",2.50,", ",2.55,")
        removed = next(i for i, line in enumerate(lines) if line.startswith("620000,2015,gdp,"))
        del lines[removed]
        return [*lines, "620000,2024,state_key_labs,12,mac-nbs-e0103-gdp"]

    new, old_bytes = _new_values(data_dir, tmp_path, edit)
    assert _run(new, "--data-dir", data_dir, "--yes") == 0
    out = capsys.readouterr().out
    assert "added 1, changed 1, removed 1" in out
    assert "~ rd_intensity 610000 2023: value 2.5 → 2.55" in out
    assert "- gdp 620000 2015" in out and "+ state_key_labs 620000 2024" in out
    assert (data_dir / VALUES).read_bytes() == new.read_bytes()
    backups = list((data_dir / ".backup").rglob("values.csv.*"))
    assert len(backups) == 1 and backups[0].read_bytes() == old_bytes
    values = load_atlas(data_dir).values
    row = values[(values["adcode"] == "610000") & (values["year"] == 2023) & (values["indicator"] == "rd_intensity")]
    assert float(row["value"].iloc[0]) == 2.55


def test_a_dry_run_writes_nothing(data_dir, tmp_path, capsys):
    new, old_bytes = _new_values(data_dir, tmp_path, lambda lines: lines[:-3])
    assert _run(new, "--data-dir", data_dir, "--dry-run") == 0
    assert "removed 3" in capsys.readouterr().out
    assert (data_dir / VALUES).read_bytes() == old_bytes and not (data_dir / ".backup").exists()


@pytest.mark.parametrize(
    ("edit", "row", "column", "message"),
    [
        (lambda ls: [*ls[:5], ls[5].replace(ls[5].split(",")[3], "-1"), *ls[6:]], 6, "value", "below"),
        (lambda ls: [*ls[:3], ls[3].replace(ls[3].split(",")[3], "lots"), *ls[4:]], 4, "value", "number"),
        (lambda ls: [*ls, "510000,2024,state_key_labs,1,no-such-source"], None, "source_id", "no-such-source"),
        (lambda ls: [*ls, "510000,2024,no_such_indicator,1,mac-nbs-e0103-gdp"], None, "indicator", "no_such_indicator"),
    ],
)
def test_a_broken_file_changes_nothing_and_names_file_row_and_column(
    data_dir, tmp_path, capsys, edit, row, column, message
):
    new, old_bytes = _new_values(data_dir, tmp_path, edit)
    n_lines = len(new.read_text(encoding="utf-8").splitlines())
    assert _run(new, "--data-dir", data_dir, "--yes") == 1
    err = capsys.readouterr().err
    assert str(new) in err and f"column '{column}'" in err and message in err, err
    assert f"row {row if row is not None else n_lines}," in err, err
    assert (data_dir / VALUES).read_bytes() == old_bytes and not (data_dir / ".backup").exists()


def test_a_file_of_no_known_table_is_refused(data_dir, tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert _run(path, "--data-dir", data_dir, "--yes") == 1
    assert "matches no importable table" in capsys.readouterr().err


def test_without_yes_and_no_terminal_nothing_is_written(data_dir, tmp_path, monkeypatch):
    new, old_bytes = _new_values(data_dir, tmp_path, lambda lines: lines[:-1])
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert _run(new, "--data-dir", data_dir) == 2
    assert (data_dir / VALUES).read_bytes() == old_bytes


def test_a_crash_in_the_middle_of_writing_leaves_the_old_table_intact(data_dir, tmp_path):
    new, old_bytes = _new_values(data_dir, tmp_path, lambda lines: lines[:-10])
    plan = importer.plan(new, data_dir)

    def crash(f, content):
        f.write(content[: len(content) // 2])  # half the file is on disk...
        raise KeyboardInterrupt  # ...when the process is interrupted

    with pytest.raises(KeyboardInterrupt):
        importer.atomic_write(plan.target, plan.content, _write=crash)
    assert (data_dir / VALUES).read_bytes() == old_bytes
    assert not list((data_dir / "indicators").glob(".values.csv.*.tmp"))  # no half file left behind
    load_atlas(data_dir)  # and the data still loads
