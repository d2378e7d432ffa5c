"""Finished files, made once: a cache of export files with one render per key in flight.

Ten presenters asking for the same slide at once get one render: the first request takes the
key's lock and renders, the others wait for its file (at most ``wait`` seconds, then render
themselves: a lost lock never blocks anyone for long). Files stay for ``ttl`` seconds.

Where they live: with Redis configured (``$REDIS_URL``), in it (serving/cache.py), for every
worker on every machine; without it, in a folder on this machine (``$ATLAS_FILE_DIR``, default
<tmp>/atlas-files-<uid>), for every worker process of the machine, with a file lock per key.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import pickle
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from serving.cache import cache

T = TypeVar("T")
POLL = 0.05  # seconds between looks for a file another request is making


def produce(key_obj: object, build: Callable[[], T], ttl: int, wait: float) -> T:
    """``build()``'s value for ``key_obj`` (JSON-able), made once while it is fresh (``ttl`` s)
    and once at a time: identical requests in flight wait for the first one's value. The value
    must pickle; an exception of ``build`` reaches its caller and is not cached.
    """
    if cache.backend == "redis":
        return _shared(key_obj, build, ttl, wait)
    return _local(key_obj, build, ttl, wait)


def _shared(key_obj: object, build: Callable[[], T], ttl: int, wait: float) -> T:
    key = cache.key("file", key_obj)
    lock = f"{key}:lock"
    token = secrets.token_hex(8).encode()
    deadline = time.monotonic() + wait
    while True:
        raw = cache.get(key)
        if raw is not None:
            return pickle.loads(raw)
        if cache.add(lock, token, ttl=int(wait) + 1):
            try:
                value = build()
                cache.set(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), ttl)
                return value
            finally:
                cache.delete(lock)
        if time.monotonic() > deadline:
            return build()
        time.sleep(POLL)


def folder() -> Path:
    """The folder of finished files on this machine (created 0700)."""
    path = Path(os.environ.get("ATLAS_FILE_DIR") or Path(tempfile.gettempdir()) / f"atlas-files-{os.getuid()}")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _local(key_obj: object, build: Callable[[], T], ttl: int, wait: float) -> T:
    text = json.dumps([cache.version, key_obj], sort_keys=True, default=str)
    name = hashlib.sha256(text.encode()).hexdigest()
    where = folder()
    path = where / name
    with open(where / f"{name}.lock", "w") as lock:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return build()
                time.sleep(POLL)
        try:
            hit = _read(path, ttl)
            if hit is not None:
                return hit
            value = build()
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(path)  # atomic: a reader never sees half a file
            _prune(where, ttl)
            return value
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read(path: Path, ttl: int):
    try:
        if time.time() - path.stat().st_mtime > ttl:
            return None
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        return None


def _prune(where: Path, ttl: int) -> None:
    """Remove files (and their locks) older than ``ttl``: the folder never grows without bound."""
    now = time.time()
    for path in where.iterdir():
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > ttl:
                path.unlink()
