"""West China Innovation Atlas (西部科技创新地图): the Dash app.

    python app.py [--host 127.0.0.1] [--port 8050] [--debug]

``server`` is the WSGI entry point for a production server (``make serve``, gunicorn.conf.py).
Importing this module loads and validates the bundled data: invalid data stops the app here with
file, row and column.
"""

from __future__ import annotations

import argparse
import gc

import plotly.io as pio
from dash import Dash

import callbacks  # noqa: F401  (registers the callbacks)
from compat.dash import set_up_now
from components import bundles, dashboard, legend
from figures.map import base_figure_json, prepare_classes
from model.prepared import current, live, prepare_search
from serving import data as data_serving
from serving import docs, files, guard, health, security

# Responses are encoded with the standard library's json: with orjson, Plotly first walks every
# value in Python, which made a map Patch 3x slower to send (measured: 3.3 ms against 1.1 ms).
pio.json.config.default_engine = "json"
data = current()  # load and validate the data now: invalid data stops the app before it serves
base_figure_json(data)  # and build the page's map once, before the first visitor (shared by forked workers)
prepare_classes(data)  # and the map's classes of every indicator-year (figures/map/values.py)
legend.prepare_legends(data)  # and its legends (components/legend.py)
prepare_search(data)  # and the table search's indexes (model/search.py)
# a version imported later is warmed the same way before it is served (model/live.py)
live().warmers += [base_figure_json, prepare_classes, legend.prepare_legends, prepare_search]
app = Dash(__name__, title="西部科技创新地图 · West China Innovation Atlas", serve_locally=True)
app.layout = lambda: dashboard.layout(current())
app.validation_layout = dashboard.layout(data, with_figure=False)  # see dashboard.layout
server = app.server
bundles.use_atlas_bundles()  # Dash's plotly.js and dash_table off the page: see components/bundles.py
dashboard.serve_layout_once(app)  # the same layout for everyone: built and gzipped once per process
data_serving.install(server)  # one data version per request; an import is served within seconds
health.register(server)  # /healthz for load balancers: see docs/deploy.md
docs.register(server)  # /docs/data: the data documentation, linked from the footer
files.register(server)  # /export/<what>.<fmt> and /download/<table>.<fmt>: a file URL for every view
guard.install(server, app)  # a malformed callback request is a 400, not a 500 (tests/fuzz)
security.install(server, app.csp_hashes())  # headers on every response; optional login (docs/deploy.md)
# Dash sets itself up on its first request, marking it done before it is: concurrent first requests
# of a fresh worker then meet an empty callback map. Set it up now, before any worker forks.
with server.test_request_context("/"):
    set_up_now(app)
# What import built (data, geometry, lookup tables: ~140,000 objects) lives as long as the process:
# keep it out of the garbage collector's full walks, which took 55 ms in the middle of a request,
# and out of copy-on-write in workers forked after it (Python's gc.freeze documentation). A request
# makes a few thousand short-lived objects, most freed by reference counting: collect the young
# generation every 50,000 net allocations, not 700 (a collection in a request added up to 1 ms:
# 45 first-time chart requests, worst 1.7 ms -> 1.2 ms, median unchanged).
gc.freeze()
gc.set_threshold(50_000, 10, 10)


def parser() -> argparse.ArgumentParser:
    """Safe defaults: this machine only (127.0.0.1), debug off (no tracebacks to the browser)."""
    ap = argparse.ArgumentParser(description="Run the West China Innovation Atlas.")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8050)
    ap.add_argument("--debug", action="store_true", help="Dash debug mode (never in production)")
    return ap


def address(host: str, port: int) -> str:
    """The address to open in a browser: a wildcard host (0.0.0.0, ::) is served on this machine too."""
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    # Dash's own line is in English, among Flask's warnings: say plainly where the page is.
    line = f"西部科技创新地图 serving on {address(args.host, args.port)} — open it in a browser; Ctrl+C to stop"
    try:
        print(line, flush=True)
    except UnicodeEncodeError:  # a terminal in a legacy encoding: the address matters, not the name
        print(line.encode("ascii", "replace").decode(), flush=True)
    app.run(host=args.host, port=args.port, debug=args.debug)


if __name__ == "__main__":
    main()
