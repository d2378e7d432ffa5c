"""The linked charts (figures/charts: one callback per kind of its registry) follow the state.

Each follows it by the one protocol of callbacks/follow.py: a sector filter changes the hubs chart,
not the ranking (nothing is sent); a new year sends the ranking's new values and labels as a Patch,
not its styles.
"""

from __future__ import annotations

from dash import Input, Output, State, callback

from callbacks.follow import Follower, follow
from components import ids
from figures.charts import REGISTRY as CHART_KINDS


def follower(chart_id: str) -> Follower:
    """The chart of graph id ``chart_id`` as a Follower: its content is its whole figure."""
    spec = next(s for s in CHART_KINDS.values() if s.component_id == chart_id)
    return Follower(chart_id, spec.build)


def update_chart(chart_id: str, state_data: object, shown: object) -> tuple:
    """(figure, Patch or no_update; what the chart's store holds then): callbacks/follow.follow."""
    return follow(follower(chart_id), state_data, shown)


def _register(chart_id: str) -> None:
    @callback(
        Output(chart_id, "figure"),
        Output(ids.shown(chart_id), "data"),
        Input(ids.STATE, "data"),
        State(ids.shown(chart_id), "data"),
    )
    def update(state_data, shown=None):
        return update_chart(chart_id, state_data, shown)


for _spec in CHART_KINDS.values():
    _register(_spec.component_id)
