"""Slow work (figure export) out of the request path, answered by whichever web worker is polled.

Two runners behind one interface (``submit``, ``status``, ``result``):

- With $REDIS_URL set, a job named by ``task`` goes to Celery on that Redis (serving/tasks.py):
  any export worker on any machine runs it, its status is Celery's and its file is parked in
  Redis, so any web worker on any machine can answer the polling.
- Otherwise (or when Redis cannot take the job), it runs in a thread of this process; its status
  and result are files in $ATLAS_JOB_DIR (default <tmp>/atlas-jobs), which any worker process on
  this machine can read.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache, partial
from pathlib import Path

from celery import Celery

from model.version import data_version
from serving.cache import connect

JOB_ID = re.compile(r"[0-9a-f]{32}")
MAX_AGE = 3600  # seconds a finished job's file is kept
JOB_TIMEOUT = 600  # seconds after which a queued job nobody finished is reported as failed
EXPORT = "atlas.export"  # the Celery task that renders an export (serving/tasks.py): a name on the wire, kept
log = logging.getLogger(__name__)


def backend() -> str:
    """'celery' when $REDIS_URL names a Redis for the queue, else 'threads'."""
    return "celery" if os.environ.get("REDIS_URL") else "threads"


def job_dir() -> Path:
    path = Path(os.environ.get("ATLAS_JOB_DIR") or Path(tempfile.gettempdir()) / "atlas-jobs")
    path.mkdir(parents=True, exist_ok=True)
    return path


@cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="atlas-job")


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)  # atomic: a reader never sees half a status


def _run(job: str, fn: Callable[[], tuple[str, bytes]], errors: tuple[type[BaseException], ...]) -> None:
    folder = job_dir()
    try:
        name, content = fn()
    except errors as e:
        _write_json(folder / f"{job}.json", {"status": "failed", "error": str(e), "started": _started(job)})
        return
    except Exception as e:  # noqa: BLE001 - an unexpected failure is reported, never left running
        _write_json(
            folder / f"{job}.json",
            {"status": "failed", "error": f"unexpected error: {type(e).__name__}", "started": _started(job)},
        )
        return
    tmp = folder / f"{job}.bin.tmp"
    tmp.write_bytes(content)
    tmp.replace(folder / f"{job}.bin")
    _write_json(
        folder / f"{job}.json", {"status": "done", "name": name, "size": len(content), "started": _started(job)}
    )


def _started(job: str) -> float:
    try:
        return float(json.loads((job_dir() / f"{job}.json").read_text(encoding="utf-8"))["started"])
    except (OSError, ValueError, KeyError):
        return time.time()


def submit(
    fn: Callable[..., tuple[str, bytes]],
    *args: object,
    errors: tuple[type[BaseException], ...] = (),
    task: str | None = None,
) -> str:
    """Start ``fn(*args)`` (returning (file name, bytes)) in the background; returns the job id.

    With ``task`` (a Celery task name, e.g. EXPORT) and $REDIS_URL set, the job is queued to
    Celery with the same plain, JSON-able ``args`` instead; if the queue is unreachable it runs
    here after all (a warning is logged), so an outage slows exports down but never loses them.
    ``errors`` are the exception types whose message is for the user.
    """
    cleanup()
    job = uuid.uuid4().hex
    if task and backend() == "celery":
        try:
            _queue(job, task, args)
            return job
        except Exception as e:  # noqa: BLE001 - Redis or broker down: run it here instead
            log.warning("job queue unreachable (%s: %s); running %s in this process", type(e).__name__, e, task)
    _write_json(job_dir() / f"{job}.json", {"status": "running", "started": time.time()})
    _pool().submit(_run, job, partial(fn, *args), errors)
    return job


def status(job: object) -> dict | None:
    """{'status': 'running'|'done'|'failed', ...} or None for an unknown or malformed id."""
    if not isinstance(job, str) or not JOB_ID.fullmatch(job):
        return None
    try:
        return json.loads((job_dir() / f"{job}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    return _queued_status(job) if backend() == "celery" else None


def result(job: str) -> tuple[str, bytes] | None:
    """The finished job's (file name, bytes); the files are removed once read."""
    info = status(job)
    if not info or info.get("status") != "done":
        return None
    if info.get("via") == "celery":
        return _queued_result(job, info)
    folder = job_dir()
    try:
        content = (folder / f"{job}.bin").read_bytes()
    except OSError:
        return None
    for suffix in (".bin", ".json"):
        (folder / f"{job}{suffix}").unlink(missing_ok=True)
    return info["name"], content


