"""The dashboard in real headless Chromium: load, render, link, URL state, language, offline."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from playwright.sync_api import expect

from layers import POINT_LAYERS, REGISTRY
from model import queries
from model.prepared import current, filter_hubs
from model.regions import WEST as WEST_SET
from view.state import ViewState

pytestmark = pytest.mark.browser

MAP_DATA = "() => document.querySelector('#map .js-plotly-plot').data"
GRID = "atlasGrid.api('hub-table')"  # the AG Grid api of the hub table (assets/atlas-grid.js)
HEADER = (  # whether the table shows a column header of this text
    "(text) => Array.from(document.querySelectorAll('#hub-table .ag-header-cell-text'))"
    ".some(e => e.textContent === text)"
)
# ids of the hub points the map draws: visible layers, points with a position (null = filtered out)
DRAWN_HUBS = f"""() => ({MAP_DATA})().slice(8, 8 + {len(POINT_LAYERS)}).filter(t => t.visible === true)
  .flatMap(t => (t.customdata || []).filter((c, i) => t.lon[i] != null).map(c => c[0]))"""


# A point of the page inside the province's drawn shape, as far from any hub marker as the shape
# allows, so that Plotly's own hit-testing (on the geo background) picks the province, not a hub.
FIND_PROVINCE = """(adcode) => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const i = gd.data[1].locations.indexOf(adcode);
  const path = document.querySelectorAll('#map g.trace.choropleth')[1].querySelectorAll('path.choroplethlocation')[i];
  const inv = path.getScreenCTM().inverse();
  const marks = Array.from(document.querySelectorAll('#map .scattergeo path.point')).map(p => {
    const r = p.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];
  });
  const b = path.getBoundingClientRect();
  let best = null, bestGap = -1;
  for (let fy = 0.05; fy < 1; fy += 0.05) for (let fx = 0.05; fx < 1; fx += 0.05) {
    const x = b.left + b.width * fx, y = b.top + b.height * fy;
    if (!path.isPointInFill(new DOMPoint(x, y).matrixTransform(inv))) continue;
    const el = document.elementFromPoint(x, y);
    if (!el || !el.closest('#map')) continue;
    const gap = Math.min(...marks.map(([mx, my]) => Math.hypot(mx - x, my - y)));
    if (gap > bestGap) { best = [x, y]; bestGap = gap; }
  }
  return best;
}"""


def count(page) -> int:
    text = page.locator("#hub-table-count").inner_text()
    return int(re.match(r"\d+", text).group())


def open_page(page, url: str, query: str = ""):
    page.goto(url + "/" + query)
    page.wait_for_selector("#map .js-plotly-plot .geo")
    page.wait_for_function("() => /\\d/.test(document.querySelector('#hub-table-count').textContent)")
    page.wait_for_function("() => (document.querySelector('#map-legend .legend-title') || {}).textContent")


def open_section(page, heading: str):
    """Open a section of the panel (layers, filters, the sixteen measures, export) by its heading."""
    summary = page.locator("#sidebar summary").filter(has_text=heading)
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()


SELECTED = "() => document.querySelector('#map .js-plotly-plot').data.find(t => t.name === 'selected-hub')"


def wait_count(page, expected: int):
    page.wait_for_function(f"() => document.querySelector('#hub-table-count').textContent.startsWith('{expected} ')")


def test_page_loads_and_map_renders_every_layer(page, live_server, output_dir):
    open_page(page, live_server)
    data = page.evaluate(MAP_DATA)
    hubs = current().hubs
    for key in POINT_LAYERS:
        trace = next(tr for tr in data if tr.get("legendgroup") == key)
        assert len(trace["lon"]) == int((hubs["layer"] == key).sum()), key
    # the SVG actually draws the provinces and the points
    assert page.locator("#map path.choroplethlocation").count() >= 34
    # one point per place: a place with several designations (Yangling) is drawn once
    places = current().lookup.places(np.ones(len(hubs), dtype=bool))
    assert places < len(hubs)
    assert page.locator("#map .scattergeo path.point").count() >= places
    assert count(page) == len(hubs)
    page.screenshot(path=str(output_dir / "dashboard-zh.png"), full_page=True)


def test_page_requests_no_other_host(page, live_server):
    open_page(page, live_server)
    page.wait_for_timeout(500)
    foreign = [u for u in page.requests if not u.startswith(live_server) and not u.startswith(("data:", "blob:"))]
    assert page.requests and foreign == []


def test_page_works_under_its_content_security_policy(page, live_server):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    response = page.goto(live_server + "/")
    csp = response.headers["content-security-policy"]
    script_src = csp.split("script-src")[1].split(";")[0]
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    open_page(page, live_server, "?lang=en")  # the clientside callbacks and the grid run, too
    page.get_by_label("English").check()
    page.wait_for_function(f"() => {GRID}.getDisplayedRowCount() > 0")
    page.locator("#hub-table .ag-header-cell[col-id=layer] .ag-header-cell-label").click()  # sort
    page.locator("#hub-table-search").fill("Xi'an")
    page.wait_for_function(f"() => {GRID}.getDisplayedRowCount() < {len(current().hubs)}")
    assert not [p for p in problems if "Content Security Policy" in p or "Refused to" in p], problems
    assert not [p for p in problems if "AG Grid" in p], problems


def test_toggling_a_layer_changes_table_chart_and_map(page, live_server):
    open_page(page, live_server)
    total = count(page)
    n_agri = int((current().hubs["layer"] == "agri_parks").sum())
    page.get_by_label("农业科技园区与农业高新区", exact=True).uncheck()
    wait_count(page, total - n_agri)
    # the grid itself shows exactly those rows (the server sent which pass, not the rows)
    page.wait_for_function(f"() => {GRID}.getDisplayedRowCount() === {total - n_agri}")
    assert "l=" in page.url
    page.wait_for_function(f"() => ({MAP_DATA})().find(t => t.legendgroup === 'agri_parks').visible === 'legendonly'")
    page.wait_for_function(
        f"() => document.querySelector('#chart-hubs .gtitle').textContent.includes('({total - n_agri})')"
    )


def test_clicking_a_province_on_the_map_filters_charts_and_table(page, live_server, output_dir):
    open_page(page, live_server)
    x, y = page.evaluate(FIND_PROVINCE, "630000")
    page.mouse.click(x, y)
    expected = len(filter_hubs(current(), ViewState(provinces=("630000",))))
    wait_count(page, expected)
    assert "p=630000" in page.url
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('#chart-timeline .legendtext')).some(e => e.textContent === '青海')"
    )
    # the hubs filtered out are not drawn (a null position), the others are
    page.wait_for_function(f"() => ({DRAWN_HUBS})().length === {expected}")
    assert page.locator("#map .scattergeo path.point").count() == expected
    page.screenshot(path=str(output_dir / "province-selected.png"), full_page=True)
    page.get_by_role("button", name="清除选择").click()
    wait_count(page, len(current().hubs))


def test_choosing_a_measure_shows_what_it_names(page, live_server, output_dir):
    open_page(page, live_server)
    open_section(page, "十六项措施")
    page.get_by_label(re.compile(r"^\(十二\)")).check()
    expected = filter_hubs(current(), ViewState(measure="五(十二)"))
    wait_count(page, len(expected))
    assert "m=12" in page.url
    assert "一带一路" in page.locator("#measure-text").inner_text()
    # the map patch may land after the table: wait until it shows as many hubs, then compare
    hub_ids = DRAWN_HUBS
    page.wait_for_function(f"() => ({hub_ids})().length === {len(expected)}")
    assert set(page.evaluate(hub_ids)) == set(expected["id"])
    page.screenshot(path=str(output_dir / "measure-12.png"), full_page=True)


def test_url_with_state_reproduces_the_view(page, live_server):
    open_page(page, live_server, "?lang=en&p=610000&ind=rd_intensity&l=hightech_zones")
    expected = filter_hubs(current(), ViewState(provinces=("610000",), layers=("hightech_zones",)))
    wait_count(page, len(expected))
    page.wait_for_function("() => document.querySelector('#page-title').textContent === 'West China Innovation Atlas'")
    assert page.locator("#provinces").inner_text().strip().startswith("Shaanxi")
    page.wait_for_function("() => document.querySelector('#map-legend .legend-title').textContent.includes('R&D')")


def test_back_and_forward_restore_the_view(page, live_server):
    open_page(page, live_server)
    open_section(page, "十六项措施")
    page.get_by_label(re.compile(r"^\(八\)")).check()
    n8 = len(filter_hubs(current(), ViewState(measure="四(八)")))
    wait_count(page, n8)
    page.get_by_label(re.compile(r"^\(九\)")).check()
    n9 = len(filter_hubs(current(), ViewState(measure="四(九)")))
    wait_count(page, n9)
    page.go_back()
    wait_count(page, n8)
    assert "m=8" in page.url
    page.go_forward()
    wait_count(page, n9)


HOSTILE_QUERIES = {
    "script": "?p=<script>alert(1)</script>&y=20x2&lang=xx&m=99&" + "z" * 5000,
    "oversized-100kb": "?lang=en&p=610000&" + "x=" + "A" * 100_000,
    "truncated": "?lang=en&p=6100",
    "sql": "?r=west'%20OR%201=1%20--&ind=gdp;DROP%20TABLE%20hubs&h=1%20UNION%20SELECT%20*",
    "unicode": "?lang=zh%E2%80%8B-Hans&p=%EF%BC%96%EF%BC%91%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90&r=%E2%80%AEwest",
    "repeated-keys": "?lang=en&lang=xx&lang=zh-Hant&" + "&".join(["p=610000"] * 200),
    "random-bytes": "?%FF%FE%00%01=%C0%AF&&&==&%",
}


@pytest.mark.parametrize("query", list(HOSTILE_QUERIES.values()), ids=list(HOSTILE_QUERIES))
def test_hostile_urls_give_a_working_page(page, gunicorn_server, query):
    """Against the production server (gunicorn.conf.py): it reads a request line of any length."""
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(page, gunicorn_server, query)
    assert page.locator("#map path.choroplethlocation").count() >= 34
    # the page works: unticking a layer still filters the table
    total = count(page)
    page.locator(".layer-toggle input[type=checkbox]:checked").first.click()
    page.wait_for_function(f"() => !document.querySelector('#hub-table-count').textContent.startsWith('{total} ')")
    assert dialogs == [] and page.locator("script:not([src])").filter(has_text="alert(1)").count() == 0


def test_switching_language_changes_the_labels(page, live_server, output_dir):
    open_page(page, live_server)
    page.get_by_label("English").check()
    page.wait_for_function("() => document.querySelector('#page-title').textContent === 'West China Innovation Atlas'")
    assert page.locator("#indicator-label").inner_text() == "Indicator"
    page.wait_for_function(
        "() => document.querySelector('#chart-ranking .gtitle').textContent.startsWith('Provinces ranked')"
    )
    # the table's columns too (switched in the browser, with the rows already there)
    page.wait_for_function(HEADER, arg="Name")
    page.screenshot(path=str(output_dir / "dashboard-en.png"), full_page=True)
    # a hub's hover text follows the language (the page already holds all three)
    box = page.locator("#map .scattergeo path.point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => (document.querySelector('#map .hoverlayer') || {}).textContent.includes('Location:')")
    hover = page.evaluate("() => document.querySelector('#map .hoverlayer').textContent")
    assert not re.search(r"[\u4e00-\u9fff]", hover), hover  # place names too
    # the hubs chart names its provinces in the axis (its bars keep their adcodes): ticks and hover
    page.wait_for_function(
        "() => [...document.querySelectorAll('#chart-hubs .xtick text')].map(t => t.textContent).includes('Sichuan')"
    )
    page.locator("#chart-hubs").scroll_into_view_if_needed()
    # the layer charts' legends sit below their axis labels, not over them
    for chart in ("#chart-hubs", "#chart-approvals"):
        ticks = page.evaluate(
            f"() => Math.max(...[...document.querySelectorAll('{chart} .xtick text')]"
            ".map(t => t.getBoundingClientRect().bottom))"
        )
        legend = page.evaluate(f"() => document.querySelector('{chart} .legend').getBoundingClientRect().top")
        assert ticks <= legend + 1, (chart, ticks, legend)
    bars = page.locator("#chart-hubs .bars path")
    bar = next(b for b in (bars.nth(i).bounding_box() for i in range(bars.count())) if b and b["height"] > 4)
    page.mouse.move(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    page.wait_for_function("() => (document.querySelector('#chart-hubs .hoverlayer') || {}).textContent")
    hover = page.evaluate("() => document.querySelector('#chart-hubs .hoverlayer').textContent")
    assert re.search(r"^[A-Z][a-z]", hover) and not re.search(r"\d{6}|[\u4e00-\u9fff]", hover), hover
    assert page.evaluate("() => getComputedStyle(document.body).fontFamily").startswith('"Noto Sans",')
    page.get_by_label("繁體").check()
    page.wait_for_function("() => document.querySelector('#page-title').textContent === '西部科技創新地圖'")
    assert page.evaluate("() => document.documentElement.lang") == "zh-Hant"
    # Taiwan wording and a Traditional font
    assert page.locator("#export-button").text_content() == "匯出圖片"  # in the closed export section
    assert page.evaluate("() => getComputedStyle(document.body).fontFamily").startswith('"Noto Sans CJK TC"')
    page.wait_for_function(  # the charts name a TC font (so do their SVG exports)
        "() => { const t = document.querySelector('#chart-ranking .gtitle');"
        " return t.textContent.startsWith('各省排名') && t.style.fontFamily.includes('Noto Sans CJK TC'); }"
    )


def test_english_card_links_its_sources_and_the_footer_serves_the_data_doc(page, live_server):
    open_page(page, live_server, "?lang=en&h=htz-xian")
    page.wait_for_function("() => document.querySelector('#hub-card .sources a') !== null")
    card = page.locator("#hub-card").inner_text()
    assert "nan)" not in card and "Ministry of Science and Technology" in card
    for link in page.locator("#hub-card .sources a").all():
        assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener noreferrer"
        assert link.get_attribute("href").startswith(("http://", "https://"))
    doc = page.locator("#page-footer a")
    assert doc.get_attribute("target") == "_blank"
    res = page.request.get(live_server + "/" + doc.get_attribute("href"))
    assert res.ok and "Hub fields" in res.text() and "default-src 'self'" in res.headers["content-security-policy"]


def test_the_table_follows_the_language_keeping_sort_search_and_ticks(page, live_server):
    open_page(page, live_server, "?l=hightech_zones&k=htz-xian")
    page.wait_for_function(f"() => {GRID}.getSelectedRows().length === 1")
    page.locator("#hub-table .ag-header-cell[col-id=name] .ag-header-cell-label").click()  # sort by name
    # a search that reads the same in every language (one zone's year; names and cities are translated)
    page.locator("#hub-table-search").fill("1997")
    page.wait_for_function(f"() => {GRID}.getDisplayedRowCount() === 1")
    page.get_by_label("English").check()
    page.wait_for_function(HEADER, arg="Layer")
    assert page.evaluate(f"() => {GRID}.getState().sort.sortModel") == [
        {"colId": "name", "sort": "asc", "type": "default"}
    ]
    assert page.evaluate(f"() => {GRID}.getSelectedRows().map(r => r.id)") == ["htz-xian"]
    assert page.evaluate(f"() => {GRID}.getDisplayedRowCount()") == 1  # the search still applies
    assert page.locator("#hub-table-search").input_value() == "1997"
    page.get_by_label("繁體").check()
    page.wait_for_function(HEADER, arg="圖層")
    assert page.evaluate(f"() => {GRID}.getDisplayedRowCount()") == 1


def _ticks_sent(bodies: list[str]) -> int:
    """How many callback requests the table's ticks set off."""
    return sum("hub-table.ticked" in json.loads(b).get("changedPropIds", []) for b in bodies if b)


