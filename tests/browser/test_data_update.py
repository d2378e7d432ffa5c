"""An open page goes on working through a data import (docs/deploy.md, *Data updates*).

The app runs on a copy of the bundled data (ATLAS_DATA_DIR, default ATLAS_DATA_POLL); the test
imports a one-row change with ``python -m atlas data import`` while the page is open, its year
slider focused, as a planner's colleague would during the yearly update.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from model import paths
from tests.browser.conftest import app_process, free_port

HUB = "sci-xbkxc-chengdu"
SLIDER = "#year [role=slider]"


@pytest.fixture(scope="module")
def update_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("update")
    data = root / "data"
    shutil.copytree(paths.ROOT / "data", data, ignore=shutil.ignore_patterns(".*"))
    port = free_port()
    with app_process(["app.py", "--port", str(port)], port, root / "log.txt", ATLAS_DATA_DIR=str(data)) as url:
        yield url, data, root


def _year_key(page, key: str, year: int) -> None:
    """Press ``key`` on the focused slider; the URL, the legend and the slider then all say ``year``."""
    page.keyboard.press(key)
    page.wait_for_function(f"() => location.search.includes('y={year}')", polling=20, timeout=30_000)
    page.wait_for_function(
        f"() => document.querySelector('#map-legend .legend-detail').textContent.startsWith('{year}')",
        timeout=30_000,
    )
    assert page.locator(SLIDER).first.get_attribute("aria-valuenow") == str(year)


def _import(data, root, value: str, year: int = 2024) -> None:
    # a test's change to a copy of the data (never the atlas's): one province's value
    new = root / "v.csv"
    new.write_text(
        f"adcode,year,indicator,value,source_id\n510000,{year},rd_intensity,{value},nbs-rd-2024\n", encoding="utf-8"
    )
    args = [sys.executable, "-m", "atlas", "data", "import", str(new), "--yes", "--data-dir", str(data)]
    done = subprocess.run(args, cwd=paths.ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_focused_year_slider_keeps_step_with_the_view_through_an_import(page, update_server):
    url, data, root = update_server
    page.goto(f"{url}/?h={HUB}")
    page.wait_for_selector("#map .scattergeo .point")
    page.wait_for_selector("#hub-card h2")
    page.wait_for_timeout(1500)
    page.locator(SLIDER).first.focus()
    _year_key(page, "ArrowLeft", 2023)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => !location.search.includes('y=')", timeout=30_000)
    page.wait_for_timeout(1000)

    _import(data, root, "9.87")
    page.wait_for_timeout(5000)  # the server has seen the import (ATLAS_DATA_POLL 2 s)
    # The first press after an import waited seconds for the new version to load (2.4 s against
    # 0.13 s on the development machine): the slider said 2023, the URL and the map 2024. That no
    # request waits for a load is tests/unit/test_live.py's (functional, not timed); here, that
    # slider, URL and map agree after each press, through the import.
    _year_key(page, "ArrowLeft", 2023)
    # the slider goes on working, on the new data
    _year_key(page, "ArrowLeft", 2022)
    page.keyboard.press("End")
    page.wait_for_function("() => !location.search.includes('y=')", timeout=30_000)
    page.wait_for_function(
        """() => document.getElementById('chart-timeline').querySelector('.js-plotly-plot').data
                 .some(t => t.name === '四川' && t.y[t.y.length - 1] === 9.87)""",
        timeout=30_000,
    )


def test_an_open_page_gets_a_year_imported_while_it_was_open(page, update_server):
    """After an import of a new year, an open page's slider kept the years its layout was built
    with: the new year could not be chosen until a reload. The page's next state change brings the
    served data's years (callbacks/legend.update_legend)."""
    url, data, root = update_server
    page.goto(f"{url}/")
    page.wait_for_selector("#map .scattergeo .point")
    page.wait_for_timeout(1500)
    before = int(page.locator(SLIDER).first.get_attribute("aria-valuemax"))
    _import(data, root, "2.5", year=before + 1)
    page.wait_for_timeout(5000)  # the server has seen the import (ATLAS_DATA_POLL 2 s)
    page.locator(SLIDER).first.focus()
    page.keyboard.press("ArrowLeft")  # any change of the view
    page.wait_for_function(
        f"() => document.querySelector('{SLIDER}').getAttribute('aria-valuemax') === '{before + 1}'", timeout=30_000
    )
