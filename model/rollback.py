"""``python -m atlas data rollback VERSION``: put back the tables of an earlier data version from its
snapshot in the change log (model/changelog.py), checked with the whole atlas and written like an
import (model/importer.py), so that a running app serves it the same way.
"""

from __future__ import annotations

from pathlib import Path

from model import changelog
from model.importable import TABLES
from model.importer import Plan, apply_all, table_or_empty, trial_copy
from model.loader import load_atlas, read_table
from model.schema import DataValidationError, Issue
from model.tablediff import diff_tables


def plan_rollback(version: str, data_dir: Path) -> list[Plan]:
    """What putting back the tables of ``version`` (a data version of the change log, or its first
    6+ characters) changes: one Plan per table that differs (with its map layer, for a hub
    layer's table), checked with the whole atlas.

    Raises DataValidationError when there is no snapshot of that version (never made, or pruned)
    or when the atlas would not load with it (a table another import changed since, say).
    """
    snap = changelog.snapshot_of(data_dir, version)
    if snap is None:
        msg = f"no snapshot of data version {version!r} (never made, or pruned): `data history` lists the versions"
        raise DataValidationError([Issue(str(data_dir / changelog.HISTORY), "file", "*", msg)])
    plans, base = [], changelog.version_of(data_dir)
    for spec in TABLES.values():
        files = [rel for rel in (spec.path, spec.derived) if rel and (snap / rel).exists()]
        if spec.path not in files or all(_same_file(snap / rel, data_dir / rel) for rel in files):
            continue  # not kept in that snapshot (made before the table was tracked), or unchanged
        target = data_dir / spec.path
        old = table_or_empty(target, spec, data_dir)
        new = read_table(snap / spec.path, spec.schema, snap)
        derived = [(data_dir / rel, (snap / rel).read_bytes()) for rel in files[1:]]
        kept = snap / spec.path
        diff = diff_tables(old, new, spec.key)
        plans.append(Plan(spec, kept, target, diff, kept.read_bytes(), [], derived, [kept], base))
    with trial_copy(data_dir, plans) as trial:
        load_atlas(trial)
    return plans


def _same_file(a: Path, b: Path) -> bool:
    return b.exists() and a.read_bytes() == b.read_bytes()


def apply_rollback(plans: list[Plan], data_dir: Path, version: str) -> None:
    """Write the tables of a rollback (each atomically, old ones backed up) and log it."""
    apply_all(plans, data_dir, "rollback", str(data_dir / changelog.HISTORY / version))
