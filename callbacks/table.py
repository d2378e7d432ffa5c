"""The hub table, the hub card and the quoted measure follow the state (the table's search is part
of it: callbacks/state.py reads the search box with the other controls).
"""

from __future__ import annotations

from dash import Input, Output, State, callback, no_update
from dash.exceptions import PreventUpdate

from callbacks.state import read_state
from components import ids, views
from model.prepared import current
from serving.cache import memoised
from view.state import ViewState


@callback(
    Output(ids.TABLE, "rowData"),
    Output(ids.TABLE, "rowMask"),
    Output(ids.TABLE, "rowStatus"),
    Output(ids.TABLE_SHOWN, "data"),
    Output(ids.TABLE_COUNT, "children"),
    Output(ids.TABLE_AREAS, "children"),
    Output(ids.CARD, "children"),
    Output(ids.MEASURE_TEXT, "children"),
    Output(ids.TABLE, "selectedIds"),
    Output(ids.CARD_CLOSE, "hidden"),
    Input(ids.STATE, "data"),
    State(ids.TABLE_SHOWN, "data"),
)
def update_table(state_data, shown=None):
    """Rows once per page; then only which rows pass (a bitset). Columns follow the language in the
    browser (callbacks/localize.py).
    """
    if state_data is None:
        raise PreventUpdate  # the state store is filled from the URL first (callbacks/state.py)
    state = read_state(state_data)
    shown = shown if isinstance(shown, dict) else {}
    mask, statuses, count, areas, card, quote = _content(state)
    return (
        views.all_rows(current()) if not shown.get("rows") else no_update,
        mask,
        statuses,
        {"rows": True},
        count,
        areas,
        card,
        quote,
        list(state.picked),  # keeps the ticks of a shared link
        state.hub is None,
    )


def _content(state: ViewState) -> tuple:
    """Row bitset, the year's statuses, count, area records, hub card and measure quote of a state (memoised)."""
    data = current()
    return memoised(data, "table", state, lambda: _build(data, state))


def _build(data, state: ViewState) -> tuple:
    keep = views.table_mask(data, state)
    return (
        views.row_bits(keep),
        views.status_groups(views.row_statuses(data, state)),
        views.count_text(data, keep, state.lang),
        views.area_note(data, state),
        views.hub_card(data, state),
        views.measure_quote(data, state),
    )
