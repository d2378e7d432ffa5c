"""Every callback, called as a plain function (as Dash would call it, without a browser)."""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from dash import Output, Patch, no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks import charts as charts_cb
from callbacks import localize as localize_cb
from callbacks import map_view as map_cb
from callbacks import play as play_cb
from callbacks import selection as selection_cb
from callbacks import state as state_cb
from callbacks import table as table_cb
from components import controls, dashboard, ids, options, text_catalogue, views
from figures import patching
from figures.map import HUB_TRACE, PREFECTURES, PROVINCE_LABELS, PROVINCES, map_figure
from model.prepared import current, filter_hubs
from view.state import ViewState, from_query, to_query


@contextlib.contextmanager
def triggered(prop_id: str, value=None):
    token = context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop_id, "value": value}]))
    try:
        yield
    finally:
        context_value.reset(token)


def _controls(state: ViewState, stored: ViewState | None = None):
    """The callback's inputs showing ``state``, with the stored state ``stored`` (default: the default)."""
    shown, stores = controls.controls_from_state(state, current().vocab)
    stored = stored or ViewState()
    return [shown[c] for c in ids.CONTROLS] + [stores[s] for s in ids.STORES] + [stored.to_dict()]


def test_url_restores_controls_and_state():
    with triggered("url.search", "?lang=en&p=610000&m=12"):
        out = state_cb.sync_state("?lang=en&p=610000&m=12", *_controls(ViewState()))
    assert out[0] is no_update
    shown = dict(zip(ids.CONTROLS, out[1 : 1 + len(ids.CONTROLS)]))
    assert shown[ids.LANG] == "en" and shown[ids.PROVINCES] == ["610000"] and shown[ids.MEASURE] == "五(十二)"
    assert ViewState.from_dict(out[-2], current().vocab) == from_query("lang=en&p=610000&m=12", current().vocab)


def _first_load(state: ViewState) -> list:
    """The inputs of a page's first call: the controls showing ``state``, the state store empty."""
    return [*_controls(state)[:-1], None]


def test_malformed_url_gives_default_controls():
    with triggered("url.search", "?p=<script>&y=zz&lang=xx"):
        out = state_cb.sync_state("?p=<script>&y=zz&lang=xx", *_first_load(ViewState()))
    assert ViewState.from_dict(out[-2], current().vocab) == ViewState()
    assert out[-1] == ""  # what was ignored leaves the address bar (assets: history.replaceState)
    with triggered("url.search", "?lang=en&p=999999&y=abc&s=ai&mv=NaN,NaN,NaN&ind=gdp"):
        out = state_cb.sync_state("?lang=en&p=999999&y=abc&s=ai&mv=NaN,NaN,NaN&ind=gdp", *_first_load(ViewState()))
    assert out[-1] == "?" + to_query(from_query("lang=en&ind=gdp", current().vocab))
    with triggered("url.search", "?lang=en&p=610000&m=12"):  # a URL the state writes as it is: untouched
        out = state_cb.sync_state(
            "?" + to_query(from_query("lang=en&p=610000&m=12", current().vocab)), *_controls(ViewState())
        )
    assert out[-1] is no_update


def test_control_change_writes_the_url():
    state = ViewState(indicator="gdp")
    with triggered("indicator.value", "gdp"):
        out = state_cb.sync_state("", *_controls(state))
    assert out[0] == "?ind=gdp"
    assert all(o is no_update for o in out[1:-2])


def test_unchanged_url_is_not_pushed_again():
    with triggered("map-view.data"):
        out = state_cb.sync_state("?ind=gdp", *_controls(ViewState(indicator="gdp", map_view=(100, 30, 2))))
    assert out[0] == "?ind=gdp&mv=100,30,2"
    with triggered("indicator.value", "gdp"):
        out = state_cb.sync_state(
            "?ind=gdp", *_controls(ViewState(indicator="gdp"), ViewState(indicator="gdp", hub="htz-xian"))
        )
    assert out[0] is no_update and ViewState.from_dict(out[-2], current().vocab).hub is None


