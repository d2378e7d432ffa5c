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


# WCAG 2 contrast of an element's text with what lies behind it: its computed colour over its own and
# its ancestors' background colours, composited (no background images on these controls).
CONTRAST = """(el) => {
  const rgba = (c) => {
    const p = c.match(/[\\d.]+/g).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const bg = rgba(getComputedStyle(e).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  const bg = layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  const fg = over(rgba(getComputedStyle(el).color), bg);
  const lum = (c) => c.slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}"""
AA_TEXT = 4.5  # WCAG 2 AA, text under 18.66 px bold or 24 px


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


def _ratio(locator) -> float:
    return locator.evaluate(CONTRAST)


def test_the_language_switch_is_readable_in_every_state(page, live_server):
    """axe checks the page at rest; a hovered or focused segment is checked here."""
    open_page(page, live_server)
    chosen, other = page.locator("#lang label:has(input:checked)"), page.locator("#lang label:not(:has(input:checked))")
    text = ".dash-options-list-option-text"
    ratios = {"chosen": _ratio(chosen.locator(text)), "other": _ratio(other.first.locator(text))}
    chosen.hover()
    ratios["chosen, hovered"] = _ratio(chosen.locator(text))
    other.first.hover()
    ratios["other, hovered"] = _ratio(other.first.locator(text))
    page.mouse.move(0, 0)
    chosen.locator("input").focus()
    page.keyboard.press("Shift")  # keyboard focus
    ratios["chosen, focused"] = _ratio(chosen.locator(text))
    chosen.hover()
    ratios["chosen, focused and hovered"] = _ratio(chosen.locator(text))
    page.keyboard.press("ArrowRight")  # the next language, chosen from the keyboard
    _lang(page, "en")
    ratios["chosen by key, focused"] = _ratio(chosen.locator(text))
    page.get_by_text("繁體", exact=True).click()  # and by a click: focused and hovered at once
    _lang(page, "zh-Hant")
    ratios["chosen by click"] = _ratio(chosen.locator(text))
    assert chosen.inner_text() == "繁體"
    assert all(r >= AA_TEXT for r in ratios.values()), ratios


def test_every_button_and_option_of_the_panel_is_readable_hovered_and_focused(page, live_server):
    open_page(page, live_server, "?p=510000,500000")
    for heading in ("十六项措施", "导出"):
        page.locator("#sidebar summary").filter(has_text=heading).click()
    controls = page.locator(
        ".topbar button, .topbar label, #sidebar :is(button, summary, a, label.dash-options-list-option)"
    )
    low = []
    for i in range(controls.count()):
        control = controls.nth(i)
        if not control.is_visible() or not control.inner_text().strip():
            continue
        control.hover()
        hovered = _ratio(control)
        target = control.locator("input") if control.evaluate("e => e.tagName") == "LABEL" else control
        target.focus()
        focused = _ratio(control)
        if min(hovered, focused) < AA_TEXT:
            low.append((control.inner_text()[:20], round(hovered, 2), round(focused, 2)))
    page.locator("#provinces").click()  # the options of an open dropdown, chosen and not
    options = page.locator(".dash-dropdown-content .dash-dropdown-option")
    for i in range(options.count()):
        options.nth(i).hover()
        if _ratio(options.nth(i)) < AA_TEXT:
            low.append((options.nth(i).inner_text(), round(_ratio(options.nth(i)), 2)))
    assert controls.count() > 40 and low == [], low


# Each header of the hub table: its text, whether it is cut (wider or taller than its box) and on
# how many lines it runs (a header wraps between words only).
HEADERS = """() => Array.from(document.querySelectorAll('#hub-table .ag-header-cell[col-id] .ag-header-cell-text'))
  .filter(e => e.textContent).map(e => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size;
    return {text: e.textContent, cut: e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight + 1, lines};
  })"""
H_SCROLL = """() => { const v = document.querySelector('#hub-table .ag-body-horizontal-scroll-viewport');
  return v.scrollWidth > v.clientWidth + 1; }"""


