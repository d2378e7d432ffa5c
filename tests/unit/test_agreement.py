"""Every count of a view describes the same hubs: the table and its count, the layer panel, the hubs
chart and its title, the map's points, the downloads and the export's filter line, whatever narrows
the view (filters, the table's search, a lasso or box on the map).

A fresh tester found two ways they disagreed: the search box filtered the table in the browser only
(the count said 186 while the table showed 3, and the downloads held 186), and a box drawn on the
map narrowed the table but not the layer counts or the hubs chart.
"""

from __future__ import annotations

import io
import json
import re

import numpy as np
import pandas as pd
import pytest

from components import legend, views
from export.downloads import download
from export.render import filters_line
from figures.charts import REGISTRY as CHART_KINDS
from figures.map import HUB_TRACE, map_values
from layers import POINT_LAYERS
from view.state import ViewState

SICHUAN, CHONGQING, GUIZHOU = "510000", "500000", "520000"


def box_hubs(data) -> tuple[str, ...]:
    """Hubs of three provinces as a box over Chongqing and Guizhou touching Sichuan chooses them: all
    of Chongqing's and Guizhou's but one each, and a few of Sichuan's.
    """
    h = data.hubs
    out: list[str] = []
    for province, n in ((CHONGQING, -1), (GUIZHOU, -1), (SICHUAN, 7)):
        ids = h.loc[h["province_adcode"] == province, "id"].tolist()
        out += ids[:n]
    return tuple(out)


def states(data) -> list[ViewState]:
    chosen = box_hubs(data)
    return [
        ViewState(year=2015, search="杨凌"),  # the tester's example: 3 rows, 186 counted
        ViewState(search="Yangling", lang="en"),
        ViewState(search="楊凌", lang="zh-Hant"),
        ViewState(search="高新 四川"),
        ViewState(search="no such hub anywhere"),
        ViewState(hubs=chosen),  # the tester's box: 54 hubs, 47 in the table, 49 counted
        ViewState(hubs=chosen, search="重庆", year=2020),
        ViewState(hubs=chosen, sectors=("agriculture",)),
    ]


def test_the_examples_narrow_the_view(atlas_data):
    lk = atlas_data.lookup
    yangling = lk.hub_mask(ViewState(year=2015, search="杨凌"))
    assert 0 < yangling.sum() < lk.hub_mask(ViewState(year=2015)).sum()
    assert set(atlas_data.hubs["name_zh"][yangling].str.contains("杨凌")) == {True}
    box = lk.hub_mask(ViewState(hubs=box_hubs(atlas_data)))
    assert set(atlas_data.hubs["province_adcode"][box]) == {SICHUAN, CHONGQING, GUIZHOU}


@pytest.mark.parametrize("index", range(8))
def test_every_count_of_a_view_is_the_tables(atlas_data, index):
    state = states(atlas_data)[index]
    lk = atlas_data.lookup
    mask = views.table_mask(atlas_data, state)
    n = int(mask.sum())
    ids = set(atlas_data.hubs["id"][mask])
    # the table's count: its first number
    assert int(re.match(r"\d+", views.count_text(atlas_data, mask, state.lang)).group()) == n
    # the layer panel (every layer is on in these states)
    counts = legend.layer_counts(atlas_data, state)
    assert sum(counts[k] for k in POINT_LAYERS) == n
    if state.hubs:  # the east–west links' row too: a lasso chooses hubs, no link
        assert counts["east_west"] == 0
    if state.search == "杨凌":  # nor does a search that no link's name holds
        assert counts["east_west"] == 0 < legend.layer_counts(atlas_data, ViewState(year=2015))["east_west"]
    # the hubs chart: its bars and the number in its title
    chart = CHART_KINDS["hubs"].build(atlas_data, state)
    assert sum(sum(tr["y"]) for tr in chart["data"]) == n
    assert re.search(rf"\({n}\)", chart["layout"]["title"]["text"])
    if state.year is None:  # the designations of every year: those with a year, and those without
        approvals = CHART_KINDS["approvals"].build(atlas_data, state)
        unknown = int((mask & lk.no_year).sum())
        assert sum(sum(tr["y"]) for tr in approvals["data"]) + unknown == n
    # the map: one point per place the view holds, the others left out (or, chosen on the map, faded)
    values = map_values(atlas_data, state)
    drawn = sum(sum(x is not None for x in values[("data", i, "lon")]) for i in HUB_TRACE.values())
    if not state.hubs:
        assert drawn == lk.places(mask)
    # the downloads
    _, content = download(atlas_data, state, "hubs", "csv")
    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert set(frame["id"]) == ids and len(frame) == n
    _, content = download(atlas_data, state, "hubs", "geojson")
    assert {f["properties"]["id"] for f in json.loads(content)["features"]} == ids
    # what narrowed the view is written on every export and download
    line = filters_line(atlas_data, state)
    if state.search:
        assert state.search in line
    if state.hubs:
        assert str(n) in line


