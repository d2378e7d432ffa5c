"""How long an import takes to reach every worker: gunicorn with two preloaded workers on a copy of
the data, `python -m atlas data import` of a one-row file, then /healthz asked until every worker
serves the new version.

    python -m bench.data_update [--runs 3] [--poll 2]

Printed, never asserted (tests/serving/test_data_update.py checks that it happens at all).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from model.paths import ROOT

BIN = Path(sys.executable).parent


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=10) as res:
            return json.loads(res.read())
    except OSError:
        return None


def run_once(poll: float, value: str) -> float:
    """Seconds from the import's end to every worker serving the new version."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".*"))
        port = _port()
        env = {**os.environ, "ATLAS_DATA_DIR": str(data), "ATLAS_DATA_POLL": str(poll), "PORT": str(port)}
        env.update(HOST="127.0.0.1", WORKERS="2")
        env.pop("REDIS_URL", None)
        proc = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "app:server"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            while _health(url) is None:
                time.sleep(0.1)
            time.sleep(3)  # both workers up
            before = _health(url)["data"]["version"]
            update = Path(tmp) / "update.csv"
            update.write_text(
                f"adcode,year,indicator,value,source_id\n610000,2022,rd_intensity,{value},nbs-rd-2022\n",
                encoding="utf-8",
            )
            args = [sys.executable, "-m", "atlas", "data", "import", str(update), "--data-dir", str(data), "--yes"]
            subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True)
            done = time.monotonic()
            seen: dict[int, str] = {}
            while True:
                h = _health(url)
                if h is not None:
                    seen[h["pid"]] = h["data"]["version"]
                if len(seen) >= 2 and all(v != before for v in seen.values()):
                    return time.monotonic() - done
                time.sleep(0.05)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--poll", type=float, default=2.0, help="ATLAS_DATA_POLL (default 2 s, as deployed)")
    args = ap.parse_args()
    times = [run_once(args.poll, f"2.{40 + i}") for i in range(args.runs)]
    shown = ", ".join(f"{t:.2f}" for t in times)
    print(f"import to every worker (2 workers, ATLAS_DATA_POLL={args.poll:g} s): {shown} s; max {max(times):.2f} s")


if __name__ == "__main__":
    main()
