"""Dash internals the atlas relies on (written against Dash 4.4.1; tests/unit/test_compat.py)."""

from __future__ import annotations

from collections.abc import Callable

import dash
from dash import Patch, dcc
from dash._utils import to_json as _to_json

WRITTEN_FOR = "4.4.1"


def append_operation(patch: Patch, operation: str, location: list, params: dict) -> None:
    """Add an ``Assign`` or ``Delete`` to ``patch`` as ``patch[a][b] = v`` / ``del patch[a][b]``
    would, without the Patch object Dash makes for every step of the path: a map Patch has some
    seventy operations, and the step objects were a third of the callback's time.
    """
    patch._operations.append({"operation": operation, "location": list(location), "params": params})


def is_empty(patch: Patch) -> bool:
    """Whether ``patch`` changes nothing (Patch has no public way to ask)."""
    return not patch._operations


def to_json(value: object) -> str:
    """JSON as Dash sends it (Plotly figures, numpy arrays, components): the layout is encoded once
    per process with the encoder Dash would use per request.
    """
    return _to_json(value)


def set_up_now(app: dash.Dash) -> None:
    """Make Dash set itself up before the first request: it marks itself set up before it is, and
    concurrent first requests of a fresh worker then meet an empty callback map.
    """
    app._setup_server()


def drop_scripts(keep_plotly: bool) -> None:
    """Take dash_table's bundle, and unless ``keep_plotly`` Dash's plotly.js, off the page's script
    list (the page brings its own smaller plotly.js: components/bundles.py).
    """
    dash.dash_table._js_dist[:] = []
    if not keep_plotly:
        dcc._js_dist[:] = [d for d in dcc._js_dist if d.get("namespace") != "plotly"]


def endpoint(app: dash.Dash, route: str) -> str:
    """The Flask endpoint of one of Dash's routes ("_dash-layout", "_dash-update-component")."""
    return app.config.routes_pathname_prefix + route


def replace_route(app: dash.Dash, route: str, view: Callable) -> None:
    """Serve Dash's ``route`` with ``view`` instead (Flask's view_functions is public; which
    endpoint Dash registers a route under is not).
    """
    app.server.view_functions[endpoint(app, route)] = view