def test_a_box_across_provinces_counts_each_provinces_hubs_in_the_chart(atlas_data):
    state = ViewState(hubs=box_hubs(atlas_data))
    chart = CHART_KINDS["hubs"].build(atlas_data, state)
    per_province = np.sum([tr["y"] for tr in chart["data"]], axis=0)
    by = dict(zip(chart["data"][0]["x"], per_province.tolist()))
    chosen = atlas_data.hubs[atlas_data.lookup.hub_mask(state)]
    assert by[SICHUAN] == int((chosen["province_adcode"] == SICHUAN).sum()) > 0
    assert sum(by.values()) == len(chosen)


def test_the_map_fades_the_hubs_a_box_left_out_and_counts_only_those_inside(atlas_data):
    state = ViewState(hubs=box_hubs(atlas_data))
    lk = atlas_data.lookup
    values = map_values(atlas_data, state)
    drawn = sum(sum(x is not None for x in values[("data", i, "lon")]) for i in HUB_TRACE.values())
    assert drawn == lk.places(lk.hub_mask(state, chosen=False))  # all still drawn, for context
    assert lk.hub_mask(state).sum() < lk.hub_mask(state, chosen=False).sum()


def test_a_count_of_one_reads_in_the_singular_in_english(atlas_data):
    # a search often leaves one hub, or one place: "1 hubs", "3 designations at 1 places" before
    one = views.table_mask(atlas_data, ViewState(search="西安高新技术"))
    assert one.sum() == 1 and views.count_text(atlas_data, one, "en") == "1 hub"
    place = views.table_mask(atlas_data, ViewState(search="Yangling"))
    assert views.count_text(atlas_data, place, "en") == f"{int(place.sum())} designations at one place"
    assert views.count_text(atlas_data, place, "zh-Hans") == f"{int(place.sum())} 项认定,位于 1 处地点"


@pytest.mark.parametrize("year", range(2015, 2025))
def test_the_note_counts_the_hollow_marks_the_map_draws(atlas_data, year):
    """The page's note "n whose year is not recorded are drawn hollow" and the map's (and so the
    export legend's) hollow marks count the same: one per place. The note counted designations:
    43 at ?y=2019 where the map drew 42 (a place's other designation is not drawn)."""
    for state in (ViewState(year=year), ViewState(year=year, lang="en", layers=("agri_parks", "hightech_zones"))):
        values = map_values(atlas_data, state)
        hollow = sum(
            sum(str(s).endswith("-open") for x, s in zip(values[("data", i, "lon")], symbols) if x is not None)
            for i in HUB_TRACE.values()
            if isinstance(symbols := values.get(("data", i, "marker", "symbol")), list)
        )
        text = " ".join(str(p.children) for p in legend.notes(atlas_data, state))
        said = re.search(r"(\d+) (?:个设立年份|whose year)", text)
        assert (int(said.group(1)) if said else 0) == hollow, (year, text)


def test_a_filter_on_what_partnerships_do_not_record_hides_them_as_it_hides_area_records(atlas_data):
    """East–west partnerships have no sector, level or status: a filter on one hides them unless it
    asks for "unknown", as it hides area records (the layer panel said 17 under every such filter)."""
    every = legend.layer_counts(atlas_data, ViewState())["east_west"]
    assert every > 0
    for state in (
        ViewState(sectors=("biomedicine",)),
        ViewState(levels=("provincial",)),
        ViewState(statuses=("revoked",)),
    ):
        assert legend.layer_counts(atlas_data, state)["east_west"] == 0, state
        assert not any(atlas_data.lookup.area_mask(state)), state  # the same rule
    for state in (ViewState(sectors=("biomedicine", "unknown")), ViewState(levels=("unknown",))):
        assert legend.layer_counts(atlas_data, state)["east_west"] == every, state
