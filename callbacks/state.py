"""The view state: URL <-> controls <-> state store, in one circular callback."""

from __future__ import annotations

import json

from dash import Input, Output, State, callback, clientside_callback, ctx, no_update

from components import controls, ids
from model import prepared
from serving.cache import memoised
from view.state import ViewState, from_query, to_query


def _key(data: object) -> str | None:
    """A store's dict as canonical JSON text (keeps 1, 1.0 and true apart); None if it is not JSON."""
    try:
        return json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return None


def read_state(data: object) -> ViewState:
    """The state a store holds (``ViewState.from_dict``), memoised: every callback of a state change
    reads the same dict, and a dict :func:`store` wrote reads back as its state with no second check.
    """
    current = prepared.current()
    key = _key(data) if isinstance(data, dict) else None
    if key is None:
        return ViewState.from_dict(data, current.vocab)
    return memoised(current, "state", key, lambda: ViewState.from_dict(data, current.vocab))


def store(state: ViewState) -> dict:
    """``state`` for the state store, remembered as reading back as ``state`` (it is valid for the
    current data: read from a URL or the controls, and such a state reads back as itself).
    """
    data = state.to_dict()
    key = _key(data)
    if key is not None:
        memoised(prepared.current(), "state", key, lambda: state)
    return data


CONTROL_OUTPUTS = [Output(c, "value") for c in ids.CONTROLS]
STORE_OUTPUTS = [Output(s, "data") for s in ids.STORES]
# every output of sync_state left as it is: the URL, the controls, the stores, the state, the canonical URL
UNCHANGED = (no_update,) * (1 + len(CONTROL_OUTPUTS) + len(STORE_OUTPUTS) + 2)


@callback(
    Output(ids.URL, "search"),
    *CONTROL_OUTPUTS,
    *STORE_OUTPUTS,
    Output(ids.STATE, "data"),
    Output(ids.CANONICAL, "data"),
    Input(ids.URL, "search"),
    *[Input(c, "value") for c in ids.CONTROLS],
    *[Input(s, "data") for s in ids.STORES],
    State(ids.STATE, "data"),
)
def sync_state(search, *values):
    """From the URL on load and on back/forward; otherwise from the controls to the URL.

    The state's rules (view/state.py) may change what the controls asked for: a year the new
    indicator lacks becomes its default year, a new region starts from its own extent. The controls
    and stores that differ from the state are set to it, so that they never show another view.
    """
    vocab = prepared.current().vocab
    *values, current = values
    n = len(ids.CONTROLS)
    control_values = dict(zip(ids.CONTROLS, values[:n]))
    store_values = dict(zip(ids.STORES, values[n:]))
    # The store starts empty: the first call of a page reads the URL, whatever Dash reports as
    # its trigger (on mount that can be any input); later, only a URL change (back/forward) does.
    if current is None or ctx.triggered_id == ids.URL:
        state = from_query(search or "", vocab)
        if state.to_dict() == current:  # the address corrected in place (below): the same view
            return UNCHANGED
        shown, stores = controls.controls_from_state(state, vocab)
        query = to_query(state)
        canonical = f"?{query}" if query else ""
        return (
            no_update,
            *[shown[c] for c in ids.CONTROLS],
            *[stores[s] for s in ids.STORES],
            store(state),
            canonical if canonical != (search or "") else no_update,  # what it ignored leaves the URL
        )
    asked = dict(store_values)
    if isinstance(current, dict) and control_values.get(ids.REGION) != current.get("region"):
        asked[ids.MAP_VIEW] = None  # a new region is a new view: its own extent
    state = controls.state_from_controls(control_values, asked, vocab)
    if state.to_dict() == current:
        # a control re-sent its value (e.g. while the page mounts): nothing to do, and the
        # URL must not be overwritten before it has been read
        return UNCHANGED
    query = to_query(state)
    new_search = f"?{query}" if query else ""
    shown, stores = controls.controls_from_state(state, vocab)
    return (
        new_search if new_search != (search or "") else no_update,
        *[shown[c] if controls.differs(c, shown[c], control_values[c]) else no_update for c in ids.CONTROLS],
        *[_store(stores[s], store_values[s], s) for s in ids.STORES],
        store(state),
        no_update,
    )


# A URL's parameters the state ignored (?p=999999, ?y=abc, ?lang=xx) leave the address bar, so that
# a link copied from it says what the page shows. In place (history.replaceState): a new history
# entry would send Back to the bad address, read and corrected again. dcc.Location hears
# nothing of it (replaceState fires no event), so its props are set to the new address too.
clientside_callback(
    """function(canonical) {
        if (typeof canonical === "string") {
            const here = window.location;
            window.history.replaceState(window.history.state, "", here.pathname + canonical + here.hash);
            // and dcc.Location's props to match: with its old href it pushed the old address back
            // at its next render (a language change brought ?p=999999 back)
            window.dash_clientside.set_props(URL_ID, {href: here.href, search: canonical});
        }
        return window.dash_clientside.no_update;
    }""".replace("URL_ID", json.dumps(ids.URL)),
    Output(ids.CANONICAL, "data", allow_duplicate=True),
    Input(ids.CANONICAL, "data"),
    prevent_initial_call=True,
)


def _store(wanted, given, store_id: str):
    """A store's new value, or no_update when it holds it already (the layers store holds a list
    where the state's "all layers" is None: the same).
    """
    if store_id == ids.LAYERS and isinstance(given, list) and set(wanted or ()) == set(controls.texts(given)):
        return no_update
    return wanted if wanted != given else no_update