def test_ticks_of_a_shared_link_show_and_only_the_users_ticks_go_to_the_server(page, live_server):
    sent = []
    page.on("request", lambda r: sent.append(r.post_data or "") if "_dash-update-component" in r.url else None)
    open_page(page, live_server, "?l=hightech_zones&p=610000&k=htz-xian,htz-baoji")
    row = "#hub-table .ag-center-cols-container .ag-row[row-id='{}'] .ag-selection-checkbox input"
    page.locator(row.format("htz-xian")).wait_for()
    page.wait_for_function(f"() => {GRID}.getSelectedRows().length === 2")
    assert page.locator(row.format("htz-xian")).is_checked() and page.locator(row.format("htz-baoji")).is_checked()
    page.wait_for_timeout(500)
    assert _ticks_sent(sent) == 0  # ticks set by the server are not sent back
    page.locator(row.format("htz-baoji")).uncheck()
    page.wait_for_function("() => !location.search.includes('htz-baoji')")
    assert "k=htz-xian" in page.url or "h=htz-xian" in page.url
    assert _ticks_sent(sent) == 1


def test_the_search_box_narrows_the_view_and_says_when_nothing_matches(page, live_server):
    open_page(page, live_server, "?p=610000")
    shaanxi = len(filter_hubs(current(), ViewState(provinces=("610000",))))
    page.wait_for_function(f"() => {GRID}.getDisplayedRowCount() === {shaanxi}")
    page.locator("#hub-table-search").fill("西安高新技术产业开发区")
    page.wait_for_function(f"() => {GRID}.getDisplayedRowCount() === 1")
    assert page.evaluate(f"() => {GRID}.getDisplayedRowAtIndex(0).id") == "htz-xian"
    wait_count(page, 1)  # the server's filter: the count follows (tests/browser/test_agreement.py)
    page.locator("#hub-table-search").fill("no-such-hub")
    page.wait_for_function(  # AG Grid's own words, in the page's language
        "() => (document.querySelector('#hub-table .ag-overlay') || {textContent: ''}).textContent.trim()"
        " === '没有符合条件的载体'"
    )
    wait_count(page, 0)
    page.locator("#hub-table-search").fill("")
    page.wait_for_function(f"() => {GRID}.getDisplayedRowCount() === {shaanxi}")


