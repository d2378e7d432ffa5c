"""The export service's server process: a pool of render processes, each with a warm Chromium.

    python -m export.pool           (started by the first client that finds none: export/service.py)

It answers the clients of export/service.py over its Unix socket: a render is given to a free
render process, at most ``queue`` requests wait for one, and more are refused at once (busy). A
render process that dies or errs is killed with its process tree and replaced, and the render
tried once more; one that passes the time limit is killed and replaced, and the render fails. The
server stops its browsers and exits after ``idle`` seconds without a render.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import multiprocessing.connection as mpc
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time

import psutil

from export.service import TOPOJSON, Config, ExportError, _prepare_folder, browser
from model.paths import ROOT

log = logging.getLogger(__name__)


class Renderer:
    """One render process with its own warm Chromium (started on its first render)."""

    def __init__(self) -> None:
        self.process: multiprocessing.Process | None = None
        self.conn: mpc.Connection | None = None

    def start(self) -> None:
        """Start the render process (its browser starts with its first render)."""
        ours, theirs = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("spawn").Process(target=_render_loop, args=(theirs,), daemon=True)
        self.process.start()
        theirs.close()
        self.conn = ours

    def render(self, request: dict, timeout: float) -> tuple[str, object]:
        """("ok", bytes) or ("error", message); raises TimeoutError, or EOFError when the render
        process or any process of its browser died during the render (a page process killed by the
        out-of-memory killer leaves Kaleido waiting for ever: it is watched for here).
        """
        if self.process is None or not self.process.is_alive():
            self.start()
        before = self._browser_processes()
        self.conn.send(request)
        deadline = time.monotonic() + timeout
        while not self.conn.poll(min(WATCH, max(0.0, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                raise TimeoutError
            if not self.process.is_alive() or any(not _alive(p) for p in before):
                raise EOFError("a process of the export browser died")
        return self.conn.recv()

    def _browser_processes(self) -> list[psutil.Process]:
        """The processes under the render process now (its Chromium, once started)."""
        try:
            return psutil.Process(self.process.pid).children(recursive=True)
        except psutil.Error:
            return []

    def kill(self) -> None:
        """Kill the render process and every process under it (its Chromium), at once."""
        if self.process is None:
            return
        with contextlib.suppress(psutil.Error):
            tree = psutil.Process(self.process.pid)
            for p in [*tree.children(recursive=True), tree]:
                with contextlib.suppress(psutil.Error):
                    p.kill()
        self.process.join(5)
        self.process = None
        if self.conn is not None:
            self.conn.close()
        self.conn = None

    def stop(self) -> None:
        """Ask the render process to stop its browser and exit; kill it if it does not."""
        if self.process is not None and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(10)
        self.kill()


WATCH = 0.25  # seconds between looks at the browser's processes during a render


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _render_loop(conn: mpc.Connection) -> None:
    """A render process: one warm Kaleido browser, one render at a time, until told to stop."""
    import kaleido
    from kaleido.errors import KaleidoError

    try:
        os.environ.setdefault("BROWSER_PATH", browser())
        missing = ""
    except ExportError as e:
        missing = str(e)  # said to every request: a restart would not find one either
    started = False
    while True:
        try:
            request = conn.recv()
        except EOFError:
            break
        if request is None:
            break
        if missing:
            conn.send(("error", missing))
            continue
        try:
            if not started:
                kaleido.start_sync_server(mathjax=False, silence_warnings=True)
                started = True
            opts = {
                "format": request["fmt"],
                "width": request["width"],
                "height": request["height"],
                "scale": request["scale"],
            }
            out = kaleido.calc_fig_sync(json.loads(request["figure"]), opts=opts, topojson=TOPOJSON)
            conn.send(("ok", out) if out else ("error", "the export browser returned an empty file"))
        except KaleidoError as e:  # the figure itself cannot be drawn: a new browser would not help
            conn.send(("error", f"the figure could not be drawn: {e}"))
        except Exception as e:  # noqa: BLE001 - the browser failed: the parent replaces us and retries
            conn.send(("crashed", f"{type(e).__name__}: {e}"))
    if started:
        with contextlib.suppress(Exception):
            kaleido.stop_sync_server(silence_warnings=True)


class Server:
    """The service: a pool of renderers behind a bounded wait."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.free: queue.Queue[Renderer] = queue.Queue()
        for _ in range(config.renderers):
            self.free.put(Renderer())
        self.lock = threading.Lock()
        self.waiting = 0
        self.active = 0
        self.last_used = time.monotonic()
        self.counts = {"renders": 0, "restarts": 0, "refused": 0}

    def handle(self, request: dict) -> tuple[str, object]:
        """The answer to one request: ("ok", bytes or stats), ("busy", seconds) or ("error", message)."""
        if not isinstance(request, dict):
            return "error", "malformed request"
        if request.get("op") == "stats":
            return "ok", {**self.counts, "renderers": self.config.renderers, "pid": os.getpid()}
        if request.get("op") != "render":
            return "error", "malformed request"
        with self.lock:
            if self.free.empty() and self.waiting >= self.config.queue:
                self.counts["refused"] += 1
                return "busy", max(1, round(self.config.timeout / 3))
            self.waiting += 1
        try:
            renderer = self.free.get()
        finally:
            with self.lock:
                self.waiting -= 1
                self.active += 1
        try:
            return self._render(renderer, request)
        finally:
            self.free.put(renderer)
            with self.lock:
                self.active -= 1
                self.last_used = time.monotonic()

    def _render(self, renderer: Renderer, request: dict) -> tuple[str, object]:
        limit = self.config.timeout
        with contextlib.suppress(TypeError, ValueError):
            limit = min(limit, max(0.01, float(request.get("timeout", limit))))
        for attempt in (1, 2):
            try:
                kind, value = renderer.render(request, limit)
            except TimeoutError:
                log.warning("a render passed its limit of %.1f s: its browser is replaced", limit)
                self._replace(renderer)
                return "error", f"the figure took longer than {limit:g} s to render"
            except (EOFError, OSError) as e:
                kind, value = "crashed", f"the render process died ({type(e).__name__})"
            if kind != "crashed":
                with self.lock:
                    self.counts["renders"] += kind == "ok"
                return kind, value
            log.warning("render attempt %d failed (%s): its browser is replaced", attempt, value)
            self._replace(renderer)
        return "error", f"the figure could not be rendered: {value}"

    def _replace(self, renderer: Renderer) -> None:
        renderer.kill()
        with self.lock:
            self.counts["restarts"] += 1

    def idle(self) -> bool:
        """Whether nothing was rendered or asked for during the idle time."""
        with self.lock:
            return not self.active and not self.waiting and time.monotonic() - self.last_used > self.config.idle

    def stop(self) -> None:
        """Stop every renderer and its browser."""
        while not self.free.empty():
            self.free.get().stop()


