"""The map as officials use it (issue 11): clicks, drags, zooms, keys, screen sizes, in real Chromium.

Each test does what a person does: clicks a hub or a province where it is drawn, drags the map,
presses keys, resizes the window; and checks what the page then shows.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from components import views
from model.prepared import current, filter_hubs
from tests.browser.test_dashboard import FIND_PROVINCE, count, open_page, open_section, wait_count
from view.state import ViewState, from_query

pytestmark = pytest.mark.browser

MAP = "document.querySelector('#map .js-plotly-plot')"
TRACE = "(name) => " + MAP + ".data.find(t => t.name === name)"
# The screen position of a hub's marker, found from the drawn SVG point whose data is that hub.
HUB_POINT = """(id) => {
  for (const g of document.querySelectorAll('#map g.trace.scattergeo')) {
    const cd = g.__data__, trace = cd && cd[0] && cd[0].trace;
    if (!trace || !Array.isArray(trace.customdata)) continue;
    for (const p of g.querySelectorAll('path.point')) {
      const d = p.__data__;
      if (d && trace.customdata[d.i] && trace.customdata[d.i][0] === id) {
        const r = p.getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2];
      }
    }
  }
  return null;
}"""
FADED = (
    "() => Array.from(document.querySelectorAll('#map path.choroplethlocation'))"
    ".filter(p => getComputedStyle(p).opacity !== '1').length"
)
VIEW = (
    f"() => {{ const gd = {MAP}, g = gd && gd._fullLayout && gd._fullLayout.geo;"
    " return g ? [g.center.lon, g.center.lat, g.projection.scale] : [null, null, null]; }"
)


def _new_page(browser, width: int, height: int, **kw):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", **kw)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    return page


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_clicking_a_hub_opens_its_card_and_rings_it_without_fading_anything(page, live_server):
    open_page(page, live_server)
    total = count(page)
    x, y = page.evaluate(HUB_POINT, "ttc-cacstc-urumqi")
    page.mouse.click(x, y)
    page.wait_for_function("() => document.querySelector('#hub-card h2').textContent.includes('中国—中亚科技合作中心')")
    assert "h=ttc-cacstc-urumqi" in page.url
    page.wait_for_function(f"() => ({TRACE})('selected-hub').lon.length === 1")
    assert count(page) == total  # the card opens; the table is not narrowed to the hub
    assert page.evaluate(FADED) == 0  # no province shape faded
    # its partnership lines, each destination named: the five Central Asian states
    page.wait_for_function(f"() => ({TRACE})('partner-labels').text.length === 5")
    assert any("乌兹别克斯坦" in t for t in page.evaluate(f"() => ({TRACE})('partner-labels').text"))
    page.get_by_role("button", name="清除选择").click()
    page.wait_for_function(f"() => ({TRACE})('selected-hub').lon.length === 0")
    page.wait_for_function("() => !location.search.includes('h=')")
    assert page.evaluate(f"() => ({TRACE})('partner-lines').lon.length") == 0
    assert "在地图或列表中选择一个载体" in page.locator("#hub-card").inner_text()
    assert page.evaluate(FADED) == 0


# The screen position of a point of a trace (a label's anchor).
TRACE_POINT = """([name, i]) => {
  const gd = document.querySelector('#map .js-plotly-plot'), trace = gd.data.find(t => t.name === name);
  const geo = gd._fullLayout.geo._subplot, box = gd.getBoundingClientRect(), size = gd._fullLayout._size;
  const [x, y] = geo.projection([trace.lon[i], trace.lat[i]]);
  return [box.x + size.l + x, box.y + size.t + y];
}"""


def test_a_place_whose_site_is_not_published_is_outlined_and_says_so(page, live_server):
    open_page(page, live_server, "?r=chengyu")  # (the whole west has no room for its label)
    assert "选址或合作方未公布" in page.locator("#map-legend").inner_text()  # the legend says what it is
    page.wait_for_function(f"() => ({TRACE})('area-outline').lon.length > 20")
    assert page.evaluate(f"() => ({TRACE})('area-labels').text") == ["选址未公布"]
    x, y = page.evaluate(TRACE_POINT, ["area-labels", 0])
    page.mouse.move(x, y)
    page.wait_for_selector("#map .hoverlayer .hovertext")
    hover = page.evaluate("() => document.querySelector('#map .hoverlayer').textContent")
    assert "长江流域地表过程与生态环境模拟实验系统" in hover and "选址未公布" in hover
    assert "选址未公布" in page.locator("#hub-table-areas").inner_text()
    # Shaanxi: the Chengdu-Chongqing area is not there; the line under the table goes with it
    open_page(page, live_server, "?p=610000")
    page.wait_for_function(f"() => ({TRACE})('area-outline').lon.length === 0")
    assert page.locator("#hub-table-areas").inner_text() == ""


# A point 4 px inside the area from one of its outline's vertices (within Plotly's hover distance of
# the line), away from any hub, and the province drawn there (Sichuan or Chongqing): [x, y, adcode].
NEAR_OUTLINE = """() => {
  const gd = document.querySelector('#map .js-plotly-plot'), trace = gd.data.find(t => t.name === 'area-outline');
  const label = gd.data.find(t => t.name === 'area-labels');
  const geo = gd._fullLayout.geo._subplot, box = gd.getBoundingClientRect(), size = gd._fullLayout._size;
  const at = (lon, lat) => {
    const [x, y] = geo.projection([lon, lat]);
    return [box.x + size.l + x, box.y + size.t + y];
  };
  const centre = at(104.5, 30.0);  // inside the Chengdu-Chongqing area
  const paths = document.querySelectorAll('#map g.trace.choropleth')[1].querySelectorAll('path.choroplethlocation');
  const marks = Array.from(document.querySelectorAll('#map .scattergeo path.point')).map(p => {
    const r = p.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];
  });
  for (let k = 0; k < trace.lon.length; k += 1) {
    if (trace.lon[k] === null) continue;
    const [vx, vy] = at(trace.lon[k], trace.lat[k]), d = Math.hypot(centre[0] - vx, centre[1] - vy);
    const x = vx + 4 * (centre[0] - vx) / d, y = vy + 4 * (centre[1] - vy) / d;
    if (x < box.left + 5 || y < box.top + 5 || x > box.right - 5 || y > box.bottom - 5) continue;
    if (marks.some(([mx, my]) => Math.hypot(mx - x, my - y) < 12)) continue;  // a hub would take the click
    const [lx, ly] = label.lon.length ? at(label.lon[0], label.lat[0]) : [Infinity, Infinity];
    if (Math.hypot(lx - x, ly - y) < 40) continue;  // nor the label
    for (const adcode of ['500000', '510000']) {
      const path = paths[gd.data[1].locations.indexOf(adcode)];
      if (path.isPointInFill(new DOMPoint(x, y).matrixTransform(path.getScreenCTM().inverse()))) return [x, y, adcode];
    }
  }
  return null;
}"""


def test_a_click_beside_an_area_outline_still_selects_the_province(page, live_server):
    open_page(page, live_server, "?mv=106,30,4")  # zoomed in on Chengdu-Chongqing: room between the hubs
    page.wait_for_function(f"() => ({TRACE})('area-outline').lon.length > 20")
    x, y, adcode = page.evaluate(NEAR_OUTLINE)
    page.mouse.click(x, y)
    wait_count(page, len(filter_hubs(current(), ViewState(provinces=(adcode,)))))
    assert f"p={adcode}" in page.url


def test_the_card_closes_with_its_button(page, live_server):
    open_page(page, live_server, "?h=htz-xian")
    page.wait_for_function("() => document.querySelector('#hub-card h2').textContent.includes('西安')")
    page.get_by_role("button", name="关闭").click()
    page.wait_for_function("() => !location.search.includes('h=')")
    page.locator("#hub-card-close").wait_for(state="hidden")


@pytest.mark.parametrize("adcode", ["630000", "610000", "500000"])  # Qinghai; Shaanxi, Chongqing under crowds of hubs
def test_a_province_click_selects_it_and_a_second_click_deselects_it(page, live_server, adcode):
    open_page(page, live_server)
    total = count(page)
    x, y = page.evaluate(FIND_PROVINCE, adcode)
    page.mouse.click(x, y)
    expected = len(filter_hubs(current(), ViewState(provinces=(adcode,))))
    wait_count(page, expected)
    assert f"p={adcode}" in page.url and page.evaluate(FADED) == 0
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    wait_count(page, total)
    assert "p=" not in page.url


def test_a_province_outside_the_west_is_not_selected_and_the_page_says_why(page, live_server):
    open_page(page, live_server)
    x, y = page.evaluate(FIND_PROVINCE, "340000")  # Anhui
    page.mouse.click(x, y)
    page.wait_for_function("() => document.querySelector('#map-notice').textContent.includes('安徽不属于西部')")
    assert "p=" not in page.url and count(page) == len(current().hubs)


def test_a_box_drawn_on_the_map_chooses_its_hubs_and_clear_lets_them_go(page, live_server):
    open_page(page, live_server)
    page.locator("#map .modebar-btn[data-val=select]").click()
    x, y = page.evaluate(HUB_POINT, "htz-xian")
    page.mouse.move(x - 25, y - 25)
    page.mouse.down()
    page.mouse.move(x + 5, y + 5, steps=5)
    page.mouse.move(x + 25, y + 25, steps=5)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('hs=')")
    state = from_query(urlsplit(page.url).query, current().vocab)
    assert "htz-xian" in state.hubs and state.provinces == ()  # the hubs in the box; a province is clicked
    wait_count(page, int(views.table_mask(current(), state).sum()))  # the table shows the hubs chosen
    # the other hubs fade, from the state (Plotly's own selection is reset)
    zones = f"{MAP}.data.find(t => t.legendgroup === 'hightech_zones').marker.opacity"
    page.wait_for_function(f"() => Array.isArray({zones})")
    opacity = page.evaluate(f"() => {zones}")
    assert min(opacity) < 0.5 and max(opacity) > 0.5
    page.wait_for_function(f"() => ({MAP}.layout.selections || []).length === 0")  # Plotly's outline gone
    assert page.evaluate(f"() => {MAP}.data.every(t => t.selectedpoints == null)")  # and its own fading
    page.get_by_role("button", name="清除选择").click()
    page.wait_for_function("() => !location.search.includes('hs=')")
    wait_count(page, len(current().hubs))
    page.wait_for_function(f"() => !Array.isArray({zones})")


def test_dragging_the_map_pans_and_never_selects(page, live_server):
    open_page(page, live_server)
    x, y = page.evaluate(FIND_PROVINCE, "630000")
    before = page.evaluate(VIEW)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 20, steps=6)
    page.mouse.move(x + 80, y + 30, steps=6)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('mv=')")
    page.wait_for_timeout(500)
    assert "p=" not in page.url and count(page) == len(current().hubs)
    assert page.evaluate(VIEW)[0] != before[0]


def test_a_double_click_resets_the_view_and_selects_nothing(page, live_server):
    open_page(page, live_server, "?mv=104,31,3")  # zoomed in on Sichuan
    page.wait_for_function(f"() => Math.abs(({VIEW})()[2] - 3) < 0.01")
    x, y = page.evaluate(FIND_PROVINCE, "510000")
    page.mouse.dblclick(x, y)
    page.wait_for_function("() => !location.search.includes('mv=')")  # the whole west, as ⌂ gives it
    page.wait_for_function(f"() => Math.abs(({VIEW})()[2] - 1) < 0.01")
    page.wait_for_timeout(800)  # a click passed on would have reached the state by now
    assert "p=" not in page.url and count(page) == len(current().hubs)
    # a single click still chooses
    x, y = page.evaluate(FIND_PROVINCE, "510000")
    page.mouse.click(x, y)
    wait_count(page, len(filter_hubs(current(), ViewState(provinces=("510000",)))))


def test_every_zoom_is_in_the_url_and_a_link_restores_it(page, live_server):
    open_page(page, live_server)
    page.locator("#zoom-in").click()
    page.wait_for_function("() => /1\\.5(&|$)/.test(decodeURIComponent(location.search))")
    page.locator("#zoom-in").click()
    page.wait_for_function("() => /2\\.25(&|$)/.test(decodeURIComponent(location.search))")
    # the South China Sea inset is a fixed frame: the buttons zoom the map only
    inset = page.evaluate(f"() => {MAP}._fullLayout.geo2.projection.scale")
    assert inset == 1
    link = page.url
    fresh = page.context.new_page()
    fresh.goto(link)
    fresh.wait_for_function(f"() => Math.abs(({VIEW})()[2] - 2.25) < 0.01")
    fresh.close()
    page.locator("#zoom-home").click()
    page.wait_for_function("() => !location.search.includes('mv=')")
    page.wait_for_function(f"() => Math.abs(({VIEW})()[2] - 1) < 0.01")


def test_the_map_answers_the_keyboard(page, live_server):
    open_page(page, live_server)
    page.keyboard.press("Tab")  # the first Tab reaches the skip link
    assert page.evaluate("() => document.activeElement.textContent") == "跳到地图"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'map-frame'")
    page.keyboard.press("+")
    page.wait_for_function("() => /1\\.5(&|$)/.test(decodeURIComponent(location.search))")
    lon = page.evaluate(VIEW)[0]
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({VIEW})()[0] > {lon + 1}")
    page.keyboard.press("0")
    page.wait_for_function("() => !location.search.includes('mv=')")


def test_a_chart_steps_through_provinces_with_the_keys_and_enter_selects(page, live_server):
    open_page(page, live_server)
    page.wait_for_selector("#chart-ranking .bars path")
    page.locator("#chart-ranking-frame").focus()
    page.keyboard.press("ArrowDown")  # the first bar that names a province
    page.wait_for_function(f"() => ({TRACE})('hover-outline').lon.length > 10")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('p=')")


def test_the_year_follows_the_indicator(page, live_server):
    vocab = current().vocab
    latest = vocab.default_year("patents_granted")
    assert latest < vocab.default_year("rd_intensity")
    open_page(page, live_server)
    page.locator("#indicator").click()
    page.get_by_role("option", name="国内三种专利授权数").click()
    page.wait_for_function("() => location.search.includes('ind=patents_granted')")
    page.wait_for_function(f"() => document.querySelector('#map-legend').textContent.includes('{latest}')")
    assert "y=" not in page.url
    assert page.locator("#year [role=slider]").get_attribute("aria-valuemax") == str(latest)
    page.wait_for_function(f"() => document.querySelector('#chart-ranking .gtitle').textContent.includes('{latest}')")
    # a link naming a year the indicator lacks shows the indicator's latest year, never an empty map
    page.goto(live_server + f"/?ind=patents_granted&y={vocab.default_year('rd_intensity')}")
    page.wait_for_function(
        f"() => (document.querySelector('#map-legend .legend-detail') || {{textContent: ''}}).textContent"
        f".startsWith('{latest}')"
    )
    no_data = page.evaluate(f"() => ({TRACE})('provinces').text.filter(t => t === '无数据').length")
    assert no_data < 12


def test_a_sector_filter_says_how_many_hubs_it_hides_and_offers_not_recorded(page, live_server):
    state = ViewState(sectors=("electronic_information",))
    hidden = current().lookup.hidden_unknown(state)["sector"]
    open_page(page, live_server, "?s=electronic_information")
    page.wait_for_function(
        f"() => document.querySelector('#map-note').textContent.includes('{hidden} 个载体未记录领域')"
    )
    page.locator("#sectors").click()
    page.get_by_role("option", name="未记录").click()
    page.keyboard.press("Escape")
    both = ViewState(sectors=("electronic_information", "unknown"))
    wait_count(page, len(filter_hubs(current(), both)))
    assert "unknown" in page.url
    page.wait_for_function("() => !document.querySelector('#map-note').textContent.includes('未记录领域')")


def test_the_map_names_provinces_and_marks_those_above_the_national_value(page, live_server):
    open_page(page, live_server, "?y=2015")
    labels = page.evaluate(
        "() => Array.from(document.querySelectorAll('#map .scattergeo text')).map(t => t.textContent)"
    )
    assert "四川" in labels and "陕西 ▲" in labels  # Shaanxi was above the national R&D intensity in 2015
    assert "高于全国水平" in page.locator("#map-legend").inner_text()
    page.get_by_label("English").check()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#map .scattergeo text')).some(t => t.textContent === 'Sichuan')"
    )
    # city names once zoomed in
    for _ in range(3):
        page.locator("#zoom-in").click()
    page.wait_for_function(f"() => ({TRACE})('city-labels').text.includes('Chengdu')")


def test_the_prefecture_view_is_titled_for_what_it_colours(page, live_server):
    open_page(page, live_server, "?v=prefecture")
    page.wait_for_function(
        "() => document.querySelector('#map-legend .legend-title').textContent === '各地级单位创新载体数量'"
    )


def test_no_control_text_is_cut_or_piled_up(page, live_server):
    open_page(page, live_server)
    # the indicator's name wraps in its box
    value = "document.querySelector('#indicator .dash-dropdown-value')"
    assert page.evaluate(f"() => {value}.scrollWidth <= {value}.clientWidth + 1")
    # year marks never overlap ("2022024")
    marks = page.locator("#year .dash-slider-mark")
    boxes = sorted((marks.nth(i).bounding_box() for i in range(marks.count())), key=lambda b: b["x"])
    assert all(a["x"] + a["width"] <= b["x"] for a, b in zip(boxes, boxes[1:]))
    # a layer's tick box sits on the line of its name
    box = _box(page, ".layer-toggle input")
    name = _box(page, ".layer-toggle .layer-name")
    assert abs((box["y"] + box["height"] / 2) - (name["y"] + name["height"] / 2)) < 8
    # the national value's label and the ranking's source line do not overlap
    note = _box(page, "#chart-ranking .annotation")
    source = _box(page, "#chart-ranking .g-gtitle")
    assert note["y"] > source["y"] + source["height"]


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_on_a_laptop_and_a_big_screen_the_map_and_a_chart_fit_the_first_screen(
    browser, live_server, output_dir, width, height
):
    page = _new_page(browser, width, height)
    open_page(page, live_server)
    page.wait_for_selector("#chart-ranking .bars path")
    frame, legend = _box(page, "#map-frame"), _box(page, "#map-legend")
    assert frame["y"] >= 0 and frame["y"] + frame["height"] <= height and frame["x"] + frame["width"] <= width
    assert legend["y"] + legend["height"] <= frame["y"] + 1  # the legend is above the map, not on it
    ranking = _box(page, "#chart-ranking-frame")
    assert ranking["x"] + ranking["width"] <= width and ranking["y"] + 300 <= height
    # choosing a measure in the panel keeps the map in view
    open_section(page, "十六项措施")
    page.get_by_label(re.compile(r"^\(十二\)")).check()
    page.wait_for_function("() => location.search.includes('m=12')")
    assert _box(page, "#map-frame") == frame
    page.screenshot(path=str(output_dir / f"map-{width}x{height}.png"))
    page.context.close()


def test_on_a_phone_the_map_comes_first_and_the_panel_is_a_drawer(browser, live_server, output_dir):
    page = _new_page(browser, 390, 844, is_mobile=True, has_touch=True, device_scale_factor=2)
    open_page(page, live_server)
    frame = _box(page, "#map-frame")
    assert frame["y"] < 300 and frame["width"] >= 380 and frame["y"] + frame["height"] <= 844
    assert page.locator("#sidebar").is_hidden()
    # of the legend's notes only the dashed outline's stays: nothing else on the phone explains it
    assert page.locator("#map-legend .legend-areas").is_visible()
    assert page.locator("#map-legend .legend-note > span").first.is_hidden()
    # the language switch's segments touch (Dash spaces inline options apart: a gap read as a blank option)
    segments = page.locator("#lang label")
    edges = [segments.nth(i).bounding_box() for i in range(segments.count())]
    assert all(abs(a["x"] + a["width"] - b["x"]) <= 1.5 for a, b in zip(edges, edges[1:]))
    page.get_by_role("button", name="面板").click()
    page.wait_for_selector("#sidebar", state="visible")
    drawer = _box(page, "#sidebar")
    assert drawer["y"] > frame["y"] + 100  # the drawer leaves the map's top in view
    page.screenshot(path=str(output_dir / "map-phone-drawer.png"))
    page.keyboard.press("Escape")
    page.wait_for_selector("#sidebar", state="hidden")
    page.screenshot(path=str(output_dir / "map-phone.png"))
    page.context.close()


def test_resizing_the_window_refits_the_map(browser, live_server):
    page = _new_page(browser, 1366, 768)
    open_page(page, live_server)
    page.set_viewport_size({"width": 700, "height": 800})  # e.g. a laptop at 200% zoom, rotated tablet
    page.wait_for_function(
        f"() => Math.abs({MAP}._fullLayout.width - document.querySelector('#map-frame').clientWidth) < 4"
    )
    assert page.locator("#sidebar").is_hidden()
    frame = _box(page, "#map-frame")
    assert frame["width"] >= 650
    page.context.close()


AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize(
    ("query", "width", "height", "panel"),
    [("", 1366, 768, False), ("?lang=en&h=htz-xian", 1366, 768, False), ("?lang=zh-Hant", 1920, 1080, False),
     ("", 390, 844, True), ("?lang=en", 683, 384, False)],
    ids=["zh-laptop", "en-card", "hant-big", "phone-drawer", "en-200pct"],
)  # fmt: skip
def test_no_wcag_a_or_aa_violation(browser, live_server, query, width, height, panel):
    page = _new_page(browser, width, height)
    open_page(page, live_server, query)
    if panel:
        page.get_by_role("button", name="面板").click()
    for heading in ("十六项措施", "导出", "Export", "匯出"):
        summary = page.locator("#sidebar summary").filter(has_text=heading)
        if summary.count() and summary.is_visible():
            summary.click()
    page.wait_for_timeout(800)
    violations = Axe().run(page, options=AXE_RULES).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    page.context.close()


# Every partner destination's name shown, and the provinces' and area records' names, as drawn
PARTNER_NAMES = """() => {
  const out = [];
  document.querySelectorAll('#map .geo .trace.scattergeo').forEach(g => {
    const name = g.__data__ && g.__data__[0] && g.__data__[0].trace.name;
    if (!['partner-labels', 'province-labels', 'area-labels'].includes(name)) return;
    g.querySelectorAll('text').forEach(t => {
      const r = t.getBoundingClientRect();
      if (r.width && t.textContent && getComputedStyle(t).visibility !== 'hidden')
        out.push([name, t.textContent, r.left, r.top, r.right, r.bottom]);
    });
  });
  return out;
}"""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080), (390, 844)])
@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_partner_names_never_cover_another_name_at_any_size(browser, live_server, width, height, lang):
    # /?m=12 at 1366x768: 老挝 →越南 →印度尼西亚 →柬埔寨 菲律宾 were written over one another
    page = _new_page(browser, width, height)
    try:
        page.goto(f"{live_server}/?m=12&lang={lang}")
        page.wait_for_function(f"() => ({PARTNER_NAMES})().some(n => n[0] === 'partner-labels')")
        page.wait_for_timeout(500)
        names = page.evaluate(PARTNER_NAMES)
        partners = [n for n in names if n[0] == "partner-labels"]
        assert len(partners) >= 5, names
        over = [
            (a[1], b[1])
            for a in partners
            for b in names
            if a is not b and a[2] < b[4] - 1 and b[2] < a[4] - 1 and a[3] < b[5] - 1 and b[3] < a[5] - 1
        ]
        assert over == [], (width, lang, over)
        # none over the South China Sea inset (its subplot's domain), and the legend says so when a
        # destination goes unnamed
        inset = page.evaluate(INSET_BOX)
        assert [
            n[1] for n in partners if n[2] < inset[2] and inset[0] < n[4] and n[3] < inset[3] and inset[1] < n[5]
        ] == []
        ends = page.evaluate(f"() => ({TRACE})('partner-labels').meta.length")
        # the page sets the note after it has hidden what collides (its 0.8 s attach at the latest)
        want = "!n.hidden" if ends > len(partners) else "n.hidden"
        page.wait_for_function(
            f"() => {{ const n = document.querySelector('.map-legend .legend-partners'); return n && {want}; }}",
            timeout=10_000,
        )
    finally:
        page.context.close()


INSET_BOX = f"""() => {{
  const gd = {MAP}, fl = gd._fullLayout, r = gd.getBoundingClientRect(), s = fl._size, d = fl.geo2.domain;
  return [r.left + s.l + d.x[0] * s.w, r.top + s.t + (1 - d.y[1]) * s.h,
          r.left + s.l + d.x[1] * s.w, r.top + s.t + (1 - d.y[0]) * s.h];
}}"""
