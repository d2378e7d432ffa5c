"""The linked charts: ranking, time series, hubs by layer and province, and a two-indicator scatter.

Small figures, rebuilt whole on each change (they carry no geometry).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from atlas import model
from atlas.data import Atlas
from atlas.i18n import fmt_number, pick, t
from atlas.regions import NATIONAL, PROVINCES, WEST
from atlas.state import ViewState
from figures.palette import NATIONAL_LINE, OTHER_BAR, SELECTED_BORDER, WEST_BAR
from figures.sources import source_line
from figures.text import plain
from layers import POINT_LAYERS, REGISTRY

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"


def _province_name(adcode: str, lang: str) -> str:
    short, en = PROVINCES.get(adcode, ("全国", "China"))
    return pick(short, en, lang)


def _layout(fig: go.Figure, title: str, source: str, height: int = 320) -> go.Figure:
    fig.update_layout(
        title=dict(
            text=title,
            x=0.01,
            font=dict(size=14),
            subtitle=dict(text=source, font=dict(size=9, color="#666")),
        ),
        margin=dict(l=10, r=10, t=56, b=40),
        height=height,
        font=dict(family=FONT, size=11),
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    return fig


def _unit(meta: dict, lang: str) -> str:
    return plain(meta["unit_en"] if lang == "en" else pick(meta["unit_zh"], None, lang))


def _name(meta: dict, lang: str) -> str:
    """An indicator's name as literal text in a Plotly string."""
    return plain(pick(meta["name_zh"], meta["name_en"], lang))


def ranking(data: Atlas, state: ViewState) -> go.Figure:
    """Provinces ranked by the indicator; western bars coloured, national value as a line."""
    lang = state.lang
    year = state.resolved_year(model.vocab())
    meta = model.indicator_meta(data, state.indicator)
    frame = model.indicator_values(data, state.indicator, year)
    prov = frame[frame["adcode"] != NATIONAL].sort_values("value", ascending=True)
    selected = set(state.provinces)
    colours = [WEST_BAR if a in WEST else OTHER_BAR for a in prov["adcode"]]
    fig = go.Figure(
        go.Bar(
            y=[_province_name(a, lang) for a in prov["adcode"]],
            x=prov["value"],
            orientation="h",
            marker=dict(
                color=colours,
                line=dict(
                    color=[SELECTED_BORDER if a in selected else "rgba(0,0,0,0)" for a in prov["adcode"]],
                    width=2,
                ),
            ),
            customdata=prov["adcode"],
            hovertemplate="%{y}: %{x}<extra></extra>",
            name=t("west", lang),
        )
    )
    national = frame.loc[frame["adcode"] == NATIONAL, "value"]
    if len(national):
        value = float(national.iloc[0])
        fig.add_vline(x=value, line=dict(color=NATIONAL_LINE, dash="dash", width=1.5))
        fig.add_annotation(
            x=value,
            y=1.0,
            yref="paper",
            text=f"{t('national', lang)} {fmt_number(value, lang)}",
            showarrow=False,
            font=dict(color=NATIONAL_LINE, size=10),
            xanchor="left",
            yanchor="bottom",
        )
    fig.update_yaxes(tickfont=dict(size=9), automargin=True)
    fig.update_xaxes(title=_unit(meta, lang), gridcolor="#eee")
    title = f"{t('ranking', lang)}: {_name(meta, lang)} · {year}"
    fig = _layout(fig, title, source_line(data, frame["source_id"], lang), height=520)
    fig.update_layout(clickmode="event+select", showlegend=False)
    return fig


def over_time(data: Atlas, state: ViewState) -> go.Figure:
    """The indicator over the years for the selected provinces (else the western twelve), with the national line."""
    lang = state.lang
    meta = model.indicator_meta(data, state.indicator)
    frame = model.indicator_values(data, state.indicator)
    provinces = list(state.provinces) or sorted(model.region_provinces(data, state.region))
    fig = go.Figure()
    for adcode in provinces:
        sub = frame[frame["adcode"] == adcode].sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=sub["year"],
                y=sub["value"],
                mode="lines+markers",
                name=_province_name(adcode, lang),
                customdata=[adcode] * len(sub),
                line=dict(width=2.2 if state.provinces else 1.2),
                hovertemplate="%{fullData.name} %{x}: %{y}<extra></extra>",
            )
        )
    nat = frame[frame["adcode"] == NATIONAL].sort_values("year")
    if len(nat):
        fig.add_trace(
            go.Scatter(
                x=nat["year"],
                y=nat["value"],
                mode="lines",
                name=t("national", lang),
                line=dict(color=NATIONAL_LINE, dash="dash", width=2),
            )
        )
    fig.update_xaxes(dtick=2, gridcolor="#eee")
    fig.update_yaxes(title=_unit(meta, lang), gridcolor="#eee")
    fig.update_layout(legend=dict(font=dict(size=9)))
    title = f"{t('over_time', lang)}: {_name(meta, lang)}"
    return _layout(fig, title, source_line(data, frame["source_id"].unique(), lang))


