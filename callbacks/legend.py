"""Beside the map: its legend, why a view shows nothing or hides hubs, the hubs per layer in the
layer panel, and the year slider's years (those of the chosen indicator).

The server sends the legend (made once per indicator-year and language where it can be), the notes
and the counts as one list; the browser puts the counts in the layer rows and sets the slider's
years from a table the page holds. A pattern-matching output and three slider props cost Dash more
per request than the values themselves (``make bench``, "cold").
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, callback, clientside_callback, no_update
from dash.exceptions import PreventUpdate

from callbacks.state import read_state
from components import ids, legend
from layers import REGISTRY
from model.prepared import current
from serving.cache import memoised
from view.state import ViewState


@callback(
    Output(ids.MAP_LEGEND, "children"),
    Output(ids.shown(ids.MAP_LEGEND), "data"),
    Output(ids.MAP_NOTE, "children"),
    Output(ids.LAYER_COUNTS, "data"),
    Input(ids.STATE, "data"),
    State(ids.shown(ids.MAP_LEGEND), "data"),
)
def update_legend(state_data, shown=None):
    """The legend is sent only when it changes (a new indicator, year, language, classes, region or
    view): a province or a filter changes the notes and counts, not the legend.
    """
    if state_data is None:
        raise PreventUpdate  # the state store is filled from the URL first (callbacks/state.py)
    state = read_state(state_data)
    children, key, note, counts = content(state)
    if key is not None and key == shown:
        return no_update, no_update, note, counts
    return children, key, note, counts


def content(state: ViewState) -> tuple:
    """(legend, its key, notes, counts) for a state (memoised: states repeat); the key is None
    where the legend depends on the filters too (the prefecture view).
    """
    data = current()
    return memoised(data, "legend", state, lambda: _content(data, state))


def _content(data, state: ViewState) -> tuple:
    counts = legend.layer_counts(data, state)
    key = legend.legend_key(data, state)
    return legend.legend_json(data, state), key, legend.notes(data, state), [counts.get(k, 0) for k in REGISTRY]


clientside_callback(
    """function(counts, rows) {
        if (!Array.isArray(counts)) { return window.dash_clientside.no_update; }
        return rows.map(function (_, i) { return counts[i] === undefined ? '' : String(counts[i]); });
    }""",
    Output(ids.layer_row("count", ALL), "children"),
    Input(ids.LAYER_COUNTS, "data"),
    State(ids.layer_row("count", ALL), "id"),
)

clientside_callback(
    """function(indicator, ranges) {
        const r = ranges && ranges[indicator];
        if (!r) { return [window.dash_clientside.no_update, window.dash_clientside.no_update,
                          window.dash_clientside.no_update]; }
        return [r.min, r.max, r.marks];
    }""",
    Output(ids.YEAR, "min"),
    Output(ids.YEAR, "max"),
    Output(ids.YEAR, "marks"),
    Input(ids.INDICATOR, "value"),
    State(ids.YEAR_RANGES, "data"),
)
