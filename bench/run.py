"""Every benchmark of the atlas, one summary with each budget and PASS/FAIL (``make bench``).

    python -m bench.run [--quick] [--scales 10,100] [--json bench/results/latest.json]

Runs, in order: bench.payload (first-load and Patch bytes against a plain px.choropleth of the
unsimplified polygons), cold start (bench.coldstart), callback latency against an empty callback
(bench.latency) and the page in headless Chromium (bench.browser), on the bundled data and on
copies with the hub layers ×10 and ×100 (bench.scale, in a temporary directory, deleted after).
Each section prints its own table; the summary compares the datasets and checks the budgets of
issue 5. Figures are printed (and written as JSON), never asserted: a FAIL is a finding, and the
exit status is 1 only when a benchmark could not run (the others still run and print).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import browser, coldstart, latency
from bench.scale import write_scaled
from bench.server import BenchServer
from model.paths import ROOT

RESULTS = ROOT / "bench" / "results" / "latest.json"
KB, MB = 1024, 1024 * 1024

FULL = {
    "coldstart_repeat": (3, 2),  # (bundled data, each scaled copy)
    "repeat": (50, 20),
    "warmup": (5, 3),
    # 20 fresh processes: a p95 of five samples is their maximum (one scheduling hiccup of the
    # machine decides it); the slowest single sample is printed beside it (bench/latency.py)
    "cold_runs": (20, 3),
    "initial_repeat": (20, 3),
    "loads": (3, 2),
    "filters": (7, 5),
    "payload": True,
}
QUICK = {
    "coldstart_repeat": (1, 1),
    "repeat": (10, 5),
    "warmup": (2, 1),
    "cold_runs": (1, 1),
    "initial_repeat": (3, 1),
    "loads": (1, 1),
    "filters": (3, 3),
    "payload": False,
}

# Budgets of issue 5
PATCH_KB = 20  # every filter, toggle, highlight and language change: response payload
FLOOR_X = 3  # ... and server p95 at most 3x the empty callback's
FIRST_LOAD_MB = 1.5  # gzipped, in total
FIGURE_KB = 400  # of which figure data
COLD_START_S = 3.0
PAINT_100_S = 3.0  # with 100x hubs: first map paint
FILTER_100_MS = 300  # ... and a filter round trip in the browser


def plain(value):
    """NaN as null, so that the JSON is valid for any reader."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


_T0 = time.perf_counter()


def heading(text: str) -> None:
    at = f" [{time.perf_counter() - _T0:.0f} s]"
    print(f"\n== {text}{at} " + "=" * max(0, 96 - len(text) - len(at)), flush=True)


def machine() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    cpu = ""
    try:
        cpu = next(
            (
                ln.split(":", 1)[1].strip()
                for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if "model name" in ln
            ),
            "",
        )
    except OSError:
        pass
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no")),
        "load_average_start": os.getloadavg(),
    }


