"""The map follows the state through Patches; panning and zooming go back into the state."""

from __future__ import annotations

from dash import Input, Output, State, callback

from atlas import model
from atlas.data import atlas
from atlas.state import ViewState
from components import controls, ids
from figures.map import map_patch


@callback(
    Output(ids.MAP, "figure"),
    Output(ids.PREF_LOADED, "data"),
    Input(ids.STATE, "data"),
    State(ids.PREF_LOADED, "data"),
)
def update_map(state_data, pref_loaded):
    state = ViewState.from_dict(state_data, model.vocab())
    load = state.view == "prefecture" and not pref_loaded
    return map_patch(atlas(), state, load_prefectures=load), bool(pref_loaded) or load


@callback(
    Output(ids.MAP_VIEW, "data", allow_duplicate=True),
    Input(ids.MAP, "relayoutData"),
    State(ids.MAP_VIEW, "data"),
    prevent_initial_call=True,
)
def remember_map_view(relayout, current):
    return controls.map_view_from_relayout(relayout, current)
