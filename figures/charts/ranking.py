"""Provinces ranked by the indicator: western bars coloured, the national value as a line."""

from __future__ import annotations

from figures.charts import frame
from figures.charts.spec import ChartSpec
from figures.coverage import sparse_note, wrapped
from figures.palette import CLEAR, GRID, LABEL_PAPER, NATIONAL_LINE, OTHER_BAR, SELECTED_BORDER, WEST_BAR
from figures.sources import source_line
from model.prepared import Prepared
from model.regions import NATIONAL, WEST
from view.i18n import fmt_number, t
from view.state import ViewState


def build(data: Prepared, state: ViewState) -> dict:
    """The provinces with a value that year, ascending: ``{data: [bar], layout}``."""
    lk = data.lookup
    lang = state.lang
    year = state.resolved_year(data.vocab)
    meta = lk.meta[state.indicator]
    yv = lk.year_values(state.indicator, year)
    rows = [(a, v) for a, v in zip(yv.adcodes, yv.values) if a != NATIONAL]
    rows = [rows[i] for i in frame.ascending([v for _, v in rows])]
    adcodes = [a for a, _ in rows]
    selected = set(state.provinces)
    bar = {
        "type": "bar",
        "y": [frame.province_name(a, lang) for a in adcodes],
        "x": [v for _, v in rows],
        "orientation": "h",
        "marker": {
            "color": [WEST_BAR if a in WEST else OTHER_BAR for a in adcodes],
            "line": {"color": [SELECTED_BORDER if a in selected else CLEAR for a in adcodes], "width": 2},
        },
        "customdata": adcodes,
        "hovertemplate": "%{y}: %{x}<extra></extra>",
        "name": t("west", lang),
    }
    layout: dict = {
        # every bar named (dtick 1): Plotly skips category labels where the axis is short for them
        "yaxis": {"tickfont": {"size": 9}, "automargin": True, "dtick": 1},
        "xaxis": {"title": {"text": frame.unit(meta, lang)}, "gridcolor": GRID},
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
                "text": f"{t('national', lang)} {fmt_number(value, lang, meta['digits'])}",
                "showarrow": False,
                "font": {"color": NATIONAL_LINE, "size": 10},
                "bgcolor": LABEL_PAPER,
                "xanchor": "left",
                "yanchor": "bottom",
            }
        ]
    if not any(v is not None for _, v in rows):
        layout.setdefault("annotations", []).append(frame.no_data_note(t("year_no_data", lang).format(year=year)))
    title = f"{t('ranking', lang)} · {year}<br>{frame.wrap(frame.indicator_name(meta, lang), 26)}"
    if note := sparse_note(data.vocab, state.indicator, year, lang):  # why a bar or two, and no other
        title += f"<br>{wrapped(note, 26)}"
    return frame.figure([bar], layout, title, source_line(data, yv.sources, lang), lang)


SPEC = ChartSpec(key="ranking", label="ranking", build=build, traces=("bar",), placement="side")
