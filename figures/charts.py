"""The linked charts: ranking, time series, hubs by layer and province, and a two-indicator scatter.

Each is built as a plain figure dict from the lookup tables (atlas/lookup.py): a state never seen
before costs well under a millisecond, where ``go.Figure`` and pandas queries took 20-45 ms. The
``go.Figure`` versions (exports, tests) wrap the same dicts.
"""

from __future__ import annotations

import json
import re
from functools import cache

import numpy as np
import plotly.graph_objects as go

from atlas.i18n import fmt_number, font_family, pick, t
from atlas.prepared import Prepared
from atlas.regions import NATIONAL, PROVINCES, WEST
from atlas.state import ViewState
from figures.palette import NATIONAL_LINE, OTHER_BAR, SELECTED_BORDER, WEST_BAR
from figures.sources import source_line
from figures.text import plain
from layers import POINT_LAYERS, REGISTRY


@cache
def _template() -> dict:
    """Plotly's default template as JSON (what a ``go.Figure`` carries), built once."""
    return json.loads(go.Figure().to_json())["layout"]["template"]


def _province_name(adcode: str, lang: str) -> str:
    short, en = PROVINCES.get(adcode, ("全国", "China"))
    return pick(short, en, lang)


def _figure(data: list[dict], layout: dict, title: str, source: str, lang: str, height: int | None = None) -> dict:
    """A chart as a plain figure dict (JSON types only), in the atlas's common frame (fonts of
    ``lang``); without a height it fills its box on the page (exports give their own size).
    """
    source = "<br>".join(wrap(line, 40) for line in source.split("<br>"))  # charts sit in narrow panes
    # room above the plot for the title's and the source's lines, however many they wrap to
    top = 34 + 19 * (title.count("<br>") + 1) + 13 * (source.count("<br>") + 1)
    frame = {
        "title": {
            "text": title,
            "x": 0.01,
            "y": 1,
            "yref": "container",
            "yanchor": "top",  # from the top down, in the room the margin keeps for it
            "pad": {"t": 18},  # CJK glyphs rise above the line height Plotly allows for
            "font": {"size": 14},
            "subtitle": {"text": source, "font": {"size": 9, "color": "#666"}},
        },
        "margin": {"l": 10, "r": 10, "t": top, "b": 40},
        "font": {"family": font_family(lang), "size": 11},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "template": _template(),
    }
    if height is not None:
        frame["height"] = height
    return {"data": data, "layout": {**layout, **frame, "margin": {**frame["margin"], **layout.get("margin", {})}}}


def wrap(text: str, width: int) -> str:
    """``text`` in lines of about ``width`` wide characters (a Latin letter counts half), broken at
    spaces where there are any, joined with <br> for a Plotly title (charts sit in narrow panes).
    """
    lines, line, size = [], "", 0.0
    for piece in re.findall(r"\S+\s*|\s+", text) if " " in text else list(text):
        w = sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in piece)
        if line and size + w > width:
            lines.append(line.rstrip())
            line, size = "", 0.0
        line += piece
        size += w
    return "<br>".join([*lines, line.rstrip()]) if line else "<br>".join(lines)


def _unit(meta: dict, lang: str) -> str:
    return plain(meta["unit_en"] if lang == "en" else pick(meta["unit_zh"], None, lang))


def _name(meta: dict, lang: str) -> str:
    """An indicator's name as literal text in a Plotly string."""
    return plain(pick(meta["name_zh"], meta["name_en"], lang))


def _ascending(values: list[float | None]) -> list[int]:
    """Positions in ascending order of value, missing last (as pandas' ``sort_values``)."""
    arr = np.array([np.nan if v is None else v for v in values], dtype=float)
    idx = np.arange(len(arr))
    missing = np.isnan(arr)
    order = idx[~missing][arr[~missing].argsort(kind="quicksort")]
    return [*order.tolist(), *idx[missing].tolist()]


def ranking(data: Prepared, state: ViewState) -> go.Figure:
    """Provinces ranked by the indicator; western bars coloured, national value as a line."""
    return go.Figure(ranking_dict(data, state))