def test_ticking_a_row_with_the_keyboard(page, live_server):
    open_page(page, live_server, "?l=hightech_zones&p=610000")
    page.locator("#hub-table .ag-center-cols-container .ag-row[row-id]").first.wait_for()
    page.locator("#hub-table-search").focus()
    page.keyboard.press("Tab")  # into the grid's header
    page.keyboard.press("ArrowDown")  # the first row
    page.keyboard.press("Space")
    first = page.evaluate(f"() => {GRID}.getDisplayedRowAtIndex(0).id")
    page.wait_for_function(f"() => location.search.includes('{first}')")
    assert page.evaluate(f"() => {GRID}.getSelectedRows().map(r => r.id)") == [first]


def test_selecting_a_table_row_opens_the_card_and_rings_the_hub(page, live_server):
    open_page(page, live_server, "?l=hightech_zones&p=610000")
    page.get_by_role("gridcell", name="西安高新技术产业开发区").click()
    page.wait_for_function(
        "() => document.querySelector('#hub-card h2').textContent.includes('西安高新技术产业开发区')"
    )
    assert "h=htz-xian" in page.url
    page.wait_for_function(f"() => ({SELECTED})().lon.length === 1")
    assert "三(五)" in page.locator("#hub-card").inner_text()


def _posts(page) -> int:
    return sum("_dash-update-component" in u for u in page.requests)


