"""One loaded data version, prepared: the validated tables and everything derived from them once.

Every builder (figures, components, export, downloads) takes a :class:`Prepared` as its first
argument and reads nothing else: no module-level data, so a builder runs as well on the small
fixture atlas of the tests (tests/data/fixture) as on the bundled data, and a new data version is
a new object. Only the callbacks and the command line ask for the current one (:func:`current`).
"""

from __future__ import annotations

import threading
from contextvars import ContextVar, Token
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import pandas as pd

from model import paths, queries
from model.live import Live
from model.loader import Tables, load_atlas
from model.lookup import HubFilter, Lookup
from model.version import data_version
from model.vocab import Vocab


@dataclass(frozen=True, eq=False)
class Prepared(Tables):
    """The tables of :class:`model.loader.Atlas` (``hubs``, ``provinces``…, read-only), plus:

    - ``vocab``: what a URL may name (indicators and their years, layers, provinces, regions, hub ids);
    - ``lookup``: the same data as dicts and numpy masks, for answering a state in microseconds;
    - ``version``: names this data version in cache keys ("" when not from a data directory's files).
    """

    vocab: Vocab
    lookup: Lookup
    version: str = ""
    _derived: dict = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)  # builds nest

    __hash__ = object.__hash__  # one object per data version: hashed and compared by identity
    __eq__ = object.__eq__

    def derived(self, key, build):
        """``build()`` once per ``key`` for this data version: a piece of the data itself (the
        map's static arrays and geometry, the classes of an indicator-year, the table's rows), a
        finite set made at start or on first use, then read-only. Not for per-state values: those
        are memoised by the callbacks (serving/cache.py).
        """
        hit = self._derived.get(key, _MISSING)
        if hit is _MISSING:
            with self._lock:  # two first requests in two threads build it once
                hit = self._derived.get(key, _MISSING)
                if hit is _MISSING:
                    hit = self._derived[key] = build()
        return hit


_MISSING = object()


def prepare(data: Tables, version: str = "") -> Prepared:
    """``data`` with its vocabulary and lookup tables built (about 0.3 s for the bundled data)."""
    vocab = queries.make_vocab(data)
    tables = {f.name: getattr(data, f.name) for f in fields(Tables)}
    return Prepared(**tables, vocab=vocab, lookup=Lookup(data, vocab), version=version)


def load(data_dir: Path) -> Prepared:
    """Read, validate and prepare the data under ``data_dir`` (errors name file, row and column)."""
    return prepare(load_atlas(data_dir), data_version() if data_dir == paths.DATA else "")


_lives: dict[Path, Live] = {}
_lives_lock = threading.Lock()
_pinned: ContextVar[Prepared | None] = ContextVar("atlas_pinned_data", default=None)


def live() -> Live:
    """The process's :class:`model.live.Live` of the data directory (``paths.DATA``), made on
    first use (it loads and validates the data: invalid data raises, naming file, row, column).
    """
    root = paths.DATA
    found = _lives.get(root)
    if found is None:
        with _lives_lock:
            found = _lives.get(root)
            if found is None:
                found = _lives[root] = Live(root, prepare)
    return found


def current() -> Prepared:
    """The data to serve: the version pinned for this request (:func:`pin`), else the newest
    valid version of the data directory (it follows imports: model/live.py). For callbacks, the
    file routes and the command line; builders take the Prepared they are given.
    """
    return _pinned.get() or live().get()


def pin() -> Token:
    """Pin the newest valid version for the rest of this request (or context): every ``current()``
    of one request then answers from one version, even if another is loaded meanwhile. Returns
    the token to :func:`unpin` with.
    """
    return _pinned.set(live().get())


def unpin(token: Token) -> None:
    """End a :func:`pin`."""
    _pinned.reset(token)


def prepare_search(data: Prepared) -> None:
    """Make the search's indexes of ``data`` now (model/search.TextIndex.grams), before the first
    search: 8 ms for the bundled data, shared by the workers forked after it.
    """
    lk = data.lookup
    for index in (lk.text, lk.area_text, lk.link_text):
        index.grams()


def filter_hubs(data: Prepared, state: HubFilter) -> pd.DataFrame:
    """The hubs that pass every filter of the state (not the lasso selection), in data order."""
    return data.hubs[data.lookup.hub_mask(state)]


def filter_links(data: Prepared, state: HubFilter) -> pd.DataFrame:
    """The east–west links the state shows (layer, provinces, measure, region)."""
    return data.links[np.array(data.lookup.link_mask(state), dtype=bool)]
