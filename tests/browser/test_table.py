"""The hub table as a keyboard user and a reader of each language meet it, in headless Chromium."""

from __future__ import annotations

import itertools

import pytest
from pypinyin import Style, lazy_pinyin

from components import options, views
from model.prepared import current
from tests.browser.test_dashboard import GRID, HEADER, open_page

pytestmark = pytest.mark.browser

IN_TABLE = "() => !!document.activeElement.closest('#hub-table')"
SHOWN_IDS = f"""() => {{ const g = {GRID}, out = [];
  for (let i = 0; i < g.getDisplayedRowCount(); i++) out.push(g.getDisplayedRowAtIndex(i).id);
  return out; }}"""
ROWS = {row["id"]: row for row in views.all_rows(current())}


def pinyin(text: str) -> list[str]:
    """The order of a pinyin collation: syllable by syllable, each with its tone (bái before bǎi)."""
    return lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)


def _rows_shown(page, url: str, query: str = "") -> None:
    open_page(page, url, query)
    page.locator("#hub-table .ag-center-cols-container .ag-row[row-id]").first.wait_for()


def test_the_table_is_one_tab_stop_and_enter_opens_the_rows_card(page, live_server):
    _rows_shown(page, live_server, "?l=hightech_zones&p=610000")
    page.locator("#hub-table-search").focus()  # the control just before the table
    presses = 0
    while presses < 12:  # AG Grid's default: one stop per header and per cell (about 2,700)
        page.keyboard.press("Tab")
        presses += 1
        if presses > 1 and not page.evaluate(IN_TABLE):
            break
    assert presses <= 3, f"{presses} Tabs and still in the table"
    page.keyboard.press("Shift+Tab")  # and back in with one Shift+Tab
    assert page.evaluate(IN_TABLE)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.id") == "hub-table-search"

    page.keyboard.press("Tab")  # the header
    page.keyboard.press("ArrowDown")  # the first row
    page.keyboard.press("ArrowDown")  # the second
    second = page.evaluate(f"() => {GRID}.getDisplayedRowAtIndex(1).id")
    page.keyboard.press("Enter")
    name = ROWS[second]["name0"]
    page.wait_for_function("(name) => document.querySelector('#hub-card h2').textContent.includes(name)", arg=name)
    page.wait_for_function("(id) => new URLSearchParams(location.search).get('h') === id", arg=second)
    assert page.evaluate(f"() => {GRID}.getSelectedRows().length") == 0  # Enter opens; Space ticks

    page.keyboard.press("ArrowUp")  # the first row, opened in turn: the card follows
    first = page.evaluate(f"() => {GRID}.getDisplayedRowAtIndex(0).id")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(name) => document.querySelector('#hub-card h2').textContent.includes(name)", arg=ROWS[first]["name0"]
    )


def _sort_by(page, column: str) -> list[str]:
    """Click a column's header as a person does (ascending); the row ids in the order shown."""
    page.locator(f"#hub-table .ag-header-cell[col-id={column}] .ag-header-cell-label").click()
    sorted_by = f"(col) => ({GRID}.getState().sort || {{sortModel: []}}).sortModel"
    page.wait_for_function(sorted_by + ".some(s => s.colId === col && s.sort === 'asc')", arg=column)
    return page.evaluate(SHOWN_IDS)


def _provinces_in_order(page, lang: str) -> list[str]:
    labels = next(c["labels"] for c in options.table_columns(lang) if c["colId"] == "province")
    return [labels[code] for code, _ in itertools.groupby(ROWS[i]["province"] for i in page.evaluate(SHOWN_IDS))]


def _switch(page, label: str, lang: str) -> None:
    page.get_by_label(label).check()
    page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=lang)
    header = next(c["headerName"] for c in options.table_columns(lang) if c["colId"] == "province")
    page.wait_for_function(HEADER, arg=header)


