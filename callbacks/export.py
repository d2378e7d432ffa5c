"""Exports and downloads go through file URLs (serving/files.py), from the browser alone.

The export panel's link follows the page's view and the panel's choices; "Export figure" fetches
it and "Copy link" copies it (assets/export.js); each data download link follows the view. No
server callback: the file routes answer, with their cache, their limits and their errors.
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, clientside_callback

from components import ids

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
