"""Plotly's modebar in headless Chromium: nothing offers to send data out; its words follow the language."""

from __future__ import annotations

import pytest

from tests.browser.test_dashboard import open_page

pytestmark = pytest.mark.browser

# every button title on the page that offers to share, upload or edit elsewhere
SENDS = """() => Array.from(document.querySelectorAll('[data-title]')).map(e => e.getAttribute('data-title'))
  .filter(t => /share|cloud|chart studio|plotly\\.com/i.test(t))"""
TITLE = "(sel) => (document.querySelector(sel) || {getAttribute: () => null}).getAttribute('data-title')"
# the map's own zoom buttons are the page's (they zoom the map, not the inset); its modebar keeps
# the selection tools
MAP_LASSO = "#map .modebar-btn[data-attr=dragmode][data-val=lasso]"
MAP_BOX = "#map .modebar-btn[data-attr=dragmode][data-val=select]"
CHART_AUTOSCALE = "#chart-ranking .modebar-btn[data-attr=zoom][data-val=auto]"


def _titles(page, expected: dict[str, str]) -> None:
    for selector, title in expected.items():
        page.wait_for_function(f"([sel, title]) => ({TITLE})(sel) === title", arg=[selector, title])


def test_no_graph_offers_to_send_its_data_and_plotlys_words_follow_the_language(page, live_server):
    open_page(page, live_server)
    page.wait_for_selector(CHART_AUTOSCALE, state="attached")
    assert page.evaluate(f"() => document.querySelectorAll('{MAP_LASSO}').length") == 1
    assert page.evaluate(SENDS) == []
    # a graph whose config says nothing gets the page's defaults: no "Share chart…" either
    bare = page.evaluate(
        """() => { const d = document.createElement('div'); document.body.appendChild(d);
          return Plotly.newPlot(d, [{type: 'bar', y: [1, 2]}])
            .then(() => d.querySelectorAll('.modebar-btn').length); }"""
    )
    assert bare > 0 and page.evaluate(SENDS) == []

    _titles(page, {MAP_LASSO: "套索选择", MAP_BOX: "矩形框选", CHART_AUTOSCALE: "自动缩放"})
    page.get_by_label("English").check()
    _titles(page, {MAP_LASSO: "Lasso Select", MAP_BOX: "Box Select", CHART_AUTOSCALE: "Autoscale"})
    page.get_by_label("繁體").check()
    _titles(page, {MAP_LASSO: "套索選擇", MAP_BOX: "矩形選擇", CHART_AUTOSCALE: "自動縮放"})
    assert page.evaluate(SENDS) == []
