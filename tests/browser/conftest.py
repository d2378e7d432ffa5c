"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live app."""

from __future__ import annotations

import contextlib
import threading

import pytest
from werkzeug.serving import make_server

from bench.browser import ARGS, CHROMIUM  # one set of Chromium flags for the tests and the benchmarks


@pytest.fixture(scope="session")
def live_server():
    import logging

    import app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # keep request lines out of test output
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.requests = []  # every request the page makes, recorded for the offline check
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def app_process(args: list[str], port: int, log, **env: str):
    """The app in a process of its own (``args`` after the Python interpreter), until it answers."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    from model import paths

    environ = {k: v for k, v in os.environ.items() if k != "REDIS_URL"} | env
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, *args], cwd=paths.ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.3)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.fixture(scope="session")
def gunicorn_server(tmp_path_factory):
    """The app under gunicorn with the production settings (gunicorn.conf.py), one worker."""
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "log.txt"
    args = ["-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"]
    with app_process(args, port, log, PORT=str(port), WORKERS="1", THREADS="4") as url:
        yield url
