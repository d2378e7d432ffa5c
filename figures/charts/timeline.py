"""The indicator over the years for the selected provinces (else the region's), with the national line."""

from __future__ import annotations

from figures.charts import frame
from figures.charts.spec import ChartSpec
from figures.palette import GRID, NATIONAL_LINE
from figures.sources import source_line
from model.prepared import Prepared
from model.regions import NATIONAL
from view.i18n import t
from view.state import ViewState


def build(data: Prepared, state: ViewState) -> dict:
    """One line per province shown (the selected ones, else the region's) and the national line."""
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
                "name": frame.province_name(adcode, lang),
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
        "xaxis": {"dtick": 2, "gridcolor": GRID},
        "yaxis": {"title": {"text": frame.unit(meta, lang)}, "gridcolor": GRID},
        "legend": {"font": {"size": 9}},
    }
    title = f"{t('over_time', lang)}<br>{frame.wrap(frame.indicator_name(meta, lang), 30)}"
    return frame.figure(traces, layout, title, source_line(data, lk.all_sources.get(state.indicator, ()), lang), lang)


SPEC = ChartSpec(
    key="timeline", label="over_time", build=build, traces=("scatter",), placement="details", province_marks=True
)
