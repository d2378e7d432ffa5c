"""One protocol for every figure that follows the state: the map and each chart.

Beside each such figure the page keeps a store of what it shows, ``{"query": ..., "version": ...}``
(figures.patching.shown): the state drawn, as its URL query, and the data version it was drawn
from. On a new state the server sends a Patch of the difference between the two states' contents
(figures/patching.diff_patch), or nothing when they are the same; when the store names another data
version, or nothing, it sends the whole figure. A content is the part of a figure that depends on
the state: the whole figure of a chart, the values the map draws over its base figure.

Contents and Patches are memoised per data version with the one memo (serving/cache.py); contents
also in the shared cache (Redis when configured), so a state many users share is built once for
every worker and machine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dash import Patch, no_update

from callbacks.state import read_state
from figures.patching import diff_patch, shown
from model.prepared import Prepared, current
from serving.cache import memoised
from view.state import ViewState, from_query


@dataclass(frozen=True)
class Follower:
    """A figure that follows the state.

    - ``name``: names its memos (the component id);
    - ``content(data, state)``: the part of the figure that depends on the state, as plain JSON
      values in a dict (a tree of figures.patching.tree for the map);
    - ``whole(data, state)``: the whole figure, when it is not the content itself (the map's base
      figure with the content drawn); None for a chart, whose content is the whole figure;
    - ``diff(old, new)``: the Patch between two contents, None when equal (default: the tree diff
      of figures.patching.diff_patch; the map's content is values at paths, with their own diff).
    """

    name: str
    content: Callable[[Prepared, ViewState], dict]
    whole: Callable[[Prepared, ViewState], dict] | None = None
    diff: Callable[[dict, dict], Patch | None] = diff_patch


def content(follower: Follower, data: Prepared, state: ViewState) -> dict:
    """``follower.content(data, state)``, memoised here and in the shared cache (shared read-only)."""
    return memoised(data, follower.name, state, lambda: _compute(follower, data, state), shared_key=state.to_dict())


def _compute(follower: Follower, data: Prepared, state: ViewState) -> dict:
    return follower.content(data, state)


def follow(follower: Follower, state_data: object, was: object) -> tuple[dict | Patch, dict]:
    """(what to send the figure, what its store holds then) for the state store's ``state_data``
    when the figure's store holds ``was``: a Patch, the whole figure, or ``no_update`` for both
    when the figure shows it already. Any malformed store gets the whole figure.
    """
    data = current()
    state = read_state(state_data)
    now = shown(data, state)
    before = _state_of(was, data)
    if before is None:
        whole = follower.whole(data, state) if follower.whole else content(follower, data, state)
        return whole, now
    patch = change(follower, data, before, state)
    return (no_update, no_update) if patch is None else (patch, now)


def change(follower: Follower, data: Prepared, before: ViewState, after: ViewState) -> Patch | None:
    """The Patch from ``before``'s content to ``after``'s, None when they are the same (memoised:
    users repeat the same moves; a Patch is shared by the requests that ask for it, which only
    serialise it).
    """

    def build():
        return follower.diff(content(follower, data, before), content(follower, data, after))

    return memoised(data, f"{follower.name}-patch", (before, after), build)


def _state_of(was: object, data: Prepared) -> ViewState | None:
    """The state a figure store says its figure shows (figures.patching.shown: its URL query, or
    its dict), if it was drawn from ``data``.
    """
    if not isinstance(was, dict) or was.get("version") != data.version:
        return None
    if isinstance(was.get("query"), str):
        query = was["query"]
        return memoised(data, "query", query, lambda: from_query(query, data.vocab))
    return read_state(was["state"]) if isinstance(was.get("state"), dict) else None
