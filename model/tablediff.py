"""What a new version of a table does to the old one: rows added, changed (old and new) and
removed, matched on the table's key columns. Shown before an import or a rollback is written and
kept in the change log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


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


def _show(value) -> str:
    """A cell as the file writes it: a year 2023 (not 2023.0), a list joined with ';', '(empty)'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "(empty)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(map(str, value)) or "(empty)"
    return str(value)


def _same(a, b) -> bool:
    a_missing = a is None or (isinstance(a, float) and pd.isna(a))
    b_missing = b is None or (isinstance(b, float) and pd.isna(b))
    return a_missing and b_missing or (not a_missing and not b_missing and a == b)


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
