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
from components import ids, legend, options
from layers import REGISTRY
from model.prepared import current
from serving.cache import memoised
from view.state import ViewState


@callback(
    Output(ids.MAP_LEGEND, "children"),
    Output(ids.shown(ids.MAP_LEGEND), "data"),
    Output(ids.MAP_NOTE, "children"),
    Output(ids.LAYER_COUNTS, "data"),
    Output(ids.YEAR_RANGES, "data"),
    Input(ids.STATE, "data"),
    State(ids.shown(ids.MAP_LEGEND), "data"),
    State(ids.YEAR_RANGES, "data"),
)
def update_legend(state_data, shown=None, ranges=None):
    """The legend is sent only when it changes (a new indicator, year, language, classes, region or
    view): a province or a filter changes the notes and counts, not the legend. The slider's years
    are sent again only when the data the page was built on has been replaced (a yearly import
    while it is open: a new year could not be chosen); the slider's value follows the state, as
    callbacks/state.py sets every control (a moved default year included).
    """
    if state_data is None:
        raise PreventUpdate  # the state store is filled from the URL first (callbacks/state.py)
    state = read_state(state_data)
    children, key, note, counts = content(state)
    years = year_refresh(ranges)
    if key is not None and key == shown:
        return no_update, no_update, note, counts, years
    return children, key, note, counts, years


def year_refresh(ranges: object) -> dict:
    """The slider's years when the page's are of another data version than the one served, else
    no_update (the page's table names its version: components/options.year_ranges).
    """
    data = current()
    if isinstance(ranges, dict) and ranges.get(options.VERSION_KEY) == data.version:
        return no_update
    return options.year_ranges(data.vocab, data.version)


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
    Input(ids.YEAR_RANGES, "data"),  # and anew after a data import (update_legend)
)
