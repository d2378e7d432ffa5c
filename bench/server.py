"""The app as the benchmarks serve it: a real HTTP server on loopback, in a process of its own.

    python -m bench.server [--data DIR] [--port 0]

Bench-only additions, never in the product: an empty Dash callback (``bench-ping.data`` ->
``bench-floor.data``, returning its input; in no layout, left out of ``/_dash-dependencies``,
reached over HTTP only) that measures the
framework's own floor, and a ``Server-Timing: app;dur=<ms>`` header on every response (the time
spent in the WSGI app: Flask, Dash and the callback, serialisation included). ``--data`` sets
``ATLAS_DATA_DIR`` before the app is imported. The first line printed is JSON with the port.

``BenchServer`` starts this as a subprocess and stops it again (by its own process id).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # not from model.paths: ATLAS_DATA_DIR is set before that import
FLOOR_OUTPUT = ("bench-floor", "data")
FLOOR_INPUT = ("bench-ping", "data")


class ServerTiming:
    """WSGI middleware: buffers the response and adds how long the app took as Server-Timing."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        t0 = time.perf_counter()
        captured: list = []
        body: list[bytes] = []

        def capture(status, headers, exc_info=None):
            captured[:] = [status, list(headers), exc_info]
            return body.append

        result = self.app(environ, capture)
        try:
            body.extend(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers, exc_info = captured
        if environ.get("PATH_INFO", "").endswith("/_dash-dependencies"):
            body[:] = [hide_floor(b"".join(body))]
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body[0]))))
        ms = (time.perf_counter() - t0) * 1000
        start_response(status, [*headers, ("Server-Timing", f"app;dur={ms:.3f}")], exc_info)
        return body


def hide_floor(dependencies: bytes) -> bytes:
    """The page is not told about the empty callback (its ids are in no layout; the renderer would
    complain): it is reached over HTTP only.
    """
    try:
        deps = json.loads(dependencies)
    except ValueError:
        return dependencies
    name = ".".join(FLOOR_OUTPUT)
    return json.dumps([d for d in deps if d.get("output") != name]).encode()


def register_floor(dash_app) -> None:
    from dash import Input, Output

    @dash_app.callback(Output(*FLOOR_OUTPUT), Input(*FLOOR_INPUT), prevent_initial_call=True)
    def bench_floor(value):
        return value


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="data directory (sets ATLAS_DATA_DIR)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    if args.data is not None:
        os.environ["ATLAS_DATA_DIR"] = str(args.data)
    import logging

    from werkzeug.serving import make_server

    t0 = time.perf_counter()
    import app as atlas_app

    import_s = time.perf_counter() - t0
    register_floor(atlas_app.app)
    atlas_app.server.wsgi_app = ServerTiming(atlas_app.server.wsgi_app)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server(args.host, args.port, atlas_app.server, threaded=True)
    from model import paths

    info = {
        "port": server.server_port,
        "import_s": import_s,
        "data": str(paths.DATA),
        "hubs": len(atlas_app.current().hubs),
    }
    print(json.dumps(info), flush=True)
    server.serve_forever()


class BenchServer:
    """``with BenchServer(data_dir) as s: s.url`` — the bench server in a subprocess."""

    def __init__(self, data_dir: Path | None = None, timeout: float = 180):
        self.data_dir, self.timeout = data_dir, timeout
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.info: dict = {}

    def __enter__(self) -> BenchServer:
        cmd = [sys.executable, "-m", "bench.server"]
        env = {k: v for k, v in os.environ.items() if k != "ATLAS_DATA_DIR"}
        if self.data_dir is not None:
            cmd += ["--data", str(self.data_dir)]
            env["ATLAS_DATA_DIR"] = str(self.data_dir)
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(timeout=self.timeout)
            self.log.seek(0)
            raise RuntimeError("bench server did not start:\n" + self.log.read().decode(errors="replace")[-3000:])
        self.info = json.loads(line)
        self.url = f"http://127.0.0.1:{self.info['port']}"
        return self

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


if __name__ == "__main__":
    main()