def test_hovering_a_table_row_rings_the_hub_without_a_server_call(page, live_server):
    open_page(page, live_server, "?l=hightech_zones")
    row = page.locator("#hub-table .ag-center-cols-container .ag-row[row-id]").first
    row.wait_for()
    page.wait_for_timeout(300)
    before = _posts(page)
    row.hover()
    page.wait_for_function(
        "() => document.querySelector('#map .js-plotly-plot').data.find(t => t.name === 'hover-hub').lon.length === 1"
    )
    assert _posts(page) == before


def test_hovering_a_bar_outlines_the_province_without_a_server_call(page, live_server):
    open_page(page, live_server)
    page.wait_for_selector("#chart-ranking .bars path")
    page.wait_for_timeout(1000)  # the hover hook attaches within a second of the chart drawing
    before = _posts(page)
    bar = page.locator("#chart-ranking .bars path").last  # the longest bar
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    outline = "document.querySelector('#map .js-plotly-plot').data.find(t => t.name === 'hover-outline')"
    page.wait_for_function(f"() => {outline}.lon.length > 10")
    assert _posts(page) == before


def test_only_one_layer_then_none_then_all(page, live_server):
    open_page(page, live_server)
    total = count(page)
    n_agri = int((current().hubs["layer"] == "agri_parks").sum())
    page.get_by_role("button", name="只显示此图层:农业科技园区与农业高新区").click()
    wait_count(page, n_agri)
    assert "l=agri_parks" in page.url
    assert page.get_by_label("农业科技园区与农业高新区", exact=True).is_checked()
    assert not page.get_by_label("高新技术产业开发区", exact=True).is_checked()
    page.get_by_role("button", name="全不选").click()
    wait_count(page, 0)
    assert "l=none" in page.url
    page.wait_for_function("() => document.querySelector('#map-note').textContent.includes('没有符合')")
    page.get_by_role("button", name="全部", exact=True).click()
    wait_count(page, total)
    assert "l=" not in page.url
    # the count beside each layer is what passes the filters
    assert page.locator("#sidebar .layer-row").filter(has_text="农业科技园区").locator(
        ".layer-count"
    ).inner_text() == str(n_agri)


