"""Hubs established each year, stacked by layer: how the west's innovation map grew.

It counts the hubs passing every filter but the year (so the whole history shows), and marks the
chosen year: the bars after it, the hubs a map of that year does not show, are pale (read as
"the map's year and what came after", not as hubs of that year). Hubs whose year no source gives
are counted in the title, never placed in a guessed year.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from figures.charts import frame
from figures.charts.spec import ChartSpec
from figures.palette import GRID
from figures.sources import source_line
from layers import POINT_LAYERS, REGISTRY
from model.prepared import Prepared
from view.i18n import pick, t
from view.state import ViewState

AFTER_OPACITY = 0.3  # how much of the bars of the years after the chosen one shows through the veil
YEAR_LINE = "#c0392b"


def build(data: Prepared, state: ViewState) -> dict:
    """Hubs passing the filters (the year aside) per year of establishment (x) and layer (stacked
    bars, one trace per layer); a line at the chosen year when one is chosen.
    """
    lk = data.lookup
    lang = state.lang
    # every year, the other filters kept; a status filter, and a search for a status, ask the
    # chosen year's status, as the map does
    mask = lk.hub_mask(replace(state, year=None, statuses=(), search=""))
    if state.statuses:
        mask &= lk.statuses_in(state.year).isin(state.statuses)
    if state.search_terms:
        mask &= lk.search_mask(state.search_terms, state.year)
    known = mask & ~lk.no_year
    # one x axis for every state (the years of all the data's hubs, as x0 and dx): a change of
    # filters sends only the counts that changed, not the years again for every layer
    every = lk.established[~lk.no_year].astype(int)
    first, last = (int(every.min()), int(every.max())) if every.size else (2000, 2000)
    span = list(range(first, last + 1))
    traces = []
    for key in POINT_LAYERS:
        code = lk.layer.keys.get(key)
        rows = known & (lk.layer.codes == code) if code is not None else np.zeros(lk.n_hubs, dtype=bool)
        counts = np.bincount(lk.established[rows].astype(int) - first, minlength=len(span)).tolist()
        spec = REGISTRY[key]
        traces.append(
            {
                "type": "bar",
                "x0": first,
                "dx": 1,
                "y": counts[: len(span)],
                "name": pick(spec.label_zh, spec.legend_en or spec.label_en, lang),
                "visible": bool(rows.any()),
                "marker": {"color": spec.style["color"]},
                "hovertemplate": "%{x} · %{fullData.name}: %{y}<extra></extra>",
            }
        )
    layout = {
        "barmode": "stack",
        "bargap": 0.15,
        "legend": frame.layer_legend(),
        "xaxis": {"dtick": 5, "tickfont": {"size": 10}, "automargin": True},
        "yaxis": {"title": {"text": t("hubs", lang)}, "gridcolor": GRID},
    }
    if state.year is not None:
        # the years after the chosen one, pale under a veil (one shape, not an opacity per bar of
        # every layer: a year's change sends only its x): a 2015 view's chart drew 2016-2022's bars
        # as 2015's were drawn, read as hubs of 2015 (its export's title says 2015)
        layout["shapes"] = [
            {"type": "rect", "x0": state.year + 0.5, "x1": last + 1, "y0": 0, "y1": 1, "yref": "paper",
             "fillcolor": "white", "opacity": 1 - AFTER_OPACITY, "line": {"width": 0}, "layer": "above"},
            {"type": "line", "x0": state.year + 0.5, "x1": state.year + 0.5, "y0": 0, "y1": 1, "yref": "paper",
             "line": {"color": YEAR_LINE, "width": 1.5, "dash": "dash"}},
        ]  # fmt: skip
        # the line says what it is: the map's year, the pale bars after it
        layout["annotations"] = [
            {"text": t("approvals_after", lang).format(year=state.year), "x": state.year + 0.5, "y": 1, "yref": "paper",
             "xanchor": "left", "yanchor": "top", "showarrow": False, "font": {"size": 9, "color": YEAR_LINE}}
        ]  # fmt: skip
    unknown = int((mask & lk.no_year).sum())
    title = t("approvals_by_year", lang) + (t("approvals_unknown", lang).format(n=unknown) if unknown else "")
    title = frame.wrap(title, 30)  # the pane is narrow: the count of unknown years went past its edge
    if not known.any():
        layout["annotations"] = [frame.no_data_note(t("nothing_shown", lang))]
    return frame.figure(traces, layout, title, source_line(data, lk.sources_of_hubs(known, 50), lang), lang)


SPEC = ChartSpec(
    key="approvals",
    label="approvals_by_year",
    build=build,
    traces=("bar",),
    placement="details",
    province_marks=False,
    counts_hubs=True,
)
