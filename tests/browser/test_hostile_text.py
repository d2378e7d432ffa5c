"""Text from the data is shown as text: a hub and the sources named like HTML injections.

A copy of the bundled data with one hub renamed ``<img src=x onerror=alert(1)>`` and every
source's publisher (in Chinese and in English) and title prefixed with ``<img src=x
onerror=alert(2)>`` is served by its own app process (ATLAS_DATA_DIR); the page must show those
characters and run nothing, in every language.
"""

from __future__ import annotations

import csv
import json
import re
import shutil

import pytest

from model import paths
from tests.browser.conftest import app_process, free_port

HUB_NAME = "<img src=x onerror=alert(1)>"
PUBLISHER = "<img src=x onerror=alert(2)>"
HUB = "htz-xian"


def _hostile_data(root):
    data = root / "data"
    shutil.copytree(paths.ROOT / "data", data, ignore=shutil.ignore_patterns(".backup"))
    path = data / "geo" / "hubs_hightech_zones.geojson"
    fc = json.loads(path.read_text(encoding="utf-8"))
    for feat in fc["features"]:
        if feat["properties"]["id"] == HUB:
            feat["properties"]["name_zh"] = feat["properties"]["name_en"] = HUB_NAME
    path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    sources = data / "sources.csv"
    with sources.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        for column in ("publisher", "publisher_en", "title"):
            row[column] = f"{PUBLISHER} {row[column]}"
    with sources.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return data


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = _hostile_data(root)
    port = free_port()
    with app_process(["app.py", "--port", str(port)], port, root / "log.txt", ATLAS_DATA_DIR=str(data)) as url:
        yield url, data


def _open_with_the_hostile_hub(page, url: str, query: str = "") -> list:
    """Open the page with the hostile hub's card; returns the list that collects any dialog."""
    dialogs: list = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{url}/?h={HUB}{query}")
    page.wait_for_selector("#map .js-plotly-plot .geo")
    page.wait_for_selector("#hub-card h2")
    page.wait_for_function(f"() => document.querySelector('#hub-card h2').textContent === {json.dumps(HUB_NAME)}")
    return dialogs


def test_hostile_names_show_literally_and_run_nothing(page, hostile_server, output_dir):
    url, _ = hostile_server
    dialogs = _open_with_the_hostile_hub(page, url)  # the card shows the name
    # the table: the row is there, the cell shows the characters
    page.wait_for_function("() => atlasGrid.api('hub-table').getDisplayedRowCount() > 0")
    page.fill("#hub-table-search", "onerror")
    page.wait_for_function("() => atlasGrid.api('hub-table').getDisplayedRowCount() === 1")
    cell = page.locator("#hub-table .ag-center-cols-container .ag-row [col-id='name']").first
    assert cell.inner_text() == HUB_NAME
    # the map: the legend's source line and the hub's hover text, as characters
    page.wait_for_function(
        f"() => document.querySelector('#map-legend .legend-source').textContent.includes({json.dumps(PUBLISHER)})"
    )
    hover = page.evaluate(
        f"""() => document.querySelector('#map .js-plotly-plot').data
            .flatMap(t => Array.isArray(t.customdata) ? t.customdata : [])
            .find(c => Array.isArray(c) && c[0] === {json.dumps(HUB)})[1]"""
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in hover  # Plotly turns the entities back into characters
    # the charts' source lines too
    page.wait_for_function(
        f"() => (document.querySelector('#chart-ranking .gtitle') || {{}}).textContent !== undefined &&"
        f" document.querySelector('#chart-ranking').textContent.includes({json.dumps(PUBLISHER)})"
    )
    page.wait_for_timeout(500)
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    page.screenshot(path=str(output_dir / "hostile-text.png"), full_page=True)


def test_hostile_sources_show_literally_in_the_english_card(page, hostile_server):
    url, _ = hostile_server
    dialogs = _open_with_the_hostile_hub(page, url, "&lang=en")
    page.wait_for_function("() => document.querySelector('#hub-card .sources a') !== null")
    sources = page.locator("#hub-card .sources").last.inner_text()
    assert sources.startswith(f"Source: {PUBLISHER} ")  # the English publisher, as text
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []


def test_hostile_names_are_text_in_an_exported_svg(hostile_server):
    from export.render import PRESETS, export
    from model.prepared import load
    from view.state import ViewState

    _, data_dir = hostile_server
    _, svg = export(load(data_dir), ViewState(hub=HUB), "slide", "svg", PRESETS["slide-16x9"])
    text = svg.decode()
    assert re.search(r"(&lt;|&#60;)img src=x onerror=alert\(2\)(&gt;|&#62;)", text)  # a text node's characters
    assert "<img" not in text
