"""The map fills its frame (#map-frame) at every window size, region and zoom, as a web map does.

Plotly's geo subplot draws nothing outside the projection of its lon/lat ranges (a clip path, and
the background that takes drags and wheel zooms), fitted to the frame with the ranges' own shape:
before, a laptop's map had blank bands of about 75 px above and below it, and a zoomed map ended
at straight edges well inside its frame. The page widens the ranges to the frame's shape
(assets/atlas-extent.js, figures/map/extent.py) after every draw, resize and pan.
"""

from __future__ import annotations

import math

import pytest

from figures.map import extent
from model.prepared import current
from tests.browser.test_dashboard import FIND_PROVINCE, open_page
from tests.browser.test_map import HUB_POINT, MAP, VIEW, _new_page

pytestmark = pytest.mark.browser

SIZES = [(1366, 768), (1920, 1080), (390, 844)]

# The frame, and where the main map is drawn: its background (which takes drags and zooms), the
# rectangle it is clipped to, and the painted extent of its land (countries and provinces); the
# home view its figure names, its ranges and rotation, and Plotly's size of it.
DRAWN = f"""() => {{
  const box = (r) => [r.left, r.top, r.right, r.bottom];
  const frame = document.querySelector('#map-frame').getBoundingClientRect();
  const bg = document.querySelector('#map g.geo.geo .bg rect').getBoundingClientRect();
  const svg = document.querySelector('#map .main-svg').getBoundingClientRect();
  const clip = document.querySelector('#map clipPath[id$="geo"] rect');
  const x = svg.left + +clip.getAttribute('x'), y = svg.top + +clip.getAttribute('y');
  const w = +clip.getAttribute('width'), h = +clip.getAttribute('height');
  let land = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of document.querySelectorAll('#map g.geo.geo path.choroplethlocation')) {{
    const r = p.getBoundingClientRect();
    if (!r.width) continue;
    const b = box(r);
    land = [Math.min(land[0], b[0]), Math.min(land[1], b[1]), Math.max(land[2], b[2]), Math.max(land[3], b[3])];
  }}
  const gd = {MAP}, full = gd._fullLayout;
  return {{frame: box(frame), bg: box(bg), clip: [x, y, x + w, y + h], land: land, home: gd.layout.meta.home,
           lon: full.geo.lonaxis.range, lat: full.geo.lataxis.range, rotation: full.geo.projection.rotation.lon,
           size: [full.width, full.height]}};
}}"""
# the ranges are centred on the projection's rotation (a pan turns it; the page follows)
TURNED = (
    f"() => {{ const g = {MAP}._fullLayout.geo;"
    " return Math.abs(g.lonaxis.range[0] + g.lonaxis.range[1] - 2 * g.projection.rotation.lon) < 1e-6; }"
)
# the map's background (which takes drags and zooms) covers its frame, and the ranges are turned
# with the projection: what every test waits for before it measures (a region's own extent is
# already centred on its rotation, so TURNED alone passed before the page had filled the frame)
FILLED = f"""() => {{
  const f = document.querySelector('#map-frame').getBoundingClientRect();
  const b = document.querySelector('#map g.geo.geo .bg rect').getBoundingClientRect();
  return ({TURNED})() && b.left <= f.left + 2 && b.top <= f.top + 2
    && b.right >= f.right - 2 && b.bottom >= f.bottom - 2;
}}"""
RESIZED = f"() => Math.abs({MAP}._fullLayout.width - document.querySelector('#map-frame').clientWidth) < 2"
# a province's painted box on the screen (left, top, right, bottom)
PROVINCE_BOX = f"""(adcode) => {{
  const i = {MAP}.data[1].locations.indexOf(adcode);
  const paths = document.querySelectorAll('#map g.trace.choropleth')[1].querySelectorAll('path.choroplethlocation');
  const r = paths[i].getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom];
}}"""
# every hub drawn: [ids, lons, lats] per layer
HUBS = f"""() => {MAP}.data.filter(t => t.type === 'scattergeo' && Array.isArray(t.customdata))
  .map(t => [t.customdata.map(c => c[0]), t.lon, t.lat])"""