def test_a_control_resending_its_value_changes_nothing():
    state = ViewState(provinces=("510000",))
    with triggered("layers.data"):
        out = state_cb.sync_state("?p=510000", *_controls(state, state))
    assert all(o is no_update for o in out)


def test_bad_control_values_fall_back():
    values = _controls(ViewState())
    values[ids.CONTROLS.index(ids.PROVINCES)] = ["<img src=x>", 5]
    values[ids.CONTROLS.index(ids.YEAR)] = "soon"
    with triggered("provinces.value"):
        out = state_cb.sync_state("", *values)
    assert ViewState.from_dict(out[-2], current().vocab).provinces == ()


def test_a_new_indicator_takes_its_own_default_year_and_the_slider_shows_it():
    # 2024 exists for R&D intensity, not for patents (the map was all "no data")
    vocab = current().vocab
    assert 2024 in vocab.years_of("rd_intensity") and 2024 not in vocab.years_of("patents_granted")
    values = _controls(ViewState(year=2024))
    values[ids.CONTROLS.index(ids.INDICATOR)] = "patents_granted"
    with triggered("indicator.value", "patents_granted"):
        out = state_cb.sync_state("?y=2024", *values[:-1], ViewState(year=2024).to_dict())
    state = ViewState.from_dict(out[-2], vocab)
    latest = vocab.default_year("patents_granted")
    assert state.year is None and state.resolved_year(vocab) == latest
    shown = dict(zip(ids.CONTROLS, out[1 : 1 + len(ids.CONTROLS)]))
    assert shown[ids.YEAR] == latest  # the slider moves to the year shown
    assert out[0] == "?ind=patents_granted"
    slider = options.year_ranges(vocab)["patents_granted"]  # the page's table for the slider
    assert (slider["min"], slider["max"]) == (vocab.years_of("patents_granted")[0], latest)
    assert str(latest) in slider["marks"].values()


def test_typing_in_the_search_box_writes_the_url_and_keeps_what_is_typed():
    values = _controls(ViewState(year=2015), ViewState(year=2015))
    values[ids.CONTROLS.index(ids.TABLE_SEARCH)] = "杨凌 "  # a space typed before the next word
    with triggered("hub-table-search.value", "杨凌 "):
        out = state_cb.sync_state("?y=2015", *values)
    state = ViewState.from_dict(out[-2], current().vocab)
    assert state.search == "杨凌" and out[0] == "?" + to_query(ViewState(year=2015, search="杨凌"))
    assert out[1 + ids.CONTROLS.index(ids.TABLE_SEARCH)] is no_update  # the space stays in the box
    with triggered("url.search", out[0]):  # a shared link: the box shows its search
        back = state_cb.sync_state(out[0], *_controls(ViewState()))
    assert back[1 + ids.CONTROLS.index(ids.TABLE_SEARCH)] == "杨凌"


def test_a_new_region_starts_from_its_own_extent():
    panned = ViewState(map_view=(100.0, 30.0, 3.0))
    values = _controls(panned, panned)
    values[ids.CONTROLS.index(ids.REGION)] = "chengyu"
    with triggered("region.value", "chengyu"):
        out = state_cb.sync_state("?mv=100,30,3", *values)
    state = ViewState.from_dict(out[-2], current().vocab)
    assert state.region == "chengyu" and state.map_view is None
    assert out[1 + len(ids.CONTROLS) + ids.STORES.index(ids.MAP_VIEW)] is None


def _locations(patch):
    return [op["location"] for op in patch.to_plotly_json()["operations"]]


def test_map_update_is_a_patch_and_loads_prefectures_once():
    state = ViewState(view="prefecture").to_dict()
    patch, loaded, rendered = map_cb.update_map(state, False, _page_start())
    assert isinstance(patch, Patch) and loaded is True and shown_state(rendered) == state
    assert ["data", PREFECTURES, "geojson"] in _locations(patch)
    assert map_cb.update_map(state, True, rendered) == (no_update, True, no_update)  # shown already
    patch2, loaded2, _ = map_cb.update_map(ViewState(view="prefecture", year=2018).to_dict(), True, rendered)
    assert not any("geojson" in loc for loc in _locations(patch2)) and loaded2 is True


