"""``/healthz``: what a load balancer or an operator asks a web worker (cheap, never cached).

It answers 200 while the worker can serve pages, even without Redis: the cache then falls back to
memory and says so here ("cache": "memory"), which is what an alert should look at. "exports"
says whether this machine's export service runs now ("running") or is stopped until the next
export starts it ("idle"); asking never starts it. "data" says which data version this worker
serves and, if the newest files are invalid, why it serves the last valid one (serving/data.py).
"""

from __future__ import annotations

import os

from flask import Flask, jsonify

from export import service
from serving import data
from serving.cache import cache


def report() -> dict:
    cache.ping()  # with Redis configured, find out now whether it answers, not at the next figure
    return {
        "status": "ok",
        "pid": os.getpid(),
        "cache": cache.backend,
        "exports": "running" if service.running() else "idle",
        "version": cache.version,
        "data": data.report(),
    }


def register(server: Flask) -> None:
    server.add_url_rule("/healthz", "healthz", lambda: jsonify(report()))
