"""A cache shared by every worker process and machine, for computed figures and exports.

With $REDIS_URL set, entries live in Redis: a figure computed by one web worker is served to
every other worker, on this machine or another one pointed at the same Redis. Without it, each
process keeps a bounded LRU in memory. Redis going away must not take the app down: the cache
then logs one warning, serves from memory, and tries Redis again after a back-off.

Keys are ``atlas:<version>:<namespace>:<sha256 of the key object>``. The version hashes the
contents of the data files and of the code that computes from them (not mtimes, which differ
between clones of the same data): two deployments with different data or code can share one
Redis without ever reading each other's entries, and machines with the same data do share.

    from serving.cache import cache
    fig = cache.memo("ranking", state.to_dict(), lambda: build(state))

Values go through pickle: Redis must be reachable only by the atlas (see docs/deploy.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import cache as once
from functools import lru_cache
from typing import TypeVar

import cachetools

from model import paths
from model.version import data_version, tree_digest

T = TypeVar("T")
log = logging.getLogger(__name__)

PREFIX = "atlas:"
DEFAULT_TTL = 24 * 3600  # seconds; versioned keys of an old deployment then expire on their own
RETRY_AFTER = 30.0  # seconds between attempts to reach Redis again after a failure
MEMORY_MB = 64  # bound of the in-process LRU, per process
CODE = ("model", "view", "figures", "export", "layers", "components", "callbacks")  # packages whose output is cached


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ[name])
    except (KeyError, ValueError):
        return default


def _redact(url: str) -> str:
    """The URL for a log line: never its password."""
    return re.sub(r"//[^@/]*@", "//***@", url)


@once
def code_digest() -> str:
    """The code that computes from the data (hashed once per process)."""
    h = hashlib.sha256()
    for package in CODE:
        h.update(tree_digest(paths.ROOT / package, "*.py").encode())
    return h.hexdigest()


def version(data: str | None = None) -> str:
    """What a cached value depends on: the data version ``data`` (default: the one served now,
    ``model.prepared.current().version``, which follows imports) and the code.
    """
    if data is None:
        from model.prepared import current  # the serving floor asks the model floor, never the reverse

        data = current().version or data_version()
    return _version_of(data)


@lru_cache(maxsize=8)
def _version_of(data: str) -> str:
    return hashlib.sha256(f"{data}:{code_digest()}".encode()).hexdigest()[:16]


def key_digest(key_obj: object) -> str:
    return hashlib.sha256(json.dumps(key_obj, sort_keys=True, default=str).encode()).hexdigest()


class MemoryStore:
    """A thread-safe LRU of bytes bounded by their total size, with per-entry expiry."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[float | None, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            expires, value = item
            if expires is not None and expires <= time.monotonic():
                self._drop(key)
                return None
            self._items.move_to_end(key)
            return value

    def set(self, key: str, value: bytes, ttl: float | None) -> None:
        if len(value) > self.max_bytes // 4:
            return  # one huge entry would evict everything else
        expires = time.monotonic() + ttl if ttl else None
        with self._lock:
            self._drop(key)
            self._items[key] = (expires, value)
            self._size += len(value)
            while self._size > self.max_bytes:
                self._drop(next(iter(self._items)))

    def delete(self, key: str) -> None:
        with self._lock:
            self._drop(key)

    def _drop(self, key: str) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._size -= len(item[1])

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size(self) -> int:
        return self._size