def _covers(inner, outer, px: float = 2.0) -> bool:
    """Whether the box ``inner`` (left, top, right, bottom) reaches each edge of ``outer``."""
    near, far = zip(inner[:2], outer[:2]), zip(inner[2:], outer[2:])
    return all(i <= o + px for i, o in near) and all(i >= o - px for i, o in far)


def _assert_fills(page) -> dict:
    d = page.evaluate(DRAWN)
    frame = d["frame"]
    for what in ("bg", "clip"):
        assert _covers(d[what], frame), (what, d[what], frame)
        assert _covers(frame, d[what]), (what, d[what], frame)  # and no more than the frame
    assert _covers(d["land"], frame), (d["land"], frame)  # land painted to its edges (clipped there)
    # the page's ranges are the server's for the same frame (one computation in two languages)
    lon, lat = extent.frame_ranges(d["home"], d["rotation"], *d["size"])
    assert d["lon"] == pytest.approx(lon, abs=1e-3) and d["lat"] == pytest.approx(lat, abs=1e-3)
    return d


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_map_fills_its_frame_at_home_zoomed_in_and_in_a_region(browser, live_server, output_dir, width, height):
    page = _new_page(browser, width, height)
    for query in ("", "?mv=106,30,4", "?r=chengyu"):
        open_page(page, live_server, query)
        if query.startswith("?mv"):
            page.wait_for_function(f"() => Math.abs(({VIEW})()[2] - 4) < 0.01")
        page.wait_for_function(FILLED)
        _assert_fills(page)
        page.screenshot(path=str(output_dir / f"map-fill-{width}x{height}{query.replace('?', '-')}.png"))
    page.context.close()


def test_at_home_on_a_laptop_the_whole_west_shows_at_its_former_scale(browser, live_server):
    """Filling the frame adds map above and below; the west itself is as large as before (the
    scale at which the west's extent fits the frame's width), all of it in view, centred as before."""
    page = _new_page(browser, 1366, 768)
    open_page(page, live_server)
    page.wait_for_function(FILLED)
    d = _assert_fills(page)
    assert page.evaluate(VIEW) == pytest.approx([105, 35.5, 1])
    # the distance on screen between two hubs far apart: the west's extent fitted to the frame
    home = d["home"]
    bw, bh = extent.box_size(home["lon"], home["lat"], home["center"][0])
    scale = min(d["size"][0] / bw, d["size"][1] / bh)
    where = {i: (x, y) for ids, lons, lats in page.evaluate(HUBS) for i, x, y in zip(ids, lons, lats) if x is not None}
    a = "ttc-cacstc-urumqi"
    b = max(where, key=lambda i: math.dist(where[i], where[a]))
    on_screen = math.dist(page.evaluate(HUB_POINT, a), page.evaluate(HUB_POINT, b))
    x, y = extent.project([where[a][0], where[b][0]], [where[a][1], where[b][1]], 105.0)
    assert on_screen == pytest.approx(scale * math.dist((x[0], y[0]), (x[1], y[1])), rel=0.01)
    for adcode in ("650000", "540000", "150000", "450000", "530000"):  # the west's far ends, painted whole
        box = page.evaluate(PROVINCE_BOX, adcode)
        assert _covers(d["frame"], box, px=0), (adcode, box, d["frame"])
    page.context.close()


