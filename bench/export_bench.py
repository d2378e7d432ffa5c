"""Time each export kind, cold (a new process starting the export browser) and warm.

    python -m bench.export_bench [--repeat 3]

Prints seconds per figure × format at the 16:9 preset (and A4 PDF for the slide); the cold
figure is measured in a fresh subprocess so that nothing is cached, against the warm median
measured in this process: the ratio shows what keeping the browser warm saves.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from export.render import PRESETS, WHATS, Exporter, export
from model.prepared import current
from view.state import ViewState

STATE = ViewState(provinces=("510000", "500000"), year=2022)
COLD = (
    "import time; t=time.perf_counter();"
    "from model.prepared import current; from export.render import export, PRESETS, Exporter;"
    "from view.state import ViewState;"
    "export(current(), ViewState(provinces=('510000','500000'), year=2022), '{what}', '{fmt}', PRESETS['{preset}']);"
    "print(time.perf_counter()-t); Exporter.stop()"
)


def cold(what: str, fmt: str, preset: str) -> float:
    code = COLD.format(what=what, fmt=fmt, preset=preset)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    return float(out.stdout.strip().splitlines()[-1])


def warm(what: str, fmt: str, preset: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        export(current(), STATE, what, fmt, PRESETS[preset])
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    export(current(), STATE, "map", "png", PRESETS["slide-16x9"])  # start the browser once
    cases = [(w, f, "slide-16x9") for w in WHATS for f in ("png", "svg", "pdf")] + [("slide", "pdf", "a4-landscape")]
    print(f"{'figure':10} {'format':6} {'preset':13} {'warm s':>7} {'cold s':>7} {'cold/warm':>9}")
    for what, fmt, preset in cases:
        w = warm(what, fmt, preset, args.repeat)
        c = cold(what, fmt, preset) if fmt == "png" or what == "slide" else float("nan")
        ratio = f"{c / w:9.1f}" if c == c else f"{'-':>9}"
        print(f"{what:10} {fmt:6} {preset:13} {w:7.2f} {c:7.2f} {ratio}")
    Exporter.stop()


if __name__ == "__main__":
    main()
