"""One pool of export browsers per machine, shared by every web worker, thread and command.

A small server process (``python -m export.pool``, export/pool.py) keeps ``ATLAS_RENDERERS`` render processes
(default 1), each driving one warm Chromium through Kaleido. Clients send a figure over a Unix
socket (stdlib ``multiprocessing.connection``, authenticated with a key only this user can read)
and get the file's bytes back. The first client that finds no server starts one (a lock file keeps
two from starting together); the server stops its browsers and exits after ``ATLAS_RENDER_IDLE``
seconds without a render, so an idle machine holds no browser.

What it survives, and how (each has a test in tests/export/test_service.py):

- a browser that dies (the out-of-memory killer takes Chromium) or errs: its render process and
  every process under it are killed, a new one is started, and the render is tried once more;
- a render over its time limit (``ATLAS_RENDER_TIMEOUT`` seconds, default 45, below the web
  server's 60): the render process is killed and replaced, and the render fails with a message;
- more work than the pool takes: when every renderer is busy and ``ATLAS_RENDER_QUEUE`` requests
  (default 8) already wait, a request is refused at once with :class:`Busy` (the file route
  answers 429 with Retry-After).

A client never waits longer than the time limit plus a margin, whatever the server does.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import multiprocessing.connection as mpc
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from model.paths import ROOT

log = logging.getLogger(__name__)
TOPOJSON = (ROOT / "assets" / "topojson").as_uri() + "/"


def _code_digest() -> str:
    """A digest of the checkout's path and the service's own code: two checkouts or two releases
    on one machine each get their own service, never the other's.
    """
    digest = hashlib.sha256(str(ROOT).encode())
    for name in ("service.py", "pool.py"):
        with contextlib.suppress(OSError):
            digest.update((ROOT / "export" / name).read_bytes())
    return digest.hexdigest()[:10]


CODE = _code_digest()


def running() -> bool:
    """Whether this machine's service answers now (asking does not start it)."""
    try:
        _dial(Config.from_env()).close()
    except (OSError, EOFError, mpc.AuthenticationError):
        return False
    return True


class ExportError(RuntimeError):
    """An export that could not be made; the message is for the user."""


class Busy(ExportError):
    """Every renderer is busy and the queue is full; ``retry_after`` is in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"the export service is busy; try again in {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Config:
    """The service's settings, from the environment (documented in docs/deploy.md)."""

    folder: Path  # socket, key, lock and log; one per user and machine
    renderers: int  # render processes, each with one Chromium (about 300 MB each)
    queue: int  # requests that may wait for a renderer before new ones are refused
    timeout: float  # seconds one render may take
    idle: float  # seconds without a render after which the server stops

    @staticmethod
    def from_env(env=os.environ) -> Config:
        """The settings from ``env``: unreadable numbers fall back to their defaults."""

        def number(name: str, default: float, low: float) -> float:
            try:
                return max(low, float(env.get(name) or default))
            except ValueError:
                return default

        folder = Path(env.get("ATLAS_RENDER_DIR") or Path(tempfile.gettempdir()) / f"atlas-render-{os.getuid()}-{CODE}")
        return Config(
            folder=folder,
            renderers=int(number("ATLAS_RENDERERS", 1, 1)),
            queue=int(number("ATLAS_RENDER_QUEUE", 8, 0)),
            timeout=number("ATLAS_RENDER_TIMEOUT", 45, 0.01),
            idle=number("ATLAS_RENDER_IDLE", 300, 1),
        )

    @property
    def socket(self) -> Path:
        """The Unix socket the service listens on."""
        return self.folder / "render.sock"

    @property
    def key_file(self) -> Path:
        """The key clients prove themselves with (0600: this user only)."""
        return self.folder / "key"


def browser() -> str:
    """The Chromium that Kaleido drives (BROWSER_PATH, else one on PATH); never downloaded."""
    path = os.environ.get("BROWSER_PATH") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
    )
    if not path or not os.access(path, os.X_OK):
        raise ExportError(
            f"no Chromium found for export ({path or 'none on PATH'}); install the Debian package "
            "'chromium' or set BROWSER_PATH"
        )
    return path


# ---------------------------------------------------------------- client


def render(figure_json: str, fmt: str, width: int, height: int, scale: float, timeout: float | None = None) -> bytes:
    """The figure (Plotly JSON text) as ``fmt`` bytes, rendered by this machine's service.

    ``timeout`` (seconds) may only shorten the service's limit. Raises :class:`Busy` when the
    service refuses more work, :class:`ExportError` for anything else that went wrong.
    """
    config = Config.from_env()
    request = {"op": "render", "figure": figure_json, "fmt": fmt, "width": width, "height": height, "scale": scale}
    if timeout is not None:
        request["timeout"] = timeout
    return _ask(config, request, config.timeout * 2 + 30)


def stats() -> dict:
    """The service's counters: {"renders", "restarts", "refused", "renderers", "pid"} (starts it)."""
    config = Config.from_env()
    return _ask(config, {"op": "stats"}, 30)


def _ask(config: Config, request: dict, wait: float):
    conn = _connect(config)
    try:
        conn.send(request)
        if not conn.poll(wait):
            raise ExportError(f"the export service did not answer in {wait:.0f} s")
        kind, value = conn.recv()
    except (EOFError, OSError) as e:
        raise ExportError(f"the export service stopped while rendering ({type(e).__name__})") from e
    finally:
        conn.close()
    if kind == "ok":
        return value
    if kind == "busy":
        raise Busy(int(value))
    raise ExportError(str(value))


def _connect(config: Config) -> mpc.Connection:
    """A connection to the service, starting it first if none answers."""
    try:
        return _dial(config)
    except (FileNotFoundError, ConnectionRefusedError, OSError):
        pass
    _prepare_folder(config)
    with open(config.folder / "start.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one client starts it; the others wait, then connect
        try:
            return _dial(config)
        except (FileNotFoundError, ConnectionRefusedError, OSError):
            pass
        config.socket.unlink(missing_ok=True)  # a server that died left its socket behind
        with open(config.folder / "service.log", "ab") as out:
            # "--detach" starts the service in a new session and returns at once: the service is
            # then nobody's child (no zombie left in a web worker when it stops, and not killed
            # with the worker that started it)
            subprocess.run(
                [sys.executable, "-m", "export.pool", "--detach"],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
                check=True,
                timeout=30,
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                return _dial(config)
            except (FileNotFoundError, ConnectionRefusedError, OSError) as e:
                if time.monotonic() > deadline:
                    raise ExportError(f"the export service did not start (see {config.folder}/service.log)") from e
                time.sleep(0.05)


def _dial(config: Config) -> mpc.Connection:
    key = config.key_file.read_bytes()
    return mpc.Client(str(config.socket), family="AF_UNIX", authkey=key)


def _prepare_folder(config: Config) -> None:
    config.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if config.folder.stat().st_uid != os.getuid():
        raise ExportError(f"{config.folder} belongs to another user; set ATLAS_RENDER_DIR")
    if not config.key_file.exists():
        fd = os.open(config.key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