class Cache:
    """Redis when configured and reachable, else the in-process LRU; same behaviour either way.

    ``url=None`` reads $REDIS_URL on first use, so the module-level ``cache`` can be imported
    before the environment is final (tests, gunicorn's preload).
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        retry_after: float | None = None,
        memory_mb: float | None = None,
        default_ttl: int | None = None,
    ) -> None:
        self._given_url = url
        self._url = url
        self._retry_after = retry_after
        self._memory_mb = memory_mb
        self._default_ttl = default_ttl
        self._lock = threading.Lock()
        self._ready = False
        self._redis = None
        self._down_until = 0.0  # monotonic time before which Redis is not tried again
        self._down = False
        self.memory = MemoryStore(0)

    # ------------------------------------------------------------ configuration

    def _setup(self) -> None:
        with self._lock:
            if self._ready:
                return
            url = self._url if self._url is not None else os.environ.get("REDIS_URL", "")
            if self._retry_after is None:
                self._retry_after = _env_number("ATLAS_REDIS_RETRY", RETRY_AFTER)
            if self._default_ttl is None:
                self._default_ttl = int(_env_number("ATLAS_CACHE_TTL", DEFAULT_TTL))
            mb = self._memory_mb if self._memory_mb is not None else _env_number("ATLAS_CACHE_MB", MEMORY_MB)
            self.memory = MemoryStore(int(mb * 1024 * 1024))
            if url:
                self._redis = connect(url)
                self._url = url
            self._ready = True

    def reset(self) -> None:
        """Forget the configuration: the next call reads the environment again (tests)."""
        with self._lock:
            if self._redis is not None:
                self._redis.close()
            self._ready, self._redis, self._down, self._down_until = False, None, False, 0.0
            self._url = self._given_url

    @property
    def backend(self) -> str:
        """'redis' while Redis is configured and answering, else 'memory'."""
        self._setup()
        return "redis" if self._redis is not None and not self._down else "memory"

    @property
    def version(self) -> str:
        """The version of the data served now, with the code's: keys follow a data import, so a
        value computed from the old data is never served for the new.
        """
        self._setup()
        return version()

    def key(self, namespace: str, key_obj: object) -> str:
        return f"{PREFIX}{self.version}:{namespace}:{key_digest(key_obj)}"

    # ------------------------------------------------------------ Redis health

    def _client(self):
        """The Redis client, or None when not configured or still backing off after a failure."""
        self._setup()
        if self._redis is None or (self._down and time.monotonic() < self._down_until):
            return None
        return self._redis

    def _failed(self, error: Exception) -> None:
        with self._lock:
            first = not self._down
            self._down, self._down_until = True, time.monotonic() + (self._retry_after or 0)
        if first:  # one warning per outage, not one per request
            log.warning(
                "Redis at %s failed (%s: %s); serving from the in-process cache, retrying every %.0f s",
                _redact(self._url or ""),
                type(error).__name__,
                error,
                self._retry_after,
            )

    def _ok(self) -> None:
        if self._down:
            with self._lock:
                self._down = False
            log.info("Redis at %s answers again; the shared cache is back", _redact(self._url or ""))

    def ping(self) -> bool:
        """Whether Redis answers now (health checks); False without Redis."""
        client = self._client()
        if client is None:
            return False
        try:
            client.ping()
        except Exception as e:  # noqa: BLE001 - any Redis failure means: use memory for a while
            self._failed(e)
            return False
        self._ok()
        return True

    # ------------------------------------------------------------ API

    def get(self, key: str) -> bytes | None:
        client = self._client()
        if client is not None:
            try:
                value = client.get(key)
            except Exception as e:  # noqa: BLE001 - connection, timeout, protocol: all fall back
                self._failed(e)
            else:
                self._ok()
                return value
        return self.memory.get(key)

    def set(self, key: str, value: bytes, ttl: int | None = None) -> None:
        """Store ``value`` for ``ttl`` seconds (None: $ATLAS_CACHE_TTL, default one day)."""
        client = self._client()
        ttl = ttl if ttl is not None else self._default_ttl
        if client is not None:
            try:
                client.set(key, value, ex=ttl or None)
            except Exception as e:  # noqa: BLE001 - as in get()
                self._failed(e)
            else:
                self._ok()
                return
        self.memory.set(key, value, ttl)

    def delete(self, key: str) -> None:
        client = self._client()
        if client is not None:
            try:
                client.delete(key)
            except Exception as e:  # noqa: BLE001 - as in get()
                self._failed(e)
            else:
                self._ok()
        self.memory.delete(key)

    def add(self, key: str, value: bytes, ttl: int) -> bool:
        """Store ``value`` only if ``key`` holds nothing (Redis SET NX); whether it was stored. A
        lock for work that one process should do at a time (serving/flight.py).
        """
        client = self._client()
        if client is not None:
            try:
                stored = bool(client.set(key, value, ex=ttl, nx=True))
            except Exception as e:  # noqa: BLE001 - as in get()
                self._failed(e)
            else:
                self._ok()
                return stored
        with self._lock:
            if self.memory.get(key) is not None:
                return False
            self.memory.set(key, value, ttl)
            return True

    def shared_memo(self, namespace: str, key_obj: object, compute: Callable[[], T], ttl: int | None = None) -> T:
        """:meth:`memo` through Redis when one is configured; without one, just ``compute()``.

        For values the caller already memoises in its process (``functools.lru_cache``): a copy in
        the in-process store would only cost a pickle per new value.
        """
        self._setup()
        if self._redis is None:
            return compute()
        return self.memo(namespace, key_obj, compute, ttl)

    def memo(self, namespace: str, key_obj: object, compute: Callable[[], T], ttl: int | None = None) -> T:
        """``compute()``'s value for ``key_obj`` in ``namespace``, computed once for every worker.

        ``key_obj`` must be JSON-able (other objects are keyed by their str()); the value must
        pickle. A value that does not pickle is returned uncached, never an error.
        """
        key = self.key(namespace, key_obj)
        raw = self.get(key)
        if raw is not None:
            try:
                return pickle.loads(raw)
            except Exception:  # noqa: BLE001 - a corrupt or foreign entry is a miss
                log.warning("unreadable cache entry %s; recomputing", key)
        value = compute()
        try:
            raw = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError) as e:
            log.warning("cache %s: value not cached (%s)", namespace, e)
            return value
        self.set(key, raw, ttl)
        return value


def connect(url: str):
    """A redis-py client that fails fast: a down Redis must cost a request milliseconds, not seconds."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis.from_url(
        url,
        socket_connect_timeout=1,
        socket_timeout=2,
        retry=Retry(NoBackoff(), 0),
        health_check_interval=30,
    )


