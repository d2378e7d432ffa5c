"""``/healthz``: what a load balancer or an operator asks a web worker (cheap, never cached).

It answers 200 while the worker can serve pages, even without Redis: the cache then falls back to
memory and says so here ("cache": "memory"), which is what an alert should look at.
"""

from __future__ import annotations

import os

from flask import Flask, jsonify

from serving import jobs
from serving.cache import cache


def report() -> dict:
    cache.ping()  # with Redis configured, find out now whether it answers, not at the next figure
    return {
        "status": "ok",
        "pid": os.getpid(),
        "cache": cache.backend,
        "jobs": jobs.backend(),
        "version": cache.version,
    }


def register(server: Flask) -> None:
    server.add_url_rule("/healthz", "healthz", lambda: jsonify(report()))
