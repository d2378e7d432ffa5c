"""The layer panel's rows show the layers store (which the URL carries) and change it.

One clientside callback, both ways: a tick box, an "only" button, "all" or "none" sets the store;
a new store (from a shared link, back or forward) ticks the rows. No server call.
"""

from __future__ import annotations

from dash import ALL, Input, Output, clientside_callback

from components import ids

clientside_callback(
    """function(store, ticks, only, all, none) {
        const ctx = window.dash_clientside.callback_context;
        const nu = window.dash_clientside.no_update;
        const keys = ctx.inputs_list[1].map(function (x) { return x.id.layer; });
        const trig = ctx.triggered_id;
        let layers;
        if (trig === 'LAYERS_ALL') { layers = keys.slice(); }
        else if (trig === 'LAYERS_NONE') { layers = []; }
        else if (trig && trig.type === 'layer-only') { layers = [trig.layer]; }
        else if (trig && trig.type === 'layer-toggle') {
            layers = keys.filter(function (k, i) { return (ticks[i] || []).length > 0; });
        } else { layers = Array.isArray(store) ? keys.filter(function (k) { return store.indexOf(k) >= 0; }) : keys; }
        const rows = keys.map(function (k) { return layers.indexOf(k) >= 0 ? [k] : []; });
        const fromStore = !trig || trig === 'LAYERS_STORE';
        return [fromStore ? nu : layers, rows];
    }""".replace("LAYERS_ALL", ids.LAYERS_ALL)
    .replace("LAYERS_NONE", ids.LAYERS_NONE)
    .replace("LAYERS_STORE", ids.LAYERS),
    Output(ids.LAYERS, "data", allow_duplicate=True),
    Output(ids.layer_row("toggle", ALL), "value"),
    Input(ids.LAYERS, "data"),
    Input(ids.layer_row("toggle", ALL), "value"),
    Input(ids.layer_row("only", ALL), "n_clicks"),
    Input(ids.LAYERS_ALL, "n_clicks"),
    Input(ids.LAYERS_NONE, "n_clicks"),
    prevent_initial_call=True,
)
