"""One data version for every machine: an import publishes the validated data on the shared Redis,
and every web worker of every machine takes it from there into its own data directory.

``publish`` (run by ``python -m atlas data import`` and ``rollback`` when ``REDIS_URL`` is set)
stores the data directory's visible files as one gzipped tar under ``atlas:data:<version>`` and
points ``atlas:data:current`` at it. ``Follower`` is installed in each worker's
:class:`model.live.Live`: when it looks at its directory (at most every ``ATLAS_DATA_POLL`` s) it
also reads the pointer (one GET); a version it does not serve is fetched, unpacked beside the
directory, loaded and validated there, and only then its files are moved into the directory
(each by an atomic rename, one worker of the machine at a time under a file lock), where the
worker's next look finds and serves them like a local import. An invalid published version is
never unpacked into the directory: the worker goes on with what it serves and says why.
"""

from __future__ import annotations

import fcntl
import io
import logging
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from model.live import stamp
from model.loader import load_atlas
from model.schema import DataValidationError
from model.version import version_of

log = logging.getLogger("atlas.data")

CURRENT = "atlas:data:current"
BLOB = "atlas:data:"
TTL = 90 * 24 * 3600  # seconds a published version is kept (the pointer's is kept for good)


def _client(url: str):
    import redis  # the serving floor's dependency; only machines with REDIS_URL need it

    return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)


def pack(data_dir: Path) -> bytes:
    """The data directory's visible files (those model/live.py watches) as a gzipped tar."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for rel, *_ in stamp(data_dir):
            tar.add(data_dir / rel, arcname=rel)
    return out.getvalue()


def publish(data_dir: Path, url: str) -> str:
    """Publish ``data_dir`` (already validated) as the version every machine serves; returns it."""
    version = version_of(data_dir)
    client = _client(url)
    client.set(BLOB + version, pack(data_dir), ex=TTL)
    client.set(CURRENT, version)
    return version


class Follower:
    """Installed in a :class:`model.live.Live` as its ``remote``: see the module's docstring."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._client = None
        self._failed: str | None = None

    def __call__(self, live) -> None:
        try:
            client = self._client or _client(self.url)
            self._client = client
            raw = client.get(CURRENT)
        except Exception as e:  # noqa: BLE001 - Redis away: serve what this machine has, say it once
            if self._client is not None:
                log.warning("published data unreachable (%s); serving %s", e, live.data.version)
            self._client = None
            return
        if not raw:
            return
        version = raw.decode()
        if version in (live.data.version, self._failed):
            return
        blob = client.get(BLOB + version)
        if blob is None:
            return
        self.take(live, version, blob)

    def take(self, live, version: str, blob: bytes) -> None:
        """Unpack, validate and move ``version`` into ``live``'s directory (one worker at a time)."""
        data_dir = live.data_dir
        lock_path = data_dir / ".history" / ".publish.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if version_of(data_dir) == version:
                return  # another worker of this machine moved it in meanwhile
            with tempfile.TemporaryDirectory(prefix=".atlas-published-", dir=data_dir.parent) as tmp:
                staged = Path(tmp) / "data"
                with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
                    tar.extractall(staged, filter="data")
                try:
                    load_atlas(staged)
                except DataValidationError as e:
                    self._failed = version
                    live.refused(version, e, "published data")
                    return
                for rel, *_ in stamp(staged):
                    target = data_dir / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    part = target.with_name(f".{target.name}.published")
                    shutil.copy2(staged / rel, part)
                    os.replace(part, target)  # each file atomically; the whole is validated above
        log.info("took published data version %s into %s", version, data_dir)
