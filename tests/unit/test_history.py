"""Hubs through time (model/history.py): status in any year, one place one record, and the checks
that keep data/hubs/history.csv and the hub tables in step.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from components import views
from export.downloads import hub_table
from figures.map.layout import HUB_TRACE
from figures.map.values import map_values
from model.loader import load_atlas
from model.schema import DataValidationError
from view.state import ViewState


def _drawn(data, state: ViewState) -> set[str]:
    """The ids of the hubs the map draws for ``state`` (a point with a position, a visible layer)."""
    values = map_values(data, state)
    rows = data.lookup
    out = set()
    for key, idx in HUB_TRACE.items():
        if values[("data", idx, "visible")] is not True:
            continue
        ids = [rows.hub_ids[i] for i in np.flatnonzero(rows.layer.isin([key]))]
        out |= {h for h, x in zip(ids, values[("data", idx, "lon")]) if x is not None}
    return out


def test_a_revoked_park_was_existing_before_its_revocation(atlas_data):
    lk = atlas_data.lookup
    i = lk.hub_index["agp-yinchuan"]  # evaluated below standard 2019, revoked 2021-12-17
    assert [lk.status_of(i, y) for y in (2015, 2020, 2021, None)] == ["existing", "existing", "revoked", "revoked"]
    # the status filter asks the year's status: in 2015 it was among the existing parks
    assert lk.hub_mask(ViewState(year=2015, statuses=("existing",)))[i]
    assert not lk.hub_mask(ViewState(year=2015, statuses=("revoked",)))[i]
    assert lk.hub_mask(ViewState(statuses=("revoked",)))[i]


def test_the_table_card_and_download_say_the_status_of_the_chosen_year(atlas_data):
    state = ViewState(year=2015, hub="agp-yinchuan", lang="en")
    i = str(atlas_data.lookup.hub_index["agp-yinchuan"])
    assert views.row_statuses(atlas_data, state)[i] == "existing"
    assert i not in views.row_statuses(atlas_data, replace(state, year=2022))  # revoked then and today
    assert views.row_statuses(atlas_data, replace(state, year=None)) == {}
    card = json.dumps(views.hub_card(atlas_data, state)[1].to_plotly_json(), default=str, ensure_ascii=False)
    assert "Status (end of 2015)" in card and "Existing" in card and "2021-12-17 Revoked" in card
    table = hub_table(atlas_data, replace(state, hubs=("agp-yinchuan",)))
    assert table["status"].tolist() == ["existing"] and "2021-12-17" in table["history"].iat[0]
    assert hub_table(atlas_data, replace(state, year=None, hubs=("agp-yinchuan",)))["status"].tolist() == ["revoked"]


def test_a_zone_named_for_upgrading_exists_from_the_naming(atlas_data):
    lk = atlas_data.lookup
    i = lk.hub_index["htz-zunyi"]  # named in 336号 2020-12-04, national zone 2022
    assert not lk.hub_mask(ViewState(year=2019))[i]
    assert lk.status_of(i, 2020) == "upgrading" and lk.status_of(i, 2022) == "existing"
    assert lk.hub_mask(ViewState(year=2020))[i] and not lk.year_unknown(ViewState(year=2020))[i]
    j = lk.hub_index["htz-baise"]  # year of the provincial zone unknown: hollow before the naming only
    assert lk.year_unknown(ViewState(year=2015))[j] and not lk.year_unknown(ViewState(year=2021))[j]


def test_one_place_is_drawn_once_under_the_first_designation_shown(atlas_data):
    yangling = {"agz-yangling", "agp-yangling", "htz-yangling"}
    assert _drawn(atlas_data, ViewState()) & yangling == {"agz-yangling"}
    # with the agricultural layer off, the high-tech zone layer draws the place
    layers = tuple(k for k in HUB_TRACE if k != "agri_parks")
    assert _drawn(atlas_data, ViewState(layers=layers)) & yangling == {"htz-yangling"}
    # before the park's batch (2010) the park is not there; the zone is (1997)
    assert _drawn(atlas_data, ViewState(year=2005)) & yangling == {"agz-yangling"}


def test_an_upgraded_park_is_drawn_as_its_zone_and_as_a_park_before(atlas_data):
    assert "agp-bayannaoer" in _drawn(atlas_data, ViewState(year=2020))
    today = _drawn(atlas_data, ViewState())
    assert "agz-bayannur" in today and "agp-bayannaoer" not in today


def test_counts_say_designations_and_places(atlas_data):
    mask = atlas_data.lookup.hub_mask(ViewState())
    text = views.count_text(atlas_data, mask, "en")
    assert f"{int(mask.sum())} designations at {atlas_data.lookup.places(mask)} places" == text
    one = atlas_data.lookup.hub_mask(ViewState(provinces=("620000",)))  # Gansu: no shared place
    assert views.count_text(atlas_data, one, "en") == f"{int(one.sum())} hubs"


def _rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        header = list(rows[0])
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _set_hub(data_dir: Path, layer: str, hub_id: str, **props) -> None:
    path = data_dir / "geo" / f"hubs_{layer}.geojson"
    fc = json.loads(path.read_text(encoding="utf-8"))
    for f in fc["features"]:
        if f["properties"]["id"] == hub_id:
            f["properties"].update(props)
    path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")


def _errors(data_dir: Path) -> str:
    with pytest.raises(DataValidationError) as err:
        load_atlas(data_dir)
    return str(err.value)


def test_a_revoked_hub_without_its_dated_event_is_refused(data_copy):
    _rewrite(data_copy / "hubs" / "history.csv", lambda rows: [r for r in rows if r["hub_id"] != "agp-qujing"])
    msg = _errors(data_copy)
    assert "data/hubs/agri_parks.csv" in msg and "agp-qujing is 'revoked'" in msg and "column 'status'" in msg


def test_a_history_that_ends_in_another_status_is_refused(data_copy):
    _set_hub(data_copy, "agri_parks", "agp-yinchuan", status="existing")
    assert "agp-yinchuan: its last event (2021-12-17) leaves it 'revoked'" in _errors(data_copy)


def test_history_rows_name_file_row_and_column(data_copy):
    def broken(rows):
        rows[0] = {**rows[0], "hub_id": "no-such-hub"}
        rows[-1] = {**rows[-1], "event": "upgraded", "status": "upgraded", "successor": ""}
        return rows

    _rewrite(data_copy / "hubs" / "history.csv", broken)
    msg = _errors(data_copy)
    assert "data/hubs/history.csv: row 2, column 'hub_id': 'no-such-hub' is no hub" in msg
    assert "column 'successor': an upgrade names the designation it led to" in msg


def test_another_designation_must_stand_at_its_record_s_place(data_copy):
    _set_hub(data_copy, "hightech_zones", "htz-yangling", same_place_as="htz-xian")
    assert "htz-yangling: placed at 610403, its record htz-xian at" in _errors(data_copy)


def test_an_established_year_says_what_it_is_the_year_of(data_copy):
    _set_hub(data_copy, "heritage", "her-dunhuang-bihua", established_basis=None)
    assert "feature 1, column 'established_basis'" in _errors(data_copy)


def test_a_hover_says_since_when_a_status_holds_and_lists_the_history(atlas_data):
    from figures.map.static import hub_rows

    rows = {r[0]: r for r in hub_rows(atlas_data)["agri_parks"]}
    zh, en = rows["agp-yinchuan"][1], rows["agp-yinchuan"][2]
    assert "状态: 已撤销/不再保留 (2021年起)" in zh and "历程: 2019-11-08 评估/验收" in zh
    assert "Status: Revoked (since 2021)" in en
    assert "since" not in rows["agp-beihai"][2]  # no history: today's status, nothing more
    assert "Also at this place" in rows["agz-yangling"][2]


def test_a_hub_is_not_given_a_status_for_a_year_before_it_existed(atlas_data):
    card = json.dumps(
        views.hub_card(atlas_data, ViewState(year=2015, hub="agz-changji", lang="en"))[1].to_plotly_json(),
        default=str,
        ensure_ascii=False,
    )
    assert "Not yet designated (from 2022)" in card
    park = json.dumps(
        views.hub_card(atlas_data, ViewState(year=2015, hub="agp-changji", lang="en"))[1].to_plotly_json(),
        default=str,
        ensure_ascii=False,
    )
    assert "Not yet designated (from 2022)" in park and "Upgraded" not in park.split("Also at this place")[-1]


def test_a_status_before_the_first_event_of_a_hub_of_unknown_year_is_unknown(atlas_data):
    lk = atlas_data.lookup
    baise = lk.hub_index["htz-baise"]  # provincial zone, year unknown, named for upgrading 2020
    assert lk.status_of(baise, 2015) is None and lk.status_of(baise, 2021) == "upgrading"
    assert not lk.hub_mask(ViewState(year=2015, statuses=("existing",)))[baise]
    assert lk.hub_mask(ViewState(year=2015))[baise]  # still shown (hollow), never hidden
    assert views.row_statuses(atlas_data, ViewState(year=2015))[str(baise)] == "unknown"
    assert lk.hub_mask(ViewState(year=2015, statuses=("unknown",)))[baise]  # 'not recorded' finds it


@pytest.mark.parametrize("hub", ["sci-xbkxc-chengdu", "htz-baise"])
def test_a_hub_of_unknown_year_is_never_said_to_exist_in_a_past_year(atlas_data, hub):
    """?y=2015&h=sci-xbkxc-chengdu: the card said 'status (end of 2015): existing' beside 'year: no
    data', and the table and the CSV said existing too (today's status, guessed back for a hub with
    no history): in a chosen year its status is 'not recorded' in the card, the table, the
    downloads and the status filter, and today's status stays today's."""
    lk = atlas_data.lookup
    i = lk.hub_index[hub]
    assert lk.no_year[i]
    assert lk.status_of(i, 2015) is None and lk.status_of(i, None) is not None
    card = json.dumps(
        views.hub_card(atlas_data, ViewState(year=2015, hub=hub, lang="en"))[1].to_plotly_json(),
        default=str,
        ensure_ascii=False,
    )
    assert "Not recorded (no year of establishment on record)" in card
    assert views.row_statuses(atlas_data, ViewState(year=2015))[str(i)] == "unknown"
    assert str(i) not in views.row_statuses(atlas_data, ViewState())  # today: today's status
    assert not lk.hub_mask(ViewState(year=2015, statuses=("existing",)))[i]
    assert lk.hub_mask(ViewState(year=2015, statuses=("existing", "unknown")))[i]
    rows = hub_table(atlas_data, ViewState(year=2015, lang="en"))
    row = rows.loc[rows["id"] == hub]
    assert row["status"].tolist() == ["unknown"] and row["status_label"].tolist() == ["Not recorded"]


def test_choosing_a_place_on_the_map_chooses_all_its_designations(atlas_data):
    yangling = {"agz-yangling", "agp-yangling", "htz-yangling"}
    for chosen in ("agz-yangling", "htz-yangling"):
        rows = set(views.table_hubs(atlas_data, ViewState(hubs=(chosen,)))["id"])
        assert rows == yangling
        assert set(hub_table(atlas_data, ViewState(hubs=(chosen,)))["id"]) == yangling
    values = map_values(atlas_data, ViewState(hubs=("htz-yangling",)))
    agri = HUB_TRACE["agri_parks"]
    ids = [atlas_data.lookup.hub_ids[i] for i in np.flatnonzero(atlas_data.lookup.layer.isin(["agri_parks"]))]
    opacity = dict(zip(ids, values[("data", agri, "marker", "opacity")]))
    assert opacity["agz-yangling"] > 0.5  # the place's one point is not faded


def test_the_approvals_chart_and_the_prefecture_view_count_as_the_map_does(atlas_data):
    from figures.charts import approvals
    from figures.map.values import prefecture_counts

    fig = approvals.build(atlas_data, ViewState(year=2015, statuses=("revoked",)))

    def bars(fig) -> int:
        return sum(sum(tr["y"]) for tr in fig["data"] if tr.get("type") == "bar")

    assert bars(fig) == 0  # none was revoked by the end of 2015
    assert bars(approvals.build(atlas_data, ViewState(statuses=("revoked",)))) > 0  # today some are
    counts = dict(zip(list(atlas_data.prefectures["adcode"]), prefecture_counts(atlas_data, ViewState())))
    hubs = atlas_data.hubs
    xianyang = hubs["prefecture_adcode"] == "610400"
    assert counts["610400"] == atlas_data.lookup.places(xianyang.to_numpy()) < int(xianyang.sum())


def test_a_file_of_a_past_year_says_the_year_in_its_filters(atlas_data):
    from export.render import filters_line

    assert "2015" in filters_line(atlas_data, ViewState(year=2015, lang="en"))
    assert "2015" not in filters_line(atlas_data, ViewState(lang="en"))


@pytest.mark.parametrize(("date", "other", "before"), [("2022", "2022-06-16", False), ("2021", "2022-06", True)])
def test_dates_compare_as_far_as_both_are_exact(date, other, before):
    from model.history import is_before

    assert is_before(date, other) is before


def test_the_approvals_chart_pales_the_years_after_the_chosen_one(atlas_data):
    """?y=2015: the chart of designations by year drew 2016-2022's bars as 2015's were drawn, and
    its export, titled 2015, read as if they counted in 2015: a white veil lets the bars after the
    chosen year show only faintly, from the year's line to the axis's end, and the line says so;
    with no year chosen there is neither."""
    from figures.charts.approvals import AFTER_OPACITY, build

    fig = build(atlas_data, ViewState(year=2015, lang="en"))
    veil, line = fig["layout"]["shapes"]
    assert veil["type"] == "rect" and veil["layer"] == "above" and veil["fillcolor"] == "white"
    assert veil["opacity"] == pytest.approx(1 - AFTER_OPACITY) and 0 < AFTER_OPACITY < 1
    drawn = [tr for tr in fig["data"] if tr["visible"]]
    last = max(tr["x0"] + len(tr["y"]) - 1 for tr in drawn)
    assert veil["x0"] == line["x0"] == 2015.5 and veil["x1"] >= last + 0.5  # every later bar under it
    later = sum(c for tr in drawn for k, c in enumerate(tr["y"]) if tr["x0"] + k > 2015)
    assert later > 0  # there are later bars to pale
    assert any("2015" in a["text"] for a in fig["layout"]["annotations"])
    assert "shapes" not in build(atlas_data, ViewState(lang="en"))["layout"]


def test_the_table_is_sent_each_rows_status_once_grouped(atlas_data):
    """The year's statuses go to the table as {status: [rows]}: every row of row_statuses once,
    under its status, shorter than a key and a status a row."""
    flat = views.row_statuses(atlas_data, ViewState(year=2015))
    grouped = views.status_groups(flat)
    assert {str(i): s for s, rows in grouped.items() for i in rows} == flat
    assert len(json.dumps(grouped)) < len(json.dumps(flat))
