"""`python -m atlas data import FILE`: validate, show the changes, write atomically, keep a backup."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas.__main__ import main
from model import atomic, importer
from model.loader import load_atlas

VALUES = "indicators/values.csv"


@pytest.fixture
def data_dir(data_copy):
    return data_copy  # tests/conftest.py: a private copy of data/, hidden folders left out


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
        del lines[removed]  # left out of the file: an update keeps it
        return [*lines, "620000,2024,state_key_labs,12,mac-nbs-e0103-gdp"]

    new, old_bytes = _new_values(data_dir, tmp_path, edit)
    assert _run(new, "--data-dir", data_dir, "--yes") == 0
    out = capsys.readouterr().out
    assert "added 1, changed 1, removed 0" in out
    assert "~ rd_intensity 610000 2023: value 2.5 → 2.55" in out
    assert "+ state_key_labs 620000 2024" in out
    written = (data_dir / VALUES).read_text(encoding="utf-8").splitlines()
    old = old_bytes.decode("utf-8").splitlines()
    assert written[:-1] == [
        line.replace(",2.50,", ",2.55,") if line.startswith("610000,2023,rd_intensity,") else line for line in old
    ]
    assert written[-1] == "620000,2024,state_key_labs,12,mac-nbs-e0103-gdp"
    backups = list((data_dir / ".backup").rglob("values.csv.*"))
    assert len(backups) == 1 and backups[0].read_bytes() == old_bytes
    values = load_atlas(data_dir).values
    row = values[(values["adcode"] == "610000") & (values["year"] == 2023) & (values["indicator"] == "rd_intensity")]
    assert float(row["value"].iloc[0]) == 2.55


def _file(tmp_path, name: str, text: str, encoding: str = "utf-8") -> object:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


HEADER = "adcode,year,indicator,value,source_id"


def test_a_file_of_only_the_new_year_changes_nothing_else(data_dir, tmp_path, capsys):
    old = (data_dir / VALUES).read_bytes()
    new = _file(tmp_path, "2025.csv", f"{HEADER}\n620000,2025,state_key_labs,12,mac-nbs-e0103-gdp\n")
    assert _run(new, "--data-dir", data_dir, "--yes") == 0
    assert "added 1, changed 0, removed 0" in capsys.readouterr().out
    assert (data_dir / VALUES).read_bytes() == old + b"620000,2025,state_key_labs,12,mac-nbs-e0103-gdp\n"


def test_removing_rows_takes_replace_or_delete(data_dir, tmp_path, capsys):
    lines = (data_dir / VALUES).read_text(encoding="utf-8").splitlines()
    whole = _file(tmp_path, "whole.csv", "\n".join(lines[:-3]) + "\n")
    assert _run(whole, "--data-dir", data_dir, "--dry-run", "--replace") == 0
    assert "removed 3" in capsys.readouterr().out
    gone = _file(
        tmp_path,
        "gone.csv",
        "indicator,adcode,year\n"
        + "\n".join(",".join([c.split(",")[2], c.split(",")[0], c.split(",")[1]]) for c in lines[-2:])
        + "\n",
    )
    assert _run("--delete", gone, "--data-dir", data_dir, "--yes") == 0
    assert "added 0, changed 0, removed 2" in capsys.readouterr().out
    assert (data_dir / VALUES).read_text(encoding="utf-8").splitlines() == lines[:-2]


def test_a_dry_run_writes_nothing(data_dir, tmp_path, capsys):
    new = _file(tmp_path, "new.csv", f"{HEADER}\n620000,2025,state_key_labs,12,mac-nbs-e0103-gdp\n")
    old_bytes = (data_dir / VALUES).read_bytes()
    assert _run(new, "--data-dir", data_dir, "--dry-run") == 0
    assert "added 1" in capsys.readouterr().out
    assert (data_dir / VALUES).read_bytes() == old_bytes and not (data_dir / ".backup").exists()


def test_the_files_planners_make_are_read(data_dir, tmp_path, capsys):
    # Excel's CSV: blank rows as ,,,, lines, a trailing empty column, full-width digits
    excel = _file(
        tmp_path,
        "excel.csv",
        f"{HEADER},\n,,,,,\n６２００００,２０２５,state_key_labs,１２,mac-nbs-e0103-gdp,\n,,,,,\n",
    )
    assert _run(excel, "--data-dir", data_dir, "--yes") == 0
    out = capsys.readouterr().out
    assert "blank row(s): 2, 4" in out and "empty column" in out and "normalised" in out
    assert (data_dir / VALUES).read_text(encoding="utf-8").endswith("620000,2025,state_key_labs,12,mac-nbs-e0103-gdp\n")
    # GBK from Chinese Excel: read, said, written as UTF-8
    gbk = _file(
        tmp_path,
        "gbk.csv",
        "source_id,publisher,publisher_en,title,date,url,note\n"
        "x-gbk-test,国家统计局,National Bureau of Statistics,统计公报,2026-02-28,,中文说明\n",
        "gbk",
    )
    assert _run(gbk, "--data-dir", data_dir, "--dry-run") == 0
    assert "GB18030" in capsys.readouterr().out


def test_an_excel_workbook_is_read_from_its_first_or_named_sheet(data_dir, tmp_path, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "notes"
    wb.active.append(["a note sheet"])
    ws = wb.create_sheet("values")
    ws.append(HEADER.split(","))
    ws.append([620000, 2025, "state_key_labs", 12, "mac-nbs-e0103-gdp"])
    path = tmp_path / "update.xlsx"
    wb.save(path)
    assert _run(path, "--data-dir", data_dir, "--sheet", "values", "--yes") == 0
    assert "added 1" in capsys.readouterr().out
    assert (data_dir / VALUES).read_text(encoding="utf-8").endswith("620000,2025,state_key_labs,12,mac-nbs-e0103-gdp\n")
    assert _run(path, "--data-dir", data_dir, "--dry-run") == 1  # the first sheet is not a table
    assert "matches no importable table" in capsys.readouterr().err


def test_a_refusal_names_the_row_of_the_file_with_blank_rows_kept_in_count(data_dir, tmp_path, capsys):
    bad = _file(tmp_path, "bad.csv", f"{HEADER}\n,,,,\n,,,,\n620000,2025,state_key_labs,lots,mac-nbs-e0103-gdp\n")
    assert _run(bad, "--data-dir", data_dir, "--yes") == 1
    err = capsys.readouterr().err
    assert "row 4, column 'value'" in err and str(bad) in err


def test_a_file_in_neither_utf8_nor_gbk_says_what_to_do(data_dir, tmp_path, capsys):
    path = tmp_path / "latin.csv"
    path.write_bytes(f"{HEADER}\n".encode() + b"\xff\xfe\xfa\xfb,2025\n")
    assert _run(path, "--data-dir", data_dir, "--yes") == 1
    assert "CSV UTF-8" in capsys.readouterr().err


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
    new = _file(tmp_path, "new.csv", f"{HEADER}\n620000,2025,state_key_labs,12,mac-nbs-e0103-gdp\n")
    old_bytes = (data_dir / VALUES).read_bytes()
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
        atomic.atomic_write(plan.target, plan.content, _write=crash)
    assert (data_dir / VALUES).read_bytes() == old_bytes
    assert not list((data_dir / "indicators").glob(".values.csv.*.tmp"))  # no half file left behind
    load_atlas(data_dir)  # and the data still loads


def test_text_keeps_its_full_width_punctuation_and_a_month_stays_a_month(data_dir, tmp_path, capsys):
    from openpyxl import Workbook

    from model import intake

    # a published title with full-width brackets, imported unchanged, changes nothing
    sources = (data_dir / "sources.csv").read_text(encoding="utf-8").splitlines()
    title_row = next(line for line in sources if line.startswith("agp-most-2016-61,"))
    assert "（" in title_row
    new = _file(tmp_path, "sources.csv", f"{sources[0]}\n{title_row}\n")
    assert _run(new, "--data-dir", data_dir, "--dry-run") == 0
    assert "added 0, changed 0, removed 0" in capsys.readouterr().out
    # a date cell formatted as a month (or a year) is read as the month, not its first day
    wb = Workbook()
    wb.active.append(["month", "year", "day"])
    wb.active.append([dt.datetime(2021, 12, 1), dt.datetime(2021, 1, 1), dt.datetime(2021, 12, 17)])
    wb.active["A2"].number_format, wb.active["B2"].number_format = "yyyy-mm", 'yyyy"年"'
    wb.active["C2"].number_format = "yyyy-mm-dd"
    wb.save(tmp_path / "dates.xlsx")
    assert intake.read(tmp_path / "dates.xlsx").records == [{"month": "2021-12", "year": "2021", "day": "2021-12-17"}]


def test_a_date_in_chinese_excels_built_in_month_format_is_read_as_that_month(tmp_path):
    import re
    import zipfile

    from openpyxl import Workbook

    from model import intake

    # Chinese Excel saves 2021年12月 with the built-in format 57, which openpyxl does not know: made
    # here by writing a custom month format and renaming it 57 in the workbook's styles
    wb = Workbook()
    wb.active.append(["date", "note"])
    wb.active.append([dt.datetime(2021, 12, 1), "x"])
    wb.active["A2"].number_format = 'yyyy"年"m"月"'
    wb.save(tmp_path / "custom.xlsx")
    with zipfile.ZipFile(tmp_path / "custom.xlsx") as zin, zipfile.ZipFile(tmp_path / "cn.xlsx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/styles.xml":
                text = data.decode()
                custom = re.findall(r'<numFmt numFmtId="(\d+)"', text)
                text = re.sub(r"<numFmts[^>]*>.*?</numFmts>", "", text)
                for number in custom:
                    text = text.replace(f'numFmtId="{number}"', 'numFmtId="57"')
                data = text.encode()
            zout.writestr(item, data)
    assert intake.read(tmp_path / "cn.xlsx").records == [{"date": "2021-12", "note": "x"}]


HEAD = "adcode,year,indicator,value,source_id"


def _refusal(data_dir, tmp_path, capsys, rows: list[str]) -> tuple[str, str]:
    path = tmp_path / "several.csv"
    path.write_text("\n".join([HEAD, *rows]) + "\n", encoding="utf-8")
    old = (data_dir / VALUES).read_bytes()
    assert _run(path, "--data-dir", data_dir, "--yes") == 1
    assert (data_dir / VALUES).read_bytes() == old and not (data_dir / ".backup").exists()
    return str(path), capsys.readouterr().err


def test_every_error_found_against_the_other_files_is_named_in_one_run(data_dir, tmp_path, capsys):
    # before: row 2's unknown indicator only; row 3's unknown source on the next run
    name, err = _refusal(
        data_dir,
        tmp_path,
        capsys,
        ["510000,2024,rd_intensityy,2.0,nbs-rd-2024", "510000,2024,rd_intensity,2.0,no-such-source"],
    )
    assert f"{name}: row 2, column 'indicator': 'rd_intensityy'" in err, err
    assert f"{name}: row 3, column 'source_id': 'no-such-source'" in err, err


def test_every_error_of_a_files_own_rows_is_named_in_one_run(data_dir, tmp_path, capsys):
    name, err = _refusal(
        data_dir,
        tmp_path,
        capsys,
        [
            "510000,2024,rd_intensity,lots,nbs-rd-2024",
            "520000,2024,rd_intensity,-1,nbs-rd-2024",
            "540000,2024,rd_intensity,1.0",
        ],
    )
    assert f"{name}: row 2, column 'value'" in err and f"{name}: row 3, column 'value'" in err, err
    assert f"{name}: row 4, column 'source_id'" in err, err


def test_a_long_list_of_errors_is_capped_with_how_many_more(data_dir, tmp_path, capsys):
    rows = [f"510000,2020,rd_intensity,x{i},nbs-rd-2024" for i in range(60)]
    _, err = _refusal(data_dir, tmp_path, capsys, rows)
    assert "60 data error(s)" in err and "and 35 more" in err and err.count("is not a number") == 25, err
