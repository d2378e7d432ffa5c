"""Slow work (figure export) out of the request path: a job runs in a thread, its status and
result are files in a job folder, so any worker process on this machine can answer the polling.

The folder is $ATLAS_JOB_DIR or <tmp>/atlas-jobs. (Several machines: see issue 5's shared cache.)
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

JOB_ID = re.compile(r"[0-9a-f]{32}")
MAX_AGE = 3600  # seconds a finished job's file is kept


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


def submit(fn: Callable[[], tuple[str, bytes]], errors: tuple[type[BaseException], ...] = ()) -> str:
    """Start ``fn`` (returning (file name, bytes)) in the background; returns the job id."""
    cleanup()
    job = uuid.uuid4().hex
    _write_json(job_dir() / f"{job}.json", {"status": "running", "started": time.time()})
    _pool().submit(_run, job, fn, errors)
    return job


def status(job: object) -> dict | None:
    """{'status': 'running'|'done'|'failed', ...} or None for an unknown or malformed id."""
    if not isinstance(job, str) or not JOB_ID.fullmatch(job):
        return None
    try:
        return json.loads((job_dir() / f"{job}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def result(job: str) -> tuple[str, bytes] | None:
    """The finished job's (file name, bytes); the files are removed once read."""
    info = status(job)
    if not info or info.get("status") != "done":
        return None
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
