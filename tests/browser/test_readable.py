"""Text a person can read, in real Chromium: in the page's language, with enough contrast, not cut.

What axe-core (tests/browser/test_map.py) cannot see: the words a Dash component writes itself, the
colours of a hovered control, a table header cut by its column.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.test_dashboard import open_page

pytestmark = pytest.mark.browser

LATIN = re.compile("[A-Za-z]")
# The words of an open dropdown that Dash writes itself (not its options, which are data): the count
# of choices, the search box's placeholder, Select all / Deselect all, the clear buttons' names,
# the line shown when nothing matches.
DROPDOWN_WORDS = """(id) => {
  const root = document.getElementById(id).closest('.dash-dropdown-wrapper'), out = [];
  const menu = document.querySelector('.dash-dropdown-content');
  for (const box of [root, menu]) {
    if (!box) continue;
    box.querySelectorAll('.dash-dropdown-value-count, .dash-dropdown-action-button, .dash-dropdown-options > span')
      .forEach(e => out.push(e.textContent));
    box.querySelectorAll('input.dash-dropdown-search').forEach(e => out.push(e.placeholder));
    box.querySelectorAll('.dash-dropdown-clear').forEach(e => out.push(e.title, e.getAttribute('aria-label')));
  }
  return out.filter(w => w !== null);
}"""


def _lang(page, lang: str) -> None:
    page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=lang)


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_dropdowns_write_no_english_of_their_own_in_chinese(page, live_server, lang):
    open_page(page, live_server, f"?lang={lang}&p=500000,520000,510000")
    _lang(page, lang)
    page.locator("#provinces").click()
    page.locator(".dash-dropdown-content input.dash-dropdown-search").fill("zzz")  # nothing matches
    page.wait_for_selector(".dash-dropdown-content .dash-dropdown-options > span")
    words = page.evaluate(DROPDOWN_WORDS, "provinces")
    assert any("3" in w for w in words)  # the count of the three chosen provinces is among them
    assert len(words) >= 6 and not [w for w in words if LATIN.search(w)], words
    page.keyboard.press("Escape")
    page.locator(".dash-dropdown-content").wait_for(state="detached")

    for single in ("region", "indicator", "scatter-x"):  # one choice: a search box, no count
        page.locator(f"#{single}").click()
        words = page.evaluate(DROPDOWN_WORDS, single)
        assert words and not [w for w in words if LATIN.search(w)], (single, words)
        page.keyboard.press("Escape")
        page.locator(".dash-dropdown-content").wait_for(state="detached")


# The names and hints of the page's controls (not its data): accessible names, tooltips, placeholders.
CONTROL_WORDS = """() => {
  const out = [];
  document.querySelectorAll('[aria-label], [title], [placeholder]').forEach(e => {
    for (const a of ['aria-label', 'title', 'placeholder']) {
      const v = e.getAttribute(a);
      if (v) out.push(`${e.id || e.className} ${a}=${v}`);
    }
  });
  return out;
}"""


def test_no_control_is_named_in_english_in_traditional_chinese(page, live_server):
    open_page(page, live_server, "?lang=zh-Hant&p=500000,520000")
    _lang(page, "zh-Hant")
    for heading in ("十六項措施", "匯出"):
        page.locator("#sidebar summary").filter(has_text=heading).click()
    page.locator("#export-width").focus()  # the number boxes' − and + buttons are named by then
    page.locator("#provinces").click()
    page.locator(".dash-dropdown-content input.dash-dropdown-search").fill("zzz")
    page.wait_for_selector(".dash-dropdown-content .dash-dropdown-clear")  # the search's clear button
    words = page.evaluate(CONTROL_WORDS)
    assert len(words) > 20 and not [w for w in words if re.search("[A-Za-z]{2,}", w.split("=", 1)[1])], words
