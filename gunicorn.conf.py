"""Gunicorn settings for ``make serve`` and production: ``gunicorn -c gunicorn.conf.py app:server``.

The app is preloaded: the data is read and validated once, in the master, before the workers
fork (they share it copy-on-write), and invalid data stops the server before it binds. Workers
keep no state of their own between requests: the view lives in the browser (URL and stores),
computed figures and finished files in the shared cache (serving/cache.py, serving/flight.py),
so any worker, on any machine, may answer any request.

Environment: HOST (127.0.0.1), PORT (8050), WORKERS (2 per CPU), THREADS (2 per worker),
TIMEOUT (60 s), ACCESS_LOG (a path or "-"; off by default), FORWARDED_ALLOW_IPS (127.0.0.1:
the reverse proxy whose X-Forwarded-* headers are trusted). See docs/deploy.md.
"""

import logging
import os

bind = f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8050'}"
# Callbacks are CPU-bound Python: a process per core does the work, a second one per core keeps
# the cores busy while the other waits on the network or on Redis.
workers = int(os.environ.get("WORKERS") or 2 * (os.cpu_count() or 1))
worker_class = "gthread"
threads = int(os.environ.get("THREADS") or 2)  # light requests (assets, polls) pass a busy callback
preload_app = True
timeout = int(os.environ.get("TIMEOUT") or 60)
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (forked again from the preloaded master: cheap),
# so a slow leak in a library never grows without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
loglevel = "info"
# The whole view state is in the URL: a shared link may be long. A request line of any length is
# read, and a query string too long to be a view (view/state.py MAX_QUERY) gives the default view
# instead of an error page (issue 6). Header fields keep gunicorn's limit; the page sends no
# Referer (serving/security.py), so a long URL is not repeated in every asset request.
limit_request_line = 0
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1"
# No control socket: its default path is per user, and several servers (tests, load test) would
# fight over it.
control_socket_disable = True
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # worker heartbeats off the disk


PACKAGES = ("atlas", "model", "view", "figures", "export", "components", "serving", "callbacks")  # the app's loggers


def on_starting(server) -> None:
    """The atlas's own log lines (e.g. 'Redis failed, serving from memory') go to the error log."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"))
    for package in PACKAGES:
        log = logging.getLogger(package)
        log.addHandler(handler)
        log.setLevel(logging.INFO)
