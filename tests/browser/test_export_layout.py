"""An exported chart or map, as a reader sees it: its parts do not cover each other.

The SVG the export service makes is opened in Chromium and the boxes of its axis labels, its legend
and its footer (source, boundary note, date), or of the names on a map, are compared, as a
presenter's eye would.
"""

from __future__ import annotations

import pytest

from export.render import PRESETS, export
from model.prepared import current
from model.regions import WEST
from view.state import ViewState

BOXES = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const footer = [...document.querySelectorAll('.annotation')].find(a => /Exported|导出/.test(a.textContent));
  return {
    ticks: [...document.querySelectorAll('.xtick text')].filter(t => t.textContent).map(box),
    legend: document.querySelector('.legend') ? box(document.querySelector('.legend')) : null,
    footer: footer ? box(footer) : null,
  };
}"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("what", ["hubs", "approvals", "ranking", "scatter"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_exported_charts_labels_legend_and_footer_do_not_cover_each_other(page, what, lang):
    _, svg = export(current(), ViewState(lang=lang), what, "svg", PRESETS["slide-16x9"])
    page.set_content(svg.decode("utf-8"))
    found = page.evaluate(BOXES)
    assert found["footer"] and found["ticks"], found
    for tick in found["ticks"]:
        assert not _overlap(tick, found["footer"]), (what, tick, found["footer"])
        if found["legend"]:
            assert not _overlap(tick, found["legend"]), (what, tick, found["legend"])
    if found["legend"]:
        assert not _overlap(found["legend"], found["footer"]), found


# The names written on an exported map (the SVG's main geo), and the box the map is clipped to.
MAP_NAMES = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const svg = document.querySelector('svg'), at = svg.getBoundingClientRect();
  const clip = [...document.querySelectorAll('clipPath')].find(c => /geo$/.test(c.id)).querySelector('rect');
  const [x, y, w, h] = ['x', 'y', 'width', 'height'].map(a => +clip.getAttribute(a));
  return {
    frame: [at.left + x, at.top + y, at.left + x + w, at.top + y + h],
    names: [...document.querySelectorAll('g.geo.geo text')].filter(t => t.textContent.trim())
      .map(t => [t.textContent, ...box(t)]),
  };
}"""


def _named_view(data, adcode: str, lang: str) -> ViewState | None:
    """A view of one province whose exported map names its hubs (15 or fewer drawn), if any."""
    from figures.map import HUB_TRACE, export_dict

    for state in (
        ViewState(provinces=(adcode,), year=2019, lang=lang),
        ViewState(provinces=(adcode,), layers=("hightech_zones",), lang=lang),
    ):
        fig = export_dict(data, state)
        if any(x for i in HUB_TRACE.values() for x in fig["data"][i].get("text") or []):
            return state
    return None


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_an_exported_province_maps_hub_names_neither_overlap_nor_leave_the_frame(page, lang):
    data = current()
    hub_names = {"".join(n.split()) for column in ("name_zh", "name_en") for n in data.hubs[column]}
    views = [(_named_view(data, a, lang), "slide", "slide-16x9") for a in sorted(WEST)]
    assert all(state for state, _, _ in views)  # some view of every western province names its hubs
    gansu = ViewState(provinces=("620000",), year=2019, lang=lang)  # crowded around Lanzhou
    views += [(gansu, "map", "slide-16x9"), (gansu, "map", "a4-portrait")]
    for state, what, preset in views:
        _, svg = export(data, state, what, "svg", PRESETS[preset])
        page.set_content(svg.decode("utf-8"))
        found = page.evaluate(MAP_NAMES)
        left, top, right, bottom = found["frame"]
        # a hub's name (perhaps wrapped: its lines' text run together) or its number
        hubs = [n for n in found["names"] if "".join(n[0].split()) in hub_names or n[0].isdecimal()]
        assert hubs, (state, what)
        for text, *box in hubs:
            inside = left - 1 <= box[0] and box[2] <= right + 1 and top - 1 <= box[1] and box[3] <= bottom + 1
            assert inside, (state.provinces, what, preset, text, box, found["frame"])
            for other, *other_box in found["names"]:
                if other_box != box:
                    assert not _overlap(box, other_box), (state.provinces, what, preset, text, other)


INSET = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const frame = document.querySelector('g.geo.geo2 .layer.frame');
  const caption = [...document.querySelectorAll('text')].filter(t => /南海|諸島|South China/.test(t.textContent));
  return {frame: frame && box(frame), caption: caption.map(box)};
}"""


@pytest.mark.parametrize("lang", ["zh-Hans", "en", "zh-Hant"])
def test_an_exported_maps_south_china_sea_caption_lies_inside_the_inset(page, lang):
    for what, preset in (("map", "slide-16x9"), ("slide", "slide-16x9"), ("slide", "a4-portrait")):
        _, svg = export(current(), ViewState(lang=lang), what, "svg", PRESETS[preset])
        page.set_content(svg.decode("utf-8"))
        found = page.evaluate(INSET)
        left, top, right, bottom = found["frame"]
        assert len(found["caption"]) == 1, found
        for box in found["caption"]:
            assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom, (what, preset, found)
