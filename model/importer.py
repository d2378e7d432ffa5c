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

from layers import REGISTRY
from model import changelog, hub_layers, intake
from model.atomic import BACKUPS, atomic_write
from model.loader import _rel, load_atlas, read_table
from model.places import read_places
from model.schema import DataValidationError, Issue, Schema, read_csv_records
from model.tablediff import Diff, diff_tables
from model.tables import HISTORY as HUB_HISTORY
from model.tables import INDICATORS, SOURCES, VALUES


@dataclass(frozen=True)
class Table:
    """A table ``atlas data import`` can update: its path under the data directory, its schema and
    the columns that identify a row (``key``, for the upsert and the diff). A hub layer's table
    (``layer``) has a ``derived`` file, its map layer, rebuilt and written with it.
    """

    name: str
    path: str  # inside the data directory
    schema: Schema
    key: tuple[str, ...]
    layer: str | None = None
    derived: str | None = None


def _layer_tables() -> dict[str, Table]:
    out = {}
    for key in REGISTRY:
        table, built = hub_layers.layer_file(key)
        out[key] = Table(key, table, hub_layers.table_schema(key), ("id",), layer=key, derived=built)
    return out


TABLES = {
    "values": Table("values", "indicators/values.csv", VALUES, ("indicator", "adcode", "year")),
    "indicators": Table("indicators", "indicators/indicators.csv", INDICATORS, ("indicator",)),
    "sources": Table("sources", "sources.csv", SOURCES, ("source_id",)),
    **_layer_tables(),
    "history": Table("history", "hubs/history.csv", HUB_HISTORY, ("hub_id", "date", "event")),
}
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


def detect(header: list[str], path: Path, records: list[dict] = (), rows: list[int] = ()) -> Table:
    """The table a file updates, from its header (the same columns, in order, as the bundled file);
    the hub layers' tables share one header, so for them the rows' ``layer`` column says which.
    """
    header = [h.strip() for h in header]
    found = [t for t in TABLES.values() if header == list(t.schema.names)]
    if len(found) == 1:
        return found[0]
    if found:
        return _layer_table({t.layer: t for t in found}, records, rows or range(2, len(records) + 2), path)
    headers: dict[tuple, list[str]] = {}
    for t in TABLES.values():
        headers.setdefault(tuple(t.schema.names), []).append(t.name)
    known = "; ".join(f"{' / '.join(names)}: {','.join(cols)}" for cols, names in headers.items())
    msg = f"the header matches no importable table; use the columns of one, in order ({known})"
    raise DataValidationError([Issue(str(path), 1, "*", msg)])


def _layer_table(tables: dict[str, Table], records: list[dict], rows, path: Path) -> Table:
    """The one hub layer the rows are of (a file updates one layer, so that a typo in ``layer``
    cannot move a zone to another layer unseen).
    """
    if not records:
        raise DataValidationError([Issue(str(path), "file", "layer", "no rows say which hub layer: use --table")])
    first = records[0].get("layer", "")
    for n, rec in zip(rows, records):
        layer = rec.get("layer", "")
        if layer not in tables:
            msg = f"{layer!r} is not a hub layer; one of: {', '.join(tables)}"
            raise DataValidationError([Issue(str(path), n, "layer", msg)])
        if layer != first:
            msg = (
                f"a file updates one hub layer: the first row is {first!r}, this one {layer!r}; make one file per layer"
            )
            raise DataValidationError([Issue(str(path), n, "layer", msg)])
    return tables[first]


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
    changes = []
    for source in sources:
        given = intake.read(source, sheet)
        spec = TABLES[table] if table else detect(given.header, Path(source), given.records, given.rows)
        if given.header != list(spec.schema.names):
            detect(given.header, Path(source))  # says which columns are expected
        changes.append(_Change(spec, Path(source), given))
    if delete is not None:
        removing = intake.read(delete, sheet)
        spec = TABLES[table] if table else _detect_keys(removing, Path(delete), data_dir)
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
            try:
                hub_layers.layer_geojson(spec.layer, parsed, places, str(c.path))
            except DataValidationError as e:
                raise intake.renumber(e, c.text.rows) from None
        for k, rec, n in zip(_keys(spec, parsed), c.text.records, c.text.rows):
            merged[k] = rec  # a new key is added at the end; an existing one replaced in place
            origins[k] = (c.path, n)
    content = _csv_text(list(spec.schema.names), list(merged.values()))
    derived = []
    if spec.layer:
        rows = _parsed(spec, list(merged.values()), spec.path)
        derived.append((data_dir / spec.derived, hub_layers.layer_geojson(spec.layer, rows, places, spec.path)))
    sources = [c.path for c in group]
    plan = Plan(spec, sources[0], target, Diff(spec.key), content, notes, derived, sources)
    old = pd.DataFrame(old_parsed, columns=spec.schema.names)
    return _Draft(plan, old, [origins.get(k) for k in merged])


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


def _detect_keys(removing: intake.TextTable, path: Path, data_dir: Path) -> Table:
    """The table a file of rows to delete is for: the one whose key columns its header holds (the
    longest key); where several have them (every hub layer is keyed by ``id``), the one holding the
    first row's key.
    """
    found = [t for t in TABLES.values() if all(k in removing.header for k in t.key)]
    longest = max((len(t.key) for t in found), default=0)
    found = [t for t in found if len(t.key) == longest]  # (indicator, adcode, year) is values', not indicators'
    if len(found) > 1 and removing.records:
        first = removing.records[0]
        holding = [t for t in found if _holds(t, first, data_dir)]
        found = holding or found
    if len(found) == 1:
        return found[0]
    msg = "its header holds the key columns of no table" if not found else "say which table with --table"
    raise DataValidationError([Issue(str(path), 1, "*", msg)])


def _holds(spec: Table, record: dict, data_dir: Path) -> bool:
    target = data_dir / spec.path
    if not target.exists():
        return False
    _, records = read_csv_records(target)
    return any(all(r.get(k) == record.get(k) for k in spec.key) for r in records)


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
    before = changelog.snapshot(data_dir, _tables())
    backups = []
    for p in plans:
        backups.append(atomic_write(p.target, p.content, data_dir / BACKUPS / Path(p.table.path).parent))
        for path, content in p.derived:
            atomic_write(path, content, data_dir / BACKUPS / path.parent.relative_to(data_dir))
    _log(data_dir, action, plans, before, source)
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