def test_a_past_year_shows_the_hubs_of_that_year_and_marks_those_of_unknown_year():
    data = current()
    patch, _, _ = map_cb.update_map(ViewState(year=2015).to_dict(), False, _page_start())
    figure = patching.apply_patch(map_figure(data, ViewState()), patch)
    drawn = sum(sum(x is not None for x in figure["data"][i]["lon"]) for i in HUB_TRACE.values())
    established = data.hubs["established"]
    existing = (established.isna() | (established <= 2015)).to_numpy()
    # one point per place: Yangling's three designations are drawn once
    assert drawn == data.lookup.places(existing) < int(existing.sum()) < len(data.hubs)
    hollow = [s for i in HUB_TRACE.values() for s in figure["data"][i]["marker"].get("symbol") or [] if "-open" in s]
    assert len(hollow) == int(established.isna().sum()) > 0  # shown, marked, never hidden or guessed


def shown_state(shown: dict) -> dict:
    """The state (as a dict) a figure's store says it shows (figures.patching.shown)."""
    return from_query(shown["query"], current().vocab).to_dict() if "query" in shown else shown["state"]


def _page_start() -> dict:
    """What the map's store holds on a new page (the base figure's state)."""
    return patching.shown(current(), ViewState())


def test_map_update_sends_only_what_differs_from_the_shown_state():
    shown = _page_start()
    patch, _, rendered = map_cb.update_map(ViewState(indicator="gdp").to_dict(), False, shown)
    locs = _locations(patch)
    assert ["data", PROVINCES, "hovertemplate"] in locs and ["data", PROVINCES, "z"] in locs
    hub_changes = [loc for loc in locs if loc[1] in HUB_TRACE.values()]
    assert hub_changes == []  # the hubs did not change
    assert shown_state(rendered)["indicator"] == "gdp"
    # the same state again: nothing
    assert map_cb.update_map(shown_state(rendered), False, rendered)[0] is no_update


def test_language_change_sends_templates_not_hover_texts():
    patch, _, _ = map_cb.update_map(ViewState(lang="en").to_dict(), False, _page_start())
    hub_locs = [loc for loc in _locations(patch) if loc[1] in HUB_TRACE.values()]
    assert {loc[-1] for loc in hub_locs} == {"hovertemplate"}


@pytest.mark.parametrize(
    "store", [None, {"lang": 7}, {"state": "x", "version": ""}, {"state": {}, "version": "another data version"}]
)
def test_a_map_whose_store_is_unknown_or_of_other_data_gets_the_whole_figure(store):
    state = ViewState(view="prefecture", year=2018)
    figure, loaded, now = map_cb.update_map(state.to_dict(), True, store)
    assert isinstance(figure, dict) and loaded is True and now == patching.shown(current(), state)
    assert figure == map_figure(current(), state)  # the base geometry, the state drawn, the prefectures
    assert figure["data"][PREFECTURES]["geojson"]["features"]


def test_map_update_survives_a_garbage_state():
    patch, _, _ = map_cb.update_map({"indicator": ["x"], "year": {}}, None, _page_start())
    assert patch is no_update or isinstance(patch, Patch)  # read as the default state


def test_zooming_in_shows_smaller_provinces_and_city_names_and_larger_hubs():
    near, _, _ = map_cb.update_map(ViewState(map_view=(104.0, 30.6, 4.0)).to_dict(), False, _page_start())
    locs = _locations(near)
    assert ["data", PROVINCE_LABELS, "text"] in locs  # Beijing, Tianjin... are named once zoomed in
    assert any(loc[-1] == "text" and loc[1] == PROVINCE_LABELS + 1 for loc in locs)  # city names appear
    assert ["data", HUB_TRACE["agri_parks"], "marker", "size"] in locs


SELECT_ARGS = (
    "map_click",
    "map_selected",
    "c1",
    "c2",
    "c3",
    "c4",
    "chart_pick",
    "ticked",
    "opened",
    "close",
    "clear",
    "provinces",
    "hub",
    "picked",
    "lang",
)


