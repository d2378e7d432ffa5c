"""The files planners make, read as text tables: CSV in UTF-8 (with or without BOM) or GB18030
(Chinese Excel's "CSV"), and Excel workbooks (``.xlsx``, first sheet or a named one).

Excel leaves artefacts a correct table should not be refused for: blank rows (``,,,,``) and empty
trailing columns are skipped and said. A cell that Unicode NFKC turns into plain ASCII (a year,
a number or a code typed with a Chinese input method: ``２０２５``, ``６１００００``, ``　``) is
read, and written back, as that ASCII; any other cell is kept exactly as typed, so that titles and
notes keep their full-width punctuation (``（``, ``，``, ``…``) as published. An Excel date cell is
read as exactly as its format shows it: a cell formatted as a month gives ``2021-12``, not a day.
What was done is returned as notes for the user; what cannot be read raises DataValidationError
naming file, row and column and saying what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from model.schema import DataValidationError, Issue

EXCEL = (".xlsx", ".xlsm")


@dataclass
class TextTable:
    """A file's table as text: ``header``, ``records`` (one dict per kept row, every cell a str),
    ``rows`` (each record's row number in the file, for messages) and ``notes`` (what was done).
    """

    header: list[str]
    records: list[dict[str, str]]
    rows: list[int]
    notes: list[str] = field(default_factory=list)


def read(path: Path, sheet: str | None = None) -> TextTable:
    """The table in ``path`` (CSV or Excel). Raises DataValidationError naming file, row, column."""
    path = Path(path)
    if not path.is_file():
        raise DataValidationError([Issue(str(path), "file", "*", "file not found")])
    notes: list[str] = []
    if path.suffix.lower() in EXCEL:
        rows = _excel_rows(path, sheet, notes)
    elif path.suffix.lower() == ".xls":
        msg = "an Excel 97-2003 workbook: save it as .xlsx or as CSV UTF-8 and import that"
        raise DataValidationError([Issue(str(path), "file", "*", msg)])
    else:
        rows = _csv_rows(path, notes)
    return _table(path, rows, notes)


def _csv_rows(path: Path, notes: list[str]) -> list[list[str]]:
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):  # a workbook saved under another name
        raise DataValidationError([Issue(str(path), "file", "*", "an Excel workbook, not CSV: name it .xlsx")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[: utf8.start].count(b"\n") + 1
            msg = "neither UTF-8 nor GB18030 (GBK): save it from Excel as 'CSV UTF-8' and import that"
            raise DataValidationError([Issue(str(path), line, "*", msg)]) from None
        notes.append("read as GB18030 (GBK), the encoding of Chinese Excel's CSV; it is written as UTF-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def _excel_rows(path: Path, sheet: str | None, notes: list[str]) -> list[list[str]]:
    from openpyxl import load_workbook  # only imports need it

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - any unreadable workbook is the file's problem, said as such
        raise DataValidationError([Issue(str(path), "file", "*", f"not a readable .xlsx workbook ({e})")]) from None
    try:
        if sheet is None:
            ws = wb.worksheets[0]
            if len(wb.worksheets) > 1:
                notes.append(f"read the first sheet, {ws.title!r} (another: --sheet NAME)")
        elif sheet in wb.sheetnames:
            ws = wb[sheet]
        else:
            names = ", ".join(wb.sheetnames)
            raise DataValidationError([Issue(str(path), "file", "*", f"no sheet {sheet!r}; the sheets are: {names}")])
        return [[_excel_text(*_cell(c, wb.epoch)) for c in row] for row in ws.iter_rows()]
    finally:
        wb.close()


# Chinese Excel's built-in date formats (numFmtId 27-31, 36, 50-54, 57-58 in a zh-CN workbook),
# which openpyxl does not know: their cells would read as serial numbers (44531 for 2021-12).
# Each is given as the format it shows, so that a month stays a month.
CJK_DATE_FORMATS = {
    **dict.fromkeys((27, 36, 50, 52, 57), 'yyyy"年"m"月"'),
    **dict.fromkeys((28, 29, 51, 53, 54, 58), 'm"月"d"日"'),
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
}


def _cell(cell, epoch) -> tuple[object, str]:
    """A cell's value and number format, a serial number in a Chinese built-in date format read as
    the date it shows.
    """
    value, number_format = cell.value, getattr(cell, "number_format", "")
    style = getattr(cell, "style_array", None)
    fmt = CJK_DATE_FORMATS.get(style.numFmtId) if style is not None else None
    if fmt and isinstance(value, (int, float)) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        return from_excel(value, epoch), fmt
    return value, number_format


def _excel_text(value, number_format: str = "") -> str:
    """A cell as the text a CSV would hold: 2024 not 2024.0, dates as ISO at the precision the
    cell's format shows (a day, a month: ``yyyy-mm`` gives 2021-12, a year), empty as ''.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        day = value.date() if isinstance(value, dt.datetime) else value
        shown = re.sub(r'"[^"]*"|\[[^]]*\]', "", (number_format or "").lower())  # literals, colours
        if "d" not in shown and "m" in shown:
            return day.isoformat()[:7]  # formatted as a month: the source gave no day
        if "d" not in shown and "m" not in shown and "y" in shown:
            return day.isoformat()[:4]
        return day.isoformat()
    return str(value)


def _table(path: Path, rows: list[list[str]], notes: list[str]) -> TextTable:
    changed = 0

    def norm(cell: str) -> str:
        nonlocal changed
        if cell.isascii():
            return cell
        out = unicodedata.normalize("NFKC", cell)
        if not out.isascii():
            return cell  # text: kept as typed (a title's full-width brackets are the title's)
        changed += 1
        return out

    rows = [[norm(c) for c in row] for row in rows]
    numbered = [(n, row) for n, row in enumerate(rows, start=1)]
    blank = [n for n, row in numbered if not any(c.strip() for c in row)]
    numbered = [(n, row) for n, row in numbered if any(c.strip() for c in row)]
    if not numbered:
        raise DataValidationError([Issue(str(path), 1, "*", "the file has no rows")])
    (_, header), body = numbered[0], numbered[1:]
    width = len(header)

    def empty_column(i: int) -> bool:
        return not header[i].strip() and not any(len(r) > i and r[i].strip() for _, r in body)

    while width and empty_column(width - 1):
        width -= 1  # an empty trailing column (Excel's stray comma): dropped
    if width < len(header):
        notes.append(f"skipped {len(header) - width} empty column(s) at the end of the header")
    header = [h.strip() for h in header[:width]]
    issues, records, numbers = [], [], []
    for n, row in body:
        extra = row[width:]
        if any(c.strip() for c in extra):
            issues.append(Issue(str(path), n, "*", f"has {len(row)} cells, the header has {width}"))
            continue
        cells = row[:width] + [""] * (width - len(row))
        records.append(dict(zip(header, cells)))
        numbers.append(n)
    if issues:
        raise DataValidationError(issues)
    if blank:
        shown = ", ".join(map(str, blank[:10])) + (" ..." if len(blank) > 10 else "")
        notes.append(f"skipped {len(blank)} blank row(s): {shown}")
    if changed:
        notes.append(f"normalised {changed} cell(s) written with full-width characters (NFKC), kept as ASCII")
    return TextTable(header, records, numbers, notes)


def renumber(error: DataValidationError, rows: list[int], first_row: int = 2) -> DataValidationError:
    """``error`` with each row number of a validation (records numbered from ``first_row``) turned
    into the row's number in the file (``TextTable.rows``): blank rows skipped keep their place.
    """
    out = []
    for i in error.issues:
        if isinstance(i.row, int) and 0 <= i.row - first_row < len(rows):
            i = Issue(i.file, rows[i.row - first_row], i.column, i.message, i.unit)
        out.append(i)
    return DataValidationError(out)
