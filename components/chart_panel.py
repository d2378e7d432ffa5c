"""The linked charts' frames, placed from the registry of chart kinds (figures/charts)."""

from __future__ import annotations

from dash import dcc, html

from components import ids, options
from components.dropdown import dropdown
from components.graph_config import graph_config
from figures.charts import REGISTRY as CHART_KINDS
from figures.charts.spec import ChartSpec
from model.prepared import Prepared
from view.i18n import DEFAULT_LANG, t
from view.state import ViewState


def labelled(component_id: str, key: str, control, lang: str) -> html.Div:
    """A control under its label (the label's text is the page text ``key``)."""
    return html.Div(
        [html.Label(t(key, lang), id=ids.label(component_id), htmlFor=component_id), control],
        className="control",
    )


def _axislabelled(data: Prepared, component_id: str, key: str, value: str, lang: str) -> html.Div:
    axis_options = options.indicators(data, lang)
    control = dropdown(component_id, lang, options=axis_options, value=value, clearable=False, optionHeight=48)
    return labelled(component_id, key, control, lang)


def _chart(spec: ChartSpec, lang: str) -> html.Div:
    """A chart in a focusable frame: assets/atlas.js steps through its provinces with the arrow keys
    and outlines on the map the province of a hovered mark (``data-province-marks``).
    """
    marks = {"data-province-marks": "true"} if spec.province_marks else {}
    return html.Div(
        dcc.Graph(
            id=spec.component_id, config=graph_config("chart", DEFAULT_LANG), className="chart-graph", responsive=True
        ),
        className="chart",
        tabIndex="0",
        role="figure",
        id=f"{spec.component_id}-frame",
        **{"aria-label": t("chart_label", lang).format(title=t(spec.label, lang))},
        **marks,
    )


def charts(data: Prepared, placement: str, lang: str) -> list:
    """The charts of the registry placed ``placement`` ("side", "details"), in its order; a chart
    whose axes the user chooses comes with its two indicator menus.
    """
    out = []
    for spec in CHART_KINDS.values():
        if spec.placement != placement:
            continue
        if spec.chooses_axes:
            axes = html.Div(
                [
                    _axislabelled(data, ids.SCATTER_X, "x_indicator", ViewState().x, lang),
                    _axislabelled(data, ids.SCATTER_Y, "y_indicator", ViewState().y, lang),
                ],
                className="scatter-controls",
            )
            out.append(html.Div([axes, _chart(spec, lang)], className="chart-column"))
        else:
            out.append(_chart(spec, lang))
    return out


def more_charts(data: Prepared, lang: str) -> html.Div:
    return html.Div(charts(data, "details", lang), className="charts")
