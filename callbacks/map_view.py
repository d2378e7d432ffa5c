"""The map follows the state through Patches; pans and zooms go back into the state.

The map follows the state by the one protocol of callbacks/follow.py (its content: the values
figures.map draws over the base figure the page starts with); the prefecture polygons are sent
once, the first time that view is opened.

A click reaches the server only when it was not the end of a drag (a pan must never select):
assets/atlas.js measures each press on the map, and the clientside callback below passes a click
on as ``MAP_CLICK`` only when the pointer moved less than a few pixels.
"""

from __future__ import annotations

from dash import Input, Output, Patch, State, callback, clientside_callback
from dash.exceptions import PreventUpdate

from callbacks.follow import Follower, follow
from callbacks.state import read_state
from components import ids
from figures.map import PREFECTURES, map_content, map_diff, map_figure, prefecture_geojson
from figures.patching import with_assignment
from model.prepared import current

MAP = Follower(ids.MAP, map_content, map_figure, map_diff)


@callback(
    Output(ids.MAP, "figure"),
    Output(ids.PREF_LOADED, "data"),
    Output(ids.shown(ids.MAP), "data"),
    Input(ids.STATE, "data"),
    State(ids.PREF_LOADED, "data"),
    State(ids.shown(ids.MAP), "data"),
)
def update_map(state_data, pref_loaded, shown=None):
    """(figure or Patch, whether the prefecture polygons are loaded, what the map's store holds)."""
    if state_data is None:
        raise PreventUpdate  # the state store is filled from the URL first (callbacks/state.py)
    figure, now = follow(MAP, state_data, shown)
    prefecture = read_state(state_data).view == "prefecture"
    if isinstance(figure, dict):  # the whole figure: it has the polygons if its view shows them
        return figure, prefecture, now
    if prefecture and not pref_loaded:  # the first prefecture view: its polygons go with it
        base = figure if isinstance(figure, Patch) else Patch()
        return with_assignment(base, ["data", PREFECTURES, "geojson"], prefecture_geojson(current())), True, now
    return figure, bool(pref_loaded), now


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


# A click that ends a drag is a pan, not a choice (Plotly reports both as plotly_click); nor is a
# click of a double click, which resets the view (assets/atlas.js).
clientside_callback(
    """function(click) {
        const nu = window.dash_clientside.no_update;
        if (!click || !Array.isArray(click.points) || !click.points.length) { return nu; }
        if (window.atlasMap && window.atlasMap.dragged()) { return nu; }
        const p = click.points[0];
        const c = p.customdata;
        const chosen = {points: [{curveNumber: p.curveNumber, location: p.location,
                                  customdata: Array.isArray(c) ? [c[0]] : c}], t: Date.now()};
        return window.atlasMap ? window.atlasMap.unlessDoubled(chosen, nu) : chosen;
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
