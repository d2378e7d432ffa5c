"""Yearly data updates: ``python -m atlas data import FILE``.

An update adds rows and changes the rows whose key it repeats (``Table.key``: adcode, year and
indicator for values; the id for the other tables): a file holding only the new year's rows
changes nothing else. Rows are removed only on request: ``--replace`` (the file is the whole new
table) or ``--delete FILE`` (the rows to remove). The files may be what planners make (CSV in
UTF-8 or GB18030, .xlsx; blank rows, empty columns and full-width digits are handled:
model/intake.py). The updated table is checked with the same schema as the bundled data, then
with every other file (a value must cite a known source and a known indicator...), by loading
the whole atlas with it in place. Only then is the difference shown (added, changed, removed
rows with old and new values) and, when confirmed, the file written atomically: the new content
goes to a temporary file beside the table, the old table is copied to ``<data>/.backup/``, and a
rename puts the new file in place. An interrupted import leaves either the old table or the new
one, never half of either.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from model import changelog, intake
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
HISTORY = changelog.HISTORY


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
    notes: list[str] = field(default_factory=list)  # what reading the files did (encoding, blank rows...)


def _show(value) -> str:
    return "(empty)" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _same(a, b) -> bool:
    a_missing = a is None or (isinstance(a, float) and pd.isna(a))
    b_missing = b is None or (isinstance(b, float) and pd.isna(b))
    return a_missing and b_missing or (not a_missing and not b_missing and a == b)


def detect(header: list[str], path: Path) -> Table:
    """The table a file updates, from its header (the same columns, in order, as the bundled file)."""
    for table in TABLES.values():
        if [h.strip() for h in header] == list(table.schema.names):
            return table
    known = "; ".join(f"{t.name}: {','.join(t.schema.names)}" for t in TABLES.values())
    msg = f"the header matches no importable table; use the columns of one, in order ({known})"
    raise DataValidationError([Issue(str(path), 1, "*", msg)])


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


def _parsed(spec: Table, records: list[dict], file: str, rows: list[int] | None = None) -> list[dict]:
    """Raw records as the schema reads them (so that '2025' and '２０２５' are one key); errors name
    the file's own row numbers (``rows``).
    """
    try:
        return spec.schema.validate_records(records, file)
    except DataValidationError as e:
        raise intake.renumber(e, rows) if rows else e from None


def _keys(spec: Table, parsed: list[dict]) -> list[tuple]:
    return [tuple(r[k] for k in spec.key) for r in parsed]


def _csv_text(header: list[str], records: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


def plan(
    source: Path | None,
    data_dir: Path,
    table: str | None = None,
    *,
    replace: bool = False,
    delete: Path | None = None,
    sheet: str | None = None,
) -> Plan:
    """Validate an update of a table of ``data_dir``; nothing is written.

    ``source``'s rows are added or, where their key (``Table.key``) is already there, replace the
    row: an update, not a new table. With ``replace``, ``source`` is the whole new table (rows it
    lacks are removed); ``delete`` names a file of rows to remove (their key columns suffice).
    Files may be CSV (UTF-8, GB18030) or .xlsx (``sheet``, default the first): model/intake.py.
    Raises DataValidationError naming the file, the row and the column of every problem.
    """
    if source is None and delete is None:
        raise DataValidationError([Issue("(none)", "file", "*", "give a file to import, or --delete FILE")])
    given = intake.read(source, sheet) if source is not None else None
    removing = intake.read(delete, sheet) if delete is not None else None
    if table:
        spec = TABLES[table]
    else:
        spec = detect(given.header, Path(source)) if given else _detect_keys(removing.header, Path(delete))
    target = data_dir / spec.path
    _, old_records = read_csv_records(target) if target.exists() else (None, [])
    old_parsed = _parsed(spec, old_records, str(target))  # read once: for the keys and for the diff
    merged = {} if replace else dict(zip(_keys(spec, old_parsed), old_records))
    notes = []
    if given is not None:
        if [h for h in given.header] != list(spec.schema.names):
            detect(given.header, Path(source))  # says which columns are expected
        for k, rec in zip(_keys(spec, _parsed(spec, given.records, str(source), given.rows)), given.records):
            merged[k] = rec  # a new key is added at the end; an existing one replaced in place
        notes += [f"{Path(source).name}: {n}" for n in given.notes]
    if removing is not None:
        missing = [c for c in spec.key if c not in removing.header]
        if missing:
            msg = f"a file of rows to delete needs the key columns {', '.join(spec.key)}"
            raise DataValidationError([Issue(str(delete), "header", missing[0], msg)])
        by_name = {c.name: c for c in spec.schema.columns}
        cols = [by_name[k] for k in spec.key]  # in the key's order, as the keys of ``merged``
        for n, rec in zip(removing.rows, removing.records):
            try:
                k = tuple(c.convert(rec.get(c.name)) for c in cols)
            except ValueError as e:
                raise DataValidationError([Issue(str(delete), n, spec.key[0], str(e))]) from None
            if k not in merged:
                notes.append(f"{Path(delete).name}: row {n} ({' '.join(map(str, k))}) is not in the table")
            merged.pop(k, None)
        notes += [f"{Path(delete).name}: {n}" for n in removing.notes]
    content = _csv_text(list(spec.schema.names), list(merged.values()))
    # the whole atlas with the updated table in place: references across files
    with tempfile.TemporaryDirectory(prefix="atlas-import-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns(BACKUPS, HISTORY))
        (trial / spec.path).write_bytes(content)
        try:
            load_atlas(trial)
        except DataValidationError as e:
            named = Path(source) if source is not None else target
            raise DataValidationError([_named(i, _rel(trial / spec.path, trial), named) for i in e.issues]) from None
        new = read_table(trial / spec.path, spec.schema, trial)
    old = pd.DataFrame(old_parsed, columns=spec.schema.names)
    shown = Path(source) if source is not None else Path(delete)
    return Plan(spec, shown, target, diff_tables(old, new, spec.key), content, notes)


def _detect_keys(header: list[str], path: Path) -> Table:
    """The table a file of rows to delete is for: the first whose key columns its header holds."""
    for table in TABLES.values():
        if all(k in header for k in table.key):
            return table
    raise DataValidationError([Issue(str(path), 1, "*", "its header holds the key columns of no table")])


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
        # mkstemp makes the file 0600: keep the table's own mode (or the umask's default), so that
        # a web app running as another user still reads the table after an update
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        backup = None
        if target.exists():
            backup_root = backup_root or target.parent / BACKUPS
            # the time to the nanosecond: two imports in one second keep two backups
            backup = backup_root / f"{target.name}.{time.strftime('%Y%m%d-%H%M%S')}.{time.time_ns() % 10**9:09d}"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target, backup)
        os.replace(tmp, target)  # atomic on POSIX: readers see the old file or the new one
        _fsync_dir(target.parent)
        return backup
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    ``<data>/.backup/``, in the table's folder, both versions' tables in ``<data>/.history/`` and
    a line in its change log (model/changelog.py). Returns the backup's path, None if none.
    """
    before = changelog.snapshot(data_dir, _tables())
    backup = atomic_write(p.target, p.content, data_dir / BACKUPS / Path(p.table.path).parent)
    _log(data_dir, "import", [p], before, p.source)
    return backup


