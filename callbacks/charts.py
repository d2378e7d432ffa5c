"""The four linked charts follow the state."""

from __future__ import annotations

from dash import Input, Output, callback

from atlas import model
from atlas.data import atlas
from atlas.state import ViewState
from components import ids
from figures import charts


@callback(
    Output(ids.RANKING, "figure"),
    Output(ids.TIMELINE, "figure"),
    Output(ids.HUB_CHART, "figure"),
    Output(ids.SCATTER, "figure"),
    Input(ids.STATE, "data"),
)
def update_charts(state_data):
    state = ViewState.from_dict(state_data, model.vocab())
    data = atlas()
    return (
        charts.ranking(data, state),
        charts.over_time(data, state),
        charts.hubs_by_layer(data, state),
        charts.scatter(data, state),
    )
