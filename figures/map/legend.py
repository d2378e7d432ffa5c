"""What the map's legend says, and the map with Plotly's own legends for exports."""

from __future__ import annotations

import html
import math

from figures import classes
from figures.coverage import sparse_note, wrapped
from figures.map.base import map_figure
from figures.map.extent import frame_ranges, home
from figures.map.hub_names import name_points
from figures.map.labels import Canvas, canvas_of, place_edge_labels
from figures.map.layout import (
    ABOVE_NATIONAL,
    AREA_LABELS,
    AREA_OUTLINE,
    EW_LINES,
    HOVER_HUB,
    HOVER_OUTLINE,
    HUB_TRACE,
    INSET_LABEL,
    PARTNER_LABELS,
    PARTNER_LINES,
    PREFECTURES,
    PROVINCE_LABELS,
    PROVINCES,
)
from figures.map.place_names import place_names
from figures.map.static import _static
from figures.map.values import choropleth_values, prefecture_counts
from figures.palette import (
    NO_DATA,
    NOT_WEST,
    NOTE_TEXT,
)
from figures.text import em_width, indicator_short, plain, wrap
from layers import REGISTRY
from model.prepared import Prepared
from view.i18n import pick, t
from view.state import ViewState


def legend_model(data: Prepared, state: ViewState) -> dict:
    """What the map's legend says for a state, as plain text (the page escapes it):

    ``{"title", "detail", "items": [{"colour", "label"}], "note", "national", "sparse", "source"}``:
    the classes first, then no data and outside the west; ``note`` says how the classes were made;
    ``national`` explains the mark of provinces above the national value (None without one);
    ``sparse`` says that a year has values for too few western provinces to be the default one
    (figures.coverage.sparse_note; None for any other year).
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
            "sparse": None,
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
        "sparse": sparse_note(data.vocab, state.indicator, year, lang),
        "source": html.unescape(ch["source"]),
    }


LABELLED_HUBS = 15  # an exported map names its hubs when it shows no more than this many
LEGEND_TOP = 0.54  # of the plot's height, from its foot: the top of an export's legend, below the colour bar
# px of a legend entry (Plotly's, at 11 px) of one line, and of each further line; the gap
# between two groups (each layer is one); a group's title (measured in the exported SVG)
ENTRY_PX, LINE_PX, GROUP_GAP_PX, TITLE_PX = 19, 14, 10, 20
SYMBOL_PX, LEGEND_FONT_PX = 40, 11  # a legend entry's symbol and the space after it; its font size


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


def _name_hubs(data: Prepared, state: ViewState, traces: list, zoomed: bool, canvas: Canvas) -> list:
    """On a map zoomed to a place, hubs are drawn larger, and named when few (a page can hover,
    a slide cannot): beside their markers, wrapped or numbered where a name does not fit
    (figures/map/labels.py), the most important first (national before provincial, then in the
    layers' order). Returns the numbered hubs' legend entries, as :func:`hub_names.name_points` does.
    The places' names are first moved off the markers and into the frame (place_names.place_names).
    """
    if zoomed:
        for i in HUB_TRACE.values():
            marker = traces[i].get("marker", {})
            if isinstance(marker.get("size"), (int, float)):
                marker["size"] = marker["size"] * 1.6
    # what the map is of: the chosen provinces, else the region's (a pan or zoom of one's own: none)
    focus = set(state.provinces) or (set() if state.map_view else data.lookup.provinces_of(state.region))
    must_name = [a in focus for a in data.provinces["adcode"]]
    place_names(traces, canvas, list(data.provinces.geometry), must_name)  # the province names' order
    _name_partners(traces, canvas)
    hubs = data.hubs
    level = {"national": 0, "international": 0, "provincial": 1}
    layer = {key: n for n, key in enumerate(REGISTRY)}
    names = {
        i: (plain(pick(z, e, state.lang)), (level.get(lv, 2), layer.get(key, len(layer))))
        for i, z, e, lv, key in zip(hubs["id"], hubs["name_zh"], hubs["name_en"], hubs["level"], hubs["layer"])
    }
    return name_points(traces, names, canvas, LABELLED_HUBS)


def _name_partners(traces: list, canvas: Canvas) -> None:
    """Name the partnership lines' destinations (PARTNER_LABELS, whose ``meta`` lists them as
    [name, lon, lat, cut]) again on the export's ``canvas``: the page placed them at a laptop's
    scale, where a smaller or differently shaped export runs them into one another. Off the
    area records' and the provinces' names as drawn (after place_names.place_names).
    """
    trace = traces[PARTNER_LABELS]
    ends = {name: (x, y, bool(cut)) for name, x, y, cut in trace.get("meta") or []}
    if not ends:
        return
    taken = []
    for i in (AREA_LABELS, PROVINCE_LABELS):
        other = traces[i]
        if other.get("visible", True) is not True:
            continue
        where, size = other.get("textposition", "middle center"), other.get("textfont", {}).get("size", 12)
        for k, (x, y, text) in enumerate(zip(other.get("lon") or [], other.get("lat") or [], other.get("text") or [])):
            if text and x is not None:
                taken.append(((x, y, text, where[k] if isinstance(where, list) else where), size))
    labels = place_edge_labels(ends, 1.0, taken, canvas)
    trace["lon"], trace["lat"] = [x for x, *_ in labels], [y for _, y, *_ in labels]
    trace["text"], trace["textposition"] = [text for *_, text, _ in labels], [where for *_, where in labels]


def export_dict(
    data: Prepared,
    state: ViewState,
    right: float = 0.78,
    plot: tuple[int, int] = (1860, 880),
    legend_px: float | None = None,
    frame: tuple[float, float] | None = None,
) -> dict:
    """The map of a state for export, as a figure dict: Plotly's own colour bar and legend in a
    strip from ``right`` (a fraction of the width) to the edge, the map and its inset left of it,
    so that no legend covers land; the legend lists only the layers drawn; a pan or zoom is kept.
    ``plot``: the size (width, height, px) of the plot area it is drawn in (default: a 16:9
    slide's): the map fills its frame there, as on the page (figures/map/extent.py), if the legend
    and the colour bar fit in their strip (export/render.py measures where Plotly puts them), and
    the names of its hubs are fitted to it; ``legend_px``: the legend's width (default: the
    strip's, to the figure's edge).
    """
    fig = map_figure(data, state)
    for i in (HOVER_HUB, HOVER_OUTLINE):
        fig["data"][i]["visible"] = False
    lay, traces = fig["layout"], fig["data"]
    width = right - 0.02
    inset_w = 0.16 * width
    lay["geo"]["domain"] = {"x": [0, width], "y": [0, 1]}
    lay["geo2"]["domain"] = {"x": [width - inset_w, width], "y": [0, 0.3]}
    geo = lay["geo"]
    if state.provinces and not state.map_view:
        _fit(lay, data.provinces[data.provinces["adcode"].isin(state.provinces)].total_bounds)
    if state.map_view:
        lon, lat, scale = state.map_view
        geo["center"] = {"lon": lon, "lat": lat}
        geo["projection"] = {**geo["projection"], "scale": scale, "rotation": {"lon": lon}}
    frame = frame or (plot[0] * width, plot[1])
    if plot:
        rotation = geo["projection"]["rotation"]["lon"]
        geo["lonaxis"]["range"], geo["lataxis"]["range"] = frame_ranges(lay["meta"]["home"], rotation, *frame)
    zoomed = bool(state.map_view or state.provinces or state.region != "west")
    canvas = canvas_of({**geo, "domain": {"x": [0, 1], "y": [0, 1]}}, frame)  # the frame's own pixels
    numbered = _name_hubs(data, state, traces, zoomed, canvas)
    caption = traces[INSET_LABEL]["textfont"]
    caption["size"] = round(caption["size"] * min(1.3, max(1.0, inset_w * plot[0] / 110)))  # a larger inset
    if zoomed:  # a map of a province or region needs no South China Sea inset, which would cover land
        lay["geo2"].update(showframe=False, bgcolor="rgba(0,0,0,0)")  # ("visible" is its basemap, off already)
        for trace in traces:
            if trace.get("geo") == "geo2":  # its caption too
                trace["visible"] = False
    traces[PARTNER_LINES]["name"] = t("partner_lines", state.lang)
    traces[EW_LINES]["name"] = t("east_west_lines", state.lang)
    bar = {"x": right, "xanchor": "left", "y": 1.0, "yanchor": "top", "len": 0.42, "thickness": 14, "outlinewidth": 0}
    m = legend_model(data, state)
    if state.view == "province":
        year = state.resolved_year(data.vocab)
        ch = choropleth_values(data, state, year)
        sparse = f"<br>{wrapped(m['sparse'], 22)}" if m["sparse"] else ""  # why the map is mostly grey
        traces[PROVINCES]["showscale"] = True
        traces[PROVINCES]["colorbar"] = {
            **bar,
            "tickvals": list(range(len(ch["labels"]))),
            "ticktext": ch["labels"],
            "title": {"text": f"{indicator_short(ch['name'])}<br>{year} · {ch['unit']}{sparse}", "side": "top"},
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
    lay["legend"] = {**lay.get("legend", {}), "x": right, "xanchor": "left", "y": LEGEND_TOP, "yanchor": "top"}
    # names for the legend (only exports show trace names: the page has its layer panel, and its
    # scripts find the traces by their fixed names)
    passing = data.lookup.hub_mask(state, layers=False)
    static = _static(data)
    in_view = {}
    for key, i in HUB_TRACE.items():
        spec = REGISTRY[key]
        in_view[i] = int(passing[static.layer_rows[key]].sum())
        traces[i]["name"] = f"{plain(pick(spec.label_zh, spec.label_en, state.lang))} ({in_view[i]})"
    traces[AREA_OUTLINE]["name"] = wrap(plain(t("areas_legend", state.lang).lstrip("┄ ")), 34)
    for i, trace in enumerate(traces):
        drawn = trace.get("visible", True) is True and any(x is not None for x in trace.get("lon") or [])
        if i in in_view:  # every shown layer with hubs in the view, even those all drawn at a place
            drawn = trace.get("visible", True) is True and in_view[i] > 0  # another layer's point holds
        if i in HUB_TRACE.values() or i in (PARTNER_LINES, EW_LINES, AREA_OUTLINE):
            trace["showlegend"] = drawn
            trace["legendrank"] = 1000 + i  # the figure's order, which the samples below keep
    _legend_samples(traces, state.lang)
    room = (legend_px if legend_px is not None else (1 - right) * plot[0] - 10, plot[1] * LEGEND_TOP)
    _legend_numbers(traces, numbered, room, state.lang)
    return fig


def _legend_samples(traces: list, lang: str) -> None:
    """Legend entries that show each hub layer's own symbol, and one that explains the hollow mark.

    Plotly's legend draws a trace's first point: a layer whose first hub is drawn hollow (its year
    not recorded, a past year shown) would show its symbol hollow, and large, though most of its
    hubs are filled. Such a layer's entry is drawn by a sample trace with no point (appended: no
    index the Patches address moves), and one entry says what the hollow mark means and how many
    hubs the map draws so, as the page's note does.
    """
    hollow = 0
    for key, i in HUB_TRACE.items():
        trace = traces[i]
        symbols = trace["marker"].get("symbol")
        if not trace.get("showlegend") or not isinstance(symbols, list):
            continue
        hollow += sum(1 for x, s in zip(trace["lon"], symbols) if x is not None and s.endswith("-open"))
        trace["showlegend"] = False
        style = REGISTRY[key].style
        marker = {**trace["marker"], "symbol": style["symbol"], "opacity": style["opacity"]}  # its colour, line, size
        traces.append(_sample(trace["name"], trace["legendrank"], key, marker))
    if hollow:
        marker = {"symbol": "circle-open", "color": NOTE_TEXT, "size": 10, "line": {"width": 1.5}}
        rank = 1000 + max(HUB_TRACE.values()) + 0.5  # after the layers
        traces.append(_sample(t("year_unknown_mark", lang).format(n=hollow), rank, None, marker))


def _legend_numbers(traces: list, numbered: list, room: tuple[float, float], lang: str) -> None:
    """The legend's entries naming the hubs numbered on the map (``numbered``: as
    :func:`hub_names.name_points` returns them), below the other entries, wrapped to the legend's
    width, as many as its height holds (``room``: width, height, px); the numbers beyond (the least
    important hubs) come off the map.
    """
    width, height = room
    shown = [t for t in traces if t.get("showlegend") and t.get("visible", True) is not False]
    # wide characters a line holds: as wide as the room, or as the widest entry already is
    widest = max((_width(line) for t in shown for line in t.get("name", "").split("<br>")), default=0)
    chars = max(6, int(max((width - SYMBOL_PX) / LEGEND_FONT_PX, widest)))
    height -= sum(ENTRY_PX + GROUP_GAP_PX + LINE_PX * t.get("name", "").count("<br>") for t in shown) + TITLE_PX
    for n, (i, k, key, text) in enumerate(numbered):
        number, name = text.split(" ", 1)
        text = f"{number} {_even_wrap(name, chars - 1)}"  # the number on the name's first line
        height -= ENTRY_PX + LINE_PX * text.count("<br>")
        if height < 0:  # no room left in the legend: this hub and those after it go unnamed
            for i, k, *_ in numbered[n:]:
                traces[i]["text"][k] = ""
            return
        marker = {**traces[HUB_TRACE[key]]["marker"], "symbol": REGISTRY[key].style["symbol"], "opacity": 1}
        entry = _sample(text, 3000 + n, "numbered", marker)
        if n == 0:
            entry["legendgrouptitle"] = {"text": t("numbered_on_map", lang)}
        traces.append(entry)


def _width(text: str) -> float:
    """Plotly text's width in wide characters (a Latin letter counts half), as wrap measures it."""
    return em_width(html.unescape(text))


def _even_wrap(text: str, width: float) -> str:
    """``text`` wrapped (figures.text.wrap: ``width`` in wide characters) in as few lines as that
    width takes, made as even as they can be: no word or character left alone on a last line.
    """
    lines = wrap(text, width).count("<br>") + 1
    even = math.ceil(_width(text) / lines)
    while even < width and wrap(text, even).count("<br>") + 1 > lines:
        even += 1
    return wrap(text, min(even, width))


def _sample(name: str, rank: float, group: str | None, marker: dict) -> dict:
    """A legend entry with no point on the map, drawn as ``marker``."""
    return {
        "type": "scattergeo",
        "lon": [None],
        "lat": [None],
        "mode": "markers",
        "name": name,
        "legendgroup": group,
        "legendrank": rank,
        "showlegend": True,
        "hoverinfo": "skip",
        "marker": marker,
    }
