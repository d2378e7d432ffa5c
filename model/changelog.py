"""The history of a data directory's imports: a change log, a snapshot of every version an import
or a rollback made, and rolling back to one of them.

``<data>/.history/log.jsonl`` gets one JSON line per import or rollback: when (in
``ATLAS_TIMEZONE``), who (``ATLAS_USER``, else the operating-system user), the file given and its
sha256, the table, the counts, the diff's lines, the notes, and the data versions before and
after. ``<data>/.history/<version>/`` keeps the importable tables (values, indicators, sources,
the hub tables with their map layers, the hubs' history) as that version had them, so that
``python -m atlas data rollback VERSION`` can put them back;
the snapshots of the ``ATLAS_HISTORY_KEEP`` newest versions are kept (default 20), older ones
pruned (their log lines stay), and so are the table backups under ``<data>/.backup/``. Hidden
folders are not data (model/live.py), so none of this changes the data version.

One import or rollback runs at a time in a data directory (``lock``: another is refused, never
interleaved), and one that is under way is marked (``begin`` … ``end``): if it is killed between
two files, the next import and ``data history`` say so and which version undoes it.
"""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from model import clock
from model.version import version_of

HISTORY = ".history"
LOG = "log.jsonl"
PENDING = "pending.json"
DEFAULT_KEEP = 20


class Busy(Exception):
    """Another import or rollback holds the data directory."""


@contextmanager
def lock(data_dir: Path) -> Iterator[None]:
    """Hold the data directory for one import or rollback (an exclusive ``flock`` on
    ``<data>/.history/.lock``, released when the process ends, however it ends). Raises Busy at
    once when another holds it: two imports read and written interleaved would lose one.
    """
    folder = Path(data_dir).resolve() / HISTORY
    held = _held.__dict__.setdefault("folders", set())
    if folder in held:  # this thread holds it already (a command's check and its writing)
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+b") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            msg = f"another import or rollback of {data_dir} is under way: nothing changed; run this again after it"
            raise Busy(msg) from None
        held.add(folder)
        try:
            yield
        finally:
            held.discard(folder)
            fcntl.flock(f, fcntl.LOCK_UN)


_held = threading.local()  # per thread: two threads of one process exclude each other too