def _select(trigger, **kw):
    args = dict.fromkeys(SELECT_ARGS) | {"clear": 0, "close": 0, "provinces": [], "picked": []} | kw
    with triggered(trigger):
        return selection_cb.select(*(args[k] for k in SELECT_ARGS))


def test_clicking_a_province_toggles_it():
    click = {"points": [{"curveNumber": PROVINCES, "location": "510000"}]}
    provinces, *_ = _select("map-click.data", map_click=click, provinces=["610000"])
    assert provinces == ["610000", "510000"]
    provinces, *_ = _select("map-click.data", map_click=click, provinces=["610000", "510000"])
    assert provinces == ["610000"]


def test_clicking_a_province_outside_the_west_selects_nothing_and_says_why():
    click = {"points": [{"curveNumber": PROVINCES, "location": "340000"}]}
    for lang, words in (("zh-Hans", "安徽不属于西部"), ("en", "Anhui is not one of the twelve western provinces")):
        provinces, hub, _, _, notice = _select("map-click.data", map_click=click, provinces=["610000"], lang=lang)
        assert provinces is no_update and hub is no_update and words in notice


def test_clicking_a_hub_opens_its_card_and_closing_it_closes_it():
    click = {"points": [{"curveNumber": HUB_TRACE["hightech_zones"], "customdata": ["htz-xian", "西安高新区"]}]}
    _, hub, *_ = _select("map-click.data", map_click=click)
    assert hub == "htz-xian"
    cluster = {"points": [{"curveNumber": HUB_TRACE["hightech_zones"], "customdata": ["", "陕西: 7"]}]}
    _, hub, *_ = _select("map-click.data", map_click=cluster, hub="htz-xian")
    assert hub is no_update  # a cluster of hubs has no card: the open card stays
    _, hub, *_ = _select("hub-card-close.n_clicks", hub="htz-xian", close=1)
    assert hub is None


def test_a_lasso_chooses_the_hubs_it_encloses_whatever_their_province_and_no_province():
    # Plotly reports the provinces whose centre the lasso holds (here Chongqing), and the hubs inside
    # it (one of them in Sichuan, a province the lasso only touches): choosing Chongqing would
    # filter that hub out of the table while the lasso chose it
    sel = {
        "points": [
            {"curveNumber": PROVINCES, "location": "500000"},
            {"curveNumber": HUB_TRACE["hightech_zones"], "customdata": ["htz-chongqing", "重庆"]},
            {"curveNumber": HUB_TRACE["hightech_zones"], "customdata": ["htz-chengdu", "成都"]},
        ]
    }
    provinces, hub, hubs, _, notice = _select("map.selectedData", map_selected=sel, provinces=["610000"])
    assert provinces is no_update and hub is no_update and notice == ""
    assert hubs == ["htz-chongqing", "htz-chengdu"]
    state = ViewState(provinces=(), hubs=tuple(hubs))
    assert set(filter_hubs(current(), state)["id"]) >= {"htz-chongqing", "htz-chengdu"}


def test_a_lasso_round_no_hub_changes_nothing_and_says_so():
    sel = {"points": [{"curveNumber": PROVINCES, "location": "620000"}]}
    for lang, words in (("zh-Hans", "没有载体"), ("en", "No hub inside")):
        *out, notice = _select("map.selectedData", map_selected=sel, provinces=["510000"], lang=lang)
        assert all(o is no_update for o in out) and words in notice


def test_a_lasso_round_more_hubs_than_a_link_holds_changes_nothing_and_says_so(monkeypatch):
    monkeypatch.setattr(selection_cb, "MAX_IDS", 20)
    ids_ = ["htz-xian", "htz-chengdu", "htz-chongqing"]
    sel = {"points": [{"curveNumber": HUB_TRACE["hightech_zones"], "customdata": [h, h]} for h in ids_]}
    *out, notice = _select("map.selectedData", map_selected=sel)
    assert all(o is no_update for o in out) and "3 个载体" in notice