def serve(config: Config) -> None:
    """Run the service until it has been idle for ``config.idle`` seconds (or SIGTERM)."""
    _prepare_folder(config)
    listener = mpc.Listener(str(config.socket), family="AF_UNIX", authkey=config.key_file.read_bytes())
    os.chmod(config.socket, 0o600)
    server = Server(config)
    stopping = threading.Event()

    # The kernel gives SIGTERM to any thread of the process. Given to another thread, it leaves
    # the main thread in accept() and its Python handler waiting for bytecode to run on: so the
    # watch thread learns of it from the wakeup pipe, which the C-level handler writes at once.
    woken, wakeup = os.pipe()
    os.set_blocking(wakeup, False)
    signal.set_wakeup_fd(wakeup)

    def watch() -> None:
        while not stopping.is_set():
            signalled, _, _ = select.select([woken], [], [], min(1.0, config.idle / 4))
            if signalled or server.idle():
                stopping.set()
        with contextlib.suppress(OSError):
            mpc.Client(str(config.socket), family="AF_UNIX", authkey=config.key_file.read_bytes()).close()

    def answer(conn: mpc.Connection) -> None:
        with conn:
            try:
                conn.send(server.handle(conn.recv()))
            except (EOFError, OSError):
                pass  # the client gave up

    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    threading.Thread(target=watch, daemon=True).start()
    log.info("export service %d: %d renderer(s), socket %s", os.getpid(), config.renderers, config.socket)
    try:
        while not stopping.is_set():
            try:
                conn = listener.accept()
            except (mpc.AuthenticationError, OSError, EOFError):  # a client that hung up mid-handshake
                continue
            if stopping.is_set():
                conn.close()
                break
            threading.Thread(target=answer, args=(conn,), daemon=True).start()
    finally:
        with contextlib.suppress(OSError):
            listener.close()  # removes the socket too
        config.socket.unlink(missing_ok=True)
        server.stop()
        log.info("export service %d stopped", os.getpid())


if __name__ == "__main__":
    if "--detach" in sys.argv:
        subprocess.Popen(
            [sys.executable, "-m", "export.pool"],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=sys.stdout,
            stderr=sys.stderr,
            start_new_session=True,
        )
        sys.exit(0)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    serve(Config.from_env())