def begin(data_dir: Path, action: str, files: list[str], before: str) -> None:
    """Mark an import or rollback as under way (written before its first file, removed by ``end``)."""
    folder = Path(data_dir) / HISTORY
    folder.mkdir(parents=True, exist_ok=True)
    mark = {"when": now_text(), "who": who(), "action": action, "files": files, "before": before}
    tmp = folder / f".{PENDING}.tmp"
    tmp.write_text(json.dumps(mark, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / PENDING)


def end(data_dir: Path) -> None:
    """The import or rollback marked by ``begin`` is written and logged."""
    (Path(data_dir) / HISTORY / PENDING).unlink(missing_ok=True)


def interrupted(data_dir: Path) -> dict | None:
    """The mark of an import or rollback that began and never ended (killed between its files):
    ``{"when", "who", "action", "files", "before"}``; None when there is none.
    """
    path = Path(data_dir) / HISTORY / PENDING
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def interrupted_text(mark: dict) -> str:
    """What to tell the user of an interrupted import or rollback: what, when, and the two ways out."""
    files = ", ".join(Path(f).name for f in mark.get("files", []))
    action = mark.get("action", "import")
    again = "importing the same files again" if action == "import" else "the same rollback again"
    return (
        f"{'a' if action == 'rollback' else 'an'} {action} of {files} begun {mark.get('when')} by "
        f"{mark.get('who')} was interrupted: its tables may be written in part. "
        f"`data rollback {str(mark.get('before', ''))[:8]}` puts back the state before it; {again} completes it"
    )


def keep() -> int:
    """How many versions' snapshots (and table backups) are kept: ``ATLAS_HISTORY_KEEP``, default 20."""
    try:
        return max(1, int(os.environ.get("ATLAS_HISTORY_KEEP", DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def who() -> str:
    """Who imports: ``ATLAS_USER`` where set (a deployment's named operator), else the OS user."""
    configured = os.environ.get("ATLAS_USER", "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (a container without one): say so, never fail an import
        return "unknown"


def snapshot(data_dir: Path, tables: list[str]) -> str:
    """Keep the tables (paths inside ``data_dir``) as the current version has them; returns the
    version. An existing snapshot of the version gets the tables it lacks (one made by an earlier
    release kept fewer tables; the same version is the same content, so they are added as they are).
    """
    version = version_of(data_dir)
    folder = data_dir / HISTORY / version
    if not folder.exists():
        tmp = data_dir / HISTORY / f".{version}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        for rel in tables:
            src = data_dir / rel
            if src.exists():
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, tmp / rel)
        tmp.rename(folder)  # whole or not at all
        return version
    for rel in tables:
        src, kept = data_dir / rel, folder / rel
        if src.exists() and not kept.exists():
            kept.parent.mkdir(parents=True, exist_ok=True)
            part = kept.with_name(f".{kept.name}.tmp")
            shutil.copy2(src, part)
            os.replace(part, kept)  # whole or not at all
    return version


@dataclass(frozen=True)
class Entry:
    """One line of the change log."""

    when: str
    who: str
    action: str  # "import" or "rollback"
    table: str
    file: str
    sha256: str
    counts: dict
    before: str
    after: str
    lines: list
    notes: list


def record(data_dir: Path, entry: Entry) -> None:
    """Append ``entry`` to the change log (one line, flushed and synced) and prune old snapshots."""
    log = data_dir / HISTORY / LOG
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as f:
        f.write(json.dumps(entry.__dict__, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())
    prune(data_dir)


def entries(data_dir: Path) -> list[Entry]:
    """The change log, oldest first ([] when nothing was ever imported)."""
    log = data_dir / HISTORY / LOG
    if not log.exists():
        return []
    out = []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(Entry(**json.loads(line)))
    return out


def prune(data_dir: Path) -> list[str]:
    """Remove the snapshots beyond the ``keep()`` newest versions (by the log's order; the current
    version's is never removed) and the oldest table backups beyond ``keep()`` per table; returns
    the versions whose snapshots went.
    """
    history = data_dir / HISTORY
    order = [v for e in entries(data_dir) for v in (e.before, e.after)]
    order = [v for i, v in enumerate(order) if v not in order[i + 1 :]]  # last appearance wins
    current = version_of(data_dir)
    kept = set(order[-keep() :]) | {current}
    gone = []
    for folder in history.iterdir() if history.exists() else ():
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in kept and folder.name in order:
            shutil.rmtree(folder)
            gone.append(folder.name)
    backups = data_dir / ".backup"
    if backups.exists():
        groups: dict[tuple, list[Path]] = {}
        for path in backups.rglob("*"):
            if path.is_file():
                groups.setdefault((path.parent, path.name.rsplit(".", 2)[0]), []).append(path)  # name.time.ns
        for paths in groups.values():
            for old in sorted(paths, key=lambda p: p.name)[: -keep()]:  # names carry the time
                old.unlink()
    return gone


def sha256(path: Path) -> str:
    """The file's sha256 (hex)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def snapshot_of(data_dir: Path, version: str) -> Path | None:
    """The folder of ``version``'s snapshot (a prefix of 6 or more characters is enough), None when
    there is none (never made, or pruned).
    """
    history = data_dir / HISTORY
    if len(version) < 6 or not history.exists():
        return None
    found = [p for p in history.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name.startswith(version)]
    return found[0] if len(found) == 1 else None


def now_text() -> str:
    """The time of an entry: ISO 8601 with the offset, in the configured zone."""
    return clock.now().isoformat(timespec="seconds")
