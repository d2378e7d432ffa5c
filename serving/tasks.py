"""The Celery app of the atlas: exports rendered by worker processes, on any machine.

    REDIS_URL=redis://host:6379/0 celery -A serving.tasks worker        (make worker)

Broker and result backend are the Redis of $REDIS_URL, the one the web workers share their cache
on (serving/cache.py); every key Celery writes there starts with "atlas:celery:". Tasks take plain
JSON arguments and park their file in Redis for an hour (``serving.jobs.file_key``), so any web
worker can hand it to the browser. The queue is named after the data version: a worker serving
other data never takes this atlas's jobs, even on a shared Redis.
"""

from __future__ import annotations

import os
import sys

from celery import Celery, Task
from celery.signals import worker_init, worker_process_shutdown

from model.paths import ROOT
from serving import jobs

DEFAULT_URL = "redis://127.0.0.1:6379/0"


def export_task(task: Task, state: dict, what: str, fmt: str, preset: dict) -> dict:
    """Render one export; a user-facing ExportError comes back as a 'failed' result with its message."""
    from export.render import ExportError, export, preset_from_dict
    from model.prepared import current
    from view.state import ViewState

    worker = task.request.hostname
    try:
        view = ViewState.from_dict(state, current().vocab)
        name, content = export(current(), view, what, fmt, preset_from_dict(preset))
    except ExportError as e:
        return {"status": "failed", "error": str(e), "worker": worker}
    jobs.redis_client(task.app.conf.broker_url).set(jobs.file_key(task.request.id), content, ex=jobs.MAX_AGE)
    return {"status": "done", "name": name, "size": len(content), "worker": worker}


def celery_app(url: str) -> Celery:
    """The queue's Celery app (serving/jobs.py) with the export task registered: the worker's app."""
    app = jobs.celery_app(url)
    if jobs.EXPORT not in app.tasks:
        app.task(name=jobs.EXPORT, bind=True)(export_task)
    return app


@worker_init.connect
def _load_data(**_: object) -> None:
    """Load and validate the data once, before the pool forks: invalid data stops the worker."""
    # `celery -A serving.tasks` puts the working directory on sys.path only while it imports this
    # module; the data and the figures import the sibling packages (layers, figures) later.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from model.prepared import current

    current()


@worker_process_shutdown.connect
def _stop_browser(**_: object) -> None:
    from export.render import Exporter

    Exporter.stop()


app = celery_app(os.environ.get("REDIS_URL") or DEFAULT_URL)
