"""One data version per request, and a new version served as soon as it is imported.

Before each request the newest valid data version is pinned (``model.prepared.pin``): a request that
began on one version ends on it, even if an import lands meanwhile (no response mixes two versions).
The data directory is looked at every ``ATLAS_DATA_POLL`` seconds by a thread of each serving
process (model/live.py, started by the process's first request: a gunicorn master that preloads the
app serves none), so that no request waits while a new version loads; ``/healthz`` says which
version this worker serves and, when the newest files are invalid, why it goes on with the last
valid one. With several machines, the version an import publishes on the shared Redis is taken into
each machine's data directory (serving/published.py).
"""

from __future__ import annotations

import os

from flask import Flask, g

from model import prepared
from serving.published import Follower


def install(server: Flask) -> None:
    """Pin a data version for every request of ``server``; with ``REDIS_URL``, also follow the
    version published there (serving/published.py), so that every machine serves one version.
    """
    url = os.environ.get("REDIS_URL", "")
    if url:
        prepared.live().remote = Follower(url)

    @server.before_request
    def _pin() -> None:
        prepared.live().watch()  # this process's watcher, once (a forked worker starts its own)
        g.atlas_data_token = prepared.pin()

    @server.teardown_request
    def _unpin(_exc) -> None:
        token = g.pop("atlas_data_token", None)
        if token is not None:
            prepared.unpin(token)


def report() -> dict:
    """The data part of ``/healthz``: the version served, when it was loaded, and the error that
    keeps a newer one from being served (None when there is none).
    """
    live = prepared.live()
    return {"version": live.data.version, "loaded": round(live.loaded_at), "error": live.error}
