"""The hub table, the hub card and the quoted measure follow the state; search filters in the browser."""

from __future__ import annotations

from dash import Input, Output, State, callback, clientside_callback

from atlas import model
from atlas.data import atlas
from atlas.i18n import t
from atlas.state import ViewState
from components import ids, options, views


@callback(
    Output(ids.TABLE, "rowData"),
    Output(ids.TABLE, "columnDefs"),
    Output(ids.TABLE_COUNT, "children"),
    Output(ids.CARD, "children"),
    Output(ids.MEASURE_TEXT, "children"),
    Output(ids.TABLE, "selectedRows"),
    Input(ids.STATE, "data"),
)
def update_table(state_data):
    state = ViewState.from_dict(state_data, model.vocab())
    data = atlas()
    rows = views.table_rows(data, state)
    count = f"{len(rows)} {t('count', state.lang)}"
    return (
        rows,
        options.table_columns(state.lang),
        count,
        views.hub_card(data, state),
        views.measure_quote(data, state),
        {"ids": list(state.picked)},  # keeps the ticks of a shared link
    )


clientside_callback(
    """
    function(text, gridOptions) {
        return Object.assign({}, gridOptions || {}, {quickFilterText: text || ""});
    }
    """,
    Output(ids.TABLE, "dashGridOptions"),
    Input(ids.TABLE_SEARCH, "value"),
    State(ids.TABLE, "dashGridOptions"),
)

clientside_callback(
    """
    function(localeText) {
        window.__atlasGridLocale = localeText || {};  // read by atlasLocaleText (assets/atlas.js)
        return Object.keys(window.__atlasGridLocale).length;
    }
    """,
    Output(ids.GRID_LOCALE_APPLIED, "children"),
    Input(ids.GRID_LOCALE, "data"),
)