def test_names_sort_by_pinyin_and_provinces_by_the_order_of_each_language(page, live_server):
    _rows_shown(page, live_server)
    # Simplified Chinese: pinyin, not code points (阿 a, 安 an, 白 bái, 百 bǎi ... 重庆 chóng, before 西 xī)
    names = [ROWS[i]["name0"] for i in _sort_by(page, "name")][:40]
    keys = [pinyin(n) for n in names]
    assert keys == sorted(keys), list(zip(names, keys))
    # a coded column sorts by the label it shows, in the same order
    _sort_by(page, "province")
    provinces = _provinces_in_order(page, "zh-Hans")
    assert provinces == sorted(provinces, key=pinyin), provinces
    assert provinces[0] == "重庆"  # chóng qìng, before 甘肃 gān sù; by code point it was 云南

    # Traditional Chinese: by strokes (內 4, 四 5, 西 6, 青 8, 重 9, 陝 10, 貴 12, 新 13, 寧 14, 廣 15)
    _switch(page, "繁體", "zh-Hant")
    provinces = _provinces_in_order(page, "zh-Hant")  # the sort is kept through the switch
    by_strokes = ["內蒙古", "四川", "西藏", "青海", "重慶", "陝西", "貴州", "新疆", "寧夏", "廣西"]
    assert [p for p in provinces if p in by_strokes] == by_strokes, provinces

    _switch(page, "English", "en")
    provinces = _provinces_in_order(page, "en")
    assert provinces == sorted(provinces, key=str.casefold) and provinces[0] == "Chongqing"


WIDTHS = """() => Object.fromEntries(Array.from(document.querySelectorAll('#hub-table .ag-header-cell[col-id]'))
  .map(e => [e.getAttribute('col-id'), Math.round(e.getBoundingClientRect().width)]))"""


def _drag_edge(page, column: str, dx: int) -> None:
    """Drag a column header's right edge ``dx`` pixels as a person does (press, move, release)."""
    edge = page.locator(f"#hub-table .ag-header-cell[col-id={column}] .ag-header-cell-resize")
    edge.scroll_into_view_if_needed()
    box = edge.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=8)
    page.mouse.up()


@pytest.mark.parametrize("column", ["name", "city"])
def test_a_column_width_set_by_hand_holds_through_language_changes(page, live_server, column):
    _rows_shown(page, live_server)
    _sort_by(page, "province")
    before = page.evaluate(WIDTHS)[column]
    _drag_edge(page, column, 70)
    page.wait_for_function(f"(w) => ({WIDTHS})()[{column!r}] >= w + 60", arg=before)
    dragged = page.evaluate(WIDTHS)[column]

    for label, lang in (("English", "en"), ("繁體", "zh-Hant"), ("简体", "zh-Hans")):
        _switch(page, label, lang)
        widths = page.evaluate(WIDTHS)
        assert abs(widths[column] - dragged) <= 1, (lang, column, dragged, widths)
        # the rest of the column state holds too: the sort the user chose
        sort = page.evaluate(f"() => ({GRID}.getState().sort || {{sortModel: []}}).sortModel")
        assert [(s["colId"], s["sort"]) for s in sort] == [("province", "asc")], (lang, sort)


@pytest.mark.parametrize(
    ("lang", "unknown", "today"), [("zh-Hans", "未记录", "已设立"), ("en", "Not recorded", "Existing")]
)
def test_a_past_years_status_is_shown_in_the_table_and_not_recorded_where_unknown(
    page, live_server, lang, unknown, today
):
    """?y=2015: the table said 'existing' for a science city whose year no source gives (today's
    status, guessed back); it says 'not recorded', and today's view says today's status. The
    statuses come grouped ({status: [rows]}) and each row shows its own."""
    status = (
        "() => { const n = document.querySelector('#hub-table .ag-row[row-id=sci-xbkxc-chengdu] [col-id=status]');"
        " return n && n.textContent.trim(); }"
    )
    _rows_shown(page, live_server, f"?lang={lang}&y=2015&q=成都 科学城")
    page.wait_for_function(f"() => ({status})() === {unknown!r}", timeout=30_000)
    _rows_shown(page, live_server, f"?lang={lang}&q=成都 科学城")
    page.wait_for_function(f"() => ({status})() === {today!r}", timeout=30_000)
