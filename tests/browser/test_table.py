"""The hub table as a keyboard user and a reader of each language meet it, in headless Chromium."""

from __future__ import annotations

import pytest

from components import views
from tests.browser.test_dashboard import GRID, open_page

pytestmark = pytest.mark.browser

IN_TABLE = "() => !!document.activeElement.closest('#hub-table')"
ROWS = {row["id"]: row for row in views.all_rows()}


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
