"""Exports through Celery on Redis: queued by the web side, rendered by a real worker process,
answered from Redis (so any web worker on any machine can), failures coming back as messages.
"""

from __future__ import annotations

import base64
import logging
import os
import signal
import struct
import subprocess
import uuid
from pathlib import Path

import pytest

from export.render import ExportError
from serving import jobs
from tests.serving.conftest import BIN, ROOT, free_port, python_env, wait_for
from view.state import ViewState

PNG = b"\x89PNG\r\n\x1a\n"


class CeleryWorker:
    """``celery -A serving.tasks worker`` (what ``make worker`` runs) as a child process."""

    def __init__(self, url: str, log: Path, **env: str) -> None:
        self.name = f"atlas-test-{uuid.uuid4().hex[:6]}@localhost"
        self.log = log
        args = ["-A", "serving.tasks", "worker", "--loglevel=INFO", "--concurrency=1", "-n", self.name]
        args += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [str(BIN / "celery"), *args],
                cwd=ROOT,
                env=python_env(REDIS_URL=url, **env),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its pool and Chromium are stopped with it
            )
        wait_for(lambda: " ready." in self.output() or self.proc.poll() is not None, 60, "the Celery worker")
        assert self.proc.poll() is None, self.output()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@pytest.fixture(scope="module")
def worker(redis_server, tmp_path_factory):
    w = CeleryWorker(redis_server.url, tmp_path_factory.mktemp("celery") / "worker.log")
    yield w
    w.stop()


@pytest.fixture
def web(redis_server, monkeypatch, tmp_path):
    """This process as a web worker configured for the queue (jobs reads REDIS_URL per call)."""
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    monkeypatch.setenv("ATLAS_JOB_DIR", str(tmp_path / "jobs"))  # must stay empty: nothing runs here
    return tmp_path / "jobs"


def finished(job: str, timeout: float = 60) -> dict:
    return wait_for(lambda: (info := jobs.status(job)) and info["status"] != "running" and info, timeout, job)


def png_size(content: bytes) -> tuple[int, int]:
    assert content.startswith(PNG), content[:16]
    return struct.unpack(">II", content[16:24])


def test_an_export_from_the_web_side_is_rendered_by_the_celery_worker(worker, web, redis_server):
    from callbacks import export as export_cb

    state = ViewState(lang="en", provinces=("510000", "610000")).to_dict()
    job, poll_disabled, _ = export_cb.start_export(1, state, "ranking", "png", "slide-16x9")
    assert poll_disabled is False and jobs.status(job)["status"] == "running"

    info = finished(job)
    assert info["via"] == "celery" and info["state"] == "SUCCESS" and info["task_id"] == job
    assert info["worker"] == worker.name  # the worker process rendered it, not this one
    assert f"Task atlas.export[{job}] succeeded" in worker.output()
    assert not any(web.iterdir())  # no thread job, no job file in this process

    download, disabled, message = export_cb.poll_export(2, job, "en")
    content = base64.b64decode(download["content"])
    assert disabled is True and message == f"Exported: {download['filename']}"
    assert download["filename"].endswith(".png") and png_size(content) == (1920, 1080)
    assert jobs.status(job) is None and jobs.result(job) is None  # read once, then gone from Redis
    assert not redis_server.client().exists(jobs.marker_key(job), jobs.file_key(job))


def test_an_svg_map_goes_through_the_queue(worker, web):
    from callbacks.export import export_job

    preset = {"key": "custom", "width": 1000, "height": 700}
    job = jobs.submit(export_job, ViewState().to_dict(), "map", "svg", preset, task=jobs.EXPORT)
    assert finished(job)["worker"] == worker.name
    name, content = jobs.result(job)
    assert name.endswith(".svg") and content.lstrip().startswith(b"<svg") and b'width="1000"' in content[:500]


def test_an_export_error_comes_back_as_a_failed_status_with_its_message(worker, web):
    from callbacks import export as export_cb

    job = jobs.submit(
        export_cb.export_job, ViewState().to_dict(), "ranking", "exe", {"key": "a4-landscape"}, task=jobs.EXPORT
    )
    info = finished(job)
    assert info["via"] == "celery" and info["worker"] == worker.name
    assert info["status"] == "failed" and info["error"] == "unknown format 'exe'; choose one of png, svg, pdf"
    assert export_cb.poll_export(1, job, "en")[1:] == (True, f"Export failed: {info['error']}")


def test_a_worker_without_chromium_reports_it(private_redis, monkeypatch, tmp_path):
    w = CeleryWorker(private_redis.url, tmp_path / "worker.log", BROWSER_PATH="/nonexistent/chromium")
    try:
        from callbacks import export as export_cb

        monkeypatch.setenv("REDIS_URL", private_redis.url)
        job, _, _ = export_cb.start_export(1, ViewState().to_dict(), "slide", "pdf", "a4-portrait")
        info = finished(job)
        assert info["status"] == "failed" and info["worker"] == w.name
        assert "no Chromium found for export (/nonexistent/chromium)" in info["error"]
    finally:
        w.stop()


def test_unknown_and_malformed_ids_are_unknown_to_the_queue(web):
    assert jobs.status(uuid.uuid4().hex) is None  # Celery alone would call it PENDING forever
    assert jobs.status("../../etc/passwd") is None and jobs.result(uuid.uuid4().hex) is None


def test_a_job_nobody_runs_and_a_redis_gone_while_polling_stop_the_polling(private_redis, monkeypatch):
    monkeypatch.setenv("REDIS_URL", private_redis.url)  # no worker on this Redis
    job = jobs.submit(lambda: ("x", b"x"), task=jobs.EXPORT)
    assert jobs.status(job)["status"] == "running"
    monkeypatch.setattr(jobs, "JOB_TIMEOUT", 0)
    assert "no export worker finished the job" in jobs.status(job)["error"]
    private_redis.stop()
    info = jobs.status(job)
    assert info["status"] == "failed" and info["error"] == "the export queue is unreachable; try again"


def export_here(what: str) -> tuple[str, bytes]:
    return f"{what}.png", PNG


def test_with_redis_unreachable_the_job_runs_in_this_process(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    monkeypatch.setenv("ATLAS_JOB_DIR", str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="serving.jobs"):
        job = jobs.submit(export_here, "ranking", errors=(ExportError,), task=jobs.EXPORT)
    assert "job queue unreachable" in caplog.text
    info = finished(job, 10)
    assert info["status"] == "done" and "via" not in info
    assert jobs.result(job) == ("ranking.png", PNG)


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ({"key": "a4-portrait", "width": 1, "height": 1, "scale": 99}, ("a4-portrait", 794, 1123)),
        ({"key": "custom", "width": 1000, "height": "700"}, ("custom", 1000, 700)),
        ({"key": "custom", "width": 10**9, "height": 1}, ("custom", 6000, 200)),
        ({"key": "custom", "width": "x"}, ("slide-16x9", 1920, 1080)),
        (None, ("slide-16x9", 1920, 1080)),
    ],
)
def test_a_preset_comes_back_from_plain_arguments_within_bounds(plain, expected):
    from export.render import preset_from_dict

    preset = preset_from_dict(plain)
    assert (preset.key, preset.width, preset.height) == expected
