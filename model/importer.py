"""Yearly data updates: ``python -m atlas data import FILE``.

A new version of a table (indicator values, the indicator list, or the sources) is checked with
the same schema as the bundled data, then with every other file (a value must cite a known
source and a known indicator...), by loading the whole atlas with the new file in place. Only
then is the difference shown (added, changed, removed rows) and, when confirmed, the file
written atomically: the new content goes to a temporary file beside the table, the old table is
copied to ``<data>/.backup/``, and a rename puts the new file in place. An interrupted import
leaves either the old table or the new one, never half of either. The running app keeps its
data until it is restarted (it validates again then).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from model.loader import _rel, load_atlas, read_table
from model.schema import DataValidationError, Issue, Schema, read_csv_records
from model.tables import INDICATORS, SOURCES, VALUES


@dataclass(frozen=True)
class Table:
    """A table ``atlas data import`` can replace: its path under the data directory, its schema and
    the columns that identify a row (``key``, for the diff).
    """

    name: str
    path: str  # inside the data directory
    schema: Schema
    key: tuple[str, ...]


TABLES = {
    "values": Table("values", "indicators/values.csv", VALUES, ("indicator", "adcode", "year")),
    "indicators": Table("indicators", "indicators/indicators.csv", INDICATORS, ("indicator",)),
    "sources": Table("sources", "sources.csv", SOURCES, ("source_id",)),
}
BACKUPS = ".backup"


@dataclass
class Diff:
    """What a new version of a table does to the old one, rows matched on the ``key`` columns."""

    key: tuple[str, ...]
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict]] = field(default_factory=list)  # (old row, new row)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        """True when no row is added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        """The counts in one line: 'added 3, changed 1, removed 0, unchanged 412'."""
        return (
            f"added {len(self.added)}, changed {len(self.changed)}, removed {len(self.removed)}, "
            f"unchanged {self.unchanged}"
        )

    def lines(self, limit: int = 50) -> list[str]:
        """The diff to show, one line per row: '+' added, '~' changed (each changed column old → new),
        '-' removed; beyond ``limit`` lines, a last line counts the rest.
        """

        def key(row: dict) -> str:
            return " ".join(str(row[k]) for k in self.key)

        def rest(row: dict) -> str:
            return ", ".join(f"{k}={_show(v)}" for k, v in row.items() if k not in self.key)

        out = [f"+ {key(r)}: {rest(r)}" for r in self.added]
        for old, new in self.changed:
            diffs = [
                f"{k} {_show(old[k])} → {_show(new[k])}" for k in new if k not in self.key and not _same(old[k], new[k])
            ]
            out.append(f"~ {key(new)}: {'; '.join(diffs)}")
        out += [f"- {key(r)}: {rest(r)}" for r in self.removed]
        if len(out) > limit:
            out = [*out[:limit], f"... and {len(out) - limit} more"]
        return out


@dataclass
class Plan:
    """A validated import awaiting confirmation (``plan``): the given file, the table file it
    replaces, the diff, and the new content to write (``apply``).
    """

    table: Table
    source: Path
    target: Path
    diff: Diff
    content: bytes


def _show(value) -> str:
    return "(empty)" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _same(a, b) -> bool:
    a_missing = a is None or (isinstance(a, float) and pd.isna(a))
    b_missing = b is None or (isinstance(b, float) and pd.isna(b))
    return a_missing and b_missing or (not a_missing and not b_missing and a == b)


def detect(path: Path) -> Table:
    """The table a CSV updates, from its header (the same columns, in order, as the bundled file)."""
    header, _ = read_csv_records(path)
    for table in TABLES.values():
        if [h.strip() for h in header] == list(table.schema.names):
            return table
    known = "; ".join(f"{t.name}: {','.join(t.schema.names)}" for t in TABLES.values())
    raise DataValidationError([Issue(str(path), 1, "*", f"the header matches no importable table ({known})")])


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if v is pd.NA else v) for k, v in row.items()} for row in frame.to_dict("records")]


def diff_tables(old: pd.DataFrame, new: pd.DataFrame, key: tuple[str, ...]) -> Diff:
    """The rows ``new`` adds to, changes in and removes from ``old``, matched on ``key``; empty cells
    (None, NaN, <NA>) are equal to each other.
    """
    out = Diff(key)
    old_rows = {tuple(r[k] for k in key): r for r in _records(old)}
    new_rows = {tuple(r[k] for k in key): r for r in _records(new)}
    for k, row in new_rows.items():
        if k not in old_rows:
            out.added.append(row)
        elif all(_same(old_rows[k][c], row[c]) for c in row):
            out.unchanged += 1
        else:
            out.changed.append((old_rows[k], row))
    out.removed = [row for k, row in old_rows.items() if k not in new_rows]
    return out


def plan(source: Path, data_dir: Path, table: str | None = None) -> Plan:
    """Validate ``source`` as a new version of a table of ``data_dir``; nothing is written.

    Raises DataValidationError naming ``source``, the row and the column of every problem.
    """
    source = Path(source)
    if not source.is_file():
        raise DataValidationError([Issue(str(source), "file", "*", "file not found")])
    spec = TABLES[table] if table else detect(source)
    try:
        new = read_table(source, spec.schema, source.parent)  # the file alone: its own rows and columns
    except DataValidationError as e:
        raise DataValidationError([_named(i, source.name, source) for i in e.issues]) from None
    target = data_dir / spec.path
    # the whole atlas with the new file in place: references across files
    with tempfile.TemporaryDirectory(prefix="atlas-import-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns(BACKUPS))
        shutil.copyfile(source, trial / spec.path)
        try:
            load_atlas(trial)
        except DataValidationError as e:
            raise DataValidationError([_named(i, _rel(trial / spec.path, trial), source) for i in e.issues]) from None
    old = read_table(target, spec.schema, data_dir) if target.exists() else pd.DataFrame(columns=spec.schema.names)
    return Plan(spec, source, target, diff_tables(old, new, spec.key), source.read_bytes())


def _named(issue: Issue, name: str, source: Path) -> Issue:
    """The issue as the user should read it: in the file they gave, not our copy of it."""
    if issue.file != name:
        return issue
    return Issue(str(source), issue.row, issue.column, issue.message, issue.unit)


def atomic_write(target: Path, content: bytes, backup_root: Path | None = None, _write=None) -> Path | None:
    """Replace ``target`` by ``content`` all at once; the old file is kept in ``backup_root``.

    Returns the backup's path (None when there was no old file). ``_write`` is for tests (it
    writes the temporary file and may fail half-way, as a crash would).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            (_write or _write_all)(f, content)
            f.flush()
            os.fsync(f.fileno())
        backup = None
        if target.exists():
            backup_root = backup_root or target.parent / BACKUPS
            backup = backup_root / f"{target.name}.{time.strftime('%Y%m%d-%H%M%S')}.{os.getpid()}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, backup)
        os.replace(tmp, target)  # atomic on POSIX: readers see the old file or the new one
        _fsync_dir(target.parent)
        return backup
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_all(f, content: bytes) -> None:
    f.write(content)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def apply(p: Plan, data_dir: Path) -> Path | None:
    """Write the plan's file in place at once (``atomic_write``); the old table is kept under
    ``<data>/.backup/``, in the table's folder. Returns the backup's path, None if there was none.
    """
    return atomic_write(p.target, p.content, data_dir / BACKUPS / Path(p.table.path).parent)
