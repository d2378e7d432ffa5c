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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from model import changelog, coverage, hub_layers, intake
from model import history as hub_history
from model.atomic import BACKUPS, atomic_write
from model.importable import TABLES, Table, check_ids, detect, header_advice, tables_of_rows
from model.loader import load_atlas, read_table, relative_name
from model.places import read_places
from model.queries import make_vocab
from model.schema import DataValidationError, Gathered, Issue, read_csv_records
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
    base: str = ""  # the data version the plan was checked against (apply_all writes only onto it)
    digests: dict[str, str] = field(default_factory=dict)  # sha256 of each given file, as read
    warnings: list[str] = field(default_factory=list)  # imported, but worth a look (a sparse year)

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
    digest: str = ""  # sha256 of the file as read


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
    delete: Path | list[Path] | None = None,
    sheet: str | None = None,
) -> list[Plan]:
    """Validate an update of ``data_dir`` from several files at once; nothing is written. Returns
    one Plan per table changed, in the order the files name them.

    Each file's rows are added or, where their key (``Table.key``) is already there, replace the
    row: an update, not a new table. With ``replace``, a file is the whole new table (rows it lacks
    are removed); ``delete`` names files of rows to remove (their key columns suffice; a file of
    hub ids may span layers). Files that only hold together are imported together: a zone revoked
    this year is its hub table's row and its ``history`` event; a hub removed with its events is
    two files to delete. A hub layer's map layer is rebuilt from its updated table, each new hub
    placed from its ``place_adcode`` (model/hub_layers.py). The updated tables are checked with
    the whole atlas before anything is shown. Files may be CSV (UTF-8, GB18030) or .xlsx
    (``sheet``, default the first): model/intake.py. An import interrupted earlier must be
    finished (the same files) or undone (``data rollback``) first.
    Raises DataValidationError naming the file, the row and the column of every problem.
    """
    deletes = [delete] if isinstance(delete, (str, Path)) else list(delete or [])
    if not sources and not deletes:
        raise DataValidationError([Issue("(none)", "file", "*", "give a file to import, or --delete FILE")])
    mark = changelog.interrupted(data_dir)
    given = [str(f) for f in [*sources, *deletes]]
    if mark and mark.get("action") == "import" and sorted(mark.get("files", [])) != sorted(given):
        msg = f"{changelog.interrupted_text(mark)}. Finish or undo it before another import"
        raise DataValidationError([Issue(str(data_dir / changelog.HISTORY), "file", "*", msg)])
    base = changelog.version_of(data_dir)
    plans = _plan_all(sources, data_dir, table, replace, deletes, sheet)
    for p in plans:
        p.base = base
    if mark and plans:
        plans[0].notes.insert(0, changelog.interrupted_text(mark))
    return plans


def _read(path: Path, sheet: str | None) -> tuple[intake.TextTable, str]:
    digest = changelog.sha256(path) if Path(path).is_file() else ""  # the bytes read, for the log
    return intake.read(path, sheet), digest


def _plan_all(sources, data_dir, table, replace, deletes, sheet) -> list[Plan]:
    got = Gathered()  # every file's problems in one run, nothing written
    changes = [c for source in sources if (c := got.run(_given, source, sheet, table)) is not None]
    for path in deletes:
        found = got.run(_removing, path, sheet, table, data_dir)
        changes += found or []
    got.raise_any()
    by_table: dict[str, list[_Change]] = {}
    for c in changes:
        by_table.setdefault(c.table.name, []).append(c)
    if replace and any(sum(not c.delete for c in group) > 1 for group in by_table.values()):
        raise DataValidationError([Issue(str(changes[0].path), "file", "*", "--replace takes one file per table")])
    drafts = [got.run(_draft, group, data_dir, replace) for group in by_table.values()]
    got.raise_any()
    # the whole atlas with the updated tables in place: references across files
    with trial_copy(data_dir, [d.plan for d in drafts]) as trial:
        try:
            vocab = make_vocab(load_atlas(trial))
        except DataValidationError as e:
            raise DataValidationError([_named(i, drafts, trial) for i in e.issues]) from None
        plans = []
        for d in drafts:
            new = read_table(trial / d.plan.table.path, d.plan.table.schema, trial)
            d.plan.diff = diff_tables(d.old, new, d.plan.table.key)
            if d.plan.table.name == "values":  # a year of early releases: not the default year yet
                rows = [*d.plan.diff.added, *d.plan.diff.removed, *(n for _, n in d.plan.diff.changed)]
                d.plan.warnings = coverage.sparse_years(vocab, ((r["indicator"], int(r["year"])) for r in rows))
            plans.append(d.plan)
    return plans


def _given(source, sheet, table) -> _Change:
    given, digest = _read(source, sheet)
    spec = TABLES[table] if table else detect(given.header, Path(source), given.records, given.rows)
    if given.header != list(spec.schema.names):
        raise DataValidationError([Issue(str(source), 1, "*", header_advice(given.header, spec))])
    return _Change(spec, Path(source), given, digest=digest)


def _removing(path, sheet, table, data_dir) -> list[_Change]:
    removing, digest = _read(path, sheet)
    found = [(TABLES[table], removing)] if table else tables_of_rows(removing, Path(path), data_dir)
    return [_Change(spec, Path(path), rows, delete=True, digest=digest) for spec, rows in found]


