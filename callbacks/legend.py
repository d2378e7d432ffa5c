"""Beside the map: its legend, why a view shows nothing or hides hubs, the hubs per layer in the
layer panel, and the year slider's years (those of the chosen indicator).
"""

from __future__ import annotations

from functools import lru_cache

from dash import ALL, Input, Output, callback
from dash.exceptions import PreventUpdate

from atlas import model
from atlas.data import atlas
from atlas.state import ViewState
from components import ids, legend, options
from layers import REGISTRY


@callback(
    Output(ids.MAP_LEGEND, "children"),
    Output(ids.MAP_NOTE, "children"),
    Output(ids.layer_row("count", ALL), "children"),
    Output(ids.YEAR, "min"),
    Output(ids.YEAR, "max"),
    Output(ids.YEAR, "marks"),
    Input(ids.STATE, "data"),
)
def update_legend(state_data):
    if state_data is None:
        raise PreventUpdate  # the state store is filled from the URL first (callbacks/state.py)
    return content(ViewState.from_dict(state_data, model.vocab()))


@lru_cache(maxsize=512)
def content(state: ViewState) -> tuple:
    """The outputs of :func:`update_legend` for a state (memoised: states repeat)."""
    data = atlas()
    years = model.vocab().years_of(state.indicator)
    counts = legend.layer_counts(data, state)
    return (
        legend.map_legend(data, state),
        legend.notes(data, state),
        [str(counts.get(key, "")) for key in REGISTRY],
        years[0],
        years[-1],
        options.year_marks(years),
    )
