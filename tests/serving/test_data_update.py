"""A yearly update reaches every running worker (issue 15): gunicorn with two workers, preloaded as
in production, serving a copy of the data; `python -m atlas data import` of a one-row file; every
worker serves the new value within seconds, without a restart, and an invalid file changes
nothing served while /healthz says why."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import time

import pytest

from tests.serving.conftest import ROOT, python_env, wait_for
from tests.serving.test_serve import Gunicorn

HEADER = "adcode,year,indicator,value,source_id"


@pytest.fixture
def served_copy(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".*"))
    server = Gunicorn(tmp_path / "gunicorn.log", ATLAS_DATA_DIR=str(data), ATLAS_DATA_POLL="0.5")
    yield server, data
    server.stop()


def _import(data, path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "atlas", "data", "import", str(path), "--data-dir", str(data), "--yes", *args],
        cwd=ROOT,
        env=python_env(ATLAS_DATA_DIR=str(data)),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _served_value(server) -> str | None:
    """Shaanxi's 2022 R&D intensity in the indicator download this worker serves, with its pid."""
    status, body = server.get("/download/indicators.csv?ind=rd_intensity&lang=en")
    assert status == 200
    for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig"))):
        if row["adcode"] == "610000" and row["year"] == "2022":
            return row["value"]
    return None


def _workers_on(server, version: str, seen: dict) -> bool:
    health = server.health()
    seen[health["pid"]] = health["data"]["version"]
    return len(seen) >= 2 and all(v == version for v in seen.values())


def test_a_one_row_import_is_served_by_every_worker_within_seconds(served_copy, tmp_path):
    server, data = served_copy
    wait_for(lambda: server.output().count("Booting worker") >= 2, 30, "two gunicorn workers")
    before = server.health()["data"]["version"]
    assert _served_value(server) == "2.35"
    update = tmp_path / "update.csv"
    update.write_text(f"{HEADER}\n610000,2022,rd_intensity,2.41,nbs-rd-2022\n", encoding="utf-8")
    started = time.monotonic()
    done = _import(data, update)
    assert done.returncode == 0, done.stderr
    assert "added 0, changed 1, removed 0" in done.stdout
    seen: dict = {}
    new = None

    def every_worker_moved() -> bool:
        nonlocal new
        health = server.health()
        if health["data"]["version"] != before:
            new = health["data"]["version"]
        return new is not None and _workers_on(server, new, seen)

    wait_for(every_worker_moved, 15, "every worker on the new data version")
    took = time.monotonic() - started
    assert all(_served_value(server) == "2.41" for _ in range(10))  # whichever worker answers
    assert took < 15
    # an invalid file written behind the importer's back: nothing served changes, /healthz says why
    values = data / "indicators" / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace(",2.41,", ",lots,"), encoding="utf-8")
    time.sleep(2)
    assert all(_served_value(server) == "2.41" for _ in range(6))
    health = wait_for(lambda: (h := server.health())["data"]["error"] and h, 10, "the error in /healthz")
    assert "values.csv" in health["data"]["error"] and health["data"]["version"] == new


def test_two_machines_with_their_own_data_directories_serve_the_version_published_on_redis(private_redis, tmp_path):
    """Two app instances, each with its own copy of the data, one Redis: an import on one machine is
    published there, and both serve it within seconds; the other machine's directory holds it too."""
    dirs = []
    servers = []
    try:
        for name in ("a", "b"):
            data = tmp_path / name / "data"
            shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".*"))
            dirs.append(data)
            servers.append(
                Gunicorn(
                    tmp_path / f"{name}.log",
                    ATLAS_DATA_DIR=str(data),
                    ATLAS_DATA_POLL="0.5",
                    REDIS_URL=private_redis.url,
                )
            )
        update = tmp_path / "update.csv"
        update.write_text(f"{HEADER}\n610000,2022,rd_intensity,2.44,nbs-rd-2022\n", encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "atlas", "data", "import", str(update), "--data-dir", str(dirs[0]), "--yes"],
            cwd=ROOT,
            env=python_env(ATLAS_DATA_DIR=str(dirs[0]), REDIS_URL=private_redis.url),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0 and "published data version" in done.stdout, done.stdout + done.stderr
        for server in servers:
            wait_for(lambda s=server: all(_served_value(s) == "2.44" for _ in range(4)), 20, "the published value")
        assert ",2.44,nbs-rd-2022" in (dirs[1] / "indicators" / "values.csv").read_text(encoding="utf-8")
        # every worker of both machines, each loading it beside its requests (model/live.py), within seconds
        version = lambda s: s.health()["data"]["version"]  # noqa: E731
        wait_for(lambda: len({version(s) for s in servers for _ in range(4)}) == 1, 20, "one version everywhere")
    finally:
        for server in servers:
            server.stop()
