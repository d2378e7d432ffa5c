"""The map's legend and notes as page elements, beside the map and never over its land.

Plotly's own legend and colour bar sat inside the map and covered western Xinjiang at laptop size,
at 200% zoom and in exports; here the legend is text the page lays out (and a screen reader reads),
made from :func:`figures.map.legend_model`.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
from dash import html
from plotly.utils import PlotlyJSONEncoder

from figures.map import areas as map_areas
from figures.map import legend_model
from figures.map.layout import on_demand
from figures.palette import CLASS_COLOURS, NO_DATA, NOT_WEST
from layers import POINT_LAYERS
from model.prepared import Prepared
from model.regions import WEST
from view.i18n import LANGS, t
from view.state import ViewState


def legend_json(data: Prepared, state: ViewState) -> list:
    """:func:`map_legend` as JSON-ready component dicts, made once per indicator, year, language,
    classes and region where it depends on nothing else (the province view; read-only after).
    """
    key = legend_key(data, state)
    if key is None:
        return _as_json(map_legend(data, state))
    return data.derived(("legend", key), lambda: _as_json(map_legend(data, state)))


def legend_key(data: Prepared, state: ViewState) -> str | None:
    """What the legend of a state depends on, as text; None where it depends on the filters too."""
    if state.view != "province":
        return None
    year = state.resolved_year(data.vocab)
    return "|".join(map(str, (state.indicator, year, state.lang, state.breaks, state.region)))


def _as_json(children: list) -> list:
    return json.loads(json.dumps(children, cls=PlotlyJSONEncoder))


def prepare_legends(data: Prepared) -> None:
    """Make the legend of every indicator-year in every language now, for the whole west and the
    default classes (what a first visit asks for): tens of milliseconds at start, so that no
    visitor's first request for a year pays for building it.
    """
    for indicator, year in data.lookup.years:
        for lang in LANGS:
            legend_json(data, ViewState(indicator=indicator, year=year, lang=lang))


def map_legend(data: Prepared, state: ViewState) -> list:
    """The legend's children: title, the classes as swatches, how they were made, the national mark."""
    m = legend_model(data, state)
    # a swatch names its colour by class: the colours are the page's CSS variables (set from the
    # palette in the layout), so that a legend sent again for each year stays small
    swatches = [html.Li(item["label"], className=swatch_class(item["colour"])) for item in m["items"]]
    children = [
        html.Strong(m["title"], className="legend-title"),
        html.Span(m["detail"], className="legend-detail"),
        html.Ul(swatches, className="legend-classes"),
    ]
    notes = [html.Span(m["note"]), *([html.Span(m["national"])] if m["national"] else [])]
    if m["sparse"]:  # first, and kept on a phone: why most of the map is grey
        notes.insert(0, html.Span(m["sparse"], className="legend-sparse"))
    if any(map_areas.drawn(data, ViewState(region=state.region, year=state.year))):  # the map's dashed outline
        # kept on a phone, where the other notes give way to the map: nothing else there says
        # what the dashed line is
        notes.append(html.Span(t("areas_legend", state.lang), className="legend-areas"))
    # shown by the page (assets/atlas.js) only while some partnership line's destination is unnamed:
    # a name that fits nowhere at the map's size is left out, and nothing else would say so
    notes.append(html.Span(t("partner_names_left_out", state.lang), className="legend-partners", hidden=True))
    children.append(html.P(notes, className="legend-note"))
    if m["source"]:
        children.append(html.P(m["source"], className="legend-source"))
    return children


SWATCHES = {colour: f"s{k}" for k, colour in enumerate((*CLASS_COLOURS, NO_DATA, NOT_WEST))}


def swatch_class(colour: str) -> str:
    """The CSS class of a legend colour (s0, s1, …; see :func:`swatch_styles`)."""
    return SWATCHES[colour]


def swatch_styles() -> dict[str, str]:
    """The legend's colours as CSS variables of its container (``--s0: #ffffcc`` …)."""
    return {f"--{cls}": colour for colour, cls in SWATCHES.items()}


def layer_counts(data: Prepared, state: ViewState) -> dict[str, int]:
    """Hubs of each point layer that pass the filters and the search, among those chosen on the
    map if any (whether the layer is shown or not: Lookup.hub_mask, as the table counts), and the
    east–west links that pass, by layer key.
    """
    lk = data.lookup
    passing = lk.hub_mask(state, layers=False)
    counts = np.bincount(lk.layer.codes[passing], minlength=len(lk.layer.keys) + 1)
    out = {key: int(counts[lk.layer.keys[key]]) if key in lk.layer.keys else 0 for key in POINT_LAYERS}
    out["east_west"] = sum(lk.link_mask(replace(state, layers=None)))
    return out


def notes(data: Prepared, state: ViewState) -> list:
    """What narrows the view away from the map (the table's search, a choice on the map), why it
    shows nothing, or what a filter hides only for want of a recorded value.
    """
    lang = state.lang
    lk = data.lookup
    out = []
    # the search box and a lasso sit away from the map: say here that they narrow it, and its counts
    if state.search:
        out.append(t("search_note", lang).format(text=state.search))
    if state.hubs:
        out.append(t("chosen_note", lang))
    shown = int(lk.hub_mask(state).sum())
    lines = on_demand(state) and any(lk.link_mask(state))  # partnerships drawn: the map is not empty
    if shown == 0 and not lines:
        if state.provinces and not set(state.provinces) & set(WEST):
            out.append(t("nothing_in_province", lang))
        else:
            out.append(t("nothing_shown", lang))
    for key, n in lk.hidden_unknown(state).items():
        out.append(t("hidden_unknown", lang).format(n=n, what=t(key, lang)))
    if state.year is not None:
        # the hollow marks the map draws: one per place (a place's other designations are not
        # drawn), as the map's and the export's legends count them
        drawn = lk.hub_mask(state, chosen=False)
        n = int(lk.year_unknown(state, drawn & ~lk.repeated_places(drawn)).sum())
        out.append(
            t("hubs_as_of", lang).format(year=state.year) + (t("year_unknown_hollow", lang).format(n=n) if n else "")
        )
    return [html.P(text) for text in out]
