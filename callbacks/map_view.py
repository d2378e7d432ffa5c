"""The map follows the state through Patches; pans and zooms go back into the state.

A click reaches the server only when it was not the end of a drag (a pan must never select):
assets/atlas.js measures each press on the map, and the clientside callback below passes a click
on as ``MAP_CLICK`` only when the pointer moved less than a few pixels.
"""

from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback
from dash.exceptions import PreventUpdate

from callbacks.state import read_state
from components import ids
from figures.map import map_patch, map_values
from model.prepared import current
from serving.cache import memoised
from view.state import ViewState


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
    state = read_state(state_data)
    previous = read_state(rendered) if isinstance(rendered, dict) else None
    load = state.view == "prefecture" and not pref_loaded
    return change(state, previous, load), bool(pref_loaded) or load, state.to_dict()


def change(state: ViewState, previous: ViewState | None, load_prefectures: bool):
    """The map's Patch between two states (memoised: users repeat the same moves; the Patch is
    shared by the requests that ask for it, which only serialise it).
    """
    data = current()
    return memoised(
        data,
        "map-patch",
        (state, previous, load_prefectures),
        lambda: map_patch(data, state, load_prefectures=load_prefectures, previous=previous, values=_values),
    )


def _values(data, state: ViewState) -> dict:
    """A state's map values (figures.map.map_values), memoised here and, with Redis, for every worker."""
    return memoised(data, "map-values", state, lambda: map_values(data, state), shared_key=state.to_dict())


# Every pan and zoom, from any control, goes into the state (and so the URL). Clientside, and read
# from the map itself: Plotly follows a zoom with an "autosize" relayout at once, and as a server
# callback the second request cancelled the first one's answer (the zoom never reached the URL).
clientside_callback(
    """function(relayout, current) {
        const nu = window.dash_clientside.no_update;
        const view = window.atlasMap ? window.atlasMap.viewOf(relayout) : undefined;
        if (view === undefined) { return nu; }
        return JSON.stringify(view) === JSON.stringify(current) ? nu : view;
    }""",
    Output(ids.MAP_VIEW, "data", allow_duplicate=True),
    Input(ids.MAP, "relayoutData"),
    State(ids.MAP_VIEW, "data"),
    prevent_initial_call=True,
)


# A click that ends a drag is a pan, not a choice (Plotly reports both as plotly_click).
clientside_callback(
    """function(click) {
        const nu = window.dash_clientside.no_update;
        if (!click || !Array.isArray(click.points) || !click.points.length) { return nu; }
        if (window.atlasMap && window.atlasMap.dragged()) { return nu; }
        const p = click.points[0];
        const c = p.customdata;
        return {points: [{curveNumber: p.curveNumber, location: p.location,
                          customdata: Array.isArray(c) ? [c[0]] : c}], t: Date.now()};
    }""",
    Output(ids.MAP_CLICK, "data"),
    Input(ids.MAP, "clickData"),
    prevent_initial_call=True,
)

# A view from the URL (a shared link, back and forward) is applied in the browser, as pans and
# zooms are made there: the server never moves the map the user is moving.
clientside_callback(
    """function(state) {
        if (state && window.atlasMap) { window.atlasMap.showView(state.map_view || null); }
        return window.dash_clientside.no_update;
    }""",
    Output(ids.MAP_VIEW, "data", allow_duplicate=True),
    Input(ids.STATE, "data"),
    prevent_initial_call=True,
)
