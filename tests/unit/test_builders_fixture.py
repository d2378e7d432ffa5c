"""Every builder of figures/, components/ and the exports runs on the small fixture atlas
(Sichuan, Chongqing, Gansu: tests/data/make_fixture.py) and shows that data, not the bundled one.

Builders are pure functions of the prepared data passed in: if one read the app's own data, its
output here would name provinces and hubs the fixture does not have.
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from dash import html

from components import dashboard, legend, options, text_catalogue, views
from export import downloads, render
from figures import map as fmap
from figures.charts import REGISTRY as CHART_KINDS
from figures.patching import apply_patch
from layers import POINT_LAYERS
from model.regions import NATIONAL
from tests.tree import walk
from view.state import ViewState

THREE = {"510000", "500000", "620000"}
GANSU = "620000"


def _points(figure: dict) -> int:
    """Hubs drawn on a map figure (a hidden hub's position is None)."""
    return sum(sum(x is not None for x in figure["data"][i].get("lon") or []) for i in fmap.HUB_TRACE.values())


def test_the_fixture_is_prepared_apart_from_the_apps_data(fixture_data, atlas_data):
    assert fixture_data is not atlas_data
    assert set(fixture_data.hubs["province_adcode"]) == THREE
    assert fixture_data.vocab.hub_ids == frozenset(fixture_data.hubs["id"])
    assert fixture_data.lookup.n_hubs == len(fixture_data.hubs) < len(atlas_data.hubs)


def test_the_map_draws_the_fixtures_hubs_and_values(fixture_data):
    base = json.loads(fmap.base_figure_json(fixture_data))
    assert _points(base) == len(fixture_data.hubs)
    gansu = apply_patch(base, fmap.map_patch(fixture_data, ViewState(provinces=(GANSU,))))
    z = dict(zip(base["data"][fmap.PROVINCES]["locations"], gansu["data"][fmap.PROVINCES]["z"]))
    no_data = [a for a in ("610000", "530000") if z[a] == z["630000"]]  # western, not in the fixture
    assert no_data == ["610000", "530000"]
    assert len({z[a] for a in THREE}) >= 1 and all(z[a] != z["630000"] for a in THREE)
    model = fmap.legend_model(fixture_data, ViewState())
    assert model["items"] and model["title"]
    exported = fmap.export_dict(fixture_data, ViewState(provinces=(GANSU,)))
    assert _points(exported) == (fixture_data.hubs["province_adcode"] == GANSU).sum() > 0
    by_prefecture = fmap.export_dict(fixture_data, ViewState(view="prefecture"))["data"][fmap.PREFECTURES]
    drawn = {f["properties"]["adcode"] for f in by_prefecture["geojson"]["features"]}  # not a blank map
    assert by_prefecture["visible"] is True and set(by_prefecture["locations"]) <= drawn and drawn


def test_the_charts_show_the_fixtures_provinces(fixture_data):
    ranking = CHART_KINDS["ranking"].build(fixture_data, ViewState())
    assert set(ranking["data"][0]["customdata"]) == THREE
    over_time = CHART_KINDS["timeline"].build(fixture_data, ViewState(provinces=(GANSU,)))
    assert over_time["data"]
    hubs = CHART_KINDS["hubs"].build(fixture_data, ViewState())
    assert sum(sum(t["y"]) for t in hubs["data"]) == len(fixture_data.hubs)
    scatter = CHART_KINDS["scatter"].build(fixture_data, ViewState())
    plotted = {a for t in scatter["data"] for a in t.get("customdata") or []}
    assert plotted <= THREE and plotted


def test_the_table_card_and_legend_show_the_fixtures_hubs(fixture_data):
    rows = views.all_rows(fixture_data)
    assert [r["id"] for r in rows] == list(fixture_data.hubs["id"])
    gansu = {r["id"] for r in views.table_rows(fixture_data, ViewState(provinces=(GANSU,)))}
    assert gansu == set(fixture_data.hubs.loc[fixture_data.hubs["province_adcode"] == GANSU, "id"])
    hub = fixture_data.hubs.iloc[0]
    card = views.hub_card(fixture_data, ViewState(hub=hub["id"]))
    assert any(isinstance(n, html.H2) and hub["name_zh"] in str(n.children) for n in walk(card))
    counts = legend.layer_counts(fixture_data, ViewState())
    assert sum(counts[k] for k in POINT_LAYERS) == len(fixture_data.hubs)
    assert counts["east_west"] == len(fixture_data.links)
    assert legend.legend_json(fixture_data, ViewState())


def test_the_page_is_built_from_the_fixture(fixture_data):
    page = dashboard.layout(fixture_data)
    stores = {n.id: n.data for n in walk(page) if getattr(n, "id", None) in ("layers", "year-ranges")}
    assert stores["layers"] == list(fixture_data.vocab.layers)
    assert {o["value"] for o in options.regions(fixture_data, "en")} == set(fixture_data.vocab.regions)
    footer = text_catalogue.catalogue(fixture_data, "en")
    assert any(str(len(fixture_data.sources)) in json.dumps(v, default=str) for _, _, v in footer)


@pytest.mark.parametrize("what", ["map", "ranking", "timeline", "hubs", "scatter"])
def test_exports_are_composed_from_the_fixture(fixture_data, what):
    fig = render.compose(fixture_data, ViewState(provinces=(GANSU,)), what)
    assert fig.data
    assert "甘肃" in render.title(fixture_data, ViewState(provinces=(GANSU,)))


def test_downloads_hold_the_fixtures_rows(fixture_data):
    _name, body = downloads.download(fixture_data, ViewState(), "hubs", "csv")
    table = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig")
    assert len(table) == len(fixture_data.hubs)
    _name, body = downloads.download(fixture_data, ViewState(), "indicators", "csv")
    values = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str)
    assert values.shape[0] > 0 and NATIONAL not in set(values.iloc[:, 0]) - THREE - {NATIONAL}


def test_a_new_chart_kind_is_one_registry_entry_away_from_the_page_the_callbacks_and_the_exports(
    fixture_data, monkeypatch
):
    """docs/architecture.md, "add a chart kind": a module with a spec, a line in the registry."""
    from callbacks import charts as charts_cb
    from callbacks import follow
    from components import export_panel
    from figures.charts import REGISTRY as CHART_KINDS
    from figures.charts.spec import ChartSpec

    def build(data, state):
        counts = data.hubs["province_adcode"].value_counts()
        bar = {"type": "bar", "x": list(counts.index), "y": [int(n) for n in counts], "customdata": list(counts.index)}
        return {"data": [bar], "layout": {"title": {"text": "demo"}}}

    spec = ChartSpec(key="demo", label="hubs", build=build, traces=("bar",), placement="details")
    monkeypatch.setitem(CHART_KINDS, "demo", spec)
    monkeypatch.setattr(follow, "current", lambda: fixture_data)

    graphs = {n.id for n in walk(dashboard.layout(fixture_data)) if isinstance(getattr(n, "id", None), str)}
    assert {"chart-demo", "chart-demo-frame", "chart-demo-shown"} <= graphs
    assert "demo" in {o["value"] for o in export_panel.what_options("en")}
    figure, shown = charts_cb.update_chart("chart-demo", ViewState().to_dict(), None)
    assert figure["data"][0]["x"] and shown["query"] == ""  # the default state's URL query
    assert render.compose(fixture_data, ViewState(), "demo").data[0].type == "bar"
    labels = {c for c, p, _ in text_catalogue.catalogue(fixture_data, "en") if p == "aria-label" and isinstance(c, str)}
    assert "chart-demo-frame" in labels
