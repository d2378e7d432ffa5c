"""The machine's memory with 4 web workers, before and after 20 exports, and once the export
service has gone idle: PSS of every process the atlas runs (gunicorn's master and workers, the
export service, its render processes and their Chromium), from /proc/<pid>/smaps_rollup.

    python -m bench.export_memory [--workers 4] [--exports 20] [--idle 20]

No Redis: the setup where each web worker once started a browser of its own (issue 13: 178 MB
-> 1,826 MB after 8 exports, never given back). The baseline is the same server, measured in the
same run before its first export.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

from loadtest.run import free_port, start_server, stop_server, wait_healthy


def tree_pss_mb(roots: list[int]) -> tuple[float, int, dict[str, float]]:
    """(PSS in MB, number of processes, MB by kind of process) of the processes under ``roots``
    (roots included).
    """
    seen: dict[int, psutil.Process] = {}
    for pid in roots:
        try:
            root = psutil.Process(pid)
            for p in [root, *root.children(recursive=True)]:
                seen[p.pid] = p
        except psutil.Error:
            continue
    kinds: dict[str, float] = {}
    for p in seen.values():
        try:
            line = " ".join(p.cmdline())
            mb = p.memory_full_info().pss / 2**20
        except psutil.Error:
            continue
        kind = "chromium" if "chrom" in p.name() else "export service" if "export.pool" in line else "python"
        if kind == "python" and "multiprocessing" in line:
            kind = "render process"
        elif kind == "python":
            kind = "gunicorn"
        kinds[kind] = kinds.get(kind, 0.0) + mb
    return sum(kinds.values()), len(seen), kinds


def service_pid(folder: Path) -> list[int]:
    """The export service's pid, found by its socket's folder (it leaves gunicorn's tree when the
    worker that started it is recycled).
    """
    pids = []
    for p in psutil.process_iter(["cmdline", "environ"]):
        try:
            if "export.pool" in " ".join(p.info["cmdline"] or []) and (p.info["environ"] or {}).get(
                "ATLAS_RENDER_DIR"
            ) == str(folder):
                pids.append(p.pid)
        except psutil.Error:
            continue
    return pids


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--exports", type=int, default=20)
    ap.add_argument("--idle", type=int, default=20, help="the service's idle time, seconds")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="atlas-memory-"))
    render_dir = work / "render"
    os.environ.update(
        ATLAS_RENDER_DIR=str(render_dir), ATLAS_FILE_DIR=str(work / "files"), ATLAS_RENDER_IDLE=str(args.idle)
    )
    os.environ.pop("REDIS_URL", None)
    port = free_port()
    server = start_server(port, args.workers, work / "gunicorn.log")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server, 120)
        while len(psutil.Process(server.pid).children()) < args.workers:
            time.sleep(0.2)
        for _ in range(args.workers * 4):  # the workers have served pages
            urllib.request.urlopen(f"{url}/", timeout=30).read()
        before = tree_pss_mb([server.pid])
        whats = ("map", "slide", "ranking", "timeline", "hubs", "scatter")
        fmts = ("png", "svg", "pdf")
        t = time.perf_counter()
        for i in range(args.exports):
            what, fmt = whats[i % len(whats)], fmts[(i // len(whats)) % len(fmts)]
            query = f"y={2016 + i % 8}&lang={('zh-Hans', 'en', 'zh-Hant')[i % 3]}"  # no two alike: each renders
            with urllib.request.urlopen(f"{url}/export/{what}.{fmt}?{query}", timeout=120) as r:
                r.read()
        seconds = time.perf_counter() - t
        after = tree_pss_mb([server.pid, *service_pid(render_dir)])
        deadline = time.monotonic() + args.idle + 30
        while service_pid(render_dir) and time.monotonic() < deadline:
            time.sleep(1)
        idle = tree_pss_mb([server.pid, *service_pid(render_dir)])
    finally:
        stop_server(server)
    print(f"{args.workers} web workers, no Redis; PSS of all the atlas runs (gunicorn, export service, Chromium):")
    for label, (mb, n, kinds) in (
        ("before any export", before),
        (f"after {args.exports} exports ({seconds:.0f} s)", after),
        (f"after {args.idle} s idle", idle),
    ):
        parts = ", ".join(f"{k} {v:.0f}" for k, v in sorted(kinds.items()))
        print(f"  {label:28} {mb:7.0f} MB  ({n} processes: {parts})")


if __name__ == "__main__":
    main()
