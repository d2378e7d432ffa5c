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
rename puts the new file in place (model/atomic.py). An interrupted import leaves either the old
table or the new one, never half of either. A rollback (model/rollback.py) is written the same way.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from model import changelog, hub_layers, intake
from model import history as hub_history
from model.atomic import BACKUPS, atomic_write
from model.importable import TABLES, Table, detect, detect_keys
from model.loader import _rel, load_atlas, read_table
from model.places import read_places
from model.schema import DataValidationError, Issue, read_csv_records
from model.tablediff import Diff, diff_tables

HISTORY = changelog.HISTORY  # the change log's folder inside the data directory


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
    derived: list[tuple[Path, bytes]] = field(default_factory=list)  # files rebuilt with the table (a map layer)
    sources: list[Path] = field(default_factory=list)  # every file that changed this table
    read: dict[Path, str] = field(default_factory=dict)  # sha256 of each file to write, as planned from

    def writes_nothing(self) -> bool:
        """True when no row changes and every rebuilt file is already as built (a map layer an
        interrupted import left behind its table is rewritten, even with no row changed).
        """
        return self.diff.empty and all(path.exists() and path.read_bytes() == c for path, c in self.derived)


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


@dataclass
class _Change:
    """One file's part in an import: rows to add or change, or (``delete``) rows to remove."""

    table: Table
    path: Path
    text: intake.TextTable
    delete: bool = False


def plan(
    source: Path | None,
    data_dir: Path,
    table: str | None = None,
    *,
    replace: bool = False,
    delete: Path | None = None,
    sheet: str | None = None,
) -> Plan:
    """Validate an update of one table of ``data_dir`` from one file; nothing is written.

    ``plan_all`` with one file: see there. Raises DataValidationError naming the file, the row and
    the column of every problem.
    """
    return plan_all(
        [source] if source is not None else [], data_dir, table, replace=replace, delete=delete, sheet=sheet
    )[0]


def plan_all(
    sources: list[Path],
    data_dir: Path,
    table: str | None = None,
    *,
    replace: bool = False,
    delete: Path | None = None,
    sheet: str | None = None,
) -> list[Plan]:
    """Validate an update of ``data_dir`` from several files at once; nothing is written. Returns
    one Plan per table changed, in the order the files name them.

    Each file's rows are added or, where their key (``Table.key``) is already there, replace the
    row: an update, not a new table. With ``replace``, a file is the whole new table (rows it lacks
    are removed); ``delete`` names a file of rows to remove (their key columns suffice). Files that
    only hold together are imported together: a zone revoked this year is its hub table's row and
    its ``history`` event. A hub layer's map layer is rebuilt from its updated table, each new hub
    placed from its ``place_adcode`` (model/hub_layers.py). The updated tables are checked with
    the whole atlas before anything is shown. Files may be CSV (UTF-8, GB18030) or .xlsx
    (``sheet``, default the first): model/intake.py.
    Raises DataValidationError naming the file, the row and the column of every problem.
    """
    if not sources and delete is None:
        raise DataValidationError([Issue("(none)", "file", "*", "give a file to import, or --delete FILE")])
    with changelog.lock(data_dir):
        plans = _plan_all(sources, data_dir, table, replace, delete, sheet)
    mark = changelog.interrupted(data_dir)
    if mark and plans:
        plans[0].notes.insert(0, changelog.interrupted_text(mark))
    return plans