def test_a_lasso_closes_the_card_of_a_hub_it_leaves_out_and_keeps_one_it_holds():
    sel = {"points": [{"curveNumber": HUB_TRACE["hightech_zones"], "customdata": ["htz-xian", "西安"]}]}
    _, hub, hubs, _, _ = _select("map.selectedData", map_selected=sel, hub="htz-chengdu")
    assert hub is None and hubs == ["htz-xian"]
    _, hub, *_ = _select("map.selectedData", map_selected=sel, hub="htz-xian")
    assert hub is no_update


def test_an_empty_selection_changes_nothing():
    # the page clears Plotly's own selection once a choice is drawn, which reports an empty one
    out = _select("map.selectedData", map_selected={"points": []}, provinces=["510000"])
    assert all(o is no_update for o in out)


def test_a_province_picked_in_a_chart_with_the_keyboard_toggles_it():
    pick = {"points": [{"customdata": "530000"}], "t": 1}
    provinces, *_ = _select("chart-pick.data", chart_pick=pick, provinces=["530000", "610000"])
    assert provinces == ["610000"]


def test_clicking_a_bar_selects_its_province():
    click = {"points": [{"customdata": "530000"}]}
    provinces, *_ = _select("chart-ranking.clickData", c1=click)
    assert provinces == ["530000"]


def test_table_ticks_open_the_card_and_are_ringed():
    _, hub, _, picked, _ = _select("hub-table.ticked", ticked=["htz-chengdu", "htz-xian"])
    assert hub == "htz-xian" and picked == ["htz-chengdu", "htz-xian"]  # the last ticked opens


def test_table_rejects_unknown_ids_and_changes_nothing_for_ticks_already_held():
    out = _select("hub-table.ticked", ticked=["../../etc/passwd", {"id": "htz-xian"}, 7], picked=["htz-xian"])
    assert out[1] is no_update and out[3] == []
    out = _select("hub-table.ticked", ticked=["htz-xian", "htz-chengdu"], picked=["htz-chengdu", "htz-xian"])
    assert all(o is no_update for o in out)
    assert all(o is no_update for o in _select("hub-table.ticked", ticked={"ids": ["htz-xian"]}))


def test_opening_a_table_row_opens_its_card_and_nothing_else():
    out = _select(
        "hub-table.activated", opened={"id": "htz-xian", "n": 3}, provinces=["510000"], picked=["htz-chengdu"]
    )
    assert out[1] == "htz-xian" and all(o is no_update for i, o in enumerate(out) if i != 1)


@pytest.mark.parametrize(
    "bad", [None, "htz-xian", {}, {"id": None}, {"id": 7}, {"id": ["htz-xian"]}, {"id": "../../etc/passwd", "n": 1}]
)
def test_opening_an_unknown_or_garbled_row_changes_nothing(bad):
    assert all(o is no_update for o in _select("hub-table.activated", opened=bad, hub="htz-chengdu"))


def test_clear_resets_every_selection():
    assert _select("clear-selection.n_clicks", provinces=["510000"], hub="htz-xian") == ([], None, [], [], "")


@pytest.mark.parametrize(
    "bad", [None, {}, {"points": None}, {"points": [None]}, {"points": [{"curveNumber": "x"}]}, "str", 7]
)
def test_garbage_clicks_change_nothing(bad):
    out = _select("map-click.data", map_click=bad, provinces=["510000"], hub="htz-xian")
    assert all(o is no_update for o in out)  # not even the current values: a shared link may be loading
    out = _select("chart-pick.data", chart_pick=bad, provinces=["510000"], hub="htz-xian")
    assert all(o is no_update for o in out)


def test_charts_follow_the_state():
    state = ViewState(provinces=("610000",), lang="en").to_dict()
    fig, shown = charts_cb.update_chart(ids.chart("ranking"), state, None)
    assert "Provinces ranked" in fig["layout"]["title"]["text"]
    assert shown == patching.shown(current(), ViewState.from_dict(state, current().vocab))
    # the page already shows it: nothing is sent
    assert charts_cb.update_chart(ids.chart("ranking"), state, shown) == (no_update, no_update)


