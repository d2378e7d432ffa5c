"""``make serve``'s setup, for real: gunicorn with two workers on the shared Redis; Redis stopped
mid-run -> the app keeps answering (the cache falls back to memory, with a warning), and uses
Redis again once it is back.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import urllib.error
import urllib.request

import pytest

from loadtest.dash_client import Page, cascade
from tests.serving.conftest import BIN, ROOT, free_port, python_env, wait_for


class Gunicorn:
    def __init__(self, log, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "app:server"],
                cwd=ROOT,
                env=python_env(HOST="127.0.0.1", PORT=str(self.port), WORKERS="2", **env),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(lambda: self.proc.poll() is not None or self.up(), 60, "gunicorn")
        assert self.proc.poll() is None, self.output()

    def up(self) -> bool:
        try:
            return self.get("/healthz")[0] == 200
        except OSError:
            return False

    def get(self, path: str) -> tuple[int, bytes]:
        with urllib.request.urlopen(self.url + path, timeout=30) as res:
            return res.status, res.read()

    def post(self, path: str, body: dict) -> tuple[int, bytes]:
        req = urllib.request.Request(
            self.url + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as res:
                return res.status, res.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def health(self) -> dict:
        return json.loads(self.get("/healthz")[1])

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@pytest.fixture
def served(private_redis, tmp_path):
    server = Gunicorn(tmp_path / "gunicorn.log", REDIS_URL=private_redis.url, ATLAS_REDIS_RETRY="1")
    yield server
    server.stop()


def use_the_dashboard(server: Gunicorn) -> list[int]:
    """Open the page and change the region, as a browser would; the statuses of every request."""
    statuses = []
    status, html = server.get("/")
    statuses.append(status)
    assert "西部科技创新地图" in html.decode()
    layout, deps = (json.loads(server.get(p)[1]) for p in ("/_dash-layout", "/_dash-dependencies"))
    page = Page(layout, deps)

    def post(cb, body):
        status, content = server.post("/_dash-update-component", body)
        statuses.append(status)
        assert b"Traceback" not in content
        return json.loads(content) if status == 200 else None

    assert cascade(page, post, [], first=page.initial()) >= 3
    assert cascade(page, post, [page.set("region", "value", "southwest")]) >= 3
    assert page.get("url", "search") == "?r=southwest"
    return statuses


def test_gunicorn_serves_with_several_workers_on_the_shared_cache(served):
    # the first worker may answer the readiness probe before the second has booted
    wait_for(lambda: served.output().count("Booting worker") >= 2, 20, "two gunicorn workers")
    log = served.output()
    assert log.count("Booting worker") == 2 and "gthread" in log
    health = served.health()
    assert health == {**health, "status": "ok", "cache": "redis"} and health["exports"] in ("running", "idle")
    assert set(use_the_dashboard(served)) <= {200, 204}


def test_redis_stopped_mid_run_the_app_still_answers_and_warns(served, private_redis):
    assert served.health()["cache"] == "redis"
    private_redis.stop()

    statuses = use_the_dashboard(served)
    assert set(statuses) <= {200, 204}
    seen = {}  # worker pid -> cache backend: each worker finds out on its own and says so
    for _ in range(20):
        health = served.health()
        seen[health["pid"]] = health["cache"]
    assert set(seen.values()) == {"memory"}
    wait_for(lambda: "serving from the in-process cache" in served.output(), 10, "the warning in the log")
    warning = next(line for line in served.output().splitlines() if "in-process cache" in line)
    assert "[WARNING] serving.cache" in warning and f"127.0.0.1:{private_redis.port}" in warning

    private_redis.start()  # back on the same port: the workers use it again after the back-off
    wait_for(lambda: served.health()["cache"] == "redis", 10, "the cache back on Redis")


def test_health_without_redis_says_memory_and_whether_exports_run(monkeypatch, tmp_path):
    import app
    from serving.cache import cache

    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("ATLAS_RENDER_DIR", str(tmp_path / "render"))  # no service has run here
    cache.reset()
    res = app.server.test_client().get("/healthz")
    assert res.status_code == 200
    assert res.get_json() == {**res.get_json(), "status": "ok", "cache": "memory", "exports": "idle"}
    assert not (tmp_path / "render").exists()  # asking did not start one
