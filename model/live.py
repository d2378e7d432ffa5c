"""The data a running process serves, following its data directory: a yearly import is served by
every web worker within seconds, without a restart.

Each process (a gunicorn worker, the dev server) holds one :class:`Live` per data directory. Every
``ATLAS_DATA_POLL`` seconds (default 2) it looks at the directory's files (their sizes and times:
~60 ``stat`` calls); only when they changed is the content hashed, and only when the hash is a new
data version is it loaded and validated. A serving process does this in a thread of its own
(:meth:`Live.watch`, started by its first request): loading and warming a version takes seconds
(2-3 s for the bundled data, on two busy CPUs), and a request that paid for it left the page's
control ahead of its view that long (a year key press answered seconds late, the slider on 2023
and the map still on 2024). Requests go on with the data they have until the new one is ready.
Without a watcher (the command line, tests, ``ATLAS_DATA_POLL=0``) a call of :meth:`Live.get`
looks, in its own thread. Valid: it is served from then on (one request
sees one version: :func:`model.prepared.pinned`). Invalid: the last valid version is served on,
and the error is kept for ``/healthz`` and written to the log once per bad version. Hidden files
and folders (``.backup``, ``.history``, an import's temporary file) are not data.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from model.loader import load_atlas
from model.schema import DataValidationError
from model.version import version_of

log = logging.getLogger("atlas.data")

DEFAULT_POLL = 2.0  # seconds between looks at the data directory


def poll_seconds() -> float:
    """``ATLAS_DATA_POLL`` (seconds, >= 0; 0 looks at every request), default 2."""
    try:
        return max(0.0, float(os.environ.get("ATLAS_DATA_POLL", DEFAULT_POLL)))
    except ValueError:
        return DEFAULT_POLL


def stamp(root: Path) -> tuple:
    """What changes when a data file changes: each visible file's path, size, time and inode."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            st = os.stat(os.path.join(folder, name))
            # the inode too: an import replaces a file by rename, possibly within one clock tick
            out.append((os.path.relpath(os.path.join(folder, name), root), st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out)


class Live:
    """The current :class:`model.prepared.Prepared` of ``data_dir`` (see the module's docstring).

    ``prepare`` turns validated tables and a version into a Prepared (model.prepared.prepare);
    each function of ``warmers`` is called with a newly loaded version before it is served, so
    that its first visitors do not wait for what app start builds (the map's base figure...).
    """

    def __init__(self, data_dir: Path, prepare: Callable, poll: float | None = None) -> None:
        self.data_dir = Path(data_dir)
        self._prepare = prepare
        self.poll = poll_seconds() if poll is None else poll
        self.warmers: list[Callable] = []
        # looked at with the directory: a function of this Live that may bring a version published
        # elsewhere into the directory (serving/published.py); None: this directory only
        self.remote: Callable | None = None
        self._lock = threading.Lock()
        self._stamp = stamp(self.data_dir)
        self._data = prepare(load_atlas(self.data_dir), version_of(self.data_dir))
        self._next = time.monotonic() + self.poll
        self._failed: str | None = None
        self.error: str | None = None  # why the newest files are not served (None: they are)
        self.loaded_at = time.time()
        self._watcher: tuple[int, threading.Thread] | None = None  # (pid, thread): not inherited by a fork

    def watch(self) -> None:
        """Look at the directory in a daemon thread of this process from now on, every ``poll``
        seconds, so that no request waits while a new version is loaded (idempotent; a forked
        worker starts its own). With ``poll`` 0 (every request) nothing is started.
        """
        if self.poll <= 0 or self._watching():
            return
        with self._lock:
            if self._watching():
                return
            thread = threading.Thread(target=self._watch, name="atlas-data-watch", daemon=True)
            self._watcher = (os.getpid(), thread)
            thread.start()

    def _watching(self) -> bool:
        w = self._watcher
        return w is not None and w[0] == os.getpid() and w[1].is_alive()

    def _watch(self) -> None:
        while True:
            time.sleep(self.poll)
            try:
                self.look()
            except Exception:  # noqa: BLE001 - the watcher outlives any one bad look
                log.exception("looking at %s failed; serving %s", self.data_dir, self._data.version)

    def wait(self, timeout: float = 30.0) -> None:
        """Return once no look is under way (at most ``timeout`` seconds): what a look found is then
        served. For tests and tools that change the directory and want the result.
        """
        if self._lock.acquire(timeout=timeout):
            self._lock.release()

    @property
    def data(self):
        """The version served now, without looking at the directory."""
        return self._data

    def get(self):
        """The version to serve: the newest valid one; without a watcher (:meth:`watch`), looking at
        the files first when it is time.
        """
        if self._watching():
            return self._data
        return self.look(blocking=False)

    def look(self, blocking: bool = True):
        """Look at the files (when it is time, or always with ``blocking``: the watcher's looks),
        load a new valid version, and return the version to serve. Another look under way: the
        data served now, at once.
        """
        now = time.monotonic()
        if not blocking and now < self._next:
            return self._data
        if not self._lock.acquire(blocking=blocking):
            return self._data  # another thread is looking: go on with this one
        try:
            self._next = now + self.poll
            if self.remote is not None:
                try:
                    self.remote(self)
                except Exception:  # noqa: BLE001 - a failing remote never stops this worker's serving
                    log.exception("looking for published data failed; serving %s", self._data.version)
            found = stamp(self.data_dir)
            if found != self._stamp:
                self._stamp = found
                self._reload()
        finally:
            self._lock.release()
        return self._data

    def _reload(self) -> None:
        version = version_of(self.data_dir)
        if version == self._data.version:  # back to the version served (a rollback of a refused one)
            self._failed, self.error = None, None
            return
        if version == self._failed:
            return
        try:
            new = self._prepare(load_atlas(self.data_dir), version)
            for warm in self.warmers:
                warm(new)
        except DataValidationError as e:
            self._failed = version
            self.refused(version, e)
            return
        except Exception as e:  # noqa: BLE001 - a file vanishing mid-read, a library's surprise: never a 500
            log.exception("loading data version %s failed", version)
            self._failed = version
            self.refused(version, e)
            return
        log.info("serving data version %s (was %s)", version, self._data.version)
        self._data, self._failed, self.error, self.loaded_at = new, None, None, time.time()

    def refused(self, version: str, error: Exception, what: str = "data") -> None:
        """Say why ``version`` is not served: kept for ``/healthz`` (``error``) and logged."""
        self.error = f"{what} version {version} is invalid; serving {self._data.version}: {error}"
        log.error("%s", self.error)
