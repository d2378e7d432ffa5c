"""What a linked chart is, for everything that places, updates, exports or links it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

from model.prepared import Prepared
from view.state import ViewState


@dataclass(frozen=True)
class ChartSpec:
    """One kind of linked chart.

    - ``key``: its one name: the export's ``what`` and file names, and its graph's id ``chart-<key>``;
    - ``label``: the key of its name in the page's texts (view/i18n.py);
    - ``build(data, state)``: the figure as a plain dict (JSON types only), from the prepared data;
    - ``traces``: the Plotly trace types it draws (the page's plotly.js bundle must carry them);
    - ``placement``: ``"side"`` (beside the map) or ``"details"`` (below it, with the table);
    - ``province_marks``: its marks carry province adcodes as customdata: hovering one outlines the
      province on the map, a click selects it, and the arrow keys step through them;
    - ``chooses_axes``: the user chooses its x and y indicators (the state's ``x`` and ``y``);
    - ``counts_hubs``: it draws hubs, so the hub filters (layers, sectors, levels, statuses,
      measure) change it; the others draw indicator values, which those filters leave alone;
    - ``fit(traces, state, plot, text_px)``: where what it draws depends on its plot's size, fits
      its ``traces`` (its figure's, dicts or Plotly objects, updated in place) to a plot of ``plot``
      (width, height, px) with type of ``text_px``: an export's canvas (the scatter's names).
    """

    key: str
    label: str
    build: Callable[[Prepared, ViewState], dict]
    traces: tuple[str, ...]
    placement: str
    province_marks: bool = True
    chooses_axes: bool = False
    counts_hubs: bool = False
    fit: Callable[[list, ViewState, tuple[float, float], float], None] | None = None

    @property
    def component_id(self) -> str:
        """The id of its dcc.Graph."""
        return f"chart-{self.key}"

    def figure(self, data: Prepared, state: ViewState) -> go.Figure:
        """The chart as a ``go.Figure`` (exports, tests): the same dict, validated by Plotly."""
        return go.Figure(self.build(data, state))
