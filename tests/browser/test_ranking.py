"""The ranking chart names every bar, with the hub card open on a laptop: it showed 16 names for
31 bars at 1366×768 (plotly.js skips a category's label where the axis is too short for it).
"""

from __future__ import annotations

import pytest

from tests.browser.test_dashboard import open_page

pytestmark = pytest.mark.browser

# The ranking's bars and its province names as drawn (each name's middle, screen px, and font size)
TICKS = """() => {
  const gd = document.querySelector('#chart-ranking .js-plotly-plot');
  if (!gd || !gd.data || !gd.data.length) return null;
  const names = [...gd.querySelectorAll('.ytick text')].filter(e => e.textContent.trim());
  return {bars: gd.data[0].y.length, names: names.map(e => e.textContent),
          size: names.length ? parseFloat(getComputedStyle(names[0]).fontSize) : 0,
          middles: names.map(e => { const r = e.getBoundingClientRect(); return (r.top + r.bottom) / 2; })};
}"""


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_every_ranking_bar_keeps_its_name_with_the_hub_card_open_on_a_laptop(browser, live_server, lang):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    try:
        open_page(page, live_server, f"?lang={lang}&h=htz-xian")
        page.wait_for_selector("#hub-card h2, .hub-card h2")
        page.wait_for_function(f"() => ({TICKS})() && ({TICKS})().bars > 0")
        page.wait_for_timeout(300)  # the card's height settles, the chart refits
        found = page.evaluate(TICKS)
        assert found["bars"] >= 30, found
        assert len(found["names"]) == found["bars"], found
        # no name over another: one a font size (its glyphs' height) at least below the one above
        rows = sorted(found["middles"])
        assert all(b - a >= found["size"] for a, b in zip(rows, rows[1:])), (found["size"], rows)
    finally:
        context.close()
