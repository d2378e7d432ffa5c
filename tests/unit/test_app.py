"""The app starts on the bundled data and serves its page (Flask test client, no browser)."""

from __future__ import annotations

import json

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


def test_layout_lists_every_layer(client):
    layout = json.dumps(client.get("/_dash-layout").get_json(), ensure_ascii=False)
    for spec in REGISTRY.values():
        assert spec.label_zh in layout and spec.label_en in layout


def test_page_references_only_local_assets(client):
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


def test_debug_is_off_by_default():
    import app

    assert not app.app.server.debug
