"""Every accessible name on the page (aria-label, aria-labelledby's text, a <label>) follows the
language: in English none is Chinese, in 繁體 none is left in Simplified characters. The panel's
and the map pane's names and the search box's hidden label stayed Simplified in both.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.test_dashboard import open_page
from view.hant import to_hant

pytestmark = pytest.mark.browser

# Each accessible name the page gives in words, but the language switch's (each language names
# itself in its own script)
NAMES = """() => {
  const names = [];
  for (const e of document.querySelectorAll('[aria-label]')) names.push(['aria-label', e.getAttribute('aria-label')]);
  for (const e of document.querySelectorAll('[aria-labelledby]')) {
    for (const id of e.getAttribute('aria-labelledby').split(/\\s+/)) {
      const l = document.getElementById(id);
      if (l) names.push(['labelledby ' + id, l.textContent]);
    }
  }
  for (const e of document.querySelectorAll('label')) {
    if (!e.closest('#lang')) names.push(['label ' + (e.id || e.htmlFor || ''), e.textContent]);
  }
  for (const e of document.querySelectorAll('[placeholder]')) {
    names.push(['placeholder', e.getAttribute('placeholder')]);
  }
  return names.filter(([, text]) => text && text.trim());
}"""
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("query", ["?lang=en", "?lang=en&h=htz-xian"])
def test_in_english_no_accessible_name_is_chinese(page, live_server, query):
    open_page(page, live_server, query)
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    names = page.evaluate(NAMES)
    assert len(names) > 20, names  # the panel's controls, the map's, the table's are all there
    assert [n for n in names if CJK.search(n[1])] == []


def test_in_traditional_chinese_no_accessible_name_is_left_in_simplified(page, live_server):
    open_page(page, live_server, "?lang=zh-Hant")
    page.wait_for_function("() => document.documentElement.lang === 'zh-Hant'")
    names = page.evaluate(NAMES)
    assert any(CJK.search(text) for _, text in names)
    assert [(what, text) for what, text in names if to_hant(text) != text] == []