@contextmanager
def trial_copy(data_dir: Path, plans: list[Plan]) -> Iterator[Path]:
    """A temporary copy of ``data_dir`` (without its change log and backups) with every file the
    plans would write written in: where an import or a rollback is checked with the whole atlas
    before anything of the real directory changes.
    """
    with tempfile.TemporaryDirectory(prefix="atlas-trial-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns(BACKUPS, HISTORY))
        for p in plans:
            for path, content in [(p.target, p.content), *p.derived]:
                (trial / path.relative_to(data_dir)).write_bytes(content)
        yield trial


def table_or_empty(path: Path, spec: Table, root: Path) -> pd.DataFrame:
    """The table at ``path`` (as ``read_table``), or an empty one with its columns when it is missing."""
    return read_table(path, spec.schema, root) if path.exists() else pd.DataFrame(columns=spec.schema.names)


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
    notes, got = [], Gathered()
    for c in group:
        notes += [f"{c.path.name}: {n}" for n in c.text.notes]
        if c.delete:
            notes += got.run(_remove, spec, c, merged) or []
            continue
        parsed = got.run(_parsed, spec, c.text.records, str(c.path), c.text.rows)
        if parsed is None:
            continue
        if spec.layer:
            got.run(check_ids, spec, parsed, c.text.rows, c.path, data_dir)
            try:
                hub_layers.layer_geojson(spec.layer, parsed, places, str(c.path))
            except DataValidationError as e:
                got.issues += intake.renumber(e, c.text.rows).issues
        seen: dict[tuple, int] = {}
        for k, rec, n in zip(_keys(spec, parsed), c.text.records, c.text.rows):
            if k in seen or (k in origins and merged[k] != rec):
                where = f"row {seen[k]}" if k in seen else f"{origins[k][0].name} row {origins[k][1]}"
                msg = f"{' '.join(map(str, k))} is given twice (also {where}): keep one row per {', '.join(spec.key)}"
                got.issues.append(Issue(str(c.path), n, spec.key[0], msg))
                continue
            seen[k] = n
            if spec.name == "history" and k not in merged:
                merged = hub_history.event_in_place(merged, k, rec)  # the loader wants each hub's events in date order
            else:
                merged[k] = rec  # a new key is added at the end; an existing one replaced in place
            origins[k] = (c.path, n)
    got.raise_any()  # the whole atlas is checked only with every file's own rows sound
    content = _csv_text(list(spec.schema.names), list(merged.values()))
    derived = []
    if spec.layer:
        rows = _parsed(spec, list(merged.values()), spec.path)
        derived.append((data_dir / spec.derived, hub_layers.layer_geojson(spec.layer, rows, places, spec.path)))
    sources = list(dict.fromkeys(c.path for c in group))
    digests = {str(c.path): c.digest for c in group}
    plan = Plan(spec, sources[0], target, Diff(spec.key), content, notes, derived, sources, "", digests)
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
    issues = []
    for n, rec in zip(removing.rows, removing.records):
        try:
            k = tuple(c.convert(rec.get(c.name)) for c in cols)
        except ValueError as e:
            issues.append(Issue(str(change.path), n, spec.key[0], str(e)))
            continue
        if k not in merged:
            notes.append(f"{change.path.name}: row {n} ({' '.join(map(str, k))}) is not in the table")
        merged.pop(k, None)
    if issues:
        raise DataValidationError(issues)
    return notes


def _named(issue: Issue, drafts: list[_Draft], trial: Path) -> Issue:
    """The issue as the user should read it: a row an import brought in, in the file and at the row
    it came from; a row kept from the table, in the data directory's table, not our trial copy.
    """
    for d in drafts:
        table, derived = d.plan.table.path, d.plan.table.derived
        if issue.file == relative_name(trial / table, trial):
            first = 2  # CSV rows from 2, after the header
        elif derived and issue.file == relative_name(trial / derived, trial):
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
        now = changelog.version_of(data_dir)
        if any(p.base and p.base != now for p in plans):
            msg = "the data changed since this import was checked (another import, an edit): nothing written"
            raise DataValidationError([Issue(str(data_dir), "file", "*", msg)])
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


def record_completed(plans: list[Plan], data_dir: Path) -> bool:
    """After an import that was interrupted once its files were all written (the same files again
    change nothing): log it, with what it changed since the version before it, and end its mark.
    Returns whether there was such an import to record.
    """
    mark = changelog.interrupted(data_dir)
    snap = changelog.snapshot_of(data_dir, str((mark or {}).get("before", "")))
    if mark is None or mark.get("action") != "import" or snap is None or not all(p.writes_nothing() for p in plans):
        return False
    with changelog.lock(data_dir):
        for p in plans:
            old = table_or_empty(snap / p.table.path, p.table, snap)
            p.diff = diff_tables(old, read_table(p.target, p.table.schema, data_dir), p.table.key)
        _log(data_dir, "import", plans, mark["before"], None)
        changelog.end(data_dir)
    return True


def _tables() -> list[str]:
    return [rel for t in TABLES.values() for rel in (t.path, t.derived) if rel]


def _log(data_dir: Path, action: str, plans: list[Plan], before: str, source: str | None) -> None:
    after = changelog.snapshot(data_dir, _tables())
    counts = {
        "added": sum(len(p.diff.added) for p in plans),
        "changed": sum(len(p.diff.changed) for p in plans),
        "removed": sum(len(p.diff.removed) for p in plans),
    }
    files = list(dict.fromkeys(str(f) for p in plans for f in (p.sources or [p.source])))
    digests = {k: v for p in plans for k, v in p.digests.items()}
    entry = changelog.Entry(
        when=changelog.now_text(),
        who=changelog.who(),
        action=action,
        table=",".join(p.table.name for p in plans),
        file=source or ";".join(map(str, files)),
        sha256="" if source else ";".join(digests.get(f, "") for f in files),
        counts=counts,
        before=before,
        after=after,
        lines=[line for p in plans for line in p.diff.lines(200)],
        notes=[n for p in plans for n in p.notes] + [f"warning: {w}" for p in plans for w in p.warnings],
    )
    changelog.record(data_dir, entry)