def cleanup(max_age: float = MAX_AGE) -> None:
    now = time.time()
    for path in job_dir().glob("*"):
        try:
            if now - path.stat().st_mtime > max_age:
                path.unlink(missing_ok=True)
        except OSError:
            continue


# ---------------------------------------------------------------- Celery on Redis


def marker_key(job: str) -> str:
    return f"atlas:job:{job}"


def file_key(job: str) -> str:
    return f"atlas:job:{job}:file"


@cache
def redis_client(url: str):
    return connect(url)


KEY_PREFIX = "atlas:celery:"
VISIBILITY_TIMEOUT = 300  # seconds before an unacknowledged export goes to another worker (renders take < 60)


def queue_name() -> str:
    """The queue of this data version: a worker serving other data never takes its jobs."""
    return f"atlas.{data_version()}"


@cache
def celery_app(url: str) -> Celery:
    """The Celery app on the Redis at ``url``, configured (one per URL and process): the web side
    sends tasks by name through it; serving/tasks.py registers the export task on it for workers.
    """
    app = Celery("atlas", broker=url, backend=url, set_as_current=False)
    prefix = {"global_keyprefix": KEY_PREFIX}
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=MAX_AGE,
        task_track_started=True,
        task_default_queue=queue_name(),
        # Acknowledged when done: the export of a machine that died is delivered to another worker
        # after the visibility timeout. One whose process crashed is reported failed, not retried
        # (a figure that kills Chromium would otherwise loop).
        task_acks_late=True,
        worker_prefetch_multiplier=1,  # exports are slow: do not hoard them on one worker
        broker_transport_options={**prefix, "visibility_timeout": VISIBILITY_TIMEOUT},
        result_backend_transport_options=prefix,
        broker_connection_retry_on_startup=True,
    )
    return app


def _celery():
    return celery_app(os.environ["REDIS_URL"])


def _queue(job: str, task: str, args: tuple) -> None:
    """Queue ``task`` under the id ``job``; the marker tells a queued job from an unknown id."""
    redis_client(os.environ["REDIS_URL"]).set(marker_key(job), json.dumps({"started": time.time()}), ex=MAX_AGE)
    _celery().send_task(task, args=list(args), task_id=job, retry=False)


def _queued_status(job: str) -> dict | None:
    """The job's status from Celery's result backend (any web worker, any machine)."""
    try:
        marker = redis_client(os.environ["REDIS_URL"]).get(marker_key(job))
        if marker is None:
            return None  # never queued here, or expired: Celery would call it PENDING forever
        started = float(json.loads(marker)["started"])
        res = _celery().AsyncResult(job)
        state, value = res.state, res.result
    except Exception as e:  # noqa: BLE001 - Redis gone mid-job: say so, stop the polling
        log.warning("job queue unreachable while polling %s (%s: %s)", job, type(e).__name__, e)
        return {"status": "failed", "error": "the export queue is unreachable; try again", "started": time.time()}
    info = {"via": "celery", "task_id": job, "state": state, "started": started}
    if state == "SUCCESS" and isinstance(value, dict):
        return {**info, **value}
    if state == "FAILURE":
        return {**info, "status": "failed", "error": f"unexpected error: {type(value).__name__}"}
    if time.time() - started > JOB_TIMEOUT:
        return {**info, "status": "failed", "error": f"no export worker finished the job in {JOB_TIMEOUT} s"}
    return {**info, "status": "running"}


def _queued_result(job: str, info: dict) -> tuple[str, bytes] | None:
    """The parked file, taken atomically: two polls of the same job cannot both download it."""
    client = redis_client(os.environ["REDIS_URL"])
    try:
        content = client.getdel(file_key(job))
    except Exception as e:  # noqa: BLE001 - as in _queued_status
        log.warning("job queue unreachable while reading %s (%s: %s)", job, type(e).__name__, e)
        return None
    if content is None:
        return None
    try:
        client.delete(marker_key(job))
        _celery().AsyncResult(job).forget()
    except Exception:  # noqa: BLE001 - the keys expire on their own
        pass
    return info["name"], content
