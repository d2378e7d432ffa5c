"""A worker killed in the middle of the load: the others answer, the master boots a new one.

Two gunicorn workers serve a steady stream of page loads and callbacks from several threads;
one worker is killed with SIGKILL (a crash, an OOM kill) while requests are in flight. Only
requests that worker held may fail; every request sent after it died succeeds.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import threading
import time

from loadtest.dash_client import Page
from tests.serving.test_serve import Gunicorn, wait_for


def _worker_pids(server: Gunicorn) -> list[int]:
    return [int(p) for p in re.findall(r"Booting worker with pid: (\d+)", server.output())]


def test_killing_a_worker_under_load_loses_only_its_own_requests(tmp_path):
    server = Gunicorn(tmp_path / "gunicorn.log", THREADS="2")
    try:
        wait_for(lambda: len(_worker_pids(server)) >= 2, 20, "two workers")
        layout, deps = (json.loads(server.get(p)[1]) for p in ("/_dash-layout", "/_dash-dependencies"))
        page = Page(layout, deps)
        bodies = [page.body(cb, []) for cb in page.initial()][:6]  # real callback requests of a page load
        assert bodies
        results: list[tuple[float, float, int]] = []  # (sent, answered, status; 0: connection broken)
        stop = threading.Event()

        def user(k: int) -> None:
            i = k
            while not stop.is_set():
                sent = time.monotonic()
                try:
                    if i % 4 == 0:
                        status = server.get("/")[0]
                    else:
                        status = server.post("/_dash-update-component", bodies[i % len(bodies)])[0]
                except (OSError, http.client.HTTPException):  # a reply cut off by the kill counts as lost
                    status = 0
                results.append((sent, time.monotonic(), status))
                i += 1

        threads = [threading.Thread(target=user, args=(k,)) for k in range(6)]
        for th in threads:
            th.start()
        time.sleep(3)
        victim = _worker_pids(server)[0]
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        time.sleep(4)
        stop.set()
        for th in threads:
            th.join(60)

        ok = (200, 204)
        before = [s for sent, done, s in results if done < killed_at]  # answered before the kill
        after = [s for sent, done, s in results if sent > killed_at + 0.5]  # sent once it was dead
        in_flight = [s for sent, done, s in results if sent <= killed_at + 0.5 and done >= killed_at]
        assert before and all(s in ok for s in before)
        assert len(after) > 20 and all(s in ok for s in after), after
        assert len([s for s in in_flight if s not in ok]) <= 6  # at most one per user thread
        # the master replaced the worker, and the page still loads
        wait_for(lambda: len(_worker_pids(server)) >= 3, 20, "a new worker")
        assert server.get("/")[0] == 200
    finally:
        server.stop()