def test_prefecture_view_loads_its_polygons_once(page, live_server, output_dir):
    open_page(page, live_server)
    page.get_by_label("地级(西部)").check()
    pref = "document.querySelector('#map .js-plotly-plot').data[2]"
    page.wait_for_function(
        f"() => {pref}.visible === true && {pref}.geojson.features.length === {len(current().prefectures)}"
    )
    assert "v=prefecture" in page.url
    page.wait_for_timeout(300)
    page.screenshot(path=str(output_dir / "prefectures.png"), full_page=False)
    page.get_by_label("省级").check()
    page.wait_for_function(f"() => {pref}.visible === false")


BAR_POINT = """(adcode) => {
  const gd = document.querySelector('#chart-ranking .js-plotly-plot');
  gd.scrollIntoView({block: 'center'});
  const i = gd.data[0].customdata.indexOf(adcode), pt = gd.calcdata[0][i];
  const fl = gd._fullLayout, r = gd.getBoundingClientRect();
  const x = r.left + fl.xaxis._offset + fl.xaxis.c2p(pt.s / 2);
  const y = r.top + fl.yaxis._offset + fl.yaxis.c2p(pt.p);
  return [x, y];
}"""


def _click_ranking_bar(page, adcode: str):
    """Click the middle of a province's bar in the ranking chart (a real mouse click)."""
    x, y = page.evaluate(BAR_POINT, adcode)
    page.mouse.move(x, y)
    page.mouse.click(x, y)


