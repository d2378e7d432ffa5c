"""Cold start: a fresh Python process imports the app (loading and validating the data) and serves
its first page and layout.

    python -m bench.coldstart [--data DIR] [--repeat 3]

Inside the process (from its first line): the libraries (dash, plotly, pandas, geopandas), then
``import app`` (the data loaded and validated, callbacks registered, layout set), then the first
``/`` and ``/_dash-layout`` through Flask's test client. Also the wall time of the whole process
as the parent sees it (interpreter start included). Median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from model.paths import ROOT

CHILD = """
import time; t0 = time.perf_counter()
import json
import dash, plotly.graph_objects, pandas, geopandas  # noqa
t1 = time.perf_counter()
import app
t2 = time.perf_counter()
client = app.server.test_client()
page = client.get("/"); layout = client.get("/_dash-layout")
t3 = time.perf_counter()
assert page.status_code == 200 and layout.status_code == 200
print(json.dumps({"libraries_s": t1 - t0, "app_s": t2 - t1, "import_s": t2 - t0, "first_layout_s": t3 - t2,
                  "ready_s": t3 - t0, "hubs": len(app.current().hubs), "layout_bytes": len(layout.data)}))
"""


def once(data_dir: Path | None) -> dict:
    env = dict(os.environ)
    env.pop("ATLAS_DATA_DIR", None)
    if data_dir is not None:
        env["ATLAS_DATA_DIR"] = str(data_dir)
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=600
    )
    wall = time.perf_counter() - t0
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "process_s": wall}


def run(data_dir: Path | None = None, repeat: int = 3) -> dict:
    runs = [once(data_dir) for _ in range(repeat)]
    keys = ("libraries_s", "app_s", "import_s", "first_layout_s", "ready_s", "process_s")
    return {"runs": runs, "median": {k: statistics.median(r[k] for r in runs) for k in keys}, "hubs": runs[0]["hubs"]}


def report(result: dict, label: str = "") -> str:
    m = result["median"]
    n = len(result["runs"])
    return "\n".join(
        [
            f"cold start{(' · ' + label) if label else ''} ({result['hubs']} hubs; median of {n} fresh processes)",
            f"  libraries (dash, plotly, pandas, geopandas)  {m['libraries_s']:6.2f} s",
            f"  + import app (data loaded and validated)     {m['app_s']:6.2f} s",
            f"  = import plus data load                      {m['import_s']:6.2f} s",
            f"  + first / and /_dash-layout                  {m['first_layout_s']:6.2f} s",
            f"  = ready (first layout served)                {m['ready_s']:6.2f} s",
            f"  process wall time (interpreter included)     {m['process_s']:6.2f} s",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    print(report(run(args.data, args.repeat)))


if __name__ == "__main__":
    main()
