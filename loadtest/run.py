"""``make loadtest``: the app under gunicorn as ``make serve`` runs it, and locust's users against it.

    .venv/bin/python -m loadtest.run [--users 50] [--run-time 2m] [--workers N]

Starts gunicorn (gunicorn.conf.py: preloaded app, several workers) on a free loopback port, waits
for /healthz, runs locust headless (loadtest/locustfile.py) for the run time, prints requests/s,
the p50/p95/p99 response times and the failures, and stops gunicorn. Exits 1 on any failure.
REDIS_URL, if set, is passed on (a shared cache and queue); by default each worker caches in memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode} before serving")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as res:
                return json.load(res)
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url}/healthz within {timeout} s")


def start_server(port: int, workers: int | None, log: Path) -> subprocess.Popen:
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port)}
    if workers:
        env["WORKERS"] = str(workers)
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "app:server"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def group_cpu_seconds(pgid: int) -> float:
    """CPU time used so far by the processes of one process group (gunicorn: master and workers)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:  # fields[2]: the process group; 11-14: utime stime cutime cstime
            ticks += sum(int(x) for x in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def group_memory_mb(pgid: int) -> list[tuple[float, float]]:
    """(RSS, PSS) in MB of each process of a group; PSS splits the pages the forked workers share."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            rollup = (stat.parent / "smaps_rollup").read_text()
        except (OSError, IndexError, ValueError):
            continue
        kb = {line.split(":")[0]: int(line.split()[1]) for line in rollup.splitlines()[1:] if line.endswith("kB")}
        found.append((kb.get("Rss", 0) / 1024, kb.get("Pss", 0) / 1024))
    return found


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_failures(prefix: Path) -> list[dict]:
    try:
        with open(f"{prefix}_failures.csv", newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError:
        return []


def report(stats: list[dict], failures: list[dict], header: str) -> str:
    """The figures to quote: per request kind, then the total (response times in ms)."""
    cols = ("Request Count", "Failure Count", "Requests/s", "50%", "95%", "99%", "Max Response Time")
    head = f"{'request':<40}{'count':>7}{'fail':>5}{'req/s':>7}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}{'avg KB':>8}"
    lines = [header, head]
    for row in sorted(stats, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        count, fail, rps, p50, p95, p99, peak = (row[c] for c in cols)
        name = "TOTAL" if row["Name"] == "Aggregated" else row["Name"][:39]
        size = float(row["Average Content Size"]) / 1024
        lines.append(
            f"{name:<40}{count:>7}{fail:>5}{float(rps):>7.1f}{p50:>7}{p95:>7}{p99:>7}{float(peak):>7.0f}{size:>8.1f}"
        )
    for f in failures[:10]:
        lines.append(f"FAILURE x{f['Occurrences']} {f['Method']} {f['Name']}: {f['Error'][:200]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Load-test the atlas under gunicorn with locust.")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--spawn-rate", type=float, default=10)
    ap.add_argument("--run-time", default="2m")
    ap.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: gunicorn.conf.py's)")
    args = ap.parse_args(argv)

    out = Path(tempfile.mkdtemp(prefix="atlas-loadtest-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, args.workers, out / "gunicorn.log")
    try:
        health = wait_healthy(url, server)
        cpu_before = group_cpu_seconds(server.pid)
        prefix = out / "locust"
        cmd = [str(BIN / "locust"), "-f", str(ROOT / "loadtest" / "locustfile.py"), "--headless"]
        cmd += ["--users", str(args.users), "--spawn-rate", str(args.spawn_rate), "--run-time", args.run_time]
        cmd += ["--host", url, "--csv", str(prefix), "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"]
        print(f"$ {' '.join(cmd)}", flush=True)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        locust = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        server_cpu = group_cpu_seconds(server.pid) - cpu_before
        memory = group_memory_mb(server.pid)
    finally:
        stop_server(server)
    stats, failures = read_stats(prefix), read_failures(prefix)
    total = next(r for r in stats if r["Name"] == "Aggregated")
    workers = (out / "gunicorn.log").read_text(encoding="utf-8", errors="replace").count("Booting worker")
    header = (
        f"atlas load test: {args.users} users for {args.run_time}, gunicorn {workers} workers "
        f"(cache: {health['cache']}), {os.cpu_count()} CPUs, locust on the same machine"
    )
    print(report(stats, failures, header))
    errors = int(total["Failure Count"])
    print(
        f"\nrequests/s {float(total['Requests/s']):.1f} | p50 {total['50%']} ms | p95 {total['95%']} ms | "
        f"p99 {total['99%']} ms | requests {total['Request Count']} | errors {errors}"
    )
    callbacks = sum(int(r["Request Count"]) for r in stats if r["Name"].startswith("callback "))
    print(
        f"server CPU {server_cpu:.1f} s for {total['Request Count']} requests "
        f"({1000 * server_cpu / max(1, int(total['Request Count'])):.0f} ms per request, "
        f"{callbacks} of them callbacks)"
    )
    if memory:
        rss, pss = max(m[0] for m in memory), sum(m[1] for m in memory)
        print(f"server memory: {len(memory)} processes, largest RSS {rss:.0f} MB, all together (PSS) {pss:.0f} MB")
    print(f"(locust CSVs and the gunicorn log: {out})")
    if locust.returncode not in (0, 1):  # 1: locust saw failures, reported above
        print(locust.stderr[-3000:], file=sys.stderr)
    return 1 if errors or locust.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
