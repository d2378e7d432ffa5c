"""The map's legend and notes as page elements, beside the map and never over its land.

Plotly's own legend and colour bar sat inside the map and covered western Xinjiang at laptop size,
at 200% zoom and in exports; here the legend is text the page lays out (and a screen reader reads),
made from :func:`figures.map.legend_model`.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from dash import html

from atlas.data import Atlas
from atlas.i18n import t
from atlas.lookup import lookup
from atlas.regions import WEST
from atlas.state import ViewState
from figures.map import legend_model
from layers import POINT_LAYERS


def map_legend(data: Atlas, state: ViewState) -> list:
    """The legend's children: title, the classes as swatches, how they were made, the national mark."""
    m = legend_model(data, state)
    swatches = [
        html.Li([html.Span(className="swatch", style={"background": item["colour"]}), item["label"]])
        for item in m["items"]
    ]
    children = [
        html.Div(
            [html.Strong(m["title"], className="legend-title"), html.Span(m["detail"], className="legend-detail")]
        ),
        html.Ul(swatches, className="legend-classes"),
    ]
    notes = [m["note"], *([m["national"]] if m["national"] else [])]
    children.append(html.P(" · ".join(notes), className="legend-note"))
    if m["source"]:
        children.append(html.P(m["source"], className="legend-source"))
    return children


def layer_counts(data: Atlas, state: ViewState) -> dict[str, int]:
    """Hubs of each point layer that pass the filters (whether the layer is shown or not), and the
    east–west links that do, by layer key.
    """
    lk = lookup(data)
    passing = lk.hub_mask(state, layers=False)
    counts = np.bincount(lk.layer.codes[passing], minlength=len(lk.layer.keys) + 1)
    out = {key: int(counts[lk.layer.keys[key]]) if key in lk.layer.keys else 0 for key in POINT_LAYERS}
    out["east_west"] = sum(lk.link_mask(replace(state, layers=None)))
    return out


def notes(data: Atlas, state: ViewState) -> list:
    """Why the view shows nothing, or what a filter hides only for want of a recorded value."""
    lang = state.lang
    lk = lookup(data)
    out = []
    shown = int(lk.hub_mask(state).sum())
    if shown == 0:
        if state.provinces and not set(state.provinces) & set(WEST):
            out.append(t("nothing_in_province", lang))
        else:
            out.append(t("nothing_shown", lang))
    for key, n in lk.hidden_unknown(state).items():
        out.append(t("hidden_unknown", lang).format(n=n, what=t(key, lang)))
    return [html.P(text) for text in out]