def _plan_all(sources, data_dir, table, replace, delete, sheet) -> list[Plan]:
    changes = []
    for source in sources:
        given = intake.read(source, sheet)
        spec = TABLES[table] if table else detect(given.header, Path(source), given.records, given.rows)
        if given.header != list(spec.schema.names):
            detect(given.header, Path(source))  # says which columns are expected
        changes.append(_Change(spec, Path(source), given))
    if delete is not None:
        removing = intake.read(delete, sheet)
        spec = TABLES[table] if table else detect_keys(removing, Path(delete), data_dir)
        changes.append(_Change(spec, Path(delete), removing, delete=True))
    by_table: dict[str, list[_Change]] = {}
    for c in changes:
        by_table.setdefault(c.table.name, []).append(c)
    if replace and any(sum(not c.delete for c in group) > 1 for group in by_table.values()):
        raise DataValidationError([Issue(str(changes[0].path), "file", "*", "--replace takes one file per table")])
    drafts = [_draft(group, data_dir, replace) for group in by_table.values()]
    # the whole atlas with the updated tables in place: references across files
    with tempfile.TemporaryDirectory(prefix="atlas-import-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns(BACKUPS, HISTORY))
        for d in drafts:
            (trial / d.plan.table.path).write_bytes(d.plan.content)
            for path, content in d.plan.derived:
                (trial / path.relative_to(data_dir)).write_bytes(content)
        try:
            load_atlas(trial)
        except DataValidationError as e:
            raise DataValidationError([_named(i, drafts, trial) for i in e.issues]) from None
        plans = []
        for d in drafts:
            new = read_table(trial / d.plan.table.path, d.plan.table.schema, trial)
            d.plan.diff = diff_tables(d.old, new, d.plan.table.key)
            plans.append(d.plan)
    return plans


@dataclass
class _Draft:
    """A table's planned content before the whole atlas is checked: the plan (its diff still to
    make), the old table, and where each row of the new table came from (file, row) or None (kept).
    """

    plan: Plan
    old: pd.DataFrame
    origins: list[tuple[Path, int] | None]


def _draft(group: list[_Change], data_dir: Path, replace: bool) -> _Draft:
    """One table's new content from the files that change it, each file's rows validated and
    placed first, so that a problem names the file's own row.
    """
    spec = group[0].table
    target = data_dir / spec.path
    if spec.derived and not target.exists() and (data_dir / spec.derived).exists():
        msg = f"the table {spec.path} that {spec.derived} is built from is missing: restore it before an import"
        raise DataValidationError([Issue(str(target), "file", "*", msg)])
    _, old_records = read_csv_records(target) if target.exists() else (None, [])
    old_parsed = _parsed(spec, old_records, str(target))  # read once: for the keys and for the diff
    merged = {} if replace else dict(zip(_keys(spec, old_parsed), old_records))
    origins: dict[tuple, tuple[Path, int]] = {}
    places = read_places(data_dir) if spec.layer else None
    notes = []
    for c in group:
        notes += [f"{c.path.name}: {n}" for n in c.text.notes]
        if c.delete:
            notes += _remove(spec, c, merged)
            continue
        parsed = _parsed(spec, c.text.records, str(c.path), c.text.rows)
        if spec.layer:
            _check_ids(spec, parsed, old_parsed, c, data_dir)
            try:
                hub_layers.layer_geojson(spec.layer, parsed, places, str(c.path))
            except DataValidationError as e:
                raise intake.renumber(e, c.text.rows) from None
        seen: dict[tuple, int] = {}
        for k, rec, n in zip(_keys(spec, parsed), c.text.records, c.text.rows):
            if k in seen or (k in origins and merged[k] != rec):
                where = f"row {seen[k]}" if k in seen else f"{origins[k][0].name} row {origins[k][1]}"
                msg = f"{' '.join(map(str, k))} is given twice (also {where}): keep one row per {', '.join(spec.key)}"
                raise DataValidationError([Issue(str(c.path), n, spec.key[0], msg)])
            seen[k] = n
            if spec.name == "history" and k not in merged:
                merged = _event_in_place(merged, k, rec)  # the loader wants each hub's events in date order
            else:
                merged[k] = rec  # a new key is added at the end; an existing one replaced in place
            origins[k] = (c.path, n)
    content = _csv_text(list(spec.schema.names), list(merged.values()))
    derived = []
    if spec.layer:
        rows = _parsed(spec, list(merged.values()), spec.path)
        derived.append((data_dir / spec.derived, hub_layers.layer_geojson(spec.layer, rows, places, spec.path)))
    sources = [c.path for c in group]
    read = {path: _digest(path) for path in [target, *(p for p, _ in derived)]}
    plan = Plan(spec, sources[0], target, Diff(spec.key), content, notes, derived, sources, read)
    old = pd.DataFrame(old_parsed, columns=spec.schema.names)
    return _Draft(plan, old, [origins.get(k) for k in merged])


def _check_ids(spec: Table, parsed: list[dict], old: list[dict], change: _Change, data_dir: Path) -> None:
    """A hub's id is unique across the layers, and begins as its layer's do (the official counts
    select a designation's rows by that: data/official_counts.csv). Named at the file's rows.
    """
    prefixes = {r["id"].split("-")[0] for r in old}
    others = {}
    for t in TABLES.values():
        if t.layer and t.layer != spec.layer and (data_dir / t.path).exists():
            others.update({r.get("id"): t.layer for r in read_csv_records(data_dir / t.path)[1]})
    issues = []
    for n, row in zip(change.text.rows, parsed):
        if row["id"] in others:
            msg = f"{row['id']} is a hub of {others[row['id']]} already: an id names one hub in all layers"
            issues.append(Issue(str(change.path), n, "id", msg))
        elif prefixes and row["id"].split("-")[0] not in prefixes:
            begin = " or ".join(f"{p}-" for p in sorted(prefixes))
            msg = f"ids of {spec.layer} begin {begin} (data/official_counts.csv counts a designation's rows by them)"
            issues.append(Issue(str(change.path), n, "id", msg))
    if issues:
        raise DataValidationError(issues)


def _digest(path: Path) -> str:
    return changelog.sha256(path) if path.exists() else ""


def _event_in_place(merged: dict, key: tuple, record: dict) -> dict:
    """``merged`` (history rows by (hub, date, event)) with a new event among its hub's events:
    before the first of them it is surely earlier than, else after the hub's last (a hub's first
    event goes at the end). Other rows keep their order.
    """
    hub, date = key[0], key[1]
    keys = list(merged)
    own = [i for i, k in enumerate(keys) if k[0] == hub]
    later = [i for i in own if hub_history.is_before(date, keys[i][1])]
    at = later[0] if later else (own[-1] + 1 if own else len(keys))
    keys.insert(at, key)
    return {k: (record if k == key else merged[k]) for k in keys}


def _remove(spec: Table, change: _Change, merged: dict) -> list[str]:
    """Take the rows a file of rows to delete names out of ``merged``; notes for keys not there."""
    removing, notes = change.text, []
    missing = [c for c in spec.key if c not in removing.header]
    if missing:
        msg = f"a file of rows to delete needs the key columns {', '.join(spec.key)}"
        raise DataValidationError([Issue(str(change.path), "header", missing[0], msg)])
    by_name = {c.name: c for c in spec.schema.columns}
    cols = [by_name[k] for k in spec.key]  # in the key's order, as the keys of ``merged``
    for n, rec in zip(removing.rows, removing.records):
        try:
            k = tuple(c.convert(rec.get(c.name)) for c in cols)
        except ValueError as e:
            raise DataValidationError([Issue(str(change.path), n, spec.key[0], str(e))]) from None
        if k not in merged:
            notes.append(f"{change.path.name}: row {n} ({' '.join(map(str, k))}) is not in the table")
        merged.pop(k, None)
    return notes


def _named(issue: Issue, drafts: list[_Draft], trial: Path) -> Issue:
    """The issue as the user should read it: a row an import brought in, in the file and at the row
    it came from; a row kept from the table, in the data directory's table, not our trial copy.
    """
    for d in drafts:
        table, derived = d.plan.table.path, d.plan.table.derived
        if issue.file == _rel(trial / table, trial):
            first = 2  # CSV rows from 2, after the header
        elif derived and issue.file == _rel(trial / derived, trial):
            first = 1  # a layer's features from 1, one per row of its table
        else:
            continue
        i = issue.row - first if isinstance(issue.row, int) else -1
        origin = d.origins[i] if 0 <= i < len(d.origins) else None
        if origin is not None:
            return Issue(str(origin[0]), origin[1], issue.column, issue.message)
    return issue  # named as the data directory's own file (the trial copy has the same name)


def apply(p: Plan, data_dir: Path) -> Path | None:
    """``apply_all`` of one plan; returns the table's backup path, None if there was no old table."""
    return apply_all([p], data_dir)[0]


def apply_all(
    plans: list[Plan], data_dir: Path, action: str = "import", source: str | None = None
) -> list[Path | None]:
    """Write each plan's table in place at once (``atomic_write``), then the files rebuilt from it
    (a hub layer's map layer: written after its table, so that an import interrupted between the
    two serves the old layer and the next import rebuilds it from the table). Old files are kept
    under ``<data>/.backup/`` in the table's folder, both versions' tables in ``<data>/.history/``
    and a line in its change log (model/changelog.py). Returns each table's backup path.
    """
    with changelog.lock(data_dir):
        changed = [path for p in plans for path, digest in p.read.items() if _digest(path) != digest]
        if changed:
            names = ", ".join(p.name for p in changed)
            msg = f"changed since this import was checked (another import, an edit); nothing written: {names}"
            raise DataValidationError([Issue(str(changed[0]), "file", "*", msg)])
        before = changelog.snapshot(data_dir, _tables())
        files = [str(f) for p in plans for f in (p.sources or [p.source])]
        changelog.begin(data_dir, action, files, before)
        backups = []
        for p in plans:
            backups.append(atomic_write(p.target, p.content, data_dir / BACKUPS / Path(p.table.path).parent))
            for path, content in p.derived:
                atomic_write(path, content, data_dir / BACKUPS / path.parent.relative_to(data_dir))
        _log(data_dir, action, plans, before, source)
        changelog.end(data_dir)
    return backups


def _tables() -> list[str]:
    return [rel for t in TABLES.values() for rel in (t.path, t.derived) if rel]


def _log(data_dir: Path, action: str, plans: list[Plan], before: str, source: str | None) -> None:
    after = changelog.snapshot(data_dir, _tables())
    counts = {
        "added": sum(len(p.diff.added) for p in plans),
        "changed": sum(len(p.diff.changed) for p in plans),
        "removed": sum(len(p.diff.removed) for p in plans),
    }
    files = list(dict.fromkeys(f for p in plans for f in (p.sources or [p.source])))
    entry = changelog.Entry(
        when=changelog.now_text(),
        who=changelog.who(),
        action=action,
        table=",".join(p.table.name for p in plans),
        file=source or ";".join(map(str, files)),
        sha256="" if source else ";".join(changelog.sha256(f) for f in files if Path(f).is_file()),
        counts=counts,
        before=before,
        after=after,
        lines=[line for p in plans for line in p.diff.lines(200)],
        notes=[n for p in plans for n in p.notes],
    )
    changelog.record(data_dir, entry)