def test_a_chart_change_is_a_patch_that_reaches_the_new_figure():
    from figures.patching import apply_patch

    before, after = ViewState().to_dict(), ViewState(year=2018, lang="en").to_dict()
    for chart_id in ids.CHARTS:
        fig, shown = charts_cb.update_chart(chart_id, before, None)
        patch, now = charts_cb.update_chart(chart_id, after, shown)
        full, _ = charts_cb.update_chart(chart_id, after, None)
        assert isinstance(patch, Patch) and apply_patch(fig, patch) == full, chart_id
        assert shown_state(now)["year"] == 2018


def test_a_sector_filter_changes_only_the_charts_that_count_hubs():
    from figures.charts import REGISTRY as CHART_KINDS

    before = ViewState().to_dict()
    after = ViewState(sectors=("agriculture",)).to_dict()
    assert any(spec.counts_hubs for spec in CHART_KINDS.values())
    for spec in CHART_KINDS.values():
        _, shown = charts_cb.update_chart(spec.component_id, before, None)
        fig, _ = charts_cb.update_chart(spec.component_id, after, shown)
        assert (fig is not no_update) == spec.counts_hubs, spec.key


def test_a_chart_store_of_other_data_gets_the_whole_figure():
    state = ViewState(year=2018).to_dict()
    fig, _ = charts_cb.update_chart(ids.chart("ranking"), state, {"state": ViewState().to_dict(), "version": "other"})
    assert fig == charts_cb.update_chart(ids.chart("ranking"), state, None)[0] and "data" in fig


def _unmask(mask: str) -> set[str]:
    import base64

    import numpy as np

    bits = np.unpackbits(np.frombuffer(base64.b64decode(mask), dtype=np.uint8), bitorder="little")
    return {r["id"] for r in views.all_rows(current()) if bits[r["i"]]}


def test_table_card_and_quote_follow_the_state():
    state = ViewState(measure="五(十二)", hub="ttc-cattc-nanning")
    out = table_cb.update_table(state.to_dict(), None)
    rows, mask, statuses, shown, count, areas, card, quote, ticks, close_hidden = out
    expected = set(filter_hubs(current(), ViewState(measure="五(十二)"))["id"])
    assert len(rows) == len(current().hubs)  # the page gets every row once...
    assert _unmask(mask) == expected  # ...and which of them pass the filters
    assert count.startswith(f"{len(expected)} ")
    assert shown == {"rows": True}
    assert "中国—东盟技术转移中心" in str(card)
    assert "一带一路" in str(quote)
    assert ticks == [] and close_hidden is False
    assert areas == []  # no area record is named by 五(十二)


def test_table_shows_the_ticks_of_a_shared_link():
    state = ViewState(picked=("htz-xian", "htz-chengdu"))
    *_, ticks, _ = table_cb.update_table(state.to_dict(), {"rows": True})
    assert ticks == ["htz-xian", "htz-chengdu"]


def test_table_resends_no_rows():
    shown = {"rows": True}
    rows, mask, *_ = table_cb.update_table(ViewState(sectors=("agriculture",)).to_dict(), shown)
    assert rows is no_update
    assert _unmask(mask) == set(filter_hubs(current(), ViewState(sectors=("agriculture",)))["id"])


def test_table_columns_and_grid_words_follow_the_language_in_the_browser():
    table = text_catalogue.locale_table(current())
    names = [str(o) for o in localize_cb.LOCALIZED]
    columns = names.index(str(Output(ids.TABLE, "columnDefs")))
    assert table["en"][columns][0]["field"] == "name1" and table["en"][columns][0]["headerName"] == "Name"
    assert table["zh-Hant"][columns][0]["field"] == "name2"
    words = names.index(str(Output(ids.TABLE, "localeText")))
    assert table["en"][words] == {}  # AG Grid's own English
    assert table["zh-Hans"][words]["contains"] == "包含" and table["zh-Hant"][words]["filterOoo"] == "篩選…"
    order = names.index(str(Output(ids.TABLE, "lang")))  # the order its text sorts in (pinyin, strokes)
    assert {lang: table[lang][order] for lang in table} == {lang: lang for lang in table}


