"""Names of the partnership lines' destinations (figures/map/labels.py): on the map, legible, and
off each other and off the area records' labels.
"""

from __future__ import annotations

import itertools
import math

import pytest

from figures.map import FRAME, PARTNER_LABELS, map_values
from figures.map.labels import REACH, boxes, clip_to_frame, place_edge_labels
from view.state import ViewState


def _overlapping(labels, zoom=1.0, sizes=None):
    sizes = sizes or [11] * len(labels)
    drawn = [boxes(x, y, text, where, zoom, size)[0] for (x, y, text, where), size in zip(labels, sizes)]
    return [
        (labels[i][2], labels[j][2])
        for i, j in itertools.combinations(range(len(drawn)), 2)
        if _intersect(drawn[i], drawn[j])
    ]


def _intersect(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_a_names_box_is_where_the_page_draws_it():
    # measured on the page (1366x768, the whole west): 74°E 46°N at (104.9, 148.4) px, 105°E 30°N
    # at (346, 371.8); a name written to the right of its point begins there, centred on it
    a, b = boxes([74, 105], [46, 30], "→ 哈萨克斯坦", "middle right")
    assert b[0] - a[0] == pytest.approx(346 - 104.9, abs=2)
    assert (b[1] + b[3]) / 2 - (a[1] + a[3]) / 2 == pytest.approx(371.8 - 148.4, abs=2)
    assert 60 <= a[2] - a[0] <= 90 and 12 <= a[3] - a[1] <= 16  # 6 wide characters at 11 px


def test_a_line_to_a_partner_beyond_the_map_ends_at_its_edge():
    x, y, cut = clip_to_frame(87.6, 43.8, 69.2, 41.3)  # Urumqi to Tashkent
    assert cut and x == pytest.approx(FRAME[0]) and 41.3 < y < 43.8
    assert clip_to_frame(87.6, 43.8, 104.1, 30.7) == (104.1, 30.7, False)  # Chengdu: on the map


def test_names_at_one_edge_and_a_name_at_its_place_do_not_overlap():
    # Xinjiang's partners as the map first drew them: Kyrgyzstan's point lies on the map, beside
    # the names of the four partners beyond the left edge, and its name ran into Turkmenistan's
    ends = {
        "哈萨克斯坦": (74.0, 46.525, True),
        "吉尔吉斯斯坦": (74.948, 41.288, False),
        "塔吉克斯坦": (74.0, 39.777, True),
        "土库曼斯坦": (74.0, 41.511, True),
        "乌兹别克斯坦": (74.0, 42.911, True),
    }
    labels = place_edge_labels(ends)
    assert not _overlapping(labels)
    assert ("吉尔吉斯斯坦" in [text for *_, text, _ in labels]) and (
        74.948,
        41.288,
        "吉尔吉斯斯坦",
        "top center",
    ) in labels
    for x, y, text, where in labels:
        if text.startswith("→"):
            name = text[2:]
            assert where == "middle right" and x == ends[name][0]  # on the left edge, written inward
            assert abs(y - ends[name][1]) <= REACH  # near where its line meets the edge


def test_names_keep_off_an_area_records_label():
    # as on the map of Xinjiang: the outline's label, far east along the parallel, is level with
    # Kazakhstan's name on screen (the projection's parallels curve)
    area_label = ((85.759, 48.404, "合作方未公布", "top center"), 10)
    labels = place_edge_labels({"哈萨克斯坦": (74.0, 46.525, True)}, taken=[area_label])
    assert not _overlapping([area_label[0], *labels], sizes=[10, 11])


def test_names_need_less_room_zoomed_in():
    ends = {"甲国": (74.0, 40.0, True), "乙国": (74.0, 40.3, True)}
    far = place_edge_labels(ends, zoom=1.0)
    near = place_edge_labels(ends, zoom=4.0)
    gap = lambda labels: abs(labels[0][1] - labels[1][1])  # noqa: E731
    assert gap(near) < gap(far) and not _overlapping(near, zoom=4.0)


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_the_map_of_xinjiang_draws_its_partners_names_apart(atlas_data, lang):
    state = ViewState(provinces=("650000",), lang=lang)
    v = map_values(atlas_data, state)
    key = ("data", PARTNER_LABELS)
    labels = list(zip(v[(*key, "lon")], v[(*key, "lat")], v[(*key, "text")], v[(*key, "textposition")]))
    assert len(labels) >= 3, "Xinjiang's partnerships lead abroad"
    assert not _overlapping(labels)


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_zoomed_in_the_prefectures_names_do_not_run_into_each_other(atlas_data, lang):
    # in English the long "… Autonomous Prefecture" names ran into their neighbours at mv=106,30,4
    from figures.map import CITY_LABELS, PROVINCE_LABELS

    zoom = 4.0
    v = map_values(atlas_data, ViewState(map_view=(106.0, 30.0, zoom), lang=lang))
    names = [
        (x, y, text, "middle center")
        for key in (PROVINCE_LABELS, CITY_LABELS)
        for x, y, text in zip(v[("data", key, "lon")], v[("data", key, "lat")], v[("data", key, "text")])
        if text
    ]
    cities = [n for n in names if n[2] in set(v[("data", CITY_LABELS, "text")])]
    assert len(cities) > 40, "most prefectures are still named"
    pairs = _overlapping(names, zoom=zoom, sizes=[12 if n not in cities else 10 for n in names])
    city_names = {n[2] for n in cities}
    assert not [pair for pair in pairs if set(pair) & city_names]  # (香港 and 澳门 are the provinces' own)


def _names_drawn(traces: list, canvas=None):
    """(text, box, font size) of every partner, province and area-record name the map writes."""
    from figures.map.labels import LAPTOP
    from figures.map.layout import AREA_LABELS, PROVINCE_LABELS

    found = []
    for i in (PARTNER_LABELS, PROVINCE_LABELS, AREA_LABELS):
        trace = traces[i]
        if trace.get("visible", True) is not True:
            continue
        size = trace.get("textfont", {}).get("size", 12)
        where = trace.get("textposition", "middle center")
        for k, (x, y, text) in enumerate(zip(trace["lon"], trace["lat"], trace["text"])):
            if text and x is not None:
                spot = where[k] if isinstance(where, list) else where
                found.append((i, text, boxes(x, y, text, spot, 1.0, size, canvas or LAPTOP)[0]))
    return found


def _partner_faults(traces: list, canvas) -> list:
    """Partner names over another name, and partner names far from where their line ends."""
    from figures.map.labels import DEGREE_PX, LINE, NAME_PX, PX_PER_METRE, ROWS

    drawn = _names_drawn(traces, canvas)
    faults = [
        (a[1], b[1])
        for a, b in itertools.combinations(drawn, 2)
        if PARTNER_LABELS in (a[0], b[0]) and _intersect(a[2], b[2])
    ]
    ends = {name: (x, y) for name, x, y, _ in traces[PARTNER_LABELS]["meta"]}
    near = math.hypot(REACH * DEGREE_PX, ROWS * LINE * NAME_PX) * 1.3  # px: the reach, with the projection's slack
    scale = canvas.px_per_metre / PX_PER_METRE
    trace = traces[PARTNER_LABELS]
    for x, y, text in zip(trace["lon"], trace["lat"], trace["text"]):
        end = ends[text.removeprefix("→ ")]
        (ax, bx), (ay, by) = canvas.xy([x, end[0]], [y, end[1]])
        if math.hypot(ax - bx, ay - by) > near * max(scale, 1.0):
            faults.append((text, "far from its line", round(math.hypot(ax - bx, ay - by))))
    return faults


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_at_every_measure_partner_names_overlap_no_name_and_stay_by_their_lines(atlas_data, lang):
    # m=12 (South and Southeast Asia): 老挝 →越南 →印度尼西亚 →柬埔寨 菲律宾 piled up near Hainan
    from figures.map import map_figure
    from figures.map.labels import LAPTOP

    named = 0
    for measure in sorted(atlas_data.lookup.measure_provinces):
        figure = map_figure(atlas_data, ViewState(measure=measure, lang=lang))
        traces = [dict(t) for t in (figure["data"] if isinstance(figure, dict) else figure.to_dict()["data"])]
        named += len(traces[PARTNER_LABELS]["text"])
        assert _partner_faults(traces, LAPTOP) == [], measure
    # the measures' partnerships lead abroad, and are named (on a laptop one of them gives way to
    # the names that fit on a phone too: 25 of 27 in Chinese, 24 in English)
    assert named >= 24


@pytest.mark.parametrize("plot", [(1860, 880), (740, 1000), (1100, 700)])
def test_an_exported_maps_partner_names_overlap_no_name(atlas_data, plot):
    # /export/map.png?m=12 drew the page's placement, made for a laptop's map, on its own canvas
    from figures.map.labels import canvas_of
    from figures.map.legend import export_dict

    state = ViewState(measure="五(十二)")
    figure = export_dict(atlas_data, state, plot=plot)
    traces = figure["data"]
    assert traces[PARTNER_LABELS]["text"], "the measure's partnerships are named"
    assert _partner_faults(traces, canvas_of(figure["layout"]["geo"], plot)) == []


def _shown_on_page(labels, taken, canvas, keep_off) -> list:
    """The names the page shows of ``labels`` on ``canvas``: each, in order, unless it covers one
    shown before it, one of ``taken`` (the provinces' and area records' names) or one of the boxes
    ``keep_off`` (the inset, beyond the frame), as assets/atlas.js hides it.
    """
    from figures.map.labels import NAME_PX

    kept = [keep_off, *(boxes(x, y, text, where, 1.0, size, canvas) for (x, y, text, where), size in taken if text)]
    shown = []
    for x, y, text, where in labels:
        box = boxes(x, y, text, where, 1.0, NAME_PX, canvas)
        if not any(_intersect(box[0], k) for group in kept for k in group):
            kept.append(box)
            shown.append(text)
    return shown


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_on_a_phone_more_partner_names_are_moved_into_place_than_a_laptops_placement_leaves(atlas_data, lang):
    # /?m=12 on a phone (390x844): names placed for a laptop ran into one another and the page hid
    # 11 of 26; a name is now placed where it fits on the smallest map first
    from figures.map.extent import home
    from figures.map.labels import LAPTOP_PLOT, page_views
    from figures.map.layout import AREA_LABELS, PROVINCE_LABELS

    state = ViewState(measure="五(十二)", lang=lang)
    v = map_values(atlas_data, state)
    get = lambda i, k: v[("data", i, k)]  # noqa: E731
    ends = {name: (x, y, bool(cut)) for name, x, y, cut in get(PARTNER_LABELS, "meta")}
    labels = list(zip(*(get(PARTNER_LABELS, k) for k in ("lon", "lat", "text", "textposition"))))
    taken = [
        ((x, y, n, "middle center"), 12) for x, y, n in zip(*(get(PROVINCE_LABELS, k) for k in ("lon", "lat", "text")))
    ]
    taken += [
        ((x, y, n, "middle center"), 10) for x, y, n in zip(*(get(AREA_LABELS, k) for k in ("lon", "lat", "text")))
    ]
    views = page_views(home(atlas_data.lookup.region_bounds.get(state.region)))
    laptops = place_edge_labels(ends, 1.0, taken)  # placed for a laptop's map only, as before
    for k, (canvas, keep_off) in enumerate(views):
        shown = _shown_on_page(labels, taken, canvas, keep_off)
        if k < LAPTOP_PLOT:  # a phone's
            assert len(shown) > len(_shown_on_page(laptops, taken, canvas, keep_off)), (k, shown)
        else:  # a laptop's and larger: every name placed is shown, clear of the inset
            assert len(shown) == len(labels), (k, set(labels) - set(shown))
