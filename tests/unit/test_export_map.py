"""The map as exported (figures/map/legend.export_dict): what its legend says about the symbols drawn."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from export.render import MARGIN, PRESETS
from figures.map import HUB_TRACE, PROVINCE_LABELS, export_dict
from figures.map.hub_names import HUB_NAME_PX
from figures.map.labels import boxes, canvas_of
from figures.text import plain
from layers import REGISTRY
from model.regions import WEST
from view.i18n import pick
from view.state import ViewState, from_query


def _legend_markers(fig: dict) -> list[dict]:
    """The legend's entries that show a marker, in the figure's order."""
    return [
        t
        for t in fig["data"]
        if t.get("showlegend") and t.get("type") == "scattergeo" and "markers" in t.get("mode", "markers")
    ]


def _hollow_drawn(fig: dict) -> int:
    """Hub markers drawn hollow (year not recorded) on the map."""
    n = 0
    for i in HUB_TRACE.values():
        trace = fig["data"][i]
        symbols = trace["marker"]["symbol"]
        if trace.get("visible", True) is True and isinstance(symbols, list):
            n += sum(1 for x, s in zip(trace["lon"], symbols) if x is not None and s.endswith("-open"))
    return n


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans", "en"])
def test_a_past_years_export_legend_shows_each_layers_own_symbol_and_explains_the_hollow_mark(atlas_data, lang):
    fig = export_dict(atlas_data, ViewState(year=2018, lang=lang))
    hollow = _hollow_drawn(fig)
    assert hollow > 0  # 2018: hubs whose year no source gives are drawn hollow
    entries = _legend_markers(fig)
    for key, i in HUB_TRACE.items():
        trace = fig["data"][i]
        if trace.get("visible", True) is not True or not any(x is not None for x in trace["lon"]):
            continue
        label = plain(pick(REGISTRY[key].label_zh, REGISTRY[key].label_en, lang))
        (entry,) = [e for e in entries if e["name"].startswith(label + " (")]
        style = REGISTRY[key].style
        # the layer's own symbol, filled, at one size: what most of its hubs look like on the map
        assert entry["marker"]["symbol"] == style["symbol"], (key, entry["marker"])
        assert entry["marker"]["color"] == style["color"]
        assert isinstance(entry["marker"].get("size", style["size"]), (int, float))
    explained = [e for e in entries if str(e["marker"]["symbol"]).endswith("-open")]
    assert len(explained) == 1, [e["name"] for e in explained]  # one entry explains the hollow mark
    assert f"{hollow}" in explained[0]["name"]  # and says how many, as the page's note does


def test_an_export_of_today_has_no_hollow_mark_to_explain(atlas_data):
    fig = export_dict(atlas_data, ViewState(lang="en"))
    assert _hollow_drawn(fig) == 0
    assert not [e for e in _legend_markers(fig) if str(e["marker"]["symbol"]).endswith("-open")]


# --- Hub names on an exported map of a province ----------------------------------------------------


def _province_states(adcode: str, lang: str) -> list[ViewState]:
    """Views of one province whose export names its hubs (15 or fewer drawn): a past year, and
    only the high-tech zones (the provinces with many hubs).
    """
    return [
        ViewState(provinces=(adcode,), year=2019, lang=lang),
        ViewState(provinces=(adcode,), layers=("hightech_zones",), lang=lang),
    ]


def _plot(preset: str) -> tuple[int, int]:
    p = PRESETS[preset]
    return p.width - MARGIN["l"] - MARGIN["r"], p.height - MARGIN["t"] - MARGIN["b"]


def _hub_labels(fig: dict, canvas) -> list[tuple[str, np.ndarray]]:
    """(text, box) of each hub name the figure writes, as its canvas places it."""
    found = []
    for i in HUB_TRACE.values():
        trace = fig["data"][i]
        offset = trace["marker"]["size"] / 2 / 0.8 + 1
        for lon, lat, text, where in zip(
            trace["lon"], trace["lat"], trace.get("text") or [], trace.get("textposition") or []
        ):
            if text and lon is not None:
                found.append((text, boxes(lon, lat, text, where, 1.0, HUB_NAME_PX, canvas, offset)[0]))
    return found


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("adcode", sorted(WEST))
def test_an_exported_province_maps_hub_names_neither_overlap_nor_leave_the_frame(atlas_data, adcode):
    named_any = False
    for lang in ("zh-Hans", "en"):
        for state in _province_states(adcode, lang):
            for what, preset in (("slide", "slide-16x9"), ("map", "a4-portrait")):
                fig = export_dict(atlas_data, state, right=0.47 if what == "slide" else 0.78, plot=_plot(preset))
                canvas = canvas_of(fig["layout"]["geo"], _plot(preset))
                labels = _hub_labels(fig, canvas)
                named_any |= bool(labels)
                left, top, right, bottom = canvas.frame
                for text, box in labels:
                    assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom, (state, text)
                for (a, box_a), (b, box_b) in itertools.combinations(labels, 2):
                    assert not _overlap(box_a, box_b), (state, what, preset, a, b)
                names = fig["data"][PROVINCE_LABELS]  # nor run into a province's name
                size = names["textfont"]["size"]
                for lon, lat, name in zip(names["lon"], names["lat"], names["text"]):
                    box = boxes(lon, lat, name, "middle center", 1.0, size, canvas)[0] if name else None
                    assert box is None or not any(_overlap(box, b) for _, b in labels), (state, name)
                numbered = [t["name"] for t in fig["data"] if t.get("legendgroup") == "numbered"]
                numbers = sorted(int(text) for text, _ in labels if text.isdecimal())
                assert numbers == list(range(1, len(numbered) + 1))  # each number spelled out in the legend
                assert [n.split(" ")[0] for n in numbered] == [str(n) for n in numbers]
    assert named_any  # some view of every western province names its hubs


# --- Place names and hub markers on an exported map ------------------------------------------------


def _drawn_marker_boxes(fig: dict, canvas) -> np.ndarray:
    """Boxes (px) of the hub markers an exported map draws inside its frame."""
    found = []
    for i in HUB_TRACE.values():
        trace = fig["data"][i]
        if trace.get("visible", True) is not True:
            continue
        size = trace["marker"]["size"]
        for k, (lon, lat) in enumerate(zip(trace["lon"], trace["lat"])):
            if lon is not None:
                r = (size[k] if isinstance(size, list) else size) / 2
                x, y = canvas.xy(lon, lat)
                found.append((x[0] - r, y[0] - r, x[0] + r, y[0] + r))
    return np.array(found).reshape(-1, 4)


def _place_names(fig: dict, canvas) -> list[tuple[str, np.ndarray]]:
    """(name, box px) of each province's and prefecture's name an exported map writes."""
    from figures.map import CITY_LABELS

    found = []
    for i in (PROVINCE_LABELS, CITY_LABELS):
        trace = fig["data"][i]
        if trace.get("visible", True) is not True:
            continue
        size = trace["textfont"]["size"]
        where = trace.get("textposition", "middle center")
        for k, (lon, lat, text) in enumerate(zip(trace["lon"], trace["lat"], trace["text"])):
            if text and lon is not None:
                at = where[k] if isinstance(where, list) else where
                found.append((text, boxes(lon, lat, text, at, 1.0, size, canvas)[0]))
    return found


@pytest.mark.parametrize("adcode", sorted(WEST))
def test_an_exported_maps_place_names_keep_off_the_hub_markers(atlas_data, adcode):
    # a province's or prefecture's name was written over a hub's marker (四川 on a slide of Sichuan,
    # 重庆 on a map of Chongqing, 新疆 on an A4 map of Xinjiang)
    from figures.map.static import _static

    static = _static(atlas_data)
    point = static.province_points[static.provinces.index(adcode)]
    for lang in ("zh-Hans", "en"):
        own = static.province_names[lang][static.provinces.index(adcode)]
        zoomed = ViewState(map_view=(*point, 4.0), lang=lang)  # the prefectures named too
        for state in (ViewState(provinces=(adcode,), lang=lang), *_province_states(adcode, lang), zoomed):
            for what, preset in (("map", "slide-16x9"), ("slide", "slide-16x9"), ("map", "a4-portrait")):
                fig = export_dict(atlas_data, state, right=0.47 if what == "slide" else 0.78, plot=_plot(preset))
                canvas = canvas_of(fig["layout"]["geo"], _plot(preset))
                marks = _drawn_marker_boxes(fig, canvas)
                names = _place_names(fig, canvas)
                over = [name for name, box in names if any(_overlap(box, m) for m in marks)]
                assert not over, (state, what, preset, over)
                assert any(name.startswith(own) for name, _ in names), (state, what, preset)  # moved, not left out


@pytest.mark.parametrize(
    "query", ["q=杨凌", "", "p=610000", "s=biomedicine&lang=en", "l=hightech_zones,agri_parks&q=杨凌", "y=2015"]
)
def test_the_legend_lists_every_shown_layer_with_hubs_in_the_view(atlas_data, query):
    """'?q=杨凌' listed only the agricultural parks (2), though the view holds a high-tech zone too:
    drawn at the same place, one point (the agricultural park's) holds both, and the legend listed
    only the layers with a point of their own."""
    state = from_query(query, atlas_data.vocab)
    fig = export_dict(atlas_data, state)
    names = {t["name"].split(" (")[0] for t in _legend_markers(fig)}
    passing = atlas_data.lookup.hub_mask(state, layers=False)
    shown = set(state.layers) if state.layers is not None else set(HUB_TRACE)
    for key in HUB_TRACE:
        in_view = int((passing & atlas_data.lookup.layer.isin({key})).sum())
        name = plain(pick(REGISTRY[key].label_zh, REGISTRY[key].label_en, state.lang))
        assert (name in names) == (key in shown and in_view > 0), (key, in_view, sorted(names))


@pytest.mark.parametrize("preset", ["slide-16x9", "slide-4x3", "a4-landscape", "a4-portrait"])
@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_an_exported_map_of_the_whole_west_names_every_western_province(atlas_data, preset, lang):
    """An A4 map of the west left 广西, 重庆, 贵州, 陕西 and 宁夏 unnamed (in English 8 of 12): their
    names found no place clear of the hubs' markers within reach and were left out. A province
    crowded with hubs is named over a few markers rather than not at all, clear of the other names."""
    from figures.map.static import _static

    static = _static(atlas_data)
    fig = export_dict(atlas_data, ViewState(lang=lang), plot=_plot(preset))
    canvas = canvas_of(fig["layout"]["geo"], _plot(preset))
    names = _place_names(fig, canvas)
    shown = {name for name, _ in names}
    wanted = {static.province_names[lang][static.provinces.index(a)] for a in WEST}
    assert {w for w in wanted if not any(s.startswith(w) for s in shown)} == set()
    assert not any(_overlap(p, q) for (_, p), (_, q) in itertools.combinations(names, 2))  # names clear of names
