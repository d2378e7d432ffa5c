"""Time each export kind, cold (a new export service starting its browser) and warm.

    python -m bench.export_bench [--repeat 3]

Prints seconds per figure × format at the 16:9 preset (and A4 PDF for the slide): warm is the
median through this machine's running export service (export/service.py); cold is measured in a
fresh process with a service of its own (its own ATLAS_RENDER_DIR), so that the browser starts
for it: the ratio shows what keeping the browser warm saves. Then ten identical requests to a
figure's file URL at once, and how many renders they cost (serving/flight.py: one).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from export import service
from export.render import PRESETS, WHATS, export
from model.prepared import current
from view.state import ViewState

STATE = ViewState(provinces=("510000", "500000"), year=2022)
COLD = (
    "import time; t=time.perf_counter();"
    "from model.prepared import current; from export.render import export, PRESETS;"
    "from view.state import ViewState; from export import service; import os, signal;"
    "export(current(), ViewState(provinces=('510000','500000'), year=2022), '{what}', '{fmt}', PRESETS['{preset}']);"
    "print(time.perf_counter()-t); os.kill(service.stats()['pid'], signal.SIGTERM)"
)


def cold(what: str, fmt: str, preset: str) -> float:
    code = COLD.format(what=what, fmt=fmt, preset=preset)
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ATLAS_RENDER_DIR": folder}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300, env=env
        )
    return float(out.stdout.strip().splitlines()[-1])


def warm(what: str, fmt: str, preset: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        export(current(), STATE, what, fmt, PRESETS[preset])
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def identical_requests(n: int = 10) -> tuple[int, float]:
    """(renders, seconds) for ``n`` simultaneous requests of one file URL, through the app."""
    import app

    client = app.server.test_client()
    query = f"p=620000&y=2019&lang=en&size=1000x{600 + int(time.time()) % 97}"  # a file no earlier run cached
    before = service.stats()["renders"]
    t = time.perf_counter()
    threads = [threading.Thread(target=client.get, args=(f"/export/slide.png?{query}",)) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return service.stats()["renders"] - before, time.perf_counter() - t


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    export(current(), STATE, "map", "png", PRESETS["slide-16x9"])  # the service and its browser start
    cases = [(w, f, "slide-16x9") for w in WHATS for f in ("png", "svg", "pdf")] + [("slide", "pdf", "a4-landscape")]
    print(f"{'figure':10} {'format':6} {'preset':13} {'warm s':>7} {'cold s':>7} {'cold/warm':>9}")
    for what, fmt, preset in cases:
        w = warm(what, fmt, preset, args.repeat)
        c = cold(what, fmt, preset) if fmt == "png" or what == "slide" else float("nan")
        ratio = f"{c / w:9.1f}" if c == c else f"{'-':>9}"
        print(f"{what:10} {fmt:6} {preset:13} {w:7.2f} {c:7.2f} {ratio}")
    renders, seconds = identical_requests()
    print(f"10 identical requests of /export/slide.png at once: {renders} render(s), all answered in {seconds:.1f} s")
    os.kill(service.stats()["pid"], signal.SIGTERM)


if __name__ == "__main__":
    main()
