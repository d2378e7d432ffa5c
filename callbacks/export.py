"""Exports and downloads go through file URLs (serving/files.py), from the browser alone.

The export panel's link follows the page's view and the panel's choices; "Export figure" fetches
it and "Copy link" copies it (assets/export.js); each data download link follows the view. No
server callback: the file routes answer, with their cache, their limits and their errors.
"""

from __future__ import annotations

import json

from dash import ALL, Input, Output, State, clientside_callback

from components import ids
from export.render import FORMATS, PRESETS

# The size boxes show the size of the file the chosen preset gives in the chosen format (an A4
# PNG's 3508 × 2480 pixels at 300 dpi, not its 1123 × 794 CSS px: Preset.file_size) and follow a
# change of either; a size typed in them that is not that size makes the export a custom size
# (the preset becomes "custom": a file of the typed size). One callback both ways: Dash allows a
# circle only within one callback.
clientside_callback(
    """function(preset, fmt, width, height) {
        var sizes = PRESET_SIZES;
        var ctx = window.dash_clientside.callback_context;
        var by = ctx.triggered_id;
        var no = window.dash_clientside.no_update;
        var current = sizes[preset] && sizes[preset][fmt];
        if (by === "PRESET_ID" || by === "FORMAT_ID") {
            return current ? [no, current[0], current[1]] : [no, no, no];
        }
        var w = parseInt(width, 10), h = parseInt(height, 10);
        if (!w || !h || (current && current[0] === w && current[1] === h)) { return [no, no, no]; }
        return ["custom", no, no];
    }""".replace("PRESET_SIZES", json.dumps({k: {f: p.file_size(f) for f in FORMATS} for k, p in PRESETS.items()}))
    .replace("PRESET_ID", ids.EXPORT_PRESET)
    .replace("FORMAT_ID", ids.EXPORT_FORMAT),
    Output(ids.EXPORT_PRESET, "value"),
    Output(ids.EXPORT_WIDTH, "value"),
    Output(ids.EXPORT_HEIGHT, "value"),
    Input(ids.EXPORT_PRESET, "value"),
    Input(ids.EXPORT_FORMAT, "value"),
    Input(ids.EXPORT_WIDTH, "value"),
    Input(ids.EXPORT_HEIGHT, "value"),
    prevent_initial_call=True,
)

clientside_callback(
    """function(search, what, fmt, preset, width, height) {
        return window.atlasExport.absolute(window.atlasExport.url(search, what, fmt, preset, width, height));
    }""",
    Output(ids.EXPORT_LINK, "value"),
    Input(ids.URL, "search"),
    Input(ids.EXPORT_WHAT, "value"),
    Input(ids.EXPORT_FORMAT, "value"),
    Input(ids.EXPORT_PRESET, "value"),
    Input(ids.EXPORT_WIDTH, "value"),
    Input(ids.EXPORT_HEIGHT, "value"),
)

clientside_callback(
    """function(n, link) {
        if (n && link) { window.atlasExport.fetch(link, document.getElementById("export-status"), 0); }
        return window.dash_clientside.no_update;
    }""",
    Output(ids.EXPORT_STATUS, "data-requested"),
    Input(ids.EXPORT_BUTTON, "n_clicks"),
    State(ids.EXPORT_LINK, "value"),
    prevent_initial_call=True,
)

clientside_callback(
    """function(n, link) {
        if (n && link) { window.atlasExport.copy(link, document.getElementById("export-status")); }
        return window.dash_clientside.no_update;
    }""",
    Output(ids.EXPORT_STATUS, "data-copied-link"),
    Input(ids.EXPORT_COPY, "n_clicks"),
    State(ids.EXPORT_LINK, "value"),
    prevent_initial_call=True,
)

clientside_callback(
    """function(search, links) {
        return links.map(function (id) { return "download/" + id.table + "." + id.fmt + (search || ""); });
    }""",
    Output(ids.download(ALL, ALL), "href"),
    Input(ids.URL, "search"),
    State(ids.download(ALL, ALL), "id"),
)