def test_journey_west_above_national_intensity_and_their_zones(page, live_server, output_dir):
    """Which western provinces spend above the national R&D intensity, and their national
    high-tech zones and agricultural parks? Read off the ranking, click their bars, filter."""
    data = current()
    years = current().vocab.years["rd_intensity"]

    def above_in(year):
        values = queries.value_by_province(data, "rd_intensity", year)
        return sorted(a for a in WEST_SET if values.get(a, 0) > values["100000"])

    # the latest year in which any western province is above the national value
    year = max(y for y in years if above_in(y))
    above = above_in(year)
    open_page(page, live_server)
    handle = page.locator("#year [role=slider]")
    handle.focus()
    for _ in range(years[-1] - year):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => location.search.includes('y={year}')")
    page.wait_for_function(f"() => document.querySelector('#chart-ranking .gtitle').textContent.includes('{year}')")
    for adcode in above:
        _click_ranking_bar(page, adcode)
        page.wait_for_function(f"() => location.search.includes('{adcode}')")
    page.get_by_role("button", name=f"只显示此图层:{REGISTRY['hightech_zones'].label_zh}").click()
    agri = page.get_by_label(REGISTRY["agri_parks"].label_zh, exact=True)
    # as a person does: tick the parks once the panel shows only the zones (ticked before that
    # redraw, the box was still ticked from before, and check() had nothing to do)
    expect(agri).not_to_be_checked()
    agri.check()
    state = ViewState(provinces=tuple(above), layers=("hightech_zones", "agri_parks"), year=year)
    expected = filter_hubs(data, state)
    wait_count(page, len(expected))
    page.screenshot(path=str(output_dir / "journey-above-national.png"), full_page=True)


def test_journey_shaanxi_intensity_since_2015(page, live_server):
    """How has Shaanxi's R&D intensity changed since 2015? Click Shaanxi's bar, read the line."""
    open_page(page, live_server)
    _click_ranking_bar(page, "610000")
    page.wait_for_function(
        "() => { const d = document.querySelector('#chart-timeline .js-plotly-plot').data;"
        " return d.length === 2 && d[0].name === '陕西'; }"
    )
    line = page.evaluate(
        "() => { const t = document.querySelector('#chart-timeline .js-plotly-plot')._fullData[0];"
        " return {x: Array.from(t.x), y: Array.from(t.y)}; }"
    )
    series = queries.indicator_values(current(), "rd_intensity")
    shaanxi = series[series["adcode"] == "610000"].sort_values("year")
    assert line["x"][0] == 2015 and line["y"] == shaanxi["value"].tolist()


