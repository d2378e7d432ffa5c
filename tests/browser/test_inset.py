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


# Each line of the caption as drawn, and each dash of the nine-dash line in the inset (its segments
# projected by the inset's own projection), in screen pixels.
LINES_AND_DASHES = """() => {
  const gd = document.querySelector('#map .js-plotly-plot'), r = gd.getBoundingClientRect();
  const caption = [...gd.querySelectorAll('text')].find(t => /南海|諸島|South China/.test(t.textContent));
  const spans = caption.querySelectorAll('tspan.line');
  const lines = [...(spans.length ? spans : [caption])].map(e => {
    const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom];
  });
  const trace = gd._fullData.find(t => t.name === 'maritime' && t.geo === 'geo2');
  const geo = gd._fullLayout.geo2._subplot, size = gd._fullLayout._size;
  const frame = gd.querySelector('g.geo.geo2 .layer.frame').getBoundingClientRect();
  const at = (lon, lat) => {
    const [x, y] = geo.projection([lon, lat]);
    return [r.left + size.l + x, r.top + size.t + y];
  };
  const segments = [];
  for (let i = 1; i < trace.lon.length; i += 1) {
    if (trace.lon[i] === null || trace.lon[i - 1] === null) continue;
    const a = at(trace.lon[i - 1], trace.lat[i - 1]), b = at(trace.lon[i], trace.lat[i]);
    const inside = p => p[0] >= frame.left && p[0] <= frame.right && p[1] >= frame.top && p[1] <= frame.bottom;
    if (inside(a) || inside(b)) segments.push([a, b]);
  }
  return {lines, segments, text: caption.textContent};
}"""


def _crosses(box, segment, air: float = 0.0) -> bool:
    """Whether a segment (a dash of the line, 1.2 px wide) runs through a text line's box: its em
    box (the font's ascent and descent), which holds some 2 px of air above the capitals at these
    sizes, so that a dash whose centre line stays out of it keeps its stroke off the letters.
    """
    (x0, y0), (x1, y1) = segment
    left, top, right, bottom = box[0] - air, box[1] - air, box[2] + air, box[3] + air
    for k in range(21):  # points along the dash (a dash is a few px long)
        x, y = x0 + (x1 - x0) * k / 20, y0 + (y1 - y0) * k / 20
        if left <= x <= right and top <= y <= bottom:
            return True
    return False


# the caption's rendered type size (px), after the page's styles
CAPTION_PX = """() => parseFloat(getComputedStyle([...document.querySelectorAll('#map .js-plotly-plot text')]
  .find(t => /南海|諸島|South China/.test(t.textContent))).fontSize)"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (360, 640), (1366, 768), (1920, 1080), (1000, 600)])
def test_the_inset_caption_keeps_off_the_nine_dash_line_at_every_size_and_language(browser, live_server, width, height):
    # on a phone in English, "South China Sea Islands" touched the southernmost dash
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    try:
        for query, words in (("?lang=en", "South China"), ("", "南海"), ("?lang=zh-Hant", "南海")):
            open_page(page, live_server, query)
            page.wait_for_function(f"() => ({BOXES})().text.join(' ').includes({words!r})")
            found = page.evaluate(LINES_AND_DASHES)
            assert found["segments"], "the inset draws the nine-dash line"
            for box in found["lines"]:
                crossing = [s for s in found["segments"] if _crosses(box, s)]
                assert not crossing, (width, query, found["text"], box, crossing)
            size = page.evaluate(CAPTION_PX)
            # readable where the inset has room: the phone's 6.5 px was the laptop's too
            assert size >= (8.5 if width >= 1000 and height >= 600 else 6.5), (width, query, size)
    finally:
        context.close()


# The note over the map (why it hides some hubs) and the inset's frame, as drawn (screen pixels)
NOTE_AND_INSET = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const note = document.querySelector('#map-note');
  const frame = document.querySelector('#map .js-plotly-plot g.geo.geo2 .layer.frame');
  return {note: note && note.textContent ? box(note) : null, frame: frame && box(frame)};
}"""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080), (390, 844)])
def test_the_map_note_never_covers_the_inset(browser, live_server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    try:
        for query in ("?q=杨凌", "?y=2020", "?s=biomedicine", "?lang=en&q=Yangling"):
            open_page(page, live_server, query)
            page.wait_for_function(f"() => ({NOTE_AND_INSET})().note")
            found = page.evaluate(NOTE_AND_INSET)
            (nl, nt, nr, nb), (fl, ft, fr, fb) = found["note"], found["frame"]
            assert fr > fl and fb > ft, found  # the inset is drawn
            assert nr <= fl or fr <= nl or nb <= ft or fb <= nt, (width, query, found)
    finally:
        context.close()
