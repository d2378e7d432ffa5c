"""The app starts on the bundled data and serves its page (Flask test client, no browser)."""

from __future__ import annotations

import json
import re

import pytest

from layers import REGISTRY


@pytest.fixture(scope="module")
def client():
    import app

    return app.server.test_client()


def test_index_is_served(client):
    res = client.get("/")
    assert res.status_code == 200
    assert "西部科技创新地图" in res.get_data(as_text=True)


def test_layout_offers_every_layer_in_chinese_first(client):
    layout = json.dumps(client.get("/_dash-layout").get_json(), ensure_ascii=False)
    for spec in REGISTRY.values():
        assert spec.label_zh in layout


def test_layout_carries_the_map_with_local_topojson(client):
    layout = json.dumps(client.get("/_dash-layout").get_json(), ensure_ascii=False)
    assert '"topojsonURL": "/assets/topojson/"' in layout


def test_local_topojson_stub_is_served(client):
    for name in ("world_110m.json", "world_50m.json"):
        res = client.get(f"/assets/topojson/{name}")
        assert res.status_code == 200 and res.get_json()["type"] == "Topology"


def test_page_references_only_local_assets(client):
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


def test_debug_is_off_by_default():
    import app

    assert not app.app.server.debug


def test_page_html_does_not_carry_the_map_geometry(client):
    html = client.get("/").get_data(as_text=True)
    assert '"featureidkey"' not in html and len(html) < 100_000
    assert '"featureidkey"' in client.get("/_dash-layout").get_data(as_text=True)


def test_layout_is_built_once_and_gzipped_for_browsers_that_take_it():
    import gzip
    import json

    import app

    client = app.server.test_client()
    zipped = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip, deflate"})
    plain = client.get("/_dash-layout")
    assert zipped.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) < len(plain.data) / 3
    layout = json.loads(plain.data)
    assert layout["type"] == "Div"  # a real Dash layout (the map figure inside)
    assert b'"geojson"' in plain.data


def test_the_page_loads_the_atlas_plotly_bundle_not_dashs_full_one():
    from plotly.offline import get_plotlyjs_version

    import app
    from components import bundles

    html = app.server.test_client().get("/").data.decode()
    assert "/assets/plotly-atlas.min.js" in html and "plotly.min.js" not in html
    # built for the plotly.js the Python figures are made for (rebuild: make plotly)
    assert bundles.banner(bundles.PLOTLY)[0] == get_plotlyjs_version()


def test_every_trace_the_charts_and_the_map_draw_is_in_the_plotly_bundle(fixture_data):
    import json as json_

    from components import bundles
    from figures.charts import REGISTRY as CHART_KINDS
    from figures.map import base_figure_json
    from view.state import ViewState

    carried = set(bundles.banner(bundles.PLOTLY)[1])
    drawn = {t["type"] for spec in CHART_KINDS.values() for t in spec.build(fixture_data, ViewState())["data"]}
    drawn |= {t["type"] for t in json_.loads(base_figure_json(fixture_data))["data"]}
    assert drawn and drawn <= carried, drawn - carried


def test_the_plotly_bundle_has_chinese_words_and_no_way_to_send_a_chart_out():
    from components import bundles
    from scripts import build_plotly

    assert bundles.banner(bundles.PLOTLY)[1] == build_plotly.parts()  # the traces, the zh-CN and zh-TW locales
    js = build_plotly.OUT.read_text(encoding="utf-8")
    for name, zoom_out in (("zh-CN", "缩小"), ("zh-TW", "縮小")):
        words = re.search(r'moduleType:"locale",name:"' + name + r'",dictionary:\{[^}]*?"Zoom out":("[^"]*")', js)
        assert words and json.loads(words.group(1)) == zoom_out  # esbuild writes \uXXXX escapes
    # the page's defaults for every graph, set once after the traces are registered (minified)
    assert "setPlotConfig({showSendToCloud:!1,showEditInChartStudio:!1,showLink:!1})" in js


def _scripts() -> list[str]:
    import app

    return re.findall(r'<script src="([^"]+)"', app.server.test_client().get("/").data.decode())


def test_the_page_loads_no_dash_table():
    assert _scripts() and not [s for s in _scripts() if "dash_table" in s]  # nothing here uses it


def test_the_page_loads_the_atlas_ag_grid_bundle_not_dash_ag_grid():
    from components import bundles
    from scripts import build_aggrid

    scripts = _scripts()
    assert any(s.startswith("/assets/ag-grid-atlas.min.js") for s in scripts)
    assert any(s.startswith("/assets/atlas-grid.js") for s in scripts)
    assert not [s for s in scripts if "ag_grid" in s]
    # the committed bundle is the one build_aggrid pins: its version, its modules, and never the
    # console-only ValidationModule of a --validation build (rebuild: make aggrid)
    assert bundles.banner(bundles.AG_GRID) == (build_aggrid.VERSION, build_aggrid.MODULES)


def test_the_page_has_its_own_small_favicon():
    import app

    client = app.server.test_client()
    html = client.get("/").data.decode()
    href = re.search(r'<link rel="icon" type="image/x-icon" href="([^"]+)"', html).group(1)
    assert href.startswith("/assets/favicon.ico")
    icon = client.get(href).data
    assert icon[:4] == b"\x00\x00\x01\x00" and len(icon) < 4096  # an ICO, far below Dash's 15 KB one


def test_dash_is_set_up_before_the_first_request():
    """A fresh worker's concurrent first requests must all find every callback (none was a 400)."""
    import subprocess
    import sys

    from model.paths import ROOT

    probe = "import app; print(app.app._got_first_request['setup_server'], sorted(app.app.callback_map))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("True ")  # in a new process, before any request
    assert "..map.figure" in out.stdout and "chart-ranking.figure" in out.stdout


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        ([], "http://127.0.0.1:8050/"),
        (["--host", "0.0.0.0", "--port", "9000"], "http://127.0.0.1:9000/"),  # a wildcard: this machine
        (["--host", "::1", "--port", "8051"], "http://[::1]:8051/"),
    ],
)
def test_main_says_where_to_open_the_page_before_serving(monkeypatch, capsys, argv, shown):
    import app

    served = []
    monkeypatch.setattr(app.app, "run", lambda **kw: served.append((kw, capsys.readouterr().out)))
    app.main(argv)
    ((kwargs, printed_before_serving),) = served
    assert f"serving on {shown} " in printed_before_serving and "Ctrl+C" in printed_before_serving
    assert kwargs["debug"] is False


def test_make_run_says_what_it_installs_and_shows_pips_progress(tmp_path):
    """On a fresh machine the install takes a minute: it must not look hung (no --quiet on it)."""
    import subprocess

    from model.paths import ROOT

    out = subprocess.run(
        ["make", "-n", f"VENV={tmp_path / 'venv'}", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    install = next(line for line in out.splitlines() if "install" in line and "-r requirements.txt" in line)
    assert "--quiet" not in install and " -q" not in install
    assert any(line.startswith("echo ") and "requirements.txt" in line for line in out.splitlines())
