"""Every Dash internal the atlas relies on (compat/dash.py), checked against the installed Dash: an
upgrade that changes one fails here, with its name, not in a user's browser."""

from __future__ import annotations

import json

import dash
from dash import Dash, Input, Output, Patch, dcc, html

from compat import dash as compat


def test_the_dash_the_wrappers_were_written_for_is_installed():
    assert dash.__version__ == compat.WRITTEN_FOR, "Dash changed: check each wrapper in compat/dash.py"


def test_appended_operations_are_the_ones_patchs_own_item_syntax_makes():
    public = Patch()
    public["data"][3]["z"] = [1, 2]
    del public["layout"]["annotations"][0]
    ours = Patch()
    compat.append_operation(ours, "Assign", ["data", 3, "z"], {"value": [1, 2]})
    compat.append_operation(ours, "Delete", ["layout", "annotations", 0], {})
    assert ours.to_plotly_json() == public.to_plotly_json()
    assert compat.is_empty(Patch()) and not compat.is_empty(ours)


def test_to_json_encodes_components_as_dash_does():
    text = compat.to_json(html.Div("西部", id="x"))
    assert json.loads(text) == {
        "props": {"children": "西部", "id": "x"},
        "type": "Div",
        "namespace": "dash_html_components",
    }


def test_set_up_now_registers_the_callbacks_before_any_request():
    app = Dash(__name__)
    app.layout = html.Div([dcc.Input(id="a"), html.Div(id="b")])

    @app.callback(Output("b", "children"), Input("a", "value"))
    def echo(value):
        return value

    compat.set_up_now(app)
    assert "b.children" in app.callback_map


def test_routes_are_found_and_replaced_where_dash_registers_them():
    app = Dash(__name__, routes_pathname_prefix="/atlas/", requests_pathname_prefix="/atlas/")
    app.layout = html.Div()
    compat.set_up_now(app)
    assert compat.endpoint(app, "_dash-layout") in app.server.view_functions
    compat.replace_route(app, "_dash-layout", lambda: "replaced")
    assert app.server.test_client().get("/atlas/_dash-layout").get_data(as_text=True) == "replaced"


def test_script_lists_hold_what_drop_scripts_takes_off():
    # the app may have dropped plotly.js already (components/bundles.py): the lists and their shape remain
    for scripts in (dcc._js_dist, dash.dash_table._js_dist):
        assert isinstance(scripts, list) and all("namespace" in d for d in scripts)
    assert any(d.get("namespace") == "dash" for d in dcc._js_dist)