def run_payload() -> dict:
    """bench.payload as it is (its own output), and its baseline line read back for the summary."""
    out = subprocess.run([sys.executable, "-m", "bench.payload"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    print(out.stdout.rstrip())
    if out.returncode:
        print(f"bench.payload failed ({out.returncode}):\n{out.stderr[-2000:]}")
    m = re.search(r"^baseline.*?([\d.]+) KB\s+([\d.]+) KB", out.stdout, re.M)
    baseline = {"raw": float(m[1]) * KB, "gzip": float(m[2]) * KB} if m else None
    return {"stdout": out.stdout, "returncode": out.returncode, "baseline": baseline}


def _fmt(value: float, unit: str) -> str:
    if value != value:
        return "n/a"
    if unit == "KB":
        return f"{value / KB:.1f} KB"
    if unit == "MB":
        return f"{value / MB:.2f} MB"
    if unit == "ms":
        return f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "n":
        return f"{value:.0f}"
    return f"{value:.1f}{unit}"


def budget(name: str, value: float, limit: float, unit: str, note: str = "") -> dict:
    ok = value == value and value <= limit
    return {"budget": name, "value": value, "limit": limit, "unit": unit, "pass": ok, "note": note}


def budgets(res: dict) -> list[dict]:
    out = []
    real = res["datasets"].get("real", {})
    if "browser" in real:
        fl = real["browser"]["summary"]["first_load"]
        out.append(budget("first load, gzipped, total", fl["total"]["gzip"], FIRST_LOAD_MB * MB, "MB"))
        out.append(budget("first load, gzipped, figure data", fl["figure data"]["gzip"], FIGURE_KB * KB, "KB"))
    if "coldstart" in real:
        m = real["coldstart"]["median"]
        out.append(budget("cold start (import plus data load)", m["import_s"], COLD_START_S, "s"))
    if "latency" in real:
        lat = real["latency"]
        for act in lat["actions"]:
            name = act["action"]
            calls = act["calls"]
            patch = next((c for c in calls if "map.figure" in c["outputs"]), None)
            if patch is not None:
                out.append(budget(f"map patch bytes, {name}", patch["bytes_raw"], PATCH_KB * KB, "KB"))
            n = len(calls)
            out.append(budget(f"response bytes, {name} (all {n})", act["total"]["bytes_raw"], PATCH_KB * KB, "KB"))
            floor_p95 = lat["floor"]["server_p95"]
            for kind, key in (("cold", "cold_ratio_p95"), ("warm", "ratio_p95")):
                worst = max(calls, key=lambda c, k=key: c[k] if c[k] == c[k] else -1)
                label = f"server p95 / floor, {name}, {kind}"
                note = f"worst: {worst['name']}"
                if kind == "cold" and worst.get("cold_server_max") == worst.get("cold_server_max"):
                    slowest = max(c.get("cold_server_max", 0) for c in calls)
                    note += f"; slowest single first request of {worst['cold_n']}: {slowest / floor_p95:.1f}x"
                out.append(budget(label, worst[key], FLOOR_X, "x", note))
    big = res["datasets"].get("x100", {})
    if "browser" in big:
        s = big["browser"]["summary"]
        out.append(budget("x100 hubs: first map paint", s["paint_ms"], PAINT_100_S * 1000, "ms"))
        out.append(budget("x100 hubs: filter round trip, first (cold)", s["filter_cold_ms"], FILTER_100_MS, "ms"))
        out.append(budget("x100 hubs: filter round trip, median (warm)", s["filter_ms"], FILTER_100_MS, "ms"))
    return out


def scale_table(res: dict) -> str:
    names = list(res["datasets"])
    rows: list[tuple[str, list[str]]] = []

    def add(label: str, get, unit: str) -> None:
        vals = []
        for n in names:
            try:
                vals.append(_fmt(get(res["datasets"][n]), unit))
            except (KeyError, TypeError, StopIteration, ValueError):
                vals.append("-")
        rows.append((label, vals))

    add("hubs", lambda d: d["hubs"], "n")
    add("cold start: import plus data load", lambda d: d["coldstart"]["median"]["import_s"], "s")
    add("cold start: first layout served", lambda d: d["coldstart"]["median"]["ready_s"], "s")
    add("first load gzipped (browser)", lambda d: d["browser"]["summary"]["first_load"]["total"]["gzip"], "MB")
    add("first load as sent (browser)", lambda d: d["browser"]["summary"]["first_load"]["total"]["wire"], "MB")
    add("  first callbacks as sent", lambda d: d["browser"]["summary"]["first_load"]["first callbacks"]["wire"], "MB")
    add("  figure data gzipped", lambda d: d["browser"]["summary"]["first_load"]["figure data"]["gzip"], "KB")
    add("first map paint", lambda d: d["browser"]["summary"]["paint_ms"], "ms")
    add("interactive", lambda d: d["browser"]["summary"]["interactive_ms"], "ms")
    add("filter round trip, first (browser)", lambda d: d["browser"]["summary"]["filter_cold_ms"], "ms")
    add("filter round trip, median (browser)", lambda d: d["browser"]["summary"]["filter_ms"], "ms")
    add("empty callback server p95", lambda d: d["latency"]["floor"]["server_p95"], "ms")
    for action in latency.ACTIONS:

        def act(d, a=action):
            return next(x for x in d["latency"]["actions"] if x["action"] == a)

        add(f"{action}: server, sum, cold p50", lambda d, f=act: f(d)["total"]["cold_server_p50"], "ms")
        add(f"{action}: server, sum, warm p50", lambda d, f=act: f(d)["total"]["server_p50"], "ms")
        add(f"{action}: response bytes", lambda d, f=act: f(d)["total"]["bytes_raw"], "KB")
    add(
        "first-load callbacks: server, sum, cold p50",
        lambda d: d["latency"]["initial"]["total"]["cold_server_p50"],
        "ms",
    )
    width = max(len(r[0]) for r in rows)
    lines = [f"{'':{width}} " + " ".join(f"{n:>11}" for n in names)]
    lines += [f"{label:{width}} " + " ".join(f"{v:>11}" for v in vals) for label, vals in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (about half the time)")
    ap.add_argument("--scales", default="10,100", help="hub multipliers, comma-separated ('' for none)")
    ap.add_argument("--json", type=Path, default=RESULTS)
    ap.add_argument("--skip", default="", help="comma-separated: payload,coldstart,latency,browser")
    args = ap.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    t_start = time.perf_counter()
    res: dict = {"machine": machine(), "settings": {"quick": args.quick, **cfg}, "datasets": {}}
    m = res["machine"]
    print(
        f"atlas benchmarks · {m['date']} · commit {m['commit']}{' (+ uncommitted changes)' * m['uncommitted_changes']}"
        f" · {m['cpus']} CPUs {m['cpu']} · Python {m['python']} · load average {m['load_average_start'][0]:.2f}"
        f" · {'quick' if args.quick else 'full'} run"
    )
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        datasets: list[tuple[str, Path | None]] = [("real", None)]
        for factor in [int(x) for x in args.scales.split(",") if x.strip()]:
            t = time.perf_counter()
            path = write_scaled(factor, Path(tmp) / f"x{factor}" / "data")
            datasets.append((f"x{factor}", path))
            print(f"generated x{factor} hub data in {time.perf_counter() - t:.1f} s: {path}")
        for name, _ in datasets:
            res["datasets"][name] = {}
        errors: list[str] = []

        if cfg["payload"] and "payload" not in skip:
            heading("payload (bench.payload, bundled data)")
            res["payload"] = run_payload()

        for i, (name, path) in enumerate(datasets):
            d = res["datasets"][name]
            k = 0 if i == 0 else 1

            def coldstart_section(d=d, path=path, k=k, name=name):
                d["coldstart"] = coldstart.run(path, cfg["coldstart_repeat"][k])
                d["hubs"] = d["coldstart"]["hubs"]
                print(coldstart.report(d["coldstart"], name))

            def latency_section(d=d, path=path, k=k, name=name):
                d["latency"] = latency.run(
                    path,
                    repeat=cfg["repeat"][k],
                    warmup=cfg["warmup"][k],
                    cold_runs=cfg["cold_runs"][k],
                    initial_repeat=cfg["initial_repeat"][k],
                )
                d["hubs"] = d["latency"]["hubs"]
                print(latency.report(d["latency"], name))

            def browser_section(d=d, path=path, k=k, name=name):
                with BenchServer(path) as server:
                    d["browser"] = browser.run(server.url, cfg["loads"][k], cfg["filters"][k])
                    d["hubs"] = d["browser"]["hubs"] = server.info.get("hubs")
                print(browser.report(d["browser"], name))

            for section, title, fn in (
                ("coldstart", "cold start", coldstart_section),
                ("latency", "callback latency", latency_section),
                ("browser", "browser", browser_section),
            ):
                if section in skip:
                    continue
                heading(f"{title} · {name}")
                try:
                    fn()
                except Exception as e:  # noqa: BLE001 - a failed benchmark is reported, the others still run
                    d.setdefault("errors", {})[section] = f"{type(e).__name__}: {e}"
                    print(f"FAILED TO RUN: {type(e).__name__}: {e}")
                    errors.append(f"{section} · {name}")

    heading("scale: the same figures with the hub layers multiplied")
    print(scale_table(res))
    if res.get("payload", {}).get("baseline") and "browser" in res["datasets"]["real"]:
        base = res["payload"]["baseline"]
        fig = res["datasets"]["real"]["browser"]["summary"]["first_load"]["figure data"]
        print(
            f"figure data of the first load / px.choropleth baseline (same run): raw {fig['raw'] / base['raw']:.3f}, "
            f"gzipped {fig['gzip'] / base['gzip']:.3f}"
        )

    heading("budgets (issue 5)")
    res["budgets"] = budgets(res)
    width = max((len(b["budget"]) for b in res["budgets"]), default=10)
    for b in res["budgets"]:
        value, limit = _fmt(b["value"], b["unit"]), _fmt(b["limit"], b["unit"])
        note = f"  ({b['note']})" if b["note"] else ""
        print(f"{b['budget']:{width}} {value:>10} <= {limit:<8} {'PASS' if b['pass'] else 'FAIL'}{note}")
    n_pass = sum(b["pass"] for b in res["budgets"])
    res["machine"]["load_average_end"] = os.getloadavg()
    res["seconds"] = time.perf_counter() - t_start
    print(
        f"{n_pass} of {len(res['budgets'])} budgets pass · {res['seconds']:.0f} s · load average at the end "
        f"{res['machine']['load_average_end'][0]:.2f} (other work on the machine inflates every time)"
    )
    if errors:
        print(f"did not run to the end: {', '.join(errors)} (their budgets are missing above)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(plain(res), indent=1, default=str), encoding="utf-8")
    print(f"written to {args.json}")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
