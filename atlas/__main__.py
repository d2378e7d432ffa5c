"""Command line of the atlas.

python -m atlas export --url-state "lang=en&p=510000" --what slide --format pdf --preset a4-landscape -o out.pdf
python -m atlas export --url-state "..." --format png --width 1200 --height 800 -o out.png
python -m atlas download --url-state "lang=en&p=510000" --table hubs --format xlsx -o hubs.xlsx
python -m atlas data import new-values.csv [more.csv ...] [--replace | --delete rows.csv] [--dry-run | --yes]
python -m atlas data history
python -m atlas data rollback VERSION [--dry-run | --yes]
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import nullcontext
from pathlib import Path

from export.downloads import TABLES, download
from export.render import FORMATS, PRESETS, WHATS, ExportError, custom_preset, export
from model import changelog, importable, importer, paths
from model import rollback as rollbacks
from model.prepared import current
from model.schema import DataValidationError
from serving import published
from view.state import from_query


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m atlas", description="West China Innovation Atlas tools")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export", help="export the figure of a saved view (a URL query string)")
    ex.add_argument("--url-state", default="", help="the part of the atlas URL after '?'")
    ex.add_argument("--what", choices=WHATS, default="map")
    ex.add_argument("--format", choices=FORMATS, default=None, help="default: from the output file's extension")
    ex.add_argument("--preset", choices=[*PRESETS, "custom"], default="slide-16x9")
    ex.add_argument("--width", type=int, default=1600, help="with --preset custom")
    ex.add_argument("--height", type=int, default=900, help="with --preset custom")
    ex.add_argument("-o", "--output", type=Path, help="file to write (default: a name from the content)")
    dl = sub.add_parser("download", help="download a table of a saved view (a URL query string)")
    dl.add_argument("--url-state", default="", help="the part of the atlas URL after '?'")
    dl.add_argument("--table", choices=sorted(TABLES), default="hubs")
    formats = sorted({f for spec in TABLES.values() for f in spec.formats})
    dl.add_argument("--format", choices=formats, default=None, help="default: from the output file's extension")
    dl.add_argument("-o", "--output", type=Path, help="file to write (default: a name from the content)")
    data = sub.add_parser("data", help="data updates")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    imp = data_sub.add_parser("import", help="validate an update of a table, show the changes, write it")
    imp.add_argument(
        "files",
        type=Path,
        nargs="*",
        metavar="FILE",
        help="rows to add or change: CSV (UTF-8 or GB18030) or .xlsx with the columns of a table of the data "
        "directory (values.csv, indicators.csv, sources.csv, a hub layer's table under hubs/, hubs/history.csv); "
        "files that only hold together (a zone's row and its history event) go in one import",
    )
    imp.add_argument("--table", choices=sorted(importable.TABLES), help="default: from the file's header")
    imp.add_argument("--replace", action="store_true", help="the file is the whole table: rows it lacks are removed")
    imp.add_argument(
        "--delete",
        type=Path,
        metavar="FILE",
        action="append",
        help="a file of rows to remove (their key columns suffice); repeat it for rows of several tables "
        "(a hub and its history events)",
    )
    imp.add_argument("--sheet", help="the sheet of an .xlsx file (default: the first)")
    imp.add_argument("--data-dir", type=Path, default=paths.DATA, help=f"default: {paths.DATA}")
    imp.add_argument("--dry-run", action="store_true", help="validate and show the changes only")
    imp.add_argument("--yes", action="store_true", help="write without asking")
    hist = data_sub.add_parser("history", help="list the imports and rollbacks of the data directory")
    hist.add_argument("--data-dir", type=Path, default=paths.DATA, help=f"default: {paths.DATA}")
    back = data_sub.add_parser("rollback", help="put back the tables of an earlier data version")
    back.add_argument(
        "version",
        help="a data version from `data history` (its first 6+ characters suffice); to undo an import, "
        "the version before its arrow",
    )
    back.add_argument("--data-dir", type=Path, default=paths.DATA, help=f"default: {paths.DATA}")
    back.add_argument("--dry-run", action="store_true", help="check and show the changes only")
    back.add_argument("--yes", action="store_true", help="write without asking")
    args = ap.parse_args(argv)
    if args.command == "data":
        return {"import": import_data, "history": data_history, "rollback": rollback}[args.data_command](args)
    if args.command == "download":
        return download_table(args)

    data = current()
    state = from_query(args.url_state.split("?", 1)[-1], data.vocab)
    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "") or "png"
    preset = custom_preset(args.width, args.height) if args.preset == "custom" else PRESETS[args.preset]
    try:
        name, content = export(data, state, args.what, fmt, preset)
    except ExportError as e:
        print(f"export failed: {e}", file=sys.stderr)
        return 1
    out = args.output or Path(name)
    out.write_bytes(content)
    print(out)
    return 0


def download_table(args) -> int:
    """0: written; 2: a format the table does not come in (the view query never fails: a
    malformed parameter falls back to its default, as in the page's URL).
    """
    data = current()
    state = from_query(args.url_state.split("?", 1)[-1], data.vocab)
    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "") or "csv"
    try:
        name, content = download(data, state, args.table, fmt)
    except ValueError as e:
        print(f"download failed: {e}", file=sys.stderr)
        return 2
    out = args.output or Path(name)
    out.write_bytes(content)
    print(out)
    return 0


def import_data(args) -> int:
    """0: written (or nothing to change, or a dry run); 1: invalid file, or another import under way;
    2: not confirmed.
    """
    if args.replace and args.delete:
        print("--replace and --delete: choose one", file=sys.stderr)
        return 1
    given = ", ".join(map(str, [*args.files, *(args.delete or [])]))
    return _locked(args, _import, f"{given}: not imported, nothing changed.")


def _locked(args, work, refused: str) -> int:
    """``work(args)`` holding the data directory from the check to the writing (one import or
    rollback at a time; a dry run writes nothing, and may look at a directory it cannot write to);
    1, saying ``refused`` and why, when the files are invalid or another holds the directory.
    """
    try:
        with nullcontext() if args.dry_run else changelog.lock(args.data_dir):
            return work(args)
    except (DataValidationError, changelog.Busy) as e:
        print(f"{refused}\n{e}", file=sys.stderr)
        return 1


def _import(args) -> int:
    plans = importer.plan_all(
        args.files, args.data_dir, args.table, replace=args.replace, delete=args.delete, sheet=args.sheet
    )
    for plan in plans:
        for note in plan.notes:
            print(f"note: {note}")
        names = ", ".join(str(f) for f in plan.sources)
        print(f"{names} → {plan.target} ({plan.table.name}): {plan.diff.summary()}")
        for path, _ in plan.derived:
            stale = plan.diff.empty and not plan.writes_nothing()
            print(f"  and its map layer {path}, rebuilt from it" + (" (it was behind its table)" if stale else ""))
        for line in plan.diff.lines():
            print("  " + line)
        for warning in plan.warnings:
            print(f"warning: {warning}")
    if all(p.writes_nothing() for p in plans) and not args.dry_run and importer.record_completed(plans, args.data_dir):
        print("the interrupted import had written every file: recorded in the change log now")
        return 0
    if all(p.writes_nothing() for p in plans) or args.dry_run:
        print("nothing written" + (" (dry run)" if args.dry_run else ": no change"))
        return 0
    if not args.yes and not _confirm():
        return 2
    backups = importer.apply_all(plans, args.data_dir)
    for plan, backup in zip(plans, backups):
        print(f"written {plan.target}" + (f"; the previous version is {backup}" if backup else ""))
        for path, _ in plan.derived:
            print(f"written {path}")
    _publish(args.data_dir)
    print("a running app serves it within seconds: each worker looks at the data directory (ATLAS_DATA_POLL)")
    return 0


def data_history(args) -> int:
    """The change log, oldest first: when, who, what, the counts and the versions."""
    found = changelog.entries(args.data_dir)
    if not found:
        print("no import recorded in this data directory")
    for e in found:
        c = e.counts
        print(
            f"{e.when}  {e.who}  {e.action} {e.table}  {_names(e.file)} (sha256 {_short(e.sha256)})  "
            f"added {c['added']}, changed {c['changed']}, removed {c['removed']}  {e.before} → {e.after}"
            f"  (undo: data rollback {e.before[:8]})"
        )
    mark = changelog.interrupted(args.data_dir)
    now = changelog.version_of(args.data_dir)
    if mark:
        print(f"INTERRUPTED: {changelog.interrupted_text(mark)}")
    elif found and found[-1].after != now:
        print(f"the files changed after the last line (an edit by hand, a copy): {found[-1].after} → {now}")
    # the directory's version: a running app serves it unless it is invalid (then /healthz says so)
    print(f"the data directory holds version {now}")
    return 0


def _names(files: str) -> str:
    return ", ".join(Path(f).name for f in files.split(";"))


def _short(digests: str) -> str:
    return ", ".join(d[:12] for d in digests.split(";")) if digests else "-"


def rollback(args) -> int:
    """0: rolled back (or nothing to do, or a dry run); 1: no such version, invalid, or another import
    under way; 2: not confirmed.
    """
    return _locked(args, _rollback, "not rolled back, nothing changed.")


def _rollback(args) -> int:
    plans = rollbacks.plan_rollback(args.version, args.data_dir)
    if not plans:
        print(f"the tables are those of {args.version} already: nothing to do")
        return 0
    for p in plans:
        print(f"{p.target} ({p.table.name}): {p.diff.summary()}")
        for line in p.diff.lines():
            print("  " + line)
    if args.dry_run:
        print("nothing written (dry run)")
        return 0
    if not args.yes and not _confirm():
        return 2
    rollbacks.apply_rollback(plans, args.data_dir, args.version)
    _publish(args.data_dir)
    print(f"rolled back to {args.version}; a running app serves it within seconds")
    return 0


def _publish(data_dir: Path) -> None:
    """With REDIS_URL set, publish the new version for every machine (serving/published.py)."""
    url = os.environ.get("REDIS_URL", "")
    if url:
        version = published.publish(data_dir, url)
        print(f"published data version {version} on the shared Redis: every machine takes it within seconds")


def _confirm() -> bool:
    if not sys.stdin.isatty():
        print("not written: run again with --yes to write", file=sys.stderr)
        return False
    if input("write it? [y/N] ").strip().lower() not in ("y", "yes"):
        print("not written")
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
