"""The linked charts (figures/charts: one callback per kind of its registry) follow the state.

A chart sends only what differs from the one the page shows (the state and digest of that one are
kept in a store beside it): a sector filter changes the hubs chart, not the ranking; a new year
sends the ranking's new values and labels as a Patch, not its styles.
Figures are memoised per state: in this process, and in the shared cache (serving/cache.py, Redis
when configured), so a state many users share is built once for every worker and machine.
"""

from __future__ import annotations

import hashlib
import pickle

from dash import Input, Output, Patch, State, callback, no_update
from dash.exceptions import PreventUpdate

from callbacks.state import read_state
from components import ids
from figures.charts import REGISTRY as CHART_KINDS
from figures.patching import diff_patch
from model.prepared import current
from serving.cache import memoised
from view.state import ViewState


def chart(chart_id: str, state: ViewState) -> tuple[dict, str]:
    """The chart as a plain figure dict and its digest (memoised here and in the shared cache)."""
    data = current()
    return memoised(data, chart_id, state, lambda: _build(data, chart_id, state), shared_key=state.to_dict())


def _build(data, chart_id: str, state: ViewState) -> tuple[dict, str]:
    spec = next(s for s in CHART_KINDS.values() if s.component_id == chart_id)
    figure = spec.build(data, state)
    layout = {k: v for k, v in figure["layout"].items() if k != "template"}  # the same in every chart
    # pickle, 4x faster than json here; the same figure built by the same code pickles the same
    return figure, hashlib.sha1(pickle.dumps([figure["data"], layout], protocol=5)).hexdigest()[:16]


def update_chart(chart_id: str, state_data: object, shown: object) -> tuple:
    """(figure or Patch, what is shown now); no_update for both when the page shows it already.

    ``shown`` is {"state": ..., "digest": ...} of the figure on the page, or None (nothing yet).
    """
    if state_data is None:
        raise PreventUpdate  # the state store is filled from the URL first (callbacks/state.py)
    state = read_state(state_data)
    figure, digest = chart(chart_id, state)
    now = {"state": state.to_dict(), "digest": digest}
    if not isinstance(shown, dict):
        return figure, now
    if shown.get("digest") == digest:
        return no_update, no_update
    before = read_state(shown.get("state"))
    if chart(chart_id, before)[1] != shown.get("digest"):
        return figure, now  # the page shows something else than we think: send it whole
    return change(chart_id, before, state) or no_update, now


def change(chart_id: str, before: ViewState, after: ViewState) -> Patch | None:
    """The Patch from one state's chart to another's (memoised: users repeat the same moves).

    The Patch is shared by the requests that ask for it: it is only ever serialised.
    """
    build = lambda: diff_patch(chart(chart_id, before)[0], chart(chart_id, after)[0])  # noqa: E731
    return memoised(current(), f"{chart_id}-patch", (before, after), build)


def _register(chart_id: str) -> None:
    @callback(
        Output(chart_id, "figure"),
        Output(ids.shown(chart_id), "data"),
        Input(ids.STATE, "data"),
        State(ids.shown(chart_id), "data"),
    )
    def update(state_data, shown=None):
        return update_chart(chart_id, state_data, shown)


for _spec in CHART_KINDS.values():
    _register(_spec.component_id)
