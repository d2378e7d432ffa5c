"""Security headers on every response and the optional access control (off by default)."""

from __future__ import annotations

import base64

import pytest
from flask import Flask
from werkzeug.security import generate_password_hash

from serving import security


def _app(env: dict) -> Flask:
    server = Flask("t")
    server.add_url_rule("/", "index", lambda: "ok")
    security.install(server, ["'sha256-abc='"], env)
    return server


def _basic(user: str, password: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def test_every_response_carries_the_headers_of_the_real_app():
    import app

    client = app.server.test_client()
    for url in ("/", "/_dash-layout", "/_dash-dependencies", "/assets/atlas.js", "/no-such-page"):
        r = client.get(url)
        assert r.headers["X-Content-Type-Options"] == "nosniff", url
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["Referrer-Policy"] == "no-referrer"
        csp = r.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        script_src = csp.split("script-src ")[1].split(";")[0]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert all(f"'{h}'" in script_src or h in script_src for h in app.app.csp_hashes())


def test_no_login_by_default():
    assert _app({}).test_client().get("/").status_code == 200


def test_frame_ancestors_are_configurable_for_embedding():
    r = _app({"ATLAS_FRAME_ANCESTORS": "'self' https://portal.example.gov.cn"}).test_client().get("/")
    assert "frame-ancestors 'self' https://portal.example.gov.cn" in r.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in r.headers  # the CSP says who may embed it


@pytest.mark.parametrize("secret", ["s3cret:pw", None])
def test_basic_auth_with_a_plain_or_hashed_password(secret):
    secret = secret or generate_password_hash("s3cret:pw", method="pbkdf2:sha256")
    client = _app({"ATLAS_BASIC_AUTH": f"planner:{secret}"}).test_client()
    refused = client.get("/")
    assert refused.status_code == 401 and "Basic" in refused.headers["WWW-Authenticate"]
    assert refused.headers["X-Content-Type-Options"] == "nosniff"  # refusals carry the headers too
    assert client.get("/", headers=_basic("planner", "wrong")).status_code == 401
    assert client.get("/", headers=_basic("other", "s3cret:pw")).status_code == 401
    assert client.get("/", headers={"Authorization": "Basic !!!"}).status_code == 401
    assert client.get("/", headers=_basic("planner", "s3cret:pw")).status_code == 200


def test_reverse_proxy_header_is_required_when_configured():
    client = _app({"ATLAS_AUTH_HEADER": "X-Remote-User"}).test_client()
    assert client.get("/").status_code == 403
    assert client.get("/", headers={"X-Remote-User": "zhang.san"}).status_code == 200


def test_a_malformed_basic_auth_setting_stops_the_app():
    with pytest.raises(ValueError, match="ATLAS_BASIC_AUTH"):
        _app({"ATLAS_BASIC_AUTH": "no-colon"})


def test_defaults_bind_this_machine_only_with_debug_off():
    import app

    args = app.parser().parse_args([])
    assert args.host == "127.0.0.1" and args.debug is False
    assert app.server.debug is False


def test_a_failing_callback_shows_the_client_no_traceback(monkeypatch):
    import app
    from callbacks import follow

    def broken():
        raise RuntimeError("secret detail of the server")

    monkeypatch.setattr(follow, "current", broken)
    client = app.server.test_client()
    client.get("/")  # Dash sets up its callback map on the first request
    body = {
        "output": "..chart-ranking.figure...chart-ranking-shown.data..",
        "outputs": [{"id": "chart-ranking", "property": "figure"}, {"id": "chart-ranking-shown", "property": "data"}],
        "inputs": [{"id": "state", "property": "data", "value": {}}],
        "state": [{"id": "chart-ranking-shown", "property": "data", "value": None}],
        "changedPropIds": ["state.data"],
    }
    r = client.post("/_dash-update-component", json=body)
    assert r.status_code == 500
    assert b"secret detail" not in r.data and b"Traceback" not in r.data
    assert r.headers["X-Content-Type-Options"] == "nosniff"