def _tables() -> list[str]:
    return [t.path for t in TABLES.values()]


def _log(data_dir: Path, action: str, plans: list[Plan], before: str, source: Path) -> None:
    after = changelog.snapshot(data_dir, _tables())
    counts = {
        "added": sum(len(p.diff.added) for p in plans),
        "changed": sum(len(p.diff.changed) for p in plans),
        "removed": sum(len(p.diff.removed) for p in plans),
    }
    entry = changelog.Entry(
        when=changelog.now_text(),
        who=changelog.who(),
        action=action,
        table=",".join(p.table.name for p in plans),
        file=str(source),
        sha256=changelog.sha256(source) if Path(source).is_file() else "",
        counts=counts,
        before=before,
        after=after,
        lines=[line for p in plans for line in p.diff.lines(200)],
        notes=[n for p in plans for n in p.notes],
    )
    changelog.record(data_dir, entry)


def plan_rollback(version: str, data_dir: Path) -> list[Plan]:
    """What putting back the tables of ``version`` (a data version of the change log, or its first
    6+ characters) changes: one Plan per table that differs, checked with the whole atlas.

    Raises DataValidationError when there is no snapshot of that version (never made, or pruned)
    or when the atlas would not load with it (a table another import changed since, say).
    """
    snap = changelog.snapshot_of(data_dir, version)
    if snap is None:
        msg = f"no snapshot of data version {version!r} (never made, or pruned): `data history` lists the versions"
        raise DataValidationError([Issue(str(data_dir / changelog.HISTORY), "file", "*", msg)])
    plans = []
    for spec in TABLES.values():
        kept, target = snap / spec.path, data_dir / spec.path
        if not kept.exists() or (target.exists() and kept.read_bytes() == target.read_bytes()):
            continue
        old = read_table(target, spec.schema, data_dir) if target.exists() else pd.DataFrame(columns=spec.schema.names)
        new = read_table(kept, spec.schema, snap)
        plans.append(Plan(spec, kept, target, diff_tables(old, new, spec.key), kept.read_bytes()))
    with tempfile.TemporaryDirectory(prefix="atlas-rollback-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns(BACKUPS, HISTORY))
        for p in plans:
            (trial / p.table.path).write_bytes(p.content)
        load_atlas(trial)
    return plans


def apply_rollback(plans: list[Plan], data_dir: Path, version: str) -> None:
    """Write the tables of a rollback (each atomically, old ones backed up) and log it."""
    before = changelog.snapshot(data_dir, _tables())
    for p in plans:
        atomic_write(p.target, p.content, data_dir / BACKUPS / Path(p.table.path).parent)
    _log(data_dir, "rollback", plans, before, data_dir / changelog.HISTORY / version)
