"""The page loads in a real browser, shows the data, and asks no host but its own."""

from __future__ import annotations

import pytest

from layers import REGISTRY

pytestmark = pytest.mark.browser


def test_page_loads_and_lists_layers(page, live_server, output_dir):
    page.goto(live_server, wait_until="networkidle")
    page.wait_for_selector("#layers-table tbody tr")
    rows = page.locator("#layers-table tbody tr")
    assert rows.count() == len(REGISTRY)
    text = page.locator("#layers-table").inner_text()
    for spec in REGISTRY.values():
        assert spec.label_zh in text
    assert page.locator("#coverage-table tbody tr").count() >= 8
    page.screenshot(path=str(output_dir / "overview.png"), full_page=True)


def test_page_requests_no_other_host(page, live_server):
    page.goto(live_server, wait_until="networkidle")
    page.wait_for_selector("#layers-table")
    foreign = [u for u in page.requests if not u.startswith(live_server) and not u.startswith("data:")]
    assert page.requests, "no request recorded"
    assert foreign == []
