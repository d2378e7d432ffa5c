"""A small declarative schema for the atlas tables, with errors that name file, row and column.

Every table is read as text and checked cell by cell, so a bad value is reported where a
planner can find it: ``data/indicators/values.csv: row 14, column 'year': '20x2' is not an
integer``. Rows are counted as lines of the file (the header is row 1); GeoJSON features are
counted from 1 in file order.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_ERRORS = 25


@dataclass(frozen=True)
class Issue:
    """One problem in a data file; ``str()`` gives the line a planner reads.

    ``row`` is an int counted in ``unit``s (CSV lines, the header being row 1; GeoJSON features
    from 1) or a str naming a place ("header", "file"); ``column`` is '*' when no one column is at
    fault.
    """

    file: str
    row: int | str  # an int counts `unit`s (CSV lines, GeoJSON features); a str names a place
    column: str
    message: str
    unit: str = "row"

    def __str__(self) -> str:
        where = f"{self.unit} {self.row}" if isinstance(self.row, int) else str(self.row)
        return f"{self.file}: {where}, column '{self.column}': {self.message}"


class DataValidationError(ValueError):
    """Raised when a data file breaks its schema; ``issues`` lists every problem found."""

    def __init__(self, issues: Sequence[Issue]):
        self.issues = list(issues)
        shown = "\n  ".join(str(i) for i in self.issues[:MAX_ERRORS])
        more = len(self.issues) - MAX_ERRORS
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.issues)} data error(s):\n  {shown}{tail}")


class Gathered:
    """Every problem of a load or an import, gathered: each read or check runs on what could be
    read (a table that failed its schema is left out of the checks that need it), and
    :meth:`raise_any` raises one DataValidationError listing them all, so that a planner fixes a
    file in one go instead of meeting its errors one run at a time.
    """

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def run(self, fn, *args, **kwargs):
        """``fn(*args, **kwargs)``, or None with its issues kept when it raises DataValidationError."""
        try:
            return fn(*args, **kwargs)
        except DataValidationError as e:
            self.issues += e.issues
            return None

    def passes(self, fn, *args, **kwargs) -> bool:
        """Whether the check ``fn(*args, **kwargs)`` found nothing (its issues kept when it did)."""
        before = len(self.issues)
        self.run(fn, *args, **kwargs)
        return len(self.issues) == before

    def raise_any(self) -> None:
        """Raise DataValidationError with every issue gathered, if any."""
        if self.issues:
            raise DataValidationError(self.issues)


def _parse_int(text: str) -> int:
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError(f"{text!r} is not an integer")
    return int(text)


def _parse_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value


def _parse_bool(text: str) -> bool:
    low = text.strip().lower()
    if low in {"true", "1", "yes"}:
        return True
    if low in {"false", "0", "no"}:
        return False
    raise ValueError(f"{text!r} is not true/false")


PARSERS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "int": _parse_int,
    "float": _parse_float,
    "bool": _parse_bool,
}
PY_TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


@dataclass(frozen=True)
class Col:
    """One column: its type, whether it may be empty, and the checks on each value."""

    name: str
    kind: str = "str"
    required: bool = True
    multi: bool = False  # a list: ';'-separated in CSV, a JSON array in GeoJSON
    choices: frozenset[str] | None = None
    pattern: str | None = None
    min: float | None = None
    max: float | None = None
    unique: bool = False
    check: Callable[[Any], str | None] | None = None  # returns a message when the value is bad

    def _check_one(self, value: Any) -> None:
        if self.choices is not None and value not in self.choices:
            allowed = ", ".join(sorted(self.choices))
            if len(allowed) > 200:
                allowed = allowed[:200] + " ..."
            raise ValueError(f"{value!r} is not one of: {allowed}")
        if self.pattern is not None and not re.fullmatch(self.pattern, str(value)):
            raise ValueError(f"{value!r} does not match the pattern {self.pattern}")
        if self.min is not None and value < self.min:
            raise ValueError(f"{value!r} is below the minimum {self.min}")
        if self.max is not None and value > self.max:
            raise ValueError(f"{value!r} is above the maximum {self.max}")
        if self.check is not None and (msg := self.check(value)):
            raise ValueError(msg)

    def convert(self, raw: Any) -> Any:
        """Turn a raw cell (CSV text or a JSON value) into a checked Python value, or None."""
        if self.multi:
            items = _as_list(raw)
            if not items and self.required:
                raise ValueError("is empty")
            out = [self._scalar(i) for i in items]
            if len(set(out)) != len(out):
                raise ValueError(f"{raw!r} repeats a value")
            return out
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            if self.required:
                raise ValueError("is empty")
            return None
        return self._scalar(raw)

    def _scalar(self, raw: Any) -> Any:
        if isinstance(raw, str):
            text = raw.strip()
            if text != raw:
                raise ValueError(f"{raw!r} has leading or trailing spaces")
            value = PARSERS[self.kind](text)
        elif isinstance(raw, bool) and self.kind != "bool":
            raise ValueError(f"{raw!r} is not {self.kind}")
        elif isinstance(raw, PY_TYPES[self.kind]):
            value = raw
            if self.kind == "float":
                value = float(raw)
                if not math.isfinite(value):
                    raise ValueError(f"{raw!r} is not a finite number")
        else:
            raise ValueError(f"{raw!r} is not {self.kind}")
        self._check_one(value)
        return value


def _as_list(raw: Any) -> list:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [p for p in raw.split(";")] if raw.strip() else []
    if isinstance(raw, list):
        return raw
    raise ValueError(f"{raw!r} is not a list")


@dataclass(frozen=True)
class Schema:
    """A table's columns, in file order, and the checks across a row; ``validate_records`` applies them."""

    name: str
    columns: tuple[Col, ...]
    # Checks across a whole row: (row dict) -> (column, message) or None.
    row_checks: tuple[Callable[[Mapping[str, Any]], tuple[str, str] | None], ...] = field(default=())
    extra_columns: bool = False  # whether columns not listed here are allowed

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [c.name for c in self.columns]

    def validate_records(
        self,
        records: Iterable[Mapping[str, Any]],
        file: str,
        first_row: int = 2,
        present: Sequence[str] | None = None,
        unit: str = "row",
    ) -> list[dict]:
        """Check and convert records; raise DataValidationError naming file, row and column."""
        issues: list[Issue] = []
        if present is not None:
            missing = [c for c in self.names if c not in present]
            issues += [Issue(file, "header", c, "required column is missing") for c in missing]
            if not self.extra_columns:
                extra = [c for c in present if c not in self.names]
                issues += [Issue(file, "header", c, "unknown column") for c in extra]
            if issues:
                raise DataValidationError(issues)
        out: list[dict] = []
        seen: dict[str, dict[Any, int]] = {c.name: {} for c in self.columns if c.unique}
        for n, rec in enumerate(records, start=first_row):
            row: dict[str, Any] = {}
            ok = True
            for col in self.columns:
                try:
                    row[col.name] = col.convert(rec.get(col.name))
                except ValueError as e:
                    issues.append(Issue(file, n, col.name, str(e), unit))
                    ok = False
                    continue
                if col.unique and row[col.name] is not None:
                    first = seen[col.name].setdefault(row[col.name], n)
                    if first != n:
                        msg = f"{row[col.name]!r} repeats {unit} {first}"
                        issues.append(Issue(file, n, col.name, msg, unit))
                        ok = False
            if ok:
                for check in self.row_checks:
                    if found := check(row):
                        issues.append(Issue(file, n, found[0], found[1], unit))
                        ok = False
            if self.extra_columns:
                row.update({k: v for k, v in rec.items() if k not in row})
            out.append(row)
            if len(issues) >= MAX_ERRORS * 4:
                break
        if issues:
            raise DataValidationError(issues)
        return out


