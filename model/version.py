"""Which data this is: a digest of the files' paths and contents (not their times, which differ
between clones of the same data). It names a data version in cache keys and export queues.
"""

from __future__ import annotations

import hashlib
from functools import cache as once
from pathlib import Path

from model import paths


def tree_digest(root: Path, pattern: str = "*") -> str:
    """sha256 of the relative paths and contents of the files under ``root`` matching ``pattern``."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(root)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@once
def data_version() -> str:
    """The data this process serves, hashed once (a few ms for the bundled data)."""
    return tree_digest(paths.DATA)[:16]