def test_table_columns_label_codes_in_the_language_as_data():
    layer = next(c for c in options.table_columns("en") if c["colId"] == "layer")
    assert layer["field"] == "layer" and layer["labels"]["hightech_zones"] == "High-tech zones"
    hant = next(c for c in options.table_columns("zh-Hant") if c["colId"] == "sectors")
    assert hant["field"] == "sectors" and all(isinstance(v, str) for v in hant["labels"].values())
    # data only: nothing for the browser to compile from strings
    assert "function" not in json.dumps([options.table_columns(lang) for lang in ("zh-Hans", "en", "zh-Hant")])


def _values(lang):
    return [v for _, _, v in text_catalogue.catalogue(current(), lang)]


def test_localize_relabels_everything():
    zh, en, hant = _values("zh-Hans"), _values("en"), _values("zh-Hant")
    assert len(zh) == len(en) == len(hant) == len(localize_cb.LOCALIZED)
    assert "Indicator" in en and "指标" in zh and "指標" in hant
    assert "Skip to the map" in en and "Zoom in" in en
    assert any(isinstance(v, list) and "Show only this layer: High-tech zones" in v for v in en)
    # an unknown language is the default one
    assert json.dumps(_values("klingon"), default=str) == json.dumps(zh, default=str)


def test_every_text_of_the_layout_is_in_the_catalogue():
    switched = text_catalogue.outputs(current())
    for component_id in (ids.label(ids.LAYERS), ids.label("filters"), ids.label(ids.MAP_LEGEND), ids.CLEAR):
        assert (component_id, "children") in switched
    patterns = {(c["type"], p) for c, p in switched if isinstance(c, dict)}
    assert {("layer-toggle", "options"), ("layer-only", "children"), ("layer-only", "aria-label")} <= patterns


def _texts_not_switched(node, switched, inside=False):
    """(component type, id, property, text) of every Chinese text in the tree that no catalogue
    entry switches: neither its own (id, property) nor a switched ``children`` around it."""
    kind = lambda c: c["type"] if isinstance(c, dict) else c  # noqa: E731 - a pattern id by its type
    if isinstance(node, (list, tuple)):
        for child in node:
            yield from _texts_not_switched(child, switched, inside)
        return
    if not hasattr(node, "to_plotly_json"):
        return
    own = kind(getattr(node, "id", None))
    for prop in ("children", "aria-label", "title", "placeholder", "alt"):
        value = getattr(node, prop, None)
        if isinstance(value, str) and re.search(r"[\u3400-\u9fff]", value) and not inside:
            if (own, prop) not in switched:
                yield type(node).__name__, own, prop, value
    children = getattr(node, "children", None)
    yield from _texts_not_switched(children, switched, inside or (own, "children") in switched)


def test_every_accessible_name_and_label_of_the_layout_follows_the_language():
    # the panel's and the map pane's aria-labels and the search box's hidden label stayed Chinese
    switched = {(c["type"] if isinstance(c, dict) else c, p) for c, p in text_catalogue.outputs(current())}
    assert list(_texts_not_switched(dashboard.layout(current(), with_figure=False), switched)) == []


def test_play_steps_years_and_stops_at_the_end():
    years = current().vocab.all_years
    assert play_cb.next_year(years[0], years) == (years[1], False)
    assert play_cb.next_year(years[-2], years) == (years[-1], True)
    assert play_cb.next_year("x", years) == (years[0], False)


def test_play_steps_through_the_indicator_s_own_years():
    years = current().vocab.years_of("patents_granted")
    with triggered("play.n_clicks"):
        disabled, _, start = play_cb.play(1, 0, True, years[-1], "zh-Hans", "patents_granted")
    assert disabled is False and start == years[0]
    with triggered("play-timer.n_intervals"):
        *_, nxt = play_cb.play(1, 1, False, years[-2], "zh-Hans", "patents_granted")
    assert nxt == years[-1] and nxt not in set(current().vocab.all_years) - set(years)


