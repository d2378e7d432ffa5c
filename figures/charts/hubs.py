"""Counts of the filtered hubs by province, stacked by layer."""

from __future__ import annotations

import numpy as np

from figures.charts import frame
from figures.charts.spec import ChartSpec
from figures.palette import GRID
from figures.sources import source_line
from layers import POINT_LAYERS, REGISTRY
from model.prepared import Prepared
from view.i18n import pick, t
from view.state import ViewState


def build(data: Prepared, state: ViewState) -> dict:
    """Hubs passing the filters per province (x: adcodes, named by the axis's tick text) and layer
    (stacked bars, one trace per layer).
    """
    lk = data.lookup
    lang = state.lang
    mask = lk.hub_mask(state)
    provinces = sorted(lk.provinces_of(state.region) if not state.provinces else state.provinces)
    names = [frame.province_name(a, lang) for a in provinces]
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
                "x": provinces,  # adcodes: the same in every language (the axis names them)
                "y": [row[c] if c is not None else 0 for c in columns],
                "name": pick(spec.label_zh, spec.legend_en or spec.label_en, lang),
                "visible": code is not None and sum(row) > 0,
                "marker": {"color": spec.style["color"]},
                "customdata": provinces,
                "hovertemplate": "%{x} · %{fullData.name}: %{y}<extra></extra>",
            }
        )
    layout = {
        "barmode": "stack",
        "legend": frame.layer_legend(),
        "clickmode": "event",
        # the provinces' names once, as the axis's tick text, not in every trace's x: a change of
        # language patches one array, and Plotly's hover (%{x}) reads the tick text too
        "xaxis": {
            "type": "category",
            "tickmode": "array",
            "tickvals": provinces,
            "ticktext": names,
            "tickangle": -45,
            "tickfont": {"size": 9},
            "automargin": True,
        },
        "yaxis": {"title": {"text": t("hubs", lang)}, "gridcolor": GRID},
        "margin": {"b": 60},
    }
    title = f"{t('hubs_by_layer', lang)} ({int(mask.sum())})"
    if not mask.any():
        layout["annotations"] = [frame.no_data_note(t("nothing_shown", lang))]
    return frame.figure(traces, layout, title, source_line(data, lk.sources_of_hubs(mask, 50), lang), lang)


SPEC = ChartSpec(key="hubs", label="hubs_by_layer", build=build, traces=("bar",), placement="details", counts_hubs=True)
