"""The South China Sea inset's caption (南海诸岛) stays inside the inset's frame, as on standard maps
of China, whatever the screen, the zoom and the language: the inset is letterboxed inside its
domain, so a caption placed by the paper's coordinates floated over the main map (over Hunan when
zoomed in, over "Fujian" on a phone in English).
"""

from __future__ import annotations

import pytest

from tests.browser.test_dashboard import open_page

pytestmark = pytest.mark.browser

# The inset's frame and its caption's text, as drawn (screen pixels: left, top, right, bottom);
# the caption found by its words, whatever draws it.
BOXES = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const gd = document.querySelector('#map .js-plotly-plot');
  const frame = gd.querySelector('g.geo.geo2 .layer.frame');
  const caption = [...gd.querySelectorAll('text')].filter(t => /南海|諸島|South China/.test(t.textContent));
  return {frame: frame && box(frame), caption: caption.map(box), text: caption.map(t => t.textContent)};
}"""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080), (390, 844)])
def test_the_inset_caption_lies_inside_the_inset_frame_at_every_size_zoom_and_language(
    browser, live_server, width, height
):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    try:
        for query, words in (("", "南海诸岛"), ("lang=en", "South China"), ("lang=zh-Hant", "南海諸島")):
            for view in ("", "mv=106,30,4"):  # the whole extent, and zoomed in over Sichuan and Chongqing
                open_page(page, live_server, "?" + "&".join(q for q in (query, view) if q))
                page.wait_for_function(f"() => ({BOXES})().text.join(' ').includes({words!r})")
                found = page.evaluate(BOXES)
                left, top, right, bottom = found["frame"]
                assert found["caption"], found
                for box in found["caption"]:
                    assert box[2] > box[0] and box[3] > box[1], found  # drawn, not empty
                    inside = left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom
                    assert inside, (width, query, view, found)
    finally:
        context.close()
