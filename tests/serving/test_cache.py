"""The shared cache: Redis between processes, memory without it, and no outage takes the app down."""

from __future__ import annotations

import json
import logging
import pickle
import subprocess
import sys
import threading
import time
import uuid

import pytest

from model import paths
from serving import cache as cache_module
from serving.cache import Cache, MemoryStore
from tests.serving.conftest import ROOT, python_env

# A web worker: imports the app as gunicorn does, then asks the cache for a figure-like value.
# compute() counts itself in Redis and stamps the value with its pid, so the reader can tell a
# value it computed from one another process computed.
WORKER = """
import json, os, sys
import redis
import app  # noqa: F401  (the data is loaded and validated, the callbacks registered)
from serving.cache import cache

namespace = sys.argv[1]

def compute():
    redis.Redis.from_url(os.environ["REDIS_URL"]).incr(namespace + ":computations")
    return {"pid": os.getpid(), "figure": {"data": [{"z": list(range(2000))}]}}

value = cache.memo(namespace, {"indicator": "rd_intensity", "year": 2022}, compute)
print(json.dumps({"pid": os.getpid(), "computed_by": value["pid"], "backend": cache.backend}))
"""


def run_worker(url: str, namespace: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", WORKER, namespace],
        cwd=ROOT,
        env=python_env(REDIS_URL=url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_value_computed_in_one_worker_process_is_read_by_another(redis_server):
    namespace = f"test-{uuid.uuid4().hex[:8]}"
    first = run_worker(redis_server.url, namespace)
    second = run_worker(redis_server.url, namespace)
    assert first["backend"] == second["backend"] == "redis"
    assert first["computed_by"] == first["pid"]  # the first worker computed it...
    assert second["computed_by"] == first["pid"] != second["pid"]  # ...the second only read it
    assert int(redis_server.client().get(f"{namespace}:computations")) == 1


def test_keys_are_prefixed_and_versioned(redis_server):
    cache = Cache(redis_server.url)
    key = cache.key("ranking", {"b": 1, "a": [1, 2]})
    assert key.startswith(f"atlas:{cache.version}:ranking:")
    assert key == cache.key("ranking", {"a": [1, 2], "b": 1})  # sort_keys: same object, same key
    assert key != cache.key("ranking", {"a": [1, 2], "b": 2}) != cache.key("timeline", {"a": [1, 2], "b": 1})
    assert cache.memo("ranking", {"a": 1}, lambda: [1, 2, 3]) == [1, 2, 3]
    assert redis_server.client().keys(f"atlas:{cache.version}:ranking:*")


def test_two_atlases_with_different_data_never_share_an_entry(redis_server, data_copy, monkeypatch):
    """Same Redis, same namespace and key object: other data (one value edited) is another entry;
    the key follows the data version served (an import changes it: model/live.py)."""
    from model import prepared

    cache = Cache(redis_server.url)
    namespace = f"test-{uuid.uuid4().hex[:8]}"
    mine = cache.memo(namespace, {"year": 2022}, lambda: "computed from the bundled data")
    bundled = cache.version

    values = data_copy / "indicators" / "values.csv"
    text = values.read_text(encoding="utf-8")
    values.write_text(
        text.replace("610000,2022,rd_intensity,2.35,", "610000,2022,rd_intensity,2.36,"), encoding="utf-8"
    )
    monkeypatch.setattr(paths, "DATA", data_copy)
    try:
        other = Cache(redis_server.url)  # a process serving the edited copy
        assert other.version != bundled
        theirs = other.memo(namespace, {"year": 2022}, lambda: "computed from the edited copy")
    finally:
        monkeypatch.undo()
        prepared._lives.pop(data_copy, None)
    assert (mine, theirs) == ("computed from the bundled data", "computed from the edited copy")
    assert cache.version == Cache(redis_server.url).version == bundled  # the bundled data's version again


def test_the_version_hashes_contents_not_timestamps(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        (folder / "geo").mkdir(parents=True)
        (folder / "geo" / "x.geojson").write_text("{}")
    (b / "geo" / "x.geojson").touch()
    assert cache_module.tree_digest(a) == cache_module.tree_digest(b)  # other machine, same data
    (b / "geo" / "x.geojson").write_text("{ }")
    assert cache_module.tree_digest(a) != cache_module.tree_digest(b)


def test_redis_stopped_mid_run_falls_back_to_memory_with_one_warning(private_redis, caplog):
    cache = Cache(private_redis.url, retry_after=0.3)
    cache.set("atlas:test:a", b"1")
    assert cache.get("atlas:test:a") == b"1" and cache.backend == "redis"

    private_redis.stop()
    with caplog.at_level(logging.INFO, logger="serving.cache"):
        started = time.monotonic()
        cache.set("atlas:test:b", b"2")  # goes to memory
        for _ in range(20):
            assert cache.get("atlas:test:b") == b"2"
        assert cache.memo("test", {"k": 1}, lambda: {"still": "served"}) == {"still": "served"}
        assert time.monotonic() - started < 2  # a dead Redis costs milliseconds, not timeouts
        assert cache.backend == "memory"
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "in-process cache" in warnings[0].getMessage()
        assert private_redis.url.split("//")[1] in warnings[0].getMessage()

        private_redis.start()  # Redis is back (empty: no persistence); tried again after the back-off
        time.sleep(0.4)
        cache.set("atlas:test:c", b"3")
        assert cache.backend == "redis" and private_redis.client().get("atlas:test:c") == b"3"
        assert any("answers again" in r.getMessage() for r in caplog.records)


def test_without_redis_the_cache_is_in_memory(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    cache = Cache()
    calls = []
    assert cache.memo("m", [1], lambda: calls.append(1) or "v") == "v"
    assert cache.memo("m", [1], lambda: calls.append(1) or "v") == "v"
    assert cache.backend == "memory" and calls == [1]


def test_the_module_singleton_reads_the_environment_lazily(monkeypatch, redis_server):
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    cache_module.cache.reset()
    try:
        assert cache_module.cache.backend == "redis"
        cache_module.cache.set("atlas:test:singleton", b"x", ttl=60)
        assert 0 < redis_server.client().ttl("atlas:test:singleton") <= 60
    finally:
        monkeypatch.delenv("REDIS_URL")
        cache_module.cache.reset()
    assert cache_module.cache.backend == "memory"


def test_unpicklable_values_are_returned_uncached_and_corrupt_entries_recomputed():
    cache = Cache("")
    value = cache.memo("m", 1, lambda: threading.Lock())
    assert value is not None and len(cache.memory) == 0
    cache.set(cache.key("m", 2), b"not a pickle")
    assert cache.memo("m", 2, lambda: "fresh") == "fresh"
    assert pickle.loads(cache.get(cache.key("m", 2))) == "fresh"


def test_memory_store_is_a_bounded_lru_with_expiry():
    store = MemoryStore(max_bytes=100)
    for i in range(10):
        store.set(f"k{i}", b"x" * 20, None)
    assert store.size <= 100 and store.get("k0") is None and store.get("k9") == b"x" * 20
    store.get("k6")  # recently used: survives the next insertions
    store.set("k10", b"y" * 20, None)
    store.set("k11", b"y" * 20, None)
    assert store.get("k6") is not None and store.get("k7") is None
    store.set("big", b"z" * 60, None)  # more than a quarter of the bound: not kept
    assert store.get("big") is None
    store.set("short", b"s", 0.05)
    time.sleep(0.1)
    assert store.get("short") is None


def test_memory_store_is_thread_safe():
    store = MemoryStore(max_bytes=10_000)

    def hammer(n):
        for i in range(2000):
            store.set(f"{n}-{i % 50}", b"v" * (i % 30), None)
            store.get(f"{(n + 1) % 4}-{i % 50}")

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.size == sum(len(v) for _, v in store._items.values()) <= 10_000


@pytest.mark.parametrize("url", ["redis://user:secret@127.0.0.1:1/0", "redis://:secret@h:6379"])
def test_logged_urls_hide_the_password(url):
    assert "secret" not in cache_module._redact(url)


FIGURE_WORKER = """
import json, sys
from model.prepared import current
from view.state import ViewState
from callbacks import charts, follow
from callbacks import map_view as map_cb
from components import ids
if sys.argv[1] == "read":  # this process must not build anything: it may only read the cache
    follow._compute = lambda *a: (_ for _ in ()).throw(AssertionError("recomputed"))
state = ViewState(year=2019, provinces=("510000",), lang="en")
figure = follow.content(charts.follower(ids.chart("ranking")), current(), state)
values = follow.content(map_cb.MAP, current(), state)
print(json.dumps({"title": figure["layout"]["title"]["text"], "z": values[("data", 1, "z")]}))
"""


def test_chart_and_map_values_computed_by_one_worker_are_served_by_another(redis_server):
    def run(mode: str) -> dict:
        out = subprocess.run(
            [sys.executable, "-c", FIGURE_WORKER, mode],
            env=python_env(REDIS_URL=redis_server.url),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.strip().splitlines()[-1])

    built, read = run("build"), run("read")
    assert read == built and "2019" in read["title"]
