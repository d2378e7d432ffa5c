"""Selections from the map, the charts, the table, the card's close button and the clear button."""

from __future__ import annotations

from dash import ALL, Input, Output, State, callback, ctx, no_update

from components import controls, ids
from model.prepared import current
from model.regions import PROVINCES
from view.i18n import normalize_lang, pick, t
from view.state import MAX_IDS

CHARTS = ids.CHARTS
NOTHING = (no_update,) * 5


@callback(
    Output(ids.PROVINCES, "value", allow_duplicate=True),
    Output(ids.HUB, "data", allow_duplicate=True),
    Output(ids.HUB_SELECTION, "data", allow_duplicate=True),
    Output(ids.PICKED, "data", allow_duplicate=True),
    Output(ids.MAP_NOTICE, "children"),
    Input(ids.MAP_CLICK, "data"),
    Input(ids.MAP, "selectedData"),
    *[Input(c, "clickData") for c in CHARTS],
    Input(ids.CHART_PICK, "data"),
    Input(ids.TABLE, "ticked"),
    Input(ids.TABLE, "activated"),
    Input(ids.CARD_CLOSE, "n_clicks"),
    Input(ids.CLEAR, "n_clicks"),
    State(ids.PROVINCES, "value"),
    State(ids.HUB, "data"),
    State(ids.PICKED, "data"),
    State(ids.LANG, "value"),
    prevent_initial_call=True,
)
def select(map_click, map_selected, *rest):
    *chart_clicks, chart_pick, table_ticks, table_opened, _close, _clear, provinces, hub, picked, lang = rest
    provinces, hub, picked = controls.texts(provinces), controls.text(hub), controls.texts(picked)
    trigger = ctx.triggered_id
    if trigger in (ids.MAP_CLICK, ids.CHART_PICK) and not controls.has_points(
        map_click if trigger == ids.MAP_CLICK else chart_pick
    ):
        return NOTHING  # an empty store announcing itself as the page mounts is not a click
    if trigger == ids.CLEAR:
        return [], None, [], [], ""
    if trigger == ids.CARD_CLOSE:
        return no_update, None, no_update, no_update, ""
    if trigger == ids.MAP_CLICK:
        new_provinces, new_hub, refused = controls.apply_map_click(map_click, provinces, hub)
        if refused:
            name = pick(*PROVINCES[refused], normalize_lang(lang)) if refused in PROVINCES else refused
            return no_update, no_update, no_update, no_update, t("not_west_click", lang).format(name=name)
        if (new_provinces, new_hub) == (provinces, hub):
            return NOTHING  # a click on nothing that can be chosen (a country, a cluster of hubs)
        return new_provinces, new_hub, no_update, no_update, ""
    if trigger == ids.MAP:
        chosen = controls.apply_map_selection(map_selected)
        if chosen is None:
            return NOTHING
        lk = current().lookup
        chosen = [h for h in chosen if h in lk.hub_index]
        if not chosen:  # a lasso round no hub: an empty choice would show them all
            return no_update, no_update, no_update, no_update, t("nothing_chosen", lang)
        if len(",".join(chosen)) > MAX_IDS:  # the link could not hold them: say so, never drop them
            return no_update, no_update, no_update, no_update, t("too_many_chosen", lang).format(n=len(chosen))
        # the hubs enclosed, whatever their province; the provinces stay as they were. An open card
        # of a hub left outside closes: the card, the table and every count show the chosen hubs.
        inside = hub in lk.hub_index and bool(lk.chosen(chosen)[lk.hub_index[hub]])
        return no_update, no_update if inside or hub is None else None, chosen, no_update, ""
    if trigger in CHARTS or trigger == ids.CHART_PICK:
        click = chart_pick if trigger == ids.CHART_PICK else chart_clicks[CHARTS.index(trigger)]
        chosen = controls.apply_chart_click(click, provinces, current().vocab.provinces)
        return NOTHING if chosen == provinces else (chosen, no_update, no_update, no_update, "")
    if trigger == ids.TABLE and ctx.triggered[0]["prop_id"].endswith("activated"):
        opened = controls.opened_row(table_opened, current().vocab.hub_ids)  # Enter on a row
        return (no_update, opened, no_update, no_update, no_update) if opened else NOTHING
    if trigger == ids.TABLE:
        ticked = controls.ticked_rows(table_ticks, current().vocab.hub_ids)
        if ticked is None or set(ticked) == set(picked or []):
            return NOTHING  # the ticks the state already holds: nothing new
        return no_update, (ticked[-1] if ticked else no_update), no_update, ticked, no_update
    return NOTHING


@callback(
    Output(ids.HUB, "data", allow_duplicate=True),
    Input({"type": ids.CARD_GOTO, "hub": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def open_same_point(clicks):
    """A hub the card lists at the same point (markers under one another): its card opens."""
    hub = controls.text((ctx.triggered_id or {}).get("hub"))
    if hub not in current().vocab.hub_ids or not (ctx.triggered and ctx.triggered[0].get("value")):
        return no_update  # the buttons announcing themselves as a new card renders (n_clicks 0)
    return hub