def test_grid_words_follow_the_language():
    from view.widgets import grid_locale

    assert grid_locale("en") == {}
    assert grid_locale("zh-Hans")["contains"] == "包含"
    assert grid_locale("zh-Hant")["noRowsToShow"] == "沒有符合條件的載體"
    assert {} in _values("en") and any(isinstance(x, dict) and x.get("contains") == "包含" for x in _values("zh-Hans"))


@pytest.mark.parametrize(
    ("args", "expected"),
    [({}, (1920, 1080)), ({"preset": "a4-portrait"}, (794, 1123)), ({"size": "1200x700"}, (1200, 700)),
     ({"size": "99999x10"}, (6000, 400)), ({"size": "800×600"}, (800, 600)), ({"size": "８００ｘ６００"}, (800, 600))],
)  # fmt: skip
def test_a_file_url_size_is_read_safely(args, expected):
    from serving.files import preset_of

    preset = preset_of(args)
    assert (preset.width, preset.height) == expected


@pytest.mark.parametrize(
    ("args", "error"),
    [({"preset": "huge"}, KeyError), ({"size": "inf"}, ValueError), ({"size": "1e9x1"}, ValueError),
     ({"size": "²x1"}, ValueError)],
)  # fmt: skip
def test_an_unknown_preset_or_malformed_size_is_refused(args, error):
    from serving.files import preset_of

    with pytest.raises(error):
        preset_of(args)


def test_a_stored_state_reads_back_without_the_check_and_a_changed_dict_does_not():
    vocab = current().vocab
    state = from_query("lang=en&p=510000,500000&y=2019&mv=104.1,30.6,2.5", vocab)
    stored = json.loads(json.dumps(state_cb.store(state)))  # as the store sends it back
    assert state_cb.read_state(stored) is state
    tampered = {**stored, "provinces": ["510000", "999999"]}
    assert state_cb.read_state(tampered).provinces == ("510000",)
    assert state_cb.read_state({**stored, "year": "2019"}) is not state  # another type: read anew
    assert state_cb.read_state("not a dict") == ViewState()


def test_an_address_corrected_in_place_changes_nothing():
    """The page sets dcc.Location to the address it corrected (history.replaceState): read back,
    it is the view already shown, and no control, store or state is sent again."""
    state = ViewState(indicator="gdp")
    with triggered("url.search", "?ind=gdp"):
        out = state_cb.sync_state("?ind=gdp", *_controls(state, state))
    assert all(o is no_update for o in out)


def test_a_page_built_on_older_data_gets_the_years_of_the_data_served():
    """After a yearly import an open page's slider kept the years its layout was built with: a new
    year could not be chosen until a reload. The legend's answer brings the years when the page's
    are of another data version, and nothing otherwise."""
    from dash import no_update

    from callbacks.legend import update_legend
    from model.prepared import current

    data = current()
    state = ViewState().to_dict()
    fresh = options.year_ranges(data.vocab, data.version)
    assert update_legend(state, None, fresh)[-1] is no_update
    stale = {**fresh, options.VERSION_KEY: "an older version"}
    assert update_legend(state, None, stale)[-1] == fresh


def test_a_figures_store_holds_its_state_as_the_urls_query():
    """Every figure's answer carried its state's dict (some 370 bytes, six figures an action): the
    store holds the state's URL query ("y=2018"), read back by the URL's own function; a state too
    long for a URL keeps its dict; both are followed."""
    state = ViewState(year=2018, lang="en")
    stored = patching.shown(current(), state)
    assert stored == {"query": to_query(state), "version": current().version} and len(stored["query"]) < 30
    fig, _ = charts_cb.update_chart(ids.chart("ranking"), ViewState().to_dict(), None)
    _, before = charts_cb.update_chart(ids.chart("ranking"), ViewState().to_dict(), None)
    patch, now = charts_cb.update_chart(ids.chart("ranking"), state.to_dict(), before)
    assert isinstance(patch, Patch) and now == stored
    assert charts_cb.update_chart(ids.chart("ranking"), state.to_dict(), now) == (no_update, no_update)
    long = {"state": state.to_dict(), "version": current().version}  # the form a long state keeps
    assert charts_cb.update_chart(ids.chart("ranking"), state.to_dict(), long) == (no_update, no_update)
