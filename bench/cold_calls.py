"""The cold path without HTTP: a new state's first map, chart and table callbacks, in fresh processes.

    python -m bench.cold_calls [--runs 4]

Each run is a new Python process that imports the app, answers the default state (as a page's
first load does), then times the first call of ``update_chart`` (ranking), ``update_map`` and
``update_table`` for a state it has not seen (indicator=gdp). No server, browser or network: what
is left is the callbacks' own cold cost, comparable between two commits on a busy machine where
``make bench``'s ratios to an empty callback move with the minute. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from model.paths import ROOT

RUN = """
import json, time
import app  # noqa: F401  (loads the data and registers the callbacks)
from callbacks import charts, map_view, table
from components import ids
from figures.patching import shown as store_of
from model.prepared import current
from view.state import ViewState
base, new = ViewState().to_dict(), ViewState(indicator="gdp").to_dict()
_, shown = charts.update_chart(ids.chart("ranking"), base, None)
start = store_of(current(), ViewState())  # what the map's store holds on a new page
map_view.update_map(base, False, start)
table.update_table(base, {"rows": True})
out = {}
for name, call in (
    ("ranking", lambda: charts.update_chart(ids.chart("ranking"), new, shown)),
    ("map", lambda: map_view.update_map(new, False, start)),
    ("table", lambda: table.update_table(new, {"rows": True})),
):
    t = time.perf_counter()
    call()
    out[name] = (time.perf_counter() - t) * 1000
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=4)
    runs = parser.parse_args().runs
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", RUN], cwd=ROOT, capture_output=True, text=True, check=True)
        for name, ms in json.loads(out.stdout.strip().splitlines()[-1]).items():
            times.setdefault(name, []).append(ms)
    for name, values in times.items():
        values.sort()
        low, mid, high = values[0], values[len(values) // 2], values[-1]
        print(f"{name:8} first call, ms: min {low:.2f}  median {mid:.2f}  max {high:.2f}")


if __name__ == "__main__":
    main()
