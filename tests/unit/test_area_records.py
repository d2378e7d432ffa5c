"""Area records: a designation the document names whose site (or parties) no source publishes is
recorded at the area it names, drawn as that area's dashed outline, listed beside the table and
filtered like a hub by region, province, layer, measure and year (docs/data.md, *Area records*).
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from components import views
from figures.map import legend
from figures.map.base import map_figure
from figures.map.values import map_patch
from model.loader import load_atlas
from model.prepared import prepare
from model.schema import DataValidationError
from view.state import ViewState

YANGTZE, SIFANG = "area-yangtze-basin-sim", "area-xinjiang-sifang"


def _shown(data, **state) -> set[str]:
    mask = data.lookup.area_mask(ViewState(**state))
    return {key for key, keep in zip(data.lookup.area_ids, mask) if keep}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({}, {YANGTZE, SIFANG}),
        ({"provinces": ("510000",)}, {YANGTZE}),  # the Chengdu-Chongqing area touches Sichuan...
        ({"provinces": ("500000",)}, {YANGTZE}),  # ...and Chongqing
        ({"provinces": ("610000",)}, set()),
        ({"region": "chengyu"}, {YANGTZE}),
        ({"region": "southwest"}, {YANGTZE}),
        ({"region": "northwest"}, {SIFANG}),
        ({"region": "guanzhong"}, set()),
        ({"layers": ("hightech_zones",)}, set()),
        ({"measure": "二(一)"}, {YANGTZE}),
        ({"year": 2015}, set()),  # named by the document of December 2020
        ({"year": 2020}, {YANGTZE, SIFANG}),
        ({"statuses": ("existing",)}, set()),  # no status recorded: a status filter hides it
        ({"sectors": ("unknown",)}, {YANGTZE, SIFANG}),  # ...as a sector filter does, unless "unknown"
        ({"sectors": ("aerospace",)}, set()),
    ],
)
def test_area_records_follow_the_filters(atlas_data, state, expected):
    assert _shown(atlas_data, **state) == expected


def _traces(data, state: ViewState) -> dict:
    return {tr.get("name"): tr for tr in map_figure(data, state)["data"]}


def test_the_map_draws_the_area_outline_not_a_point(atlas_data):
    fig = map_figure(atlas_data, ViewState())
    names = [tr.get("name") for tr in fig["data"]]
    # beneath the hubs, the labels above them with the other names
    assert names.index("area-casing") < names.index("area-outline") < names.index("hightech_zones")
    assert names.index("hightech_zones") < names.index("area-labels") < names.index("province-labels")
    traces = {tr.get("name"): tr for tr in fig["data"]}
    outline, casing, labels = traces["area-outline"], traces["area-casing"], traces["area-labels"]
    assert outline["mode"] == "lines" and outline["line"]["dash"] == "6px,4px"  # dashed, in a legend too
    assert casing["lon"] == outline["lon"]
    points = [(x, y) for x, y in zip(outline["lon"], outline["lat"]) if x is not None]
    assert len(points) > 20  # an outline
    sichuan = atlas_data.provinces.set_index("adcode").geometry["510000"]
    chongqing = atlas_data.provinces.set_index("adcode").geometry["500000"]
    both = shapely.union_all([sichuan, chongqing]).buffer(0.2)
    assert all(both.contains(shapely.Point(p)) for p in points)  # the Chengdu-Chongqing area only
    # the outline takes no pointer (a click there reaches the province beneath); its label speaks
    assert outline["hoverinfo"] == "skip" and casing["hoverinfo"] == "skip"
    # the whole west is too crowded there for a label (see test_an_area_label_sits_inside_its_area…)
    assert labels["text"] == []
    labels = _traces(atlas_data, ViewState(region="chengyu"))["area-labels"]
    assert labels["text"] == ["选址未公布"]
    assert "长江流域地表过程与生态环境模拟实验系统" in labels["hovertext"][0] and "成渝" in labels["hovertext"][0]
    assert both.contains(shapely.Point(labels["lon"][0], labels["lat"][0]))
    # a partnership's area is drawn on demand only, as its lines are
    xinjiang = atlas_data.provinces.set_index("adcode").geometry["650000"].buffer(0.2)
    shown = _traces(atlas_data, ViewState(provinces=("650000",), lang="en", map_view=(85.0, 40.0, 2.25)))
    assert [text.replace("<br>", " ") for text in shown["area-labels"]["text"]] == ["parties not published"]
    assert "Xinjiang" in shown["area-labels"]["hovertext"][0]
    drawn = [(x, y) for x, y in zip(shown["area-outline"]["lon"], shown["area-outline"]["lat"]) if x is not None]
    assert drawn and all(xinjiang.contains(shapely.Point(p)) for p in drawn)


def test_the_outline_runs_inside_the_border_so_a_chosen_provinces_border_shows(atlas_data):
    # Xinjiang's outline once lay on its border, and its casing hid the red border of the chosen
    # province beneath
    shown = _traces(atlas_data, ViewState(provinces=("650000",)))
    border = atlas_data.provinces.set_index("adcode").geometry["650000"].boundary
    drawn = [shapely.Point(x, y) for x, y in zip(shown["area-outline"]["lon"], shown["area-outline"]["lat"]) if x]
    away = sorted(border.distance(p) for p in drawn)  # degrees: 0.1 is about a pixel on the whole west
    assert away[len(away) // 2] > 0.2 and away[len(away) // 10] > 0.1  # (the odd narrow inlet aside)


def test_a_state_change_patches_the_outline(atlas_data):
    from figures.map.layout import AREA_LABELS, AREA_OUTLINE

    def assigned(state):
        ops = map_patch(atlas_data, state).to_plotly_json()["operations"]
        return {tuple(o["location"]): o["params"]["value"] for o in ops if o["operation"] == "Assign"}

    shaanxi = assigned(ViewState(provinces=("610000",)))
    assert shaanxi[("data", AREA_OUTLINE, "lon")] == [] and shaanxi.get(("data", AREA_LABELS, "text"), []) == []
    xinjiang = assigned(ViewState(provinces=("650000",), region="northwest"))
    assert [text.replace("<br>", "") for text in xinjiang[("data", AREA_LABELS, "text")]] == ["合作方未公布"]


def test_the_table_lists_only_what_the_map_draws(atlas_data):
    # a partnership's outline is drawn on demand (a province or a measure chosen), as its lines are
    assert "新疆" not in "".join(views.area_note(atlas_data, ViewState()))
    assert views.area_note(atlas_data, ViewState(region="northwest")) == []
    assert "新疆" in "".join(views.area_note(atlas_data, ViewState(region="northwest", measure="五(十一)")))


def test_the_table_says_nothing_of_them_while_hubs_are_chosen_on_the_map(atlas_data):
    assert views.area_note(atlas_data, ViewState(hubs=("bsf-cq-chaoshuntai",))) == []


def test_the_line_under_the_table_reads_as_chinese_in_chinese(atlas_data):
    text = "".join(views.area_note(atlas_data, ViewState(provinces=("650000",))))
    assert text == "另有文件点名、未公布选址或合作方者:新疆“四方”合作(新疆维吾尔自治区,合作方未公布)"
    hant = "".join(views.area_note(atlas_data, ViewState(provinces=("650000",), lang="zh-Hant")))
    assert hant.startswith("另有文件點名") and "檔案" not in hant  # 文件: the policy document


def test_the_table_lists_the_area_records_it_passes(atlas_data):
    note = views.area_note(atlas_data, ViewState(lang="en", provinces=("510000",)))
    text = "".join(note)
    assert "Yangtze River Basin" in text and "Chengdu-Chongqing" in text and "site not published" in text
    assert "Xinjiang" not in text
    assert views.area_note(atlas_data, ViewState(year=2015)) == []


def test_the_legend_says_what_the_dashed_outline_is_where_one_can_be_drawn(atlas_data):
    from components import legend as page_legend

    def note(**state):
        return str(page_legend.map_legend(atlas_data, ViewState(**state))[-2].children)

    assert "dashed: site or parties not published" in note(lang="en")
    assert "┄ 虚线" in note(region="chengyu")
    assert "┄ 虚线" not in note(region="guanzhong")  # no area record there
    assert "┄ 虚线" not in note(year=2015)  # none named yet: none drawn


def test_an_exported_map_names_the_outline_in_its_legend(atlas_data):
    fig = legend.export_dict(atlas_data, ViewState(lang="en"))
    entry = next(tr for tr in fig["data"] if tr.get("name", "").startswith("dashed:"))
    assert entry["showlegend"] is True
    shaanxi = legend.export_dict(atlas_data, ViewState(lang="en", provinces=("610000",)))
    assert not next(tr for tr in shaanxi["data"] if tr.get("name", "").startswith("dashed:"))["showlegend"]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("layer", "volcanoes", "'volcanoes' is not a layer"),
        ("area", "atlantis", "neither a region of regions.csv nor a western province"),
        ("area", "110000", "not one of the twelve western provinces"),  # Beijing
        ("policy_refs", "", "empty"),  # named by the document: by a measure
        ("id", "htz-chengdu", "is a hub's or a link's id"),
        ("id", "ewl-lanzhou-zhangjiang", "is a hub's or a link's id"),
        ("source_id", "no-such-source", "is not in sources.csv"),
    ],
)
def test_a_bad_area_record_is_named_by_file_row_and_column(data_copy, column, value, message):
    path = data_copy / "hubs" / "area_records.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",", len(header) - 1)
    cells[header.index(column)] = value
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        load_atlas(data_copy)
    assert f"data/hubs/area_records.csv: row 2, column '{column}'" in str(err.value)
    assert message in str(err.value)


def test_a_data_directory_without_area_records_loads(data_copy):
    (data_copy / "hubs" / "area_records.csv").unlink()
    data = prepare(load_atlas(data_copy))
    assert data.areas.empty and data.lookup.area_mask(ViewState()) == []
    fig = map_figure(data, ViewState())
    assert not any(str(tr.get("name", "")).startswith("area:") for tr in fig["data"])


def test_a_hubs_download_names_the_area_records_its_state_passes(atlas_data):
    import io
    import json

    import openpyxl

    from export.downloads import download

    state = ViewState(lang="en", provinces=("500000",))
    _, raw = download(atlas_data, state, "hubs", "geojson")
    fc = json.loads(raw)
    assert [a["id"] for a in fc["area_records"]] == [YANGTZE]
    assert fc["area_records"][0]["not_published"] == "site not published"
    assert all(f["properties"]["id"] != YANGTZE for f in fc["features"])  # not a point
    _, raw = download(atlas_data, state, "hubs", "xlsx")
    about = openpyxl.load_workbook(io.BytesIO(raw)).worksheets[1]
    rows = {r[0]: r[1] for r in about.iter_rows(values_only=True) if r and r[0]}
    line = next(v for k, v in rows.items() if str(k).startswith("Also named"))
    assert "Yangtze River Basin" in line and "Chengdu-Chongqing" in line
    assert "most-2020-336" in rows  # its source is among the file's sources
    _, raw = download(atlas_data, ViewState(provinces=("610000",)), "hubs", "geojson")
    assert "area_records" not in json.loads(raw)  # Shaanxi: none


# --- Where an area record's label is written --------------------------------------------------------


def _rings(lons, lats) -> list[list[tuple[float, float]]]:
    rings, ring = [], []
    for x, y in zip(lons, lats):
        if x is None:
            rings.append(ring)
            ring = []
        else:
            ring.append((x, y))
    return rings


def _views(data):
    """(record id, state) of every region's view that draws an area record, in each language: a
    partnership's on demand, its province chosen (as a province's choice draws the others too).
    """
    from view.i18n import LANGS

    lk = data.lookup
    for region in lk.regions:
        for k, area_id in enumerate(lk.area_ids):
            for lang in LANGS:
                state = ViewState(region=region, lang=lang, provinces=tuple(sorted(lk.area_provinces[k])))
                if lk.area_mask(state)[k]:
                    yield area_id, state


def _marker_boxes(v) -> np.ndarray:
    """Boxes (lon, lat, radius px) of the hub markers the map draws for values ``v``."""
    from figures.map.layout import HUB_TRACE

    found = []
    for i in HUB_TRACE.values():
        if v[("data", i, "visible")] is not True:
            continue
        size = v[("data", i, "marker", "size")]
        for k, (x, y) in enumerate(zip(v[("data", i, "lon")], v[("data", i, "lat")])):
            if x is not None:
                found.append((x, y, (size[k] if isinstance(size, list) else size) / 2))
    return np.array(found)


@pytest.mark.parametrize("zoom", [1.0, 1.5, 2.25, 4.0])
def test_an_area_label_sits_inside_its_area_clear_of_its_outline_names_and_hubs(atlas_data, zoom):
    # ?r=chengyu drew "选址未公布" on the outline's northern vertex, over it and the hubs beside it
    from dataclasses import replace

    from figures.map.extent import frame_ranges
    from figures.map.labels import boxes, canvas_of
    from figures.map.layout import AREA_LABELS, AREA_OUTLINE, CITY_LABELS, INSET_DOMAIN, PAGE_PLOTS, PROVINCE_LABELS
    from figures.map.values import map_values

    base = _traces(atlas_data, ViewState())["area-labels"]
    where, font = base["textposition"], base["textfont"]["size"]
    casing = next(tr for tr in map_figure(atlas_data, ViewState())["data"] if tr.get("name") == "area-casing")
    edge = casing["line"]["width"] / 2  # the casing's half width: the label stays off the outline
    labelled = set()
    for area_id, state in _views(atlas_data):
        v = map_values(atlas_data, state)
        area = shapely.MultiPolygon(
            [shapely.Polygon(r) for r in _rings(v[("data", AREA_OUTLINE, "lon")], v[("data", AREA_OUTLINE, "lat")])]
        )
        if zoom != 1.0:
            centre = area.representative_point()
            state = replace(state, map_view=(round(centre.x, 2), round(centre.y, 2), zoom))
            v = map_values(atlas_data, state)
        labels = list(
            zip(v[("data", AREA_LABELS, "lon")], v[("data", AREA_LABELS, "lat")], v[("data", AREA_LABELS, "text")])
        )
        labelled |= {(area_id, state.region, state.lang) for _ in labels}
        marks = _marker_boxes(v)
        names = [
            (x, y, text, size)
            for key, size in ((PROVINCE_LABELS, 12), (CITY_LABELS, 10))
            for x, y, text in zip(v[("data", key, "lon")], v[("data", key, "lat")], v[("data", key, "text")])
            if text
        ]
        home = v[("layout", "meta", "home")]  # the region's view, widened by the page to fill its frame
        turn = home["center"][0]
        geo = {
            "center": {"lon": home["center"][0], "lat": home["center"][1]},
            "projection": {"rotation": {"lon": turn}},
        }
        if state.map_view:
            geo |= {"center": {"lon": state.map_view[0], "lat": state.map_view[1]}, "projection": {"scale": zoom}}
            turn = state.map_view[0]  # a view's centre is its projection's rotation (assets/atlas.js)
            geo["projection"]["rotation"] = {"lon": turn}
        for width, height in PAGE_PLOTS:
            lonr, latr = frame_ranges(home, turn, width, height)
            canvas = canvas_of({**geo, "lonaxis": {"range": lonr}, "lataxis": {"range": latr}}, (width, height))
            inside = shapely.transform(area, lambda c, cv=canvas: np.column_stack(cv.xy(c[:, 0], c[:, 1])))
            mx, my = canvas.xy(marks[:, 0], marks[:, 1])
            r = marks[:, 2]
            taken = [*np.column_stack([mx - r, my - r, mx + r, my + r])]
            taken += [boxes(x, y, text, "middle center", 1.0, size, canvas)[0] for x, y, text, size in names]
            if not state.map_view:  # the region's whole view: the map's frame and the inset are where they stay
                (x0, x1), (y0, y1) = INSET_DOMAIN["x"], INSET_DOMAIN["y"]
                taken.append((x0 * width, (1 - y1) * height, x1 * width, (1 - y0) * height))
            for lon, lat, text in labels:
                box = boxes(lon, lat, text, where, 1.0, font, canvas)[0]
                seen = (area_id, state, (width, height), text)
                assert inside.contains(shapely.box(*box).buffer(edge, join_style="mitre")), ("on its outline", seen)
                assert not [b for b in taken if _overlap(box, b)], ("over a hub or a name", seen)
                if not state.map_view:
                    left, top, right, bottom = canvas.frame
                    assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom, seen
    # ...and it is drawn where there is room: at the Chengdu-Chongqing view in every language
    assert {(YANGTZE, "chengyu", lang) for lang in ("zh-Hans", "zh-Hant", "en")} <= labelled
    assert zoom == 1.0 or any(a == SIFANG for a, _, _ in labelled)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