def _headers_whole(page) -> list[dict]:
    page.locator("#hub-table .ag-header-cell-text").first.wait_for(state="attached")
    headers = page.evaluate(HEADERS)
    assert len(headers) == 10, headers
    return [h for h in headers if h["cut"] or h["lines"] > len(h["text"].split())]


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_no_header_of_the_table_is_cut_on_a_laptop_or_a_big_screen(browser, live_server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    open_page(page, live_server, "?lang=en")  # the grid is built in Chinese, then in English
    _lang(page, "en")
    page.wait_for_function(
        "() => document.querySelector('#hub-table [col-id=name] .ag-header-cell-text').textContent === 'Name'"
    )
    assert _headers_whole(page) == []
    assert not page.evaluate(H_SCROLL)  # and the table needs no scrolling sideways
    # a sorted column shows its arrow beside a whole header
    page.locator("#hub-table .ag-header-cell[col-id=province] .ag-header-cell-label").click()
    page.wait_for_selector("#hub-table .ag-header-cell[col-id=province] .ag-sort-ascending-icon:not(.ag-hidden)")
    assert _headers_whole(page) == []

    page.get_by_text("简体", exact=True).click()  # the Chinese words get their own widths
    _lang(page, "zh-Hans")
    page.wait_for_function(
        "() => document.querySelector('#hub-table [col-id=name] .ag-header-cell-text').textContent === '名称'"
    )
    page.locator("#hub-table .ag-header-cell[col-id=established] .ag-header-cell-label").click()
    page.wait_for_selector("#hub-table .ag-header-cell[col-id=established] .ag-sort-ascending-icon:not(.ag-hidden)")
    assert _headers_whole(page) == []
    assert not page.evaluate(H_SCROLL)
    context.close()


def test_a_name_cut_by_its_column_is_shown_whole_on_hover(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    open_page(page, live_server, "?lang=en")
    _lang(page, "en")
    page.wait_for_function(
        "() => document.querySelector('#hub-table [col-id=name] .ag-header-cell-text').textContent === 'Name'"
    )
    cells = page.locator("#hub-table .ag-center-cols-container .ag-cell[col-id=name]")
    cut = next(
        cells.nth(i) for i in range(cells.count()) if cells.nth(i).evaluate("e => e.scrollWidth > e.clientWidth")
    )
    cut.hover()
    assert cut.get_attribute("title") == cut.text_content()
    whole = page.locator("#hub-table .ag-center-cols-container .ag-cell[col-id=level]").first
    whole.hover()
    assert whole.get_attribute("title") is None  # no tooltip repeats a name already whole
    context.close()


# The boxes of the year row's Play button and of the slider's year labels, and the row's own box.
YEAR_ROW = """() => {
  const row = document.querySelector('.year-row');
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const marks = Array.from(row.querySelectorAll('.slider *')).filter(e => /^\\d{4}$/.test(e.textContent.trim())
      && !e.children.length && e.getBoundingClientRect().width > 0).map(box);
  return {play: box(row.querySelector('button.play')), marks: marks, row: box(row)};
}"""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080), (390, 844)])
@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_the_year_sliders_labels_keep_off_the_play_button(browser, live_server, width, height, lang):
    """The first year's label ('2015'), centred on the slider's end, touched the Play button (繁體
    and English at 1920x1080): every year label is clear of the button and inside the row."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    open_page(page, live_server, f"?lang={lang}")
    if width < 700:
        page.locator(".panel-toggle").click()  # the panel is a drawer on a phone
    page.wait_for_function(f"() => ({YEAR_ROW})().marks.length >= 2")
    found = page.evaluate(YEAR_ROW)
    play, row = found["play"], found["row"]
    for left, top, right, bottom in found["marks"]:
        assert left >= play[2] + 2 or bottom <= play[1] or top >= play[3], (found, lang)
        assert left >= row[0] - 0.5 and right <= row[2] + 0.5, (found, lang)
    context.close()
