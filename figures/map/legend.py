"""What the map's legend says, and the map with Plotly's own legends for exports."""

from __future__ import annotations

import html

from figures import classes
from figures.map.base import map_figure
from figures.map.layout import (
    ABOVE_NATIONAL,
    EW_LINES,
    HOVER_HUB,
    HOVER_OUTLINE,
    HUB_TRACE,
    PARTNER_LINES,
    PREFECTURES,
    PROVINCES,
)
from figures.map.static import _static
from figures.map.values import choropleth_values, prefecture_counts
from figures.palette import (
    NO_DATA,
    NOT_WEST,
)
from figures.text import plain
from layers import REGISTRY
from model.prepared import Prepared
from view.i18n import pick, t
from view.state import ViewState


def legend_model(data: Prepared, state: ViewState) -> dict:
    """What the map's legend says for a state, as plain text (the page escapes it):

    ``{"title", "detail", "items": [{"colour", "label"}], "note", "national", "source"}``: the
    classes first, then no data and outside the west; ``note`` says how the classes were made;
    ``national`` explains the mark of provinces above the national value (None without one).
    """
    lang = state.lang
    year = state.resolved_year(data.vocab)
    lk = data.lookup
    region = lk.regions.get(state.region)
    where = pick(region.name_zh, region.name_en, lang) if region else ""
    if state.view == "prefecture":
        counts = [n for n in prefecture_counts(data, state) if n > 0]
        edges = classes.breaks(counts)
        labels = classes.class_labels(edges, lang, 0)[2:]
        colours = classes.CLASS_COLOURS[: classes.n_classes(edges)]
        items = [{"colour": NOT_WEST, "label": "0"}, *({"colour": c, "label": x} for c, x in zip(colours, labels))]
        return {
            "title": t("prefecture_title", lang),
            "detail": where,
            "items": items,
            "note": t("prefecture_note", lang),
            "national": None,
            "source": "",
        }
    ch = choropleth_values(data, state, year)
    colours = classes.CLASS_COLOURS[: ch["n_classes"]]
    items = [{"colour": c, "label": html.unescape(x)} for c, x in zip(colours, ch["labels"][2:])]
    items += [{"colour": NO_DATA, "label": t("no_data", lang)}, {"colour": NOT_WEST, "label": t("not_west", lang)}]
    years = data.vocab.years_of(state.indicator)
    note = (
        t("breaks_fixed", lang).format(first=years[0], last=years[-1])
        if state.breaks == "fixed" and years
        else t("breaks_year", lang).format(year=year)
    )
    national = None
    if ch["national"] is not None:
        national = f"{ABOVE_NATIONAL} {t('above_national', lang)} ({html.unescape(ch['national'])})"
    return {
        "title": html.unescape(ch["name"]),
        "detail": f"{year} · {html.unescape(ch['unit'])} · {where}",
        "items": items,
        "note": note,
        "national": national,
        "source": html.unescape(ch["source"]),
    }


def export_dict(data: Prepared, state: ViewState, right: float = 0.78) -> dict:
    """The map of a state for export, as a figure dict: Plotly's own colour bar and legend in a
    strip from ``right`` (a fraction of the width) to the edge, the map and its inset left of it,
    so that no legend covers land; the legend lists only the layers drawn; a pan or zoom is kept.
    """
    fig = map_figure(data, state)
    for i in (HOVER_HUB, HOVER_OUTLINE):
        fig["data"][i]["visible"] = False
    lay, traces = fig["layout"], fig["data"]
    width = right - 0.02
    inset_w = 0.16 * width
    lay["geo"]["domain"] = {"x": [0, width], "y": [0, 1]}
    lay["geo2"]["domain"] = {"x": [width - inset_w, width], "y": [0, 0.3]}
    lay["annotations"][0].update(x=width - inset_w / 2, y=0.31, yanchor="bottom")
    if state.map_view:
        lon, lat, scale = state.map_view
        lay["geo"]["center"] = {"lon": lon, "lat": lat}
        lay["geo"]["projection"] = {**lay["geo"]["projection"], "scale": scale, "rotation": {"lon": lon}}
    bar = {"x": right, "xanchor": "left", "y": 1.0, "yanchor": "top", "len": 0.42, "thickness": 14, "outlinewidth": 0}
    m = legend_model(data, state)
    if state.view == "province":
        year = state.resolved_year(data.vocab)
        ch = choropleth_values(data, state, year)
        traces[PROVINCES]["showscale"] = True
        traces[PROVINCES]["colorbar"] = {
            **bar,
            "tickvals": list(range(len(ch["labels"]))),
            "ticktext": ch["labels"],
            "title": {"text": f"{ch['name']}<br>{year} · {ch['unit']}", "side": "top"},
        }
    else:
        codes = [i["label"] for i in m["items"]]
        traces[PREFECTURES]["showscale"] = True
        traces[PREFECTURES]["colorbar"] = {
            **bar,
            "tickvals": [0, *range(2, 1 + len(codes))],
            "ticktext": [html.escape(c) for c in codes],
            "title": {"text": plain(m["title"]), "side": "top"},
        }
    lay["showlegend"] = True
    lay["legend"] = {**lay.get("legend", {}), "x": right, "xanchor": "left", "y": 0.54, "yanchor": "top"}
    # names for the legend (only exports show trace names: the page has its layer panel, and its
    # scripts find the traces by their fixed names)
    passing = data.lookup.hub_mask(state, layers=False)
    static = _static(data)
    for key, i in HUB_TRACE.items():
        spec = REGISTRY[key]
        traces[i]["name"] = (
            f"{plain(pick(spec.label_zh, spec.label_en, state.lang))} ({int(passing[static.layer_rows[key]].sum())})"
        )
    for i, trace in enumerate(traces):
        drawn = trace.get("visible", True) is True and any(x is not None for x in trace.get("lon") or [])
        if i in HUB_TRACE.values() or i in (PARTNER_LINES, EW_LINES):
            trace["showlegend"] = drawn
    return fig
