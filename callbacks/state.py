"""The view state: URL <-> controls <-> state store, in one circular callback."""

from __future__ import annotations

from dash import Input, Output, callback, ctx, no_update

from atlas import model
from atlas.state import from_query, to_query
from components import controls, ids

CONTROL_OUTPUTS = [Output(c, "value") for c in ids.CONTROLS]
STORE_OUTPUTS = [Output(s, "data") for s in ids.STORES]


@callback(
    Output(ids.URL, "search"),
    *CONTROL_OUTPUTS,
    *STORE_OUTPUTS,
    Output(ids.STATE, "data"),
    Input(ids.URL, "search"),
    *[Input(c, "value") for c in ids.CONTROLS],
    *[Input(s, "data") for s in ids.STORES],
)
def sync_state(search, *values):
    """From the URL on load and on back/forward; otherwise from the controls to the URL."""
    vocab = model.vocab()
    n = len(ids.CONTROLS)
    control_values = dict(zip(ids.CONTROLS, values[:n]))
    store_values = dict(zip(ids.STORES, values[n:]))
    if ctx.triggered_id in (None, ids.URL):
        state = from_query(search or "", vocab)
        shown, stores = controls.controls_from_state(state, vocab)
        return (no_update, *[shown[c] for c in ids.CONTROLS], *[stores[s] for s in ids.STORES], state.to_dict())
    state = controls.state_from_controls(control_values, store_values, vocab)
    query = to_query(state)
    new_search = f"?{query}" if query else ""
    unchanged = [no_update] * (n + len(ids.STORES))
    return (new_search if new_search != (search or "") else no_update, *unchanged, state.to_dict())
