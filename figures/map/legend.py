"""What the map's legend says, and the map with Plotly's own legends for exports."""

from __future__ import annotations

import html
import math

from figures import classes
from figures.map.base import map_figure
from figures.map.extent import frame_ranges, home
from figures.map.layout import (
    ABOVE_NATIONAL,
    AREA_OUTLINE,
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
from figures.text import indicator_short, plain, wrap
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


LABELLED_HUBS = 15  # an exported map names its hubs when it shows no more than this many


def _fit(layout: dict, bounds) -> None:
    """Zoom the map to ``bounds`` (min lon, min lat, max lon, max lat), with a margin, centred on
    it: its home view (figures/map/extent.home).
    """
    x0, y0, x1, y1 = (float(b) for b in bounds)
    h = home((x0, y0, x1, y1), pad=max(0.6, 0.08 * max(x1 - x0, y1 - y0)))
    geo = layout["geo"]
    geo["lonaxis"] = {**geo.get("lonaxis", {}), "range": h["lon"]}
    geo["lataxis"] = {**geo.get("lataxis", {}), "range": h["lat"]}
    geo["center"] = {"lon": h["center"][0], "lat": h["center"][1]}
    geo["projection"] = {**geo.get("projection", {}), "rotation": {"lon": h["center"][0]}}
    layout["meta"] = {**layout.get("meta", {}), "home": h}


def _label_few_hubs(data: Prepared, state: ViewState, traces: list, zoomed: bool, lat_range=None) -> None:
    """On a map zoomed to a place, hubs are drawn larger, and named when few (a page can hover,
    a slide cannot); ``lat_range`` is the map's latitude range, which sizes the labels in degrees.
    """
    names = dict(zip(data.hubs["id"], zip(data.hubs["name_zh"], data.hubs["name_en"], strict=True), strict=True))
    drawn = [
        (trace, [i for i, x in enumerate(trace.get("lon") or []) if x is not None])
        for i, trace in ((i, traces[i]) for i in HUB_TRACE.values())
        if trace.get("visible", True) is True and trace.get("customdata")
    ]
    total = sum(len(points) for _, points in drawn)
    for trace, _points in drawn:
        if zoomed and isinstance(trace.get("marker", {}).get("size"), (int, float)):
            trace["marker"]["size"] = trace["marker"]["size"] * 1.6
    if not 0 < total <= LABELLED_HUBS:
        return
    placed: list[tuple[float, float, float, float]] = []
    lat_span = float(lat_range[1] - lat_range[0]) if lat_range else _span(traces, "lat") * 1.6
    for trace, points in drawn:
        ids = [row[0] if isinstance(row, list) else row for row in trace["customdata"]]
        text, where = [""] * len(ids), ["top center"] * len(ids)
        for i in points:
            name = plain(pick(*names[ids[i]], state.lang)) if ids[i] in names else ""
            text[i] = name
            where[i] = _free_side(trace["lon"][i], trace["lat"][i], len(name), lat_span, placed)
        trace.update(mode="markers+text", text=text, textposition=where, textfont={"size": 12, "color": "#222"})


def _span(traces: list, axis: str) -> float:
    """The spread in degrees of the hub points drawn (at least 1): sizes labels in degrees."""
    values = [v for i in HUB_TRACE.values() for v in traces[i].get(axis) or [] if v is not None]
    return max(1.0, max(values) - min(values)) if values else 1.0


def _free_side(lon: float, lat: float, chars: int, lat_span: float, placed: list) -> str:
    """The first side of a point where its label (``chars`` characters) overlaps no label placed
    so far (approximate boxes in degrees: the map shows ``lat_span`` degrees of latitude over some
    800 px, a character is 12 px wide, a degree of longitude cos(lat) of one of latitude); the box
    chosen is added to ``placed``.
    """
    per_px = lat_span / 800
    h = 16 * per_px
    w = chars * 12 * per_px / max(0.3, math.cos(math.radians(lat)))
    sides = {
        "top center": (lon - w / 2, lat + h * 0.4, lon + w / 2, lat + h * 1.4),
        "bottom center": (lon - w / 2, lat - h * 1.4, lon + w / 2, lat - h * 0.4),
        "middle right": (lon + h * 0.5, lat - h / 2, lon + h * 0.5 + w, lat + h / 2),
        "middle left": (lon - h * 0.5 - w, lat - h / 2, lon - h * 0.5, lat + h / 2),
    }
    for side, box in sides.items():
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            placed.append(box)
            return side
    placed.append(sides["top center"])
    return "top center"


def export_dict(data: Prepared, state: ViewState, right: float = 0.78, area: tuple[float, float] | None = None) -> dict:
    """The map of a state for export, as a figure dict: Plotly's own colour bar and legend in a
    strip from ``right`` (a fraction of the width) to the edge, the map and its inset left of it,
    so that no legend covers land; the legend lists only the layers drawn; a pan or zoom is kept.
    With ``area``, the figure's plotting area (width, height in px: its size less its margins),
    the map fills its frame there, as on the page (figures/map/extent.py), if the legend and the
    colour bar fit in their strip (export/render.py measures where Plotly puts them).
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
    geo = lay["geo"]
    if state.provinces and not state.map_view:
        _fit(lay, data.provinces[data.provinces["adcode"].isin(state.provinces)].total_bounds)
    if state.map_view:
        lon, lat, scale = state.map_view
        geo["center"] = {"lon": lon, "lat": lat}
        geo["projection"] = {**geo["projection"], "scale": scale, "rotation": {"lon": lon}}
    if area:
        rotation = geo["projection"]["rotation"]["lon"]
        geo["lonaxis"]["range"], geo["lataxis"]["range"] = frame_ranges(
            lay["meta"]["home"], rotation, area[0] * width, area[1]
        )
    zoomed = bool(state.map_view or state.provinces or state.region != "west")
    _label_few_hubs(data, state, traces, zoomed, lay["geo"].get("lataxis", {}).get("range"))
    if zoomed:  # a map of a province or region needs no South China Sea inset, which would cover land
        lay["geo2"].update(showframe=False, bgcolor="rgba(0,0,0,0)")  # ("visible" is its basemap, off already)
        lay["annotations"] = [a for a in lay["annotations"] if a.get("text") != t("south_china_sea", state.lang)]
        for trace in traces:
            if trace.get("geo") == "geo2":
                trace["visible"] = False
    traces[PARTNER_LINES]["name"] = t("partner_lines", state.lang)
    traces[EW_LINES]["name"] = t("east_west_lines", state.lang)
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
            "title": {"text": f"{indicator_short(ch['name'])}<br>{year} · {ch['unit']}", "side": "top"},
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
    traces[AREA_OUTLINE]["name"] = wrap(plain(t("areas_legend", state.lang).lstrip("┄ ")), 34)
    for i, trace in enumerate(traces):
        drawn = trace.get("visible", True) is True and any(x is not None for x in trace.get("lon") or [])
        if i in HUB_TRACE.values() or i in (PARTNER_LINES, EW_LINES, AREA_OUTLINE):
            trace["showlegend"] = drawn
    return fig
