"""Which data this is: a digest of the files' paths and contents (not their times, which differ
between clones of the same data). It names a data version in cache keys and export queues.
"""

from __future__ import annotations

import hashlib
from functools import cache as once
from pathlib import Path

from model import paths


def tree_digest(root: Path, pattern: str = "*") -> str:
    """sha256 of the relative paths and contents of the files under ``root`` matching ``pattern``
    (hidden files and folders left out: backups, change logs, an import's temporary file).
    """
    h = hashlib.sha256()
    files = (p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(p for p in files if not any(part.startswith(".") for part in p.relative_to(root).parts)):
        h.update(str(path.relative_to(root)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def version_of(root: Path) -> str:
    """The data version of a data directory: the digest of its visible files, 16 hex digits."""
    return tree_digest(root)[:16]


@once
def data_version() -> str:
    """The data directory's version when first asked (a few ms for the bundled data); what a
    process serves now is ``model.prepared.current().version`` (it follows imports).
    """
    return version_of(paths.DATA)