def ranking_dict(data: Prepared, state: ViewState) -> dict:
    lk = data.lookup
    lang = state.lang
    year = state.resolved_year(data.vocab)
    meta = lk.meta[state.indicator]
    yv = lk.year_values(state.indicator, year)
    rows = [(a, v) for a, v in zip(yv.adcodes, yv.values) if a != NATIONAL]
    rows = [rows[i] for i in _ascending([v for _, v in rows])]
    adcodes = [a for a, _ in rows]
    selected = set(state.provinces)
    bar = {
        "type": "bar",
        "y": [_province_name(a, lang) for a in adcodes],
        "x": [v for _, v in rows],
        "orientation": "h",
        "marker": {
            "color": [WEST_BAR if a in WEST else OTHER_BAR for a in adcodes],
            "line": {"color": [SELECTED_BORDER if a in selected else "rgba(0,0,0,0)" for a in adcodes], "width": 2},
        },
        "customdata": adcodes,
        "hovertemplate": "%{y}: %{x}<extra></extra>",
        "name": t("west", lang),
    }
    layout: dict = {
        "yaxis": {"tickfont": {"size": 9}, "automargin": True},
        "xaxis": {"title": {"text": _unit(meta, lang)}, "gridcolor": "#eee"},
        "clickmode": "event",  # "event+select" fades every other bar after a click
        "showlegend": False,
    }
    if NATIONAL in yv.by_adcode and yv.by_adcode[NATIONAL] is not None:
        value = yv.by_adcode[NATIONAL]
        line = {"color": NATIONAL_LINE, "dash": "dash", "width": 1.5}
        layout["shapes"] = [
            {"type": "line", "x0": value, "x1": value, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain", "line": line}
        ]
        # on its line, at the foot of the bars (the smallest values, sorted ascending): never over
        # the title and source line above the plot
        layout["annotations"] = [
            {
                "x": value,
                "y": 0.0,
                "yref": "paper",
                "text": f"{t('national', lang)} {fmt_number(value, lang)}",
                "showarrow": False,
                "font": {"color": NATIONAL_LINE, "size": 10},
                "bgcolor": "rgba(255,255,255,0.85)",
                "xanchor": "left",
                "yanchor": "bottom",
            }
        ]
    if not any(v is not None for _, v in rows):
        layout.setdefault("annotations", []).append(_no_data_note(t("year_no_data", lang).format(year=year)))
    title = f"{t('ranking', lang)} · {year}<br>{wrap(_name(meta, lang), 26)}"
    return _figure([bar], layout, title, source_line(data, yv.sources, lang), lang)


def _no_data_note(text: str) -> dict:
    """A chart with nothing to draw says why, in its middle."""
    return {
        "text": text,
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "font": {"size": 13},
    }


def over_time(data: Prepared, state: ViewState) -> go.Figure:
    """The indicator over the years for the selected provinces (else the western twelve), with the national line."""
    return go.Figure(over_time_dict(data, state))


def over_time_dict(data: Prepared, state: ViewState) -> dict:
    lk = data.lookup
    lang = state.lang
    meta = lk.meta[state.indicator]
    series = lk.series.get(state.indicator, {})
    provinces = list(state.provinces) or sorted(lk.provinces_of(state.region))
    traces = []
    for adcode in provinces:
        years, values = series.get(adcode, ([], []))
        traces.append(
            {
                "type": "scatter",
                "x": years,
                "y": values,
                "mode": "lines+markers",
                "name": _province_name(adcode, lang),
                "customdata": [adcode] * len(years),
                "line": {"width": 2.2 if state.provinces else 1.2},
                "hovertemplate": "%{fullData.name} %{x}: %{y}<extra></extra>",
            }
        )
    if NATIONAL in series:
        years, values = series[NATIONAL]
        traces.append(
            {
                "type": "scatter",
                "x": years,
                "y": values,
                "mode": "lines",
                "name": t("national", lang),
                "line": {"color": NATIONAL_LINE, "dash": "dash", "width": 2},
            }
        )
    layout = {
        "xaxis": {"dtick": 2, "gridcolor": "#eee"},
        "yaxis": {"title": {"text": _unit(meta, lang)}, "gridcolor": "#eee"},
        "legend": {"font": {"size": 9}},
    }
    title = f"{t('over_time', lang)}<br>{wrap(_name(meta, lang), 30)}"
    return _figure(traces, layout, title, source_line(data, lk.all_sources.get(state.indicator, ()), lang), lang)


def hubs_by_layer(data: Prepared, state: ViewState) -> go.Figure:
    """Counts of the filtered hubs by province, stacked by layer."""
    return go.Figure(hubs_by_layer_dict(data, state))


def hubs_by_layer_dict(data: Prepared, state: ViewState) -> dict:
    lk = data.lookup
    lang = state.lang
    mask = lk.hub_mask(state)
    provinces = sorted(lk.provinces_of(state.region) if not state.provinces else state.provinces)
    names = [_province_name(a, lang) for a in provinces]
    # hubs per (layer, province) in one count; every layer keeps its trace (an empty one hidden),
    # so that a filter or a layer toggle changes values, not the list of traces
    n_prov = len(lk.province.keys)
    counts = np.bincount(
        lk.layer.codes[mask] * n_prov + lk.province.codes[mask], minlength=(len(lk.layer.keys) + 1) * n_prov
    ).reshape(-1, n_prov)
    columns = [lk.province.keys.get(a) for a in provinces]
    traces = []
    for key in POINT_LAYERS:
        code = lk.layer.keys.get(key)
        row = counts[code].tolist() if code is not None else [0] * n_prov
        spec = REGISTRY[key]
        traces.append(
            {
                "type": "bar",
                "x": names,
                "y": [row[c] if c is not None else 0 for c in columns],
                "name": pick(spec.label_zh, spec.label_en, lang),
                "visible": code is not None and sum(row) > 0,
                "marker": {"color": spec.style["color"]},
                "customdata": provinces,
                "hovertemplate": "%{x} · %{fullData.name}: %{y}<extra></extra>",
            }
        )
    layout = {
        "barmode": "stack",
        "legend": {"font": {"size": 9}, "orientation": "h", "y": -0.25},
        "clickmode": "event",
        "xaxis": {"tickangle": -45, "tickfont": {"size": 9}},
        "yaxis": {"title": {"text": t("hubs", lang)}, "gridcolor": "#eee"},
        "margin": {"b": 60},
    }
    title = f"{t('hubs_by_layer', lang)} ({int(mask.sum())})"
    if not mask.any():
        layout["annotations"] = [_no_data_note(t("nothing_shown", lang))]
    return _figure(traces, layout, title, source_line(data, lk.sources_of_hubs(mask, 50), lang), lang)


def scatter(data: Prepared, state: ViewState) -> go.Figure:
    """Two indicators against each other for the provinces, labelled, western ones highlighted."""
    return go.Figure(scatter_dict(data, state))


def scatter_dict(data: Prepared, state: ViewState) -> dict:
    lk = data.lookup
    lang = state.lang
    vocab = data.vocab
    year = state.scatter_year(vocab)
    shown_year = state.resolved_year(vocab)
    year = year if year is not None else shown_year
    mx, my = lk.meta[state.x], lk.meta[state.y]
    fx, fy = lk.year_values(state.x, year), lk.year_values(state.y, year)
    both = [a for a in dict.fromkeys(fx.adcodes) if a in fy.by_adcode and a != NATIONAL]
    traces = []
    for is_west, colour in ((False, OTHER_BAR), (True, WEST_BAR)):
        sub = [a for a in both if (a in WEST) == is_west]
        traces.append(
            {
                "type": "scatter",
                "x": [fx.by_adcode[a] for a in sub],
                "y": [fy.by_adcode[a] for a in sub],
                # names of the western provinces and of the selected ones only: 31 names piled up
                "mode": "markers+text",
                "text": [_province_name(a, lang) if is_west or a in state.provinces else "" for a in sub],
                "hovertext": [_province_name(a, lang) for a in sub],
                "textposition": "top center",
                "textfont": {"size": 9},
                "marker": {
                    "size": [14 if a in state.provinces else 9 for a in sub],
                    "color": colour,
                    "line": {
                        "color": [SELECTED_BORDER if a in state.provinces else "white" for a in sub],
                        "width": 1.5,
                    },
                },
                "customdata": sub,
                "name": t("west", lang) if is_west else t("other", lang),
                "hovertemplate": "%{hovertext}: %{x}, %{y}<extra></extra>",
            }
        )
    layout = {
        "xaxis": {"title": {"text": f"{_name(mx, lang)} ({_unit(mx, lang)})"}, "gridcolor": "#eee"},
        "yaxis": {"title": {"text": f"{_name(my, lang)} ({_unit(my, lang)})"}, "gridcolor": "#eee"},
        "clickmode": "event",
        "legend": {"font": {"size": 9}},
    }
    derived = [m for m in (mx, my) if m["derived"]]
    note = "; ".join(plain(pick(m["definition_zh"], m["definition_en"], lang)) for m in derived)
    src = source_line(data, fx.sources + fy.sources, lang)
    title = f"{t('scatter', lang)} · {year}"
    if year != shown_year:  # the shown year lacks one of the axes: say which year this is instead
        title += f" ({t('scatter_year_note', lang).format(year=year)})"
    return _figure(traces, layout, title, f"{src}<br>{note}" if note else src, lang)