QUOTING = (
    "a value holding a comma or a line break goes in double quotes, and a double quote inside one is written twice"
)


def read_csv_records(path: Path, name: str | None = None) -> tuple[list[str], list[dict[str, str]]]:
    """Read a UTF-8 CSV as text (BOM allowed). Returns (header, rows); empty cells stay ''.

    Raises DataValidationError naming the file (as ``name``, default the path) and the line: not
    UTF-8, empty, a blank line, a row of another length than the header, quotes not closed or not
    doubled (csv's strict mode: a stray quote would otherwise become part of the text).
    """
    name = name or str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataValidationError([Issue(name, line, "*", "is not valid UTF-8")]) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as e:
        raise DataValidationError([Issue(name, reader.line_num, "*", f"{e}: {QUOTING}")]) from None
    if not rows:
        raise DataValidationError([Issue(name, 1, "*", "the file is empty")])
    header, body = rows[0][1], rows[1:]
    records, issues = [], []
    for n, cells in body:  # every misshapen line of the file, not only the first
        if not any(c.strip() for c in cells):
            issues.append(Issue(name, n, "*", "is a blank line: delete it"))
        elif len(cells) != len(header):
            msg = f"has {len(cells)} cells, the header has {len(header)} ({QUOTING})"
            issues.append(Issue(name, n, "*", msg))
        else:
            records.append(dict(zip(header, cells)))
    if issues:
        raise DataValidationError(issues)
    return header, records