cache = Cache()


# --- The one memo the callbacks use ----------------------------------------------------------------
#
# What a builder makes of one data version for one view state is kept in this process (an LRU: the
# value as built, no copy, shared read-only by the requests that ask for it) and, when a shared key
# is given and Redis is configured, for every worker. Keys name the data version, so a new version
# never meets an old one's values. Builders never import this: only the callbacks (and exports) do.

MEMO_SIZE = 8192  # entries per process; a state's map values and each chart are a few KB each
_memo = cachetools.LRUCache(maxsize=MEMO_SIZE)
_memo_lock = threading.Lock()


def memoised(data, what: str, key, build: Callable[[], T], shared_key: object = None) -> T:
    """``build()``'s value for ``key`` (hashable: a ViewState, a tuple of them…) of ``what`` (a
    name: "map-values", "chart-ranking"…) on ``data`` (an model.prepared.Prepared).

    Built once per process while it stays among the MEMO_SIZE most recently used; with
    ``shared_key`` (JSON-able, e.g. ``state.to_dict()``) and Redis configured, once for every
    worker and machine serving this data version (:meth:`Cache.shared_memo`).
    """
    k = (data.version, id(data), what, key)
    with _memo_lock:
        hit = _memo.get(k, _MISSING)
    if hit is not _MISSING:
        return hit
    if shared_key is not None and data.version:
        value = cache.shared_memo(what, shared_key, build)
    else:
        value = build()
    with _memo_lock:
        _memo[k] = value
    return value


def clear_memo() -> None:
    """Forget every memoised value of this process (tests; a data swap does not need it)."""
    with _memo_lock:
        _memo.clear()


_MISSING = object()
