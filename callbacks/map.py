"""The map follows the state through Patches; panning and zooming go back into the state."""

from __future__ import annotations

import json
from functools import lru_cache

from dash import Input, Output, Patch, State, callback, clientside_callback
from dash.exceptions import PreventUpdate

from atlas import model
from atlas.data import atlas
from atlas.state import ViewState
from components import controls, ids
from figures.map import EW_LINES, HUB_TRACE, map_patch


@callback(
    Output(ids.MAP, "figure"),
    Output(ids.PREF_LOADED, "data"),
    Output(ids.MAP_RENDERED, "data"),
    Input(ids.STATE, "data"),
    State(ids.PREF_LOADED, "data"),
    State(ids.MAP_RENDERED, "data"),
)
def update_map(state_data, pref_loaded, rendered=None):
    """A Patch of what differs between the state the map shows (``rendered``) and the new one."""
    if state_data is None:
        raise PreventUpdate  # the state store is filled from the URL first (callbacks/state.py)
    vocab = model.vocab()
    state = ViewState.from_dict(state_data, vocab)
    previous = ViewState.from_dict(rendered, vocab) if isinstance(rendered, dict) else None
    load = state.view == "prefecture" and not pref_loaded
    return change(state, previous, load), bool(pref_loaded) or load, state.to_dict()


@lru_cache(maxsize=1024)
def change(state: ViewState, previous: ViewState | None, load_prefectures: bool) -> Patch:
    """The map's Patch between two states (memoised: users repeat the same moves; the Patch is
    shared by the requests that ask for it, which only serialise it).
    """
    return map_patch(atlas(), state, load_prefectures=load_prefectures, previous=previous)


@callback(
    Output(ids.MAP_VIEW, "data", allow_duplicate=True),
    Input(ids.MAP, "relayoutData"),
    State(ids.MAP_VIEW, "data"),
    prevent_initial_call=True,
)
def remember_map_view(relayout, current):
    return controls.map_view_from_relayout(relayout, current)


# Clicking a layer in the map legend is the same as ticking it in the layer panel. Clientside, so
# that the restyles drawn by assets/atlas.js (hover highlights) cost no server round trip.
LEGEND_TRACES = json.dumps({str(i): k for k, i in HUB_TRACE.items()} | {str(EW_LINES): "east_west"})
clientside_callback(
    """
    function(restyle, layers) {
        const byTrace = LEGEND_TRACES;
        const nu = window.dash_clientside.no_update;
        if (!Array.isArray(restyle) || restyle.length !== 2 || !restyle[0]) { return nu; }
        const visible = restyle[0].visible, traces = restyle[1];
        if (!Array.isArray(visible) || !Array.isArray(traces)) { return nu; }
        const shown = (layers || []).slice();
        let changed = false;
        traces.forEach(function (trace, i) {
            const key = byTrace[trace];
            if (!key) { return; }
            changed = true;
            const at = shown.indexOf(key);
            if (visible[i] === true && at < 0) { shown.push(key); }
            if ((visible[i] === "legendonly" || visible[i] === false) && at >= 0) { shown.splice(at, 1); }
        });
        return changed ? shown : nu;
    }
    """.replace("LEGEND_TRACES", LEGEND_TRACES),
    Output(ids.LAYERS, "value", allow_duplicate=True),
    Input(ids.MAP, "restyleData"),
    State(ids.LAYERS, "value"),
    prevent_initial_call=True,
)
