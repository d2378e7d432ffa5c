"""Area records: a designation the document names whose site (or parties) no source publishes is
recorded at the area it names, drawn as that area's dashed outline, listed beside the table and
filtered like a hub by region, province, layer, measure and year (docs/data.md, *Area records*).
"""

from __future__ import annotations

import pytest
import shapely

from components import views
from figures.map import legend
from figures.map.base import map_figure
from figures.map.layout import AREA_FIRST
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


def test_the_map_draws_the_area_outline_not_a_point(atlas_data):
    fig = map_figure(atlas_data, ViewState())
    by_name = {tr.get("name"): (i, tr) for i, tr in enumerate(fig["data"])}
    i, yangtze = by_name[f"area:{YANGTZE}"]
    assert i >= AREA_FIRST and yangtze["visible"] is True
    assert yangtze["mode"] == "lines" and yangtze["line"]["dash"] == "dash"
    points = [(x, y) for x, y in zip(yangtze["lon"], yangtze["lat"]) if x is not None]
    assert len(points) > 20  # an outline
    sichuan = atlas_data.provinces.set_index("adcode").geometry["510000"]
    chongqing = atlas_data.provinces.set_index("adcode").geometry["500000"]
    both = shapely.union_all([sichuan, chongqing]).buffer(0.1)
    assert all(both.contains(shapely.Point(p)) for p in points)
    # the outline takes no pointer (a click there reaches the province beneath); its label speaks
    assert yangtze["hoverinfo"] == "skip" and by_name[f"area-casing:{YANGTZE}"][1]["hoverinfo"] == "skip"
    label = by_name[f"area-label:{YANGTZE}"][1]
    assert label["visible"] is True and label["text"] == [""]  # written once zoomed in, as city names
    zoomed = {tr.get("name"): tr for tr in map_figure(atlas_data, ViewState(map_view=(106.0, 30.0, 4.0)))["data"]}
    assert zoomed[f"area-label:{YANGTZE}"]["text"] == ["选址未公布"]
    assert "选址未公布" in label["hovertemplate"] and "成渝" in label["hovertemplate"]
    assert both.contains(shapely.Point(label["lon"][0], label["lat"][0]))
    # a partnership's area is drawn on demand only, as its lines are
    assert by_name[f"area:{SIFANG}"][1]["visible"] is False
    xinjiang = {
        tr.get("name"): tr for tr in map_figure(atlas_data, ViewState(provinces=("650000",), lang="en"))["data"]
    }
    assert xinjiang[f"area:{SIFANG}"]["visible"] is True
    assert xinjiang[f"area-label:{SIFANG}"]["visible"] is True
    assert "Xinjiang" in xinjiang[f"area-label:{SIFANG}"]["hovertemplate"]


def test_a_state_change_patches_the_outlines_visibility(atlas_data):
    names = [tr.get("name") for tr in map_figure(atlas_data, ViewState())["data"]]
    yangtze, sifang = names.index(f"area:{YANGTZE}"), names.index(f"area:{SIFANG}")
    ops = map_patch(atlas_data, ViewState(provinces=("610000",))).to_plotly_json()["operations"]
    assigned = {tuple(o["location"]): o["params"]["value"] for o in ops if o["operation"] == "Assign"}
    assert assigned[("data", yangtze, "visible")] is False  # Shaanxi: the outline goes
    ops = map_patch(atlas_data, ViewState(provinces=("650000",))).to_plotly_json()["operations"]
    assigned = {tuple(o["location"]): o["params"]["value"] for o in ops if o["operation"] == "Assign"}
    assert assigned[("data", sifang, "visible")] is True  # Xinjiang: its partnership's area comes


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

    assert "dashed outline: named, site not published" in note(lang="en")
    assert "虚线框" in note(region="chengyu")
    assert "虚线框" not in note(region="guanzhong")  # no area record there


def test_an_exported_map_names_the_outline_in_its_legend(atlas_data):
    fig = legend.export_dict(atlas_data, ViewState(lang="en"))
    named = [
        tr
        for tr in fig["data"]
        if tr.get("showlegend") and "site not published" in tr.get("name", "").replace("<br>", " ")
    ]
    assert [tr["name"].replace("<br>", " ").split(" (")[0] for tr in named] == [
        "Yangtze River Basin Earth Surface Processes and Eco-environment Simulation System"
    ]
    assert all(len(line) <= 70 for line in named[0]["name"].split("<br>"))  # in lines, not one wide entry


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("layer", "volcanoes", "'volcanoes' is not a layer"),
        ("area", "atlantis", "neither a region of regions.csv nor a western province"),
        ("area", "110000", "neither a region of regions.csv nor a western province"),  # Beijing
        ("id", "htz-chengdu", "is a hub's id"),
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