def test_the_map_still_fills_its_frame_after_a_drag_a_resize_and_the_home_button(browser, live_server):
    page = _new_page(browser, 1366, 768)
    open_page(page, live_server, "?mv=100,33,2.25")
    page.wait_for_function(f"() => Math.abs(({VIEW})()[2] - 2.25) < 0.01")
    x, y = page.evaluate(FIND_PROVINCE, "510000")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 150, y + 20, steps=8)
    page.mouse.move(x - 300, y + 40, steps=8)  # a pan of some 15°: the projection turns
    page.mouse.up()
    page.wait_for_function(f"() => ({VIEW})()[0] > 110")
    page.wait_for_function(FILLED)  # the ranges follow: the map keeps its scale and its frame
    _assert_fills(page)
    page.set_viewport_size({"width": 1000, "height": 800})
    page.wait_for_function(RESIZED)
    page.wait_for_function(FILLED)
    _assert_fills(page)
    page.locator("#zoom-home").click()
    page.wait_for_function(f"() => Math.abs(({VIEW})()[2] - 1) < 0.01")
    page.wait_for_function("() => !location.search.includes('mv=')")
    page.wait_for_function(FILLED)
    _assert_fills(page)
    page.context.close()


def test_a_region_has_its_own_home_view_centred_on_it(browser, live_server):
    """The ⌂, the key 0 and a double click go back to the region's home view, centred on the
    region (the northwest's is west of the whole west's meridian: Xinjiang was half cut off), and
    the URL then names no view."""
    northwest = extent.home(current().lookup.region_bounds["northwest"])
    page = _new_page(browser, 1366, 768)
    open_page(page, live_server, "?r=northwest")
    page.wait_for_function(FILLED)
    assert page.evaluate(VIEW) == pytest.approx([*northwest["center"], 1], abs=1e-3)
    d = _assert_fills(page)
    assert _covers(d["frame"], page.evaluate(PROVINCE_BOX, "650000"), px=0)  # Xinjiang in view, whole
    page.locator("#zoom-in").click()
    page.wait_for_function("() => location.search.includes('mv=')")
    page.locator("#zoom-home").click()
    page.wait_for_function("() => !location.search.includes('mv=')")
    assert page.evaluate(VIEW) == pytest.approx([*northwest["center"], 1], abs=1e-3)
    # another region chosen on the page: a double click goes to its home, not to the first one's
    page.evaluate("() => window.dash_clientside.set_props('region', {value: 'chengyu'})")
    page.wait_for_function("() => location.search.includes('r=chengyu')")
    chengyu = extent.home(current().lookup.region_bounds["chengyu"])
    page.wait_for_function(f"() => Math.abs(({VIEW})()[0] - {chengyu['center'][0]}) < 1e-3")
    page.locator("#zoom-in").click()
    page.wait_for_function("() => location.search.includes('mv=')")
    x, y = page.evaluate(FIND_PROVINCE, "500000")
    page.mouse.dblclick(x, y)
    page.wait_for_function("() => !location.search.includes('mv=')")
    page.wait_for_function(f"() => Math.abs(({VIEW})()[0] - {chengyu['center'][0]}) < 1e-3")
    page.wait_for_function(f"() => Math.abs(({VIEW})()[2] - 1) < 1e-3")
    _assert_fills(page)
    page.context.close()


def test_the_map_fills_its_frame_again_after_a_new_figure(browser, live_server):
    """A new figure (a language change, a year, a filter: Dash draws it with Plotly.react) names
    its extent's ranges again; the page fills the frame with them again. Once the page had filled
    the frame, the same refit asked of the next figure was taken for one that did not take, and the
    map kept its blank bands: under load, a figure arriving after the first draw did it."""
    page = _new_page(browser, 1366, 768)
    open_page(page, live_server)
    page.wait_for_function(FILLED)
    for lang, code in (("English", "en"), ("繁體", "zh-Hant"), ("简体", None)):
        page.locator("#lang label").filter(has_text=lang).click()
        page.wait_for_function("() => (document.documentElement.lang || '') === '%s'" % (code or "zh-Hans"))
        page.wait_for_function(FILLED)
        _assert_fills(page)
    page.context.close()
