"""Figure export and data downloads (files made on the server, sent with dcc.Download)."""

from __future__ import annotations

from dash import Input, Output, State, callback, ctx, dcc, no_update

from atlas import downloads, model
from atlas.data import atlas
from atlas.export import FORMATS, PRESETS, WHATS, ExportError, export
from atlas.i18n import t
from atlas.state import ViewState
from components import ids


@callback(
    Output(ids.EXPORT_DOWNLOAD, "data"),
    Output(ids.EXPORT_STATUS, "children"),
    Input(ids.EXPORT_BUTTON, "n_clicks"),
    State(ids.STATE, "data"),
    State(ids.EXPORT_WHAT, "value"),
    State(ids.EXPORT_FORMAT, "value"),
    State(ids.EXPORT_PRESET, "value"),
    prevent_initial_call=True,
)
def export_figure(_n, state_data, what, fmt, preset):
    state = ViewState.from_dict(state_data, model.vocab())
    what = what if what in WHATS else "map"
    fmt = fmt if fmt in FORMATS else "png"
    preset = PRESETS.get(preset, PRESETS["slide-16x9"])
    try:
        name, content = export(atlas(), state, what, fmt, preset)
    except ExportError as e:
        return no_update, f"{t('export_failed', state.lang)}: {e}"
    return dcc.send_bytes(content, name), f"{t('exported', state.lang)}: {name}"


@callback(
    Output(ids.DATA_DOWNLOAD, "data"),
    *[Input(b, "n_clicks") for b in ids.DATA_BUTTONS],
    State(ids.STATE, "data"),
    prevent_initial_call=True,
)
def download_data(*args):
    state = ViewState.from_dict(args[-1], model.vocab())
    if ctx.triggered_id not in ids.DATA_BUTTONS:
        return no_update
    _, kind, fmt = ctx.triggered_id.split("-")
    maker = downloads.hubs_download if kind == "hubs" else downloads.indicator_download
    name, content = maker(atlas(), state, fmt)
    return dcc.send_bytes(content, name)
