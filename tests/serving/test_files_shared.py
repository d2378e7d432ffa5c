"""With Redis, finished files are shared by every worker and machine, and one render serves all the
identical requests in flight (serving/flight.py through serving/cache.py).
"""

from __future__ import annotations

import threading

import pytest

from serving import flight
from serving.cache import cache


@pytest.fixture
def on_redis(monkeypatch, redis_server, tmp_path):
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    monkeypatch.setenv("ATLAS_FILE_DIR", str(tmp_path / "files"))
    cache.reset()
    yield redis_server
    monkeypatch.delenv("REDIS_URL")
    cache.reset()


def test_identical_requests_on_redis_render_once_and_the_file_is_shared(on_redis, tmp_path, monkeypatch):
    import app
    from serving import files

    renders = []
    real = files.export
    monkeypatch.setattr(files, "export", lambda *a: renders.append(a) or real(*a))  # this test's own renders
    client = app.server.test_client()
    url = "/export/ranking.png?p=630000&y=2021&lang=zh-Hant&size=900x500"
    codes = []
    threads = [threading.Thread(target=lambda: codes.append(client.get(url).status_code)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [200] * 8 and len(renders) == 1
    assert any(k.startswith(b"atlas:") and b":file:" in k for k in on_redis.client().keys("atlas:*"))
    folder = tmp_path / "files"
    assert not folder.exists() or not any(folder.iterdir())  # in Redis, not on this machine's disk


def test_a_lock_left_by_a_lost_request_delays_but_never_blocks(on_redis):
    key = ["lost-lock-test"]
    cache.add(cache.key("file", key) + ":lock", b"someone", ttl=60)  # a request that died holding it
    assert flight.produce(key, lambda: "made", ttl=60, wait=0.3) == "made"


def test_a_failed_build_is_not_cached_and_releases_its_lock(on_redis):
    key = ["failing-build"]

    def boom():
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError):
        flight.produce(key, boom, ttl=60, wait=5)
    assert flight.produce(key, lambda: "second try", ttl=60, wait=5) == "second try"
