"""The Celery app of the atlas: exports rendered by worker processes, on any machine.

    REDIS_URL=redis://host:6379/0 celery -A atlas.tasks worker        (make worker)

Broker and result backend are the Redis of $REDIS_URL, the one the web workers share their cache
on (atlas/cache.py); every key Celery writes there starts with "atlas:celery:". Tasks take plain
JSON arguments and park their file in Redis for an hour (``atlas.jobs.file_key``), so any web
worker can hand it to the browser. The queue is named after the data version: a worker serving
other data never takes this atlas's jobs, even on a shared Redis.
"""

from __future__ import annotations

import os
import sys
from functools import cache

from celery import Celery, Task
from celery.signals import worker_init, worker_process_shutdown

from atlas import jobs
from atlas.cache import data_version
from atlas.paths import ROOT

DEFAULT_URL = "redis://127.0.0.1:6379/0"
KEY_PREFIX = "atlas:celery:"
VISIBILITY_TIMEOUT = 300  # seconds before an unacknowledged export goes to another worker (renders take < 60)


def queue_name() -> str:
    return f"atlas.{data_version()}"


def export_task(task: Task, state: dict, what: str, fmt: str, preset: dict) -> dict:
    """Render one export; a user-facing ExportError comes back as a 'failed' result with its message."""
    from atlas.export import ExportError, export, preset_from_dict
    from atlas.prepared import current
    from atlas.state import ViewState

    worker = task.request.hostname
    try:
        view = ViewState.from_dict(state, current().vocab)
        name, content = export(current(), view, what, fmt, preset_from_dict(preset))
    except ExportError as e:
        return {"status": "failed", "error": str(e), "worker": worker}
    jobs.redis_client(task.app.conf.broker_url).set(jobs.file_key(task.request.id), content, ex=jobs.MAX_AGE)
    return {"status": "done", "name": name, "size": len(content), "worker": worker}


@cache
def celery_app(url: str) -> Celery:
    """The Celery app on the Redis at ``url`` (one per URL and process; the web side sends by name)."""
    app = Celery("atlas", broker=url, backend=url, set_as_current=False)
    prefix = {"global_keyprefix": KEY_PREFIX}
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=jobs.MAX_AGE,
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
    app.task(name=jobs.EXPORT, bind=True)(export_task)
    return app


@worker_init.connect
def _load_data(**_: object) -> None:
    """Load and validate the data once, before the pool forks: invalid data stops the worker."""
    # `celery -A atlas.tasks` puts the working directory on sys.path only while it imports this
    # module; the data and the figures import the sibling packages (layers, figures) later.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from atlas.prepared import current

    current()


@worker_process_shutdown.connect
def _stop_browser(**_: object) -> None:
    from atlas.export import Exporter

    Exporter.stop()


app = celery_app(os.environ.get("REDIS_URL") or DEFAULT_URL)
