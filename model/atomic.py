"""Replacing a data file all at once: readers (every web worker) see the old file or the new one,
never half of either, and the old file is kept as a backup.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

BACKUPS = ".backup"  # inside the data directory; hidden, so never part of the data version


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
