"""The linked charts: one module per kind, each exposing ``SPEC`` (figures/charts/spec.py).

``REGISTRY`` lists them in the page's order. The page's layout, the chart callbacks, the export
options, the page's script and the plotly.js bundle's traces all come from it: a new kind is a new
module here and a line below (docs/architecture.md).
"""

from __future__ import annotations

from figures.charts import approvals, hubs, ranking, scatter, timeline
from figures.charts.spec import ChartSpec

REGISTRY: dict[str, ChartSpec] = {
    spec.key: spec for spec in (ranking.SPEC, timeline.SPEC, hubs.SPEC, approvals.SPEC, scatter.SPEC)
}