def test_ticking_several_rows_rings_them_all(page, live_server):
    open_page(page, live_server, "?l=hightech_zones&p=610000")
    boxes = page.locator("#hub-table .ag-center-cols-container .ag-row .ag-selection-checkbox input")
    boxes.first.wait_for()
    boxes.nth(0).check()
    page.wait_for_function("() => location.search.includes('k=')")
    page.wait_for_timeout(500)  # the table re-renders with the new state before the next tick
    boxes.nth(1).check()
    page.wait_for_function("() => /k=[^&]+%2C|k=[^&]+,/.test(location.search)")
    page.wait_for_function(f"() => ({SELECTED})().lon.length === 2")
    assert page.locator("#hub-card h2").text_content()


def test_export_button_downloads_a_figure_and_data(page, live_server, output_dir):
    open_page(page, live_server, "?p=510000,500000&y=2022")
    open_section(page, "导出")
    page.locator("#export-format").get_by_label("PNG").check()
    link = page.locator("#export-link")
    page.wait_for_function("() => /export\\/slide\\.png\\?/.test(document.querySelector('#export-link').value)")
    assert "p=510000%2C500000" in link.input_value() or "p=510000,500000" in link.input_value()
    assert link.input_value().startswith(live_server)  # a whole address, to paste into a report
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="导出图片").click()
    download = info.value
    assert download.suggested_filename == "西部R&D经费投入强度_2022_四川-重庆_slide.png"
    path = output_dir / "browser-export.png"
    download.save_as(path)
    assert path.read_bytes().startswith(b"\x89PNG")
    page.wait_for_function("() => document.querySelector('#export-status').textContent.includes('已导出')")
    with page.expect_download() as info:
        page.get_by_role("link", name="载体 CSV").click()
    csv = info.value
    csv.save_as(output_dir / csv.suggested_filename)
    rows = (output_dir / csv.suggested_filename).read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(rows) - 1 == count(page)
    page.get_by_role("button", name="复制链接").click()
    page.wait_for_function("() => document.querySelector('#export-status').textContent.includes('链接已复制')")
    # the link is the figure's address: fetched on its own, it gives the same file
    body = page.evaluate("async (u) => (await fetch(u)).status", link.input_value())
    assert body == 200


def test_a_busy_export_service_is_said_and_retried_until_the_file_comes(page, live_server, output_dir):
    open_page(page, live_server, "?p=620000")
    open_section(page, "导出")
    answers = []

    def busy_once(route):  # the export service is full once (as serving/files.py answers then)
        if not answers:
            answers.append(429)
            route.fulfill(status=429, headers={"Retry-After": "1"}, body="busy")
        else:
            answers.append(200)
            route.continue_()

    page.route("**/export/**", busy_once)
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="导出图片").click()
        page.wait_for_function("() => document.querySelector('#export-status').textContent.includes('繁忙')")
    assert answers == [429, 200]
    assert info.value.suggested_filename.endswith("_slide.png")
    page.wait_for_function("() => document.querySelector('#export-status').textContent.includes('已导出')")


def test_the_card_opens_another_hub_at_the_same_point(page, live_server):
    """Markers at one point lie under one another (a city's zone, park and innovative city): the card
    lists the others, and each opens its own card (the URL follows)."""
    open_page(page, live_server, "?h=htz-karamay")
    page.wait_for_function("() => document.querySelector('#hub-card h2').textContent.includes('克拉玛依')")
    button = page.locator("#hub-card button.link-button").filter(has_text="创新型城市")
    assert button.count() == 1
    button.click()
    page.wait_for_function("() => location.search.includes('h=inc-karamay')")
    page.wait_for_function("() => !document.querySelector('#hub-card h2').textContent.includes('高新')")
    assert page.locator("#hub-card button.link-button").filter(has_text="高新技术产业开发区").count() == 1


def test_what_a_url_held_that_the_page_ignored_leaves_the_address_bar(page, live_server):
    """?p=999999, ?y=abc, ?lang=xx fall back to the defaults; a link copied from the address bar
    then says what the page shows (they stayed there), with no history entry added for it."""
    open_page(page, live_server, "?ind=gdp&p=999999&y=abc&lang=xx&s=ai&mv=NaN,NaN,NaN")
    page.wait_for_function("() => location.search === '?ind=gdp'")
    page.locator("#lang label").filter(has_text="English").click()  # the next change writes its own
    page.wait_for_function("() => location.search.includes('lang=en') && location.search.includes('ind=gdp')")
    page.go_back()
    page.wait_for_function("() => location.search === '?ind=gdp'")
    page.go_back()  # the address was corrected in place: back leaves the page, never to the bad address
    page.wait_for_function("() => !location.search.includes('999999')")
    assert "999999" not in page.url
