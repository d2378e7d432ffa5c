"""Selections from the map, the charts, the table and the clear button."""

from __future__ import annotations

from dash import Input, Output, State, callback, ctx, no_update

from atlas import model
from components import controls, ids

CHARTS = ids.CHARTS
NOTHING = (no_update,) * 4


@callback(
    Output(ids.PROVINCES, "value", allow_duplicate=True),
    Output(ids.HUB, "data", allow_duplicate=True),
    Output(ids.HUB_SELECTION, "data", allow_duplicate=True),
    Output(ids.PICKED, "data", allow_duplicate=True),
    Input(ids.MAP, "clickData"),
    Input(ids.MAP, "selectedData"),
    *[Input(c, "clickData") for c in CHARTS],
    Input(ids.TABLE, "ticked"),
    Input(ids.TABLE, "activated"),
    Input(ids.CLEAR, "n_clicks"),
    State(ids.PROVINCES, "value"),
    State(ids.HUB, "data"),
    State(ids.PICKED, "data"),
    prevent_initial_call=True,
)
def select(map_click, map_selected, *rest):
    *chart_clicks, table_ticks, table_opened, _clear, provinces, hub, picked = rest
    provinces, hub, picked = controls.texts(provinces), controls.text(hub), controls.texts(picked)
    trigger = ctx.triggered_id
    if trigger == ids.CLEAR:
        return [], None, [], []
    if trigger == ids.MAP and ctx.triggered[0]["prop_id"].endswith("clickData"):
        new_provinces, new_hub = controls.apply_map_click(map_click, provinces, hub)
        return new_provinces, new_hub, no_update, no_update
    if trigger == ids.MAP:
        lasso = controls.apply_map_selection(map_selected)
        if lasso is None:
            return NOTHING
        return lasso[0] or no_update, no_update, lasso[1], no_update
    if trigger in CHARTS:
        click = chart_clicks[CHARTS.index(trigger)]
        return controls.apply_chart_click(click, provinces, model.vocab().provinces), no_update, no_update, no_update
    if trigger == ids.TABLE and ctx.triggered[0]["prop_id"].endswith("activated"):
        opened = controls.opened_row(table_opened, model.vocab().hub_ids)  # Enter on a row
        return (no_update, opened, no_update, no_update) if opened else NOTHING
    if trigger == ids.TABLE:
        ticked = controls.ticked_rows(table_ticks, model.vocab().hub_ids)
        if ticked is None or set(ticked) == set(picked or []):
            return NOTHING  # the ticks the state already holds: nothing new
        return no_update, (ticked[-1] if ticked else no_update), no_update, ticked
    return NOTHING
