"""What the table shows, what every count says and what the downloads hold are the same hubs, in
real Chromium: after a search typed in the table's box, and after a box drawn on the map.

A fresh tester found both apart: at /?y=2015 the search 杨凌 left 3 rows in the table while its
header said 186 and the downloads held 186; a box over Chongqing and Guizhou touching Sichuan put
54 hubs in the URL, 47 in the table (Sichuan's dropped), and 49 in the layer counts and the chart.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlsplit

import pytest

from components import views
from layers import POINT_LAYERS, REGISTRY
from model.prepared import current
from tests.browser.test_dashboard import GRID, count, open_page
from tests.browser.test_map import HUB_POINT, MAP, _new_page
from view.state import ViewState, from_query

pytestmark = pytest.mark.browser

# every hub point the map draws, as [id, x, y] on the page (one point per place)
POINTS = """() => {
  const out = [];
  for (const g of document.querySelectorAll('#map g.trace.scattergeo')) {
    const cd = g.__data__, trace = cd && cd[0] && cd[0].trace;
    if (!trace || !Array.isArray(trace.customdata) || trace.visible !== true) continue;
    for (const p of g.querySelectorAll('path.point')) {
      const c = p.__data__ && trace.customdata[p.__data__.i];
      if (!c || !c[0]) continue;
      const r = p.getBoundingClientRect();
      out.push([c[0], r.x + r.width / 2, r.y + r.height / 2]);
    }
  }
  return out;
}"""
PROVINCE_BOX = """(adcode) => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const i = gd.data[1].locations.indexOf(adcode);
  const r = document.querySelectorAll('#map g.trace.choropleth')[1]
    .querySelectorAll('path.choroplethlocation')[i].getBoundingClientRect();
  return [r.x, r.y, r.width, r.height];
}"""
CHART_TITLE = "() => document.querySelector('#chart-hubs .gtitle').textContent"


def downloaded_ids(page, live_server) -> list[str]:
    """The ids in the hubs CSV the page's own link downloads."""
    href = page.locator("a.download-link[href^='download/hubs.csv']").get_attribute("href")
    response = page.request.get(f"{live_server}/{href}")
    assert response.ok
    return [row["id"] for row in csv.DictReader(io.StringIO(response.body().decode("utf-8-sig")))]


def assert_everything_counts(page, live_server, n: int):
    """The table's count and rows, the layer panel, the hubs chart's title and the CSV: n hubs."""
    page.wait_for_function(f"() => document.querySelector('#hub-table-count').textContent.startsWith('{n} ')")
    page.wait_for_function(f"() => {GRID}.getDisplayedRowCount() === {n}")
    page.wait_for_function(f"() => {CHART_TITLE}.includes('({n})')")
    points = [list(REGISTRY).index(k) for k in POINT_LAYERS]
    page.wait_for_function(
        "([n, points]) => { const c = document.querySelectorAll('.layer-count');"
        " return points.reduce((s, i) => s + Number(c[i].textContent), 0) === n; }",
        arg=[n, points],
    )
    shown = page.evaluate(
        f"() => {{ const g = {GRID}, ids = [];"
        " for (let i = 0; i < g.getDisplayedRowCount(); i++) ids.push(g.getDisplayedRowAtIndex(i).id);"
        " return ids; }"
    )
    assert sorted(downloaded_ids(page, live_server)) == sorted(shown) and len(shown) == n


def test_a_search_narrows_the_table_the_counts_and_the_downloads_and_a_link_keeps_it(page, live_server):
    open_page(page, live_server, "?y=2015")
    total = count(page)
    page.locator("#hub-table-search").fill("杨凌")
    page.wait_for_function("() => location.search.includes('q=')")
    state = from_query(urlsplit(page.url).query, current().vocab)
    n = int(views.table_mask(current(), state).sum())
    assert state.search == "杨凌" and state.year == 2015 and 0 < n < total
    assert_everything_counts(page, live_server, n)
    assert "杨凌" in page.locator("#map-note").inner_text()  # the map says what narrows it
    # a shared link opens the same view, the box showing the search; in English too
    link = page.url
    open_page(page, live_server, "?" + urlsplit(link).query)
    page.wait_for_function(f"() => document.querySelector('#hub-table-count').textContent.startsWith('{n} ')")
    assert page.locator("#hub-table-search").input_value() == "杨凌"
    page.get_by_label("English").check()
    page.wait_for_function(f"() => {CHART_TITLE}.startsWith('Hub designations')")
    assert_everything_counts(page, live_server, n)
    page.locator("#hub-table-search").fill("")
    page.wait_for_function("() => !location.search.includes('q=')")
    assert_everything_counts(page, live_server, total)


