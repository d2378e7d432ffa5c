"""Selections from the map, the charts, the table and the clear button."""

from __future__ import annotations

from dash import Input, Output, State, callback, ctx, no_update

from atlas import model
from components import controls, ids

CHARTS = (ids.RANKING, ids.TIMELINE, ids.HUB_CHART, ids.SCATTER)


@callback(
    Output(ids.PROVINCES, "value", allow_duplicate=True),
    Output(ids.HUB, "data", allow_duplicate=True),
    Output(ids.HUB_SELECTION, "data", allow_duplicate=True),
    Input(ids.MAP, "clickData"),
    Input(ids.MAP, "selectedData"),
    *[Input(c, "clickData") for c in CHARTS],
    Input(ids.TABLE, "selectedRows"),
    Input(ids.CLEAR, "n_clicks"),
    State(ids.PROVINCES, "value"),
    State(ids.HUB, "data"),
    prevent_initial_call=True,
)
def select(map_click, map_selected, *rest):
    *chart_clicks, table_rows, _clear, provinces, hub = rest
    trigger = ctx.triggered_id
    if trigger == ids.CLEAR:
        return [], None, []
    if trigger == ids.MAP and ctx.triggered[0]["prop_id"].endswith("clickData"):
        new_provinces, new_hub = controls.apply_map_click(map_click, provinces, hub)
        return new_provinces, new_hub, no_update
    if trigger == ids.MAP:
        picked = controls.apply_map_selection(map_selected)
        if picked is None:
            return no_update, no_update, no_update
        return picked[0] or no_update, no_update, picked[1]
    if trigger in CHARTS:
        click = chart_clicks[CHARTS.index(trigger)]
        return controls.apply_chart_click(click, provinces, model.vocab().provinces), no_update, no_update
    if trigger == ids.TABLE:
        if isinstance(table_rows, list) and table_rows and isinstance(table_rows[0], dict):
            hub_id = table_rows[0].get("id")
            if hub_id in model.vocab().hub_ids:
                return no_update, hub_id, no_update
        return no_update, no_update, no_update
    return no_update, no_update, no_update
