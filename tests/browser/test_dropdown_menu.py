"""An open dropdown shows enough of its options to choose from: the sector menu showed three at a
time on a laptop (Dash's 200 px menu, less its search box and Select All row).
"""

from __future__ import annotations

import pytest

from tests.browser.test_dashboard import open_page

pytestmark = pytest.mark.browser

# The options of the open menu wholly in view: inside the menu's box and the window
SHOWN = """() => {
  const menu = document.querySelector('.dash-dropdown-content');
  if (!menu) return null;
  const m = menu.getBoundingClientRect();
  return [...menu.querySelectorAll('[role=option]')].filter(o => {
    const r = o.getBoundingClientRect();
    return r.height > 0 && r.top >= Math.max(m.top, 0) - 1 && r.bottom <= Math.min(m.bottom, innerHeight) + 1;
  }).length;
}"""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("control", ["#sectors", "#provinces", "#indicator"])
def test_an_open_dropdown_shows_at_least_six_options(browser, live_server, width, height, control):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    try:
        open_page(page, live_server)
        page.locator(control).scroll_into_view_if_needed()
        page.locator(control).click()
        page.wait_for_selector(".dash-dropdown-content [role=option]")
        page.wait_for_timeout(300)  # the menu placed (below, or above where the room is short)
        total = page.locator(".dash-dropdown-content [role=option]").count()
        assert page.evaluate(SHOWN) >= min(6, total), (control, total)
    finally:
        context.close()