def hubs_by_layer(data: Atlas, state: ViewState) -> go.Figure:
    """Counts of the filtered hubs by province, stacked by layer."""
    lang = state.lang
    hubs = model.filter_hubs(data, state)
    provinces = sorted(model.region_provinces(data, state.region) if not state.provinces else state.provinces)
    fig = go.Figure()
    for key in POINT_LAYERS:
        spec = REGISTRY[key]
        sub = hubs[hubs["layer"] == key]
        counts = sub["province_adcode"].value_counts()
        if counts.sum() == 0:
            continue
        fig.add_trace(
            go.Bar(
                x=[_province_name(a, lang) for a in provinces],
                y=[int(counts.get(a, 0)) for a in provinces],
                name=pick(spec.label_zh, spec.label_en, lang),
                marker_color=spec.style["color"],
                customdata=provinces,
                hovertemplate="%{x} · %{fullData.name}: %{y}<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        legend=dict(font=dict(size=9), orientation="h", y=-0.25),
        clickmode="event+select",
        height=420,
    )
    fig.update_xaxes(tickangle=-45, tickfont=dict(size=9))
    fig.update_yaxes(title=t("hubs", lang), gridcolor="#eee")
    title = f"{t('hubs_by_layer', lang)} ({len(hubs)})"
    fig = _layout(fig, title, source_line(data, [s for ids in hubs["source_id"] for s in ids][:50], lang), height=460)
    fig.update_layout(margin=dict(b=60))
    return fig


def scatter(data: Atlas, state: ViewState) -> go.Figure:
    """Two indicators against each other for the provinces, labelled, western ones highlighted."""
    lang = state.lang
    vocab = model.vocab()
    years = sorted(set(vocab.years.get(state.x, ())) & set(vocab.years.get(state.y, ())))
    year = state.resolved_year(vocab)
    if year not in years and years:
        year = years[-1]
    mx, my = model.indicator_meta(data, state.x), model.indicator_meta(data, state.y)
    fx = model.indicator_values(data, state.x, year).set_index("adcode")
    fy = model.indicator_values(data, state.y, year).set_index("adcode")
    both = (
        fx[["value"]]
        .add_suffix("_x")
        .join(fy[["value"]].add_suffix("_y"), how="inner")
        .drop(index=NATIONAL, errors="ignore")
    )
    fig = go.Figure()
    for is_west, colour in ((False, OTHER_BAR), (True, WEST_BAR)):
        sub = both[both.index.isin(WEST) == is_west]
        fig.add_trace(
            go.Scatter(
                x=sub["value_x"],
                y=sub["value_y"],
                mode="markers+text",
                text=[_province_name(a, lang) for a in sub.index],
                textposition="top center",
                textfont=dict(size=9),
                marker=dict(
                    size=[14 if a in state.provinces else 9 for a in sub.index],
                    color=colour,
                    line=dict(
                        color=[SELECTED_BORDER if a in state.provinces else "white" for a in sub.index],
                        width=1.5,
                    ),
                ),
                customdata=list(sub.index),
                name=t("west", lang) if is_west else t("other", lang),
                hovertemplate="%{text}: %{x}, %{y}<extra></extra>",
            )
        )
    fig.update_xaxes(title=f"{_name(mx, lang)} ({_unit(mx, lang)})", gridcolor="#eee")
    fig.update_yaxes(title=f"{_name(my, lang)} ({_unit(my, lang)})", gridcolor="#eee")
    derived = [m for m in (mx, my) if m["derived"]]
    note = "; ".join(plain(pick(m["definition_zh"], m["definition_en"], lang)) for m in derived)
    src = source_line(data, list(fx["source_id"]) + list(fy["source_id"]), lang)
    title = f"{t('scatter', lang)} · {year}"
    fig.update_layout(clickmode="event+select", legend=dict(font=dict(size=9)))
    return _layout(fig, title, f"{src}<br>{note}" if note else src, height=420)


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def province_indicator_table(data: Atlas, adcode: str, year: int, lang: str) -> pd.DataFrame:
    """Every indicator of one province for a year (for the hub card)."""
    rows = []
    for key in model.vocab().indicators:
        meta = model.indicator_meta(data, key)
        vals = model.value_by_province(data, key, year)
        rows.append(
            {
                "indicator": pick(meta["name_zh"], meta["name_en"], lang),
                "value": fmt_number(vals.get(adcode), lang),
                "unit": _unit(meta, lang),
            }
        )
    return pd.DataFrame(rows)
