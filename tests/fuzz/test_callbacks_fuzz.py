"""Random and adversarial payloads to every server callback, through Dash's HTTP endpoint on a
running app: no 5xx, no traceback in any response, and the app still serves afterwards.

Exports are not callbacks (they are file URLs, fuzzed at the end of this file without rendering:
the export path itself is tested in tests/export).
"""

from __future__ import annotations

import http.client
import json
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.serving import make_server

import app

ADVERSARIAL = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "'; DROP TABLE hubs; --",
    "../../etc/passwd",
    "\u202e\u0000\ufeff\ud7ff",
    "六(十六)",
    "610000",
    "zh-Hant",
    "x" * 5000,
    "%s%s%n",
    "NaN",
    "__proto__",
]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(ADVERSARIAL)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.dictionaries(
            st.text(max_size=12)
            | st.sampled_from(
                ["points", "customdata", "curveNumber", "location", "id", "lang", "year", "provinces", "layers"]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=20,
)


def _dependencies() -> list[dict]:
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    return [d for d in deps if not d.get("clientside_function")]


SERVER_CALLBACKS = _dependencies()


def _component_ids(node) -> list:
    """Every component id in a layout tree."""
    found = []
    if hasattr(node, "to_plotly_json"):
        cid = getattr(node, "id", None)
        if cid is not None:
            found.append(cid)
        node = getattr(node, "children", None)
    for child in node if isinstance(node, (list, tuple)) else [node] if node is not None else []:
        if hasattr(child, "to_plotly_json") or isinstance(child, (list, tuple)):
            found += _component_ids(child)
    return found


LAYOUT_IDS = _component_ids(app.app.layout())


def _output(part: str):
    """What the page sends for one declared output: a pattern-matching id is every component it
    matches in the layout.
    """
    cid, prop = part.rsplit(".", 1)
    cid, prop = cid.split("@", 1)[0], prop.split("@", 1)[0]
    if not cid.startswith("{"):
        return {"id": cid, "property": prop}
    pattern = json.loads(cid)
    fixed = {k: v for k, v in pattern.items() if not isinstance(v, list)}
    return [
        {"id": c, "property": prop}
        for c in LAYOUT_IDS
        if isinstance(c, dict) and set(c) == set(pattern) and all(c[k] == v for k, v in fixed.items())
    ]


def _outputs(output: str):
    if not output.startswith(".."):
        return _output(output)
    return [_output(p) for p in output[2:-2].split("...")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    srv = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_port
    srv.shutdown()


def post(port: int, body: bytes, content_type: str = "application/json") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", "/_dash-update-component", body=body, headers={"Content-Type": content_type})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def check(status: int, body: bytes) -> None:
    assert status < 500, (status, body[:300])
    text = body.decode("utf-8", "replace")
    assert "Traceback" not in text and 'File "' not in text, text[:300]


@pytest.mark.parametrize("cb", SERVER_CALLBACKS, ids=lambda d: d["output"][:60])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_values_to_a_callback_give_no_server_error(server, cb, data):
    inputs = [{"id": x["id"], "property": x["property"], "value": data.draw(values)} for x in cb["inputs"]]
    state = [{"id": x["id"], "property": x["property"], "value": data.draw(values)} for x in cb["state"]]
    changed = data.draw(st.lists(st.sampled_from(inputs), max_size=len(inputs), unique_by=lambda i: i["id"]))
    body = {
        "output": cb["output"],
        "outputs": _outputs(cb["output"]),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in changed],
    }
    check(*post(server, json.dumps(body).encode()))


envelope_keys = st.sampled_from(["output", "outputs", "inputs", "state", "changedPropIds", "parsedChangedPropsIds"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cb=st.sampled_from(SERVER_CALLBACKS),
    broken=st.dictionaries(envelope_keys, values, max_size=4),
    drop=st.lists(envelope_keys, max_size=3),
)
def test_malformed_requests_give_a_client_error_not_a_server_error(server, cb, broken, drop):
    body = {
        "output": cb["output"],
        "outputs": _outputs(cb["output"]),
        "inputs": [{"id": x["id"], "property": x["property"], "value": None} for x in cb["inputs"]],
        "state": [{"id": x["id"], "property": x["property"], "value": None} for x in cb["state"]],
        "changedPropIds": [],
    }
    body.update(broken)
    for key in drop:
        body.pop(key, None)
    check(*post(server, json.dumps(body).encode()))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode) | values.map(lambda v: json.dumps(v).encode())
)
def test_garbage_bodies_give_a_client_error(server, raw):
    check(*post(server, raw))


def test_the_app_still_serves_after_the_fuzzing(server):
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    conn.request("GET", "/")
    r = conn.getresponse()
    assert r.status == 200 and b"_dash-config" in r.read()
    conn.close()
    cb = next(d for d in SERVER_CALLBACKS if d["output"].startswith("..map.figure"))
    body = {
        "output": cb["output"],
        "outputs": _outputs(cb["output"]),
        "inputs": [{"id": "state", "property": "data", "value": {"lang": "en"}}],
        "state": [{"id": x["id"], "property": x["property"], "value": None} for x in cb["state"]],
        "changedPropIds": ["state.data"],
    }
    status, text = post(server, json.dumps(body).encode())
    assert status == 200 and b"West" in text or b"R&amp;D" in text


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


QUERY_PART = st.sampled_from(["y", "ind", "p", "lang", "r", "l", "s", "mv", "h", "k", "m", "size", "preset", "x"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.sampled_from(["hubs", "indicators", "x", "..", "hubs%00"]),
    fmt=st.sampled_from(["csv", "xlsx", "geojson", "gpkg", "exe", ""]),
    query=st.lists(st.tuples(QUERY_PART, st.text(max_size=20)), max_size=5),
)
def test_file_urls_with_any_query_answer_without_a_server_error(server, table, fmt, query):
    from urllib.parse import urlencode

    status, body = get(server, f"/download/{table}.{fmt}?{urlencode(query)}")
    assert status in (200, 404), (status, body[:200])
    assert b"Traceback" not in body
    status, body = get(server, f"/export/none.{fmt}?{urlencode(query)}")  # never a render: unknown figure
    assert status == 404 and b"<html" not in body.lower()
