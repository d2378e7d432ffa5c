"""One data version per request, and a new version served as soon as it is imported.

Before each request the newest valid data version is pinned (``model.prepared.pin``): a request
that began on one version ends on it, even if an import lands meanwhile (no response mixes two
versions). The data directory is looked at, at most every ``ATLAS_DATA_POLL`` seconds, by
model/live.py; ``/healthz`` says which version this worker serves and, when the newest files are
invalid, why it goes on with the last valid one.
"""

from __future__ import annotations

from flask import Flask, g

from model import prepared


def install(server: Flask) -> None:
    """Pin a data version for every request of ``server``."""

    @server.before_request
    def _pin() -> None:
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