def test_a_box_on_the_map_chooses_what_it_encloses_and_every_count_agrees(browser, live_server):
    page = _new_page(browser, 1366, 768)  # the tester's laptop
    open_page(page, live_server)
    # a card open on a hub far from the box: it closes, since the box leaves it out
    x, y = page.evaluate(HUB_POINT, "ttc-cacstc-urumqi")
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('h=ttc-cacstc-urumqi')")
    # the tester's box: over Chongqing and Guizhou, touching Sichuan
    cx, cy, _, _ = page.evaluate(PROVINCE_BOX, "500000")
    x0, y0, x1, y1 = cx - 6, cy + 11, cx + 54, cy + 71
    inside = {h for h, px, py in page.evaluate(POINTS) if x0 + 2 < px < x1 - 2 and y0 + 2 < py < y1 - 2}
    near = {h for h, px, py in page.evaluate(POINTS) if x0 - 2 < px < x1 + 2 and y0 - 2 < py < y1 + 2}
    hubs = current().hubs.set_index("id")
    assert {"510000", "500000", "520000"} <= set(hubs.loc[sorted(inside), "province_adcode"])
    page.locator("#map .modebar-btn[data-val=select]").click()
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=5)
    page.mouse.move(x1, y1, steps=5)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('hs=')")
    state = from_query(urlsplit(page.url).query, current().vocab)
    assert inside <= set(state.hubs) <= near  # what the box enclosed, and nothing else
    assert state.provinces == () and "p=" not in page.url  # no province chosen: none filters them out
    page.wait_for_function("() => !location.search.includes('h=')")  # the card closed
    page.wait_for_function("() => document.querySelector('#hub-card').textContent.includes('选择一个载体')")
    n = int(views.table_mask(current(), state).sum())
    assert n == int(current().lookup.chosen(state.hubs).sum())  # every hub chosen is shown and counted
    assert_everything_counts(page, live_server, n)
    assert set(downloaded_ids(page, live_server)) >= inside  # Sichuan's hubs in the box included
    east_west = page.locator(".layer-count").nth(list(REGISTRY).index("east_west"))
    assert east_west.inner_text() == "0"  # a box chooses hubs, no east–west link
    assert re.search("框选", page.locator("#map-note").inner_text())
    page.get_by_role("button", name="清除选择").click()
    page.wait_for_function("() => !location.search.includes('hs=')")
    assert_everything_counts(page, live_server, len(current().hubs))
    page.context.close()


def test_a_box_round_no_hub_changes_nothing_says_so_and_leaves_no_fading(page, live_server):
    open_page(page, live_server)
    total = count(page)
    x, y, w, h = page.evaluate(PROVINCE_BOX, "130000")  # Hebei: not western, no hub
    x0, y0, x1, y1 = x + w * 0.3, y + h * 0.3, x + w * 0.7, y + h * 0.7
    assert not [p for p in page.evaluate(POINTS) if x0 <= p[1] <= x1 and y0 <= p[2] <= y1]
    page.locator("#map .modebar-btn[data-val=select]").click()
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y1, steps=6)
    page.mouse.up()
    page.wait_for_function("() => document.querySelector('#map-notice').textContent.includes('没有载体')")
    # Plotly's own outline and fading go too, though no state changed to redraw the map
    page.wait_for_function(
        f"() => ({MAP}.layout.selections || []).length === 0 && {MAP}.data.every(t => t.selectedpoints == null)"
    )
    assert "hs=" not in page.url and count(page) == total


def test_the_table_has_no_filter_of_its_own(page, live_server):
    """No header filter menu: a filter the count and the downloads would not know of."""
    open_page(page, live_server)
    page.wait_for_function(f"() => {GRID}.getDisplayedRowCount() > 0")
    assert page.locator("#hub-table .ag-header-cell-filter-button").count() == 0
    assert page.locator("#hub-table .ag-header-cell-menu-button").count() == 0
    assert ViewState().search == ""
