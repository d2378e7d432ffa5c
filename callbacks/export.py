"""Exports and downloads go through file URLs (serving/files.py), from the browser alone.

The export panel's link follows the page's view and the panel's choices; "Export figure" fetches
it and "Copy link" copies it (assets/export.js); each data download link follows the view. No
server callback: the file routes answer, with their cache, their limits and their errors.
"""

from __future__ import annotations

import json

from dash import ALL, Input, Output, State, clientside_callback

from components import ids
from export.render import PRESETS

# The size boxes show the chosen preset's size (CSS px) and follow a change of preset; a size typed
# in them that is not the preset's makes the export a custom size (the preset becomes "custom").
# One callback both ways: Dash allows a circle only within one callback.
clientside_callback(
    """function(preset, width, height) {
        var sizes = PRESET_SIZES;
        var ctx = window.dash_clientside.callback_context;
        var by = ctx.triggered_id;
        var no = window.dash_clientside.no_update;
        if (by === "PRESET_ID") {
            var size = sizes[preset];
            return size ? [no, size[0], size[1]] : [no, no, no];
        }
        var current = sizes[preset];
        var w = parseInt(width, 10), h = parseInt(height, 10);
        if (!w || !h || (current && current[0] === w && current[1] === h)) { return [no, no, no]; }
        return ["custom", no, no];
    }""".replace("PRESET_SIZES", json.dumps({k: [p.width, p.height] for k, p in PRESETS.items()})).replace(
        "PRESET_ID", ids.EXPORT_PRESET
    ),
    Output(ids.EXPORT_PRESET, "value"),
    Output(ids.EXPORT_WIDTH, "value"),
    Output(ids.EXPORT_HEIGHT, "value"),
    Input(ids.EXPORT_PRESET, "value"),
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
