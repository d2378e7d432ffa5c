"""Callback latency of each user action, against an empty Dash callback in the same app and run.

    python -m bench.latency [--data DIR] [--repeat 50] [--warmup 5] [--json FILE]

1. The app runs in a subprocess (bench/server.py: werkzeug, threaded, loopback) with a bench-only
   empty callback and a Server-Timing header.
2. Record: headless Chromium loads the page, waits until the first callbacks are done, then does
   each action (by ``dash_clientside.set_props`` on the control, as the control itself would; the
   province by a ``plotly_click`` on the map) and undoes it again, so that each starts from the
   page's first state; every ``/_dash-update-component`` request the page makes for the action
   until it is quiet again is kept, with its body. Nothing about the callbacks is hard-coded:
   the values come from the layout, the requests from the page. The server time of this first
   request is the *cold* figure (nothing cached for that state yet; the page's requests run in
   parallel, as they do for a user).
3. Replay: each recorded body is sent ``--repeat`` times (after ``--warmup``) over one keep-alive
   HTTP connection, one at a time: server time (Server-Timing) and round trip per request, the
   *warm* figures. The empty callback is replayed the same way before and after the actions; its
   percentiles are those of both blocks pooled.

Per action: each request (named by its first output), p50/p95 server and round trip, response
bytes (raw, gzipped), server p95 / floor p95, and the action's total (sum of its requests).
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import re
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from bench.server import FLOOR_INPUT, FLOOR_OUTPUT, BenchServer

DASH = "/_dash-update-component"
ACTIONS = (
    "change indicator",
    "change year",
    "toggle a layer",
    "select a province",
    "filter by sector",
    "change language",
)
FIRST_LOAD = "first load (initial callbacks)"
PROVINCE = "510000"  # the province clicked on the map (Sichuan)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear between ranks; NaN for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def server_ms(headers) -> float | None:
    for part in (headers.get("server-timing") or "").split(","):
        if part.strip().startswith("app;dur="):
            return float(part.split("dur=")[1])
    return None


def output_ids(body: dict) -> list[str]:
    """``id.prop`` of every output of a callback request (pattern ids as compact JSON)."""
    outputs = body.get("outputs")
    out = []
    for o in outputs if isinstance(outputs, list) else [outputs]:
        if isinstance(o, dict):
            cid = o.get("id")
            cid = json.dumps(cid, separators=(",", ":"), sort_keys=True) if isinstance(cid, dict) else str(cid)
            out.append(f"{cid}.{o.get('property')}")
    return out


def call_name(body: dict) -> str:
    """A callback request named by its first output (``id.prop``), ``+n`` for n more outputs.

    Dash's ``@<hash>`` suffix of an ``allow_duplicate`` output is cut to its first 4 digits.
    """
    outputs = output_ids(body) or ["?"]
    more = f" +{len(outputs) - 1}" if len(outputs) > 1 else ""
    return re.sub(r"@([0-9a-f]{4})[0-9a-f]+", r"@\1", outputs[0]) + more


# --- Recording in the browser ---------------------------------------------------------------------


def find_props(node, component_id: str) -> dict | None:
    """The props of the component ``component_id`` in a Dash layout tree."""
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict):
            if props.get("id") == component_id:
                return props
            for value in props.values():
                found = find_props(value, component_id)
                if found is not None:
                    return found
    elif isinstance(node, list):
        for item in node:
            found = find_props(item, component_id)
            if found is not None:
                return found
    return None


def _option_values(props: dict) -> list:
    opts = props.get("options") or []
    return [o["value"] if isinstance(o, dict) else o for o in opts]


SET_PROPS = "([id, props]) => window.dash_clientside.set_props(id, props)"
MAP_CLICK = """(adcode) => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const curve = gd.data.findIndex(t => t.type === 'choropleth' && (t.locations || []).includes(adcode));
  const i = gd.data[curve].locations.indexOf(adcode);
  const z = gd.data[curve].z ? gd.data[curve].z[i] : undefined;
  gd.emit('plotly_click', {points: [{curveNumber: curve, pointNumber: i, pointIndex: i, location: adcode, z: z}]});
  return curve;
}"""


def action_steps(layout: dict) -> dict[str, tuple[str, object, object]]:
    """Per action: (JS function, argument that does it, argument that undoes it), from the layout."""

    def props(cid: str) -> dict:
        found = find_props(layout, cid)
        if found is None:
            raise LookupError(f"no component {cid!r} in the layout")
        return found

    ind = props("indicator")
    indicator = next(v for v in _option_values(ind) if v != ind.get("value"))
    year = props("year")
    new_year = max(year["min"], year["value"] - 4) if year.get("value") != year["min"] else year["min"] + 1
    layers = props("layers")["data"]  # a store the layer panel's rows show (callbacks/layers.py)
    sector = _option_values(props("sectors"))[0]
    lang = props("lang")
    new_lang = "en" if "en" in _option_values(lang) else next(v for v in _option_values(lang) if v != lang["value"])
    sectors = props("sectors").get("value") or []
    return {
        "change indicator": (SET_PROPS, ["indicator", {"value": indicator}], ["indicator", {"value": ind["value"]}]),
        "change year": (SET_PROPS, ["year", {"value": new_year}], ["year", {"value": year["value"]}]),
        "toggle a layer": (SET_PROPS, ["layers", {"data": layers[1:]}], ["layers", {"data": layers}]),
        "select a province": (MAP_CLICK, PROVINCE, PROVINCE),  # a second click deselects
        "filter by sector": (SET_PROPS, ["sectors", {"value": [sector]}], ["sectors", {"value": sectors}]),
        "change language": (SET_PROPS, ["lang", {"value": new_lang}], ["lang", {"value": lang["value"]}]),
    }


class Net:
    """The page's Dash callback requests: counted in flight, kept with their finish times."""

    def __init__(self, page):
        self.requests: list = []
        self.ends: dict = {}
        self.pending = 0
        self.last = time.perf_counter()
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    def _start(self, request) -> None:
        if DASH in request.url:
            self.requests.append(request)
            self.pending += 1
            self.last = time.perf_counter()

    def _end(self, request) -> None:
        if DASH in request.url:
            self.pending -= 1
            self.last = self.ends[request] = time.perf_counter()

    def quiet(self, page, settle: float = 0.6, timeout: float = 180, started: bool = True) -> None:
        """Wait until no callback request is in flight for ``settle`` s (and one was made, if started)."""
        t0 = time.perf_counter()
        while True:
            page.wait_for_timeout(40)
            now = time.perf_counter()
            if self.pending <= 0 and now - self.last >= settle and (self.requests or not started):
                return
            if now - t0 > timeout:
                raise TimeoutError(f"callbacks still running after {timeout} s")


@dataclass
class Recorded:
    name: str
    body: bytes
    server_cold_ms: float | None
    browser_ms: float  # request start to response end, in the browser
    browser_bytes: int  # the response body the page got
    path: str = DASH  # as the page sent it (with its query string, if any)


def _recorded(requests) -> list[Recorded]:
    out, seen = [], {}
    for r in requests:
        body = r.post_data_buffer or b""
        name = call_name(json.loads(body))
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name} #{seen[name]}"
        response = r.response()
        srv = server_ms(response.headers) if response else None
        size = len(response.body()) if response and response.status == 200 else 0
        u = urlsplit(r.url)
        path = u.path + (f"?{u.query}" if u.query else "")
        out.append(Recorded(name, body, srv, r.timing["responseEnd"], size, path))
    return out


def record(url: str, timeout: float = 180) -> tuple[dict[str, list[Recorded]], dict[str, float], list[Recorded]]:
    """Per action the requests it makes; per action the browser's wall time; the first load's requests."""
    from playwright.sync_api import sync_playwright

    from bench.browser import ARGS, CHROMIUM

    layout = json.loads(_get(url, "/_dash-layout"))
    steps = action_steps(layout)
    chains, walls = {}, {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(timeout * 1000)
        net = Net(page)
        t_nav = time.perf_counter()
        page.goto(url + "/")
        page.wait_for_selector("#map .js-plotly-plot .choroplethlocation")
        net.quiet(page, timeout=timeout)
        initial = _recorded(net.requests)
        walls[FIRST_LOAD] = (max(net.ends[r] for r in net.requests) - t_nav) * 1000
        for action in ACTIONS:
            # each action starts from the page's first state: the previous one was undone
            js, do, undo = steps[action]
            # A map click reaches the server only once the time for a double click has gone by
            # (atlasMap.unlessDoubled, 300 ms): the quiet is counted from the action, not from the
            # last request before it. Counted from that request, the undo of "select a province"
            # was taken as done before its click was sent, and its requests were counted as the
            # next action's (19 requests and 31.7 KB for a sector filter that makes 9).
            net.requests.clear()
            t0 = net.last = time.perf_counter()
            page.evaluate(js, do)
            net.quiet(page, timeout=timeout)
            walls[action] = (max(net.ends[r] for r in net.requests) - t0) * 1000 if net.requests else float("nan")
            chains[action] = _recorded(net.requests)
            net.last = time.perf_counter()
            page.evaluate(js, undo)
            net.quiet(page, timeout=timeout, started=False)
        context.close()
        browser.close()
    return chains, walls, initial


# --- Replay over HTTP -------------------------------------------------------------------------------


def _get(url: str, path: str) -> bytes:
    u = urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=300)
    conn.request("GET", path)
    data = conn.getresponse().read()
    conn.close()
    return data


@dataclass
class Stats:
    name: str
    n: int
    browser_server_ms: float | None  # the page's own first request (parallel with the others)
    browser_ms: float | None  # its round trip in the browser
    server_p50: float  # warm: the same request repeated (the app's memos hit)
    server_p95: float
    rtt_p50: float
    rtt_p95: float
    status: int
    bytes_raw: int
    bytes_gzip: int
    bytes_wire: int  # as sent (with the app's own Content-Encoding, if any)
    browser_bytes: int  # what the page got (a check that the replay answers the same)
    cold_n: int = 0
    cold_server_p50: float = float("nan")  # cold: first time in a fresh server process
    cold_server_p95: float = float("nan")
    cold_server_max: float = float("nan")  # the slowest single first request
    cold_rtt_p50: float = float("nan")
    cold_rtt_p95: float = float("nan")
    ratio_p95: float = float("nan")  # warm server p95 / floor server p95
    cold_ratio_p95: float = float("nan")  # cold server p95 / floor server p95
    outputs: list[str] = field(default_factory=list)


class Replayer:
    def __init__(self, url: str):
        u = urlsplit(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
        self.headers = {"Content-Type": "application/json", "Accept": "application/json", "Accept-Encoding": "gzip"}

    def get(self, path: str) -> bytes:
        self.conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
        return self.conn.getresponse().read()

    def once(self, body: bytes, path: str = DASH) -> tuple[float, float, int, bytes, int]:
        """(server ms, round trip ms, status, response body, bytes on the wire)."""
        t0 = time.perf_counter()
        self.conn.request("POST", path, body=body, headers=self.headers)
        resp = self.conn.getresponse()
        wire = resp.read()
        rtt = (time.perf_counter() - t0) * 1000
        raw = gzip.decompress(wire) if resp.getheader("Content-Encoding") == "gzip" else wire
        srv = server_ms({"server-timing": resp.getheader("Server-Timing")})
        return (float("nan") if srv is None else srv), rtt, resp.status, raw, len(wire)

    def measure(self, rec: Recorded, repeat: int, warmup: int) -> Stats:
        for _ in range(warmup):
            self.once(rec.body, rec.path)
        srv, rtt = [], []
        status, raw, wire = 0, b"", 0
        for _ in range(repeat):
            s, r, status, raw, wire = self.once(rec.body, rec.path)
            srv.append(s)
            rtt.append(r)
        stats = Stats(
            rec.name,
            repeat,
            rec.server_cold_ms,
            rec.browser_ms,
            pct(srv, 50),
            pct(srv, 95),
            pct(rtt, 50),
            pct(rtt, 95),
            status,
            len(raw),
            gz(raw),
            wire,
            rec.browser_bytes,
            outputs=output_ids(json.loads(rec.body)),
        )
        stats.samples = (srv, rtt)  # not a field: kept out of the JSON, used to pool the floor's blocks
        return stats

    def close(self) -> None:
        self.conn.close()


def floor_body(template: Recorded | None) -> bytes:
    """A request for the empty callback, shaped like the page's own requests (Dash's format)."""
    (oid, oprop), (iid, iprop) = FLOOR_OUTPUT, FLOOR_INPUT
    body = {
        "output": f"{oid}.{oprop}",
        "outputs": {"id": oid, "property": oprop},
        "inputs": [{"id": iid, "property": iprop, "value": 1}],
        "changedPropIds": [f"{iid}.{iprop}"],
        "state": [],
    }
    if template is not None and "parsedChangedPropsIds" in json.loads(template.body):
        body["parsedChangedPropsIds"] = [f"{iid}.{iprop}"]
    return json.dumps(body).encode()


@dataclass
class Action:
    action: str
    browser_wall_ms: float  # the action in the browser, first time: input to last response
    calls: list[Stats] = field(default_factory=list)


def cold_samples(data_dir: Path | None, chains: dict[str, list[Recorded]], runs: int) -> dict:
    """{(chain, request name): [(server ms, rtt ms)...]}: each run a fresh server process that gets
    the page, layout and first-load requests (as a browser would), then every action's requests
    once, in order. Each action asks for a state no earlier request asked for: nothing memoised.
    """
    out: dict = {}
    for _ in range(runs):
        with BenchServer(data_dir) as server:
            rep = Replayer(server.url)
            for path in ("/", "/_dash-layout", "/_dash-dependencies"):
                rep.get(path)
            for chain, recs in chains.items():
                for rec in recs:
                    srv, rtt, *_ = rep.once(rec.body, rec.path)
                    out.setdefault((chain, rec.name), []).append((srv, rtt))
            rep.close()
    return out


def run(
    data_dir: Path | None = None,
    repeat: int = 50,
    warmup: int = 5,
    cold_runs: int = 5,
    initial_repeat: int | None = None,
    timeout: float = 180,
) -> dict:
    """Record in the browser, replay warm, then cold in fresh servers; all figures as a dict."""
    with BenchServer(data_dir) as server:
        hubs = server.info.get("hubs")
        chains, walls, initial = record(server.url, timeout=timeout)
        rep = Replayer(server.url)
        template = next((r for c in chains.values() for r in c), None)
        floor_rec = Recorded("empty callback", floor_body(template), None, float("nan"), 0)
        floor_a = rep.measure(floor_rec, repeat, warmup)
        actions = []
        for name in ACTIONS:
            act = Action(name, walls[name])
            act.calls = [rep.measure(rec, repeat, warmup) for rec in chains[name]]
            actions.append(act)
        floor_b = rep.measure(floor_rec, repeat, 0)
        n_init = repeat if initial_repeat is None else initial_repeat
        first = Action(FIRST_LOAD, walls.get(FIRST_LOAD, float("nan")))
        first.calls = [rep.measure(rec, n_init, min(warmup, n_init)) for rec in initial]
        rep.close()
    # the floor's two blocks (before and after the actions) pooled: percentiles of all its samples
    srv_all, rtt_all = floor_a.samples[0] + floor_b.samples[0], floor_a.samples[1] + floor_b.samples[1]
    floor = replace(
        floor_b,
        n=2 * repeat,
        server_p50=pct(srv_all, 50),
        server_p95=pct(srv_all, 95),
        rtt_p50=pct(rtt_all, 50),
        rtt_p95=pct(rtt_all, 95),
        ratio_p95=1.0,
    )
    cold = cold_samples(data_dir, {FIRST_LOAD: initial, **chains}, cold_runs) if cold_runs else {}
    for act in [*actions, first]:
        for c in act.calls:
            samples = cold.get((act.action, c.name), [])
            if samples:
                srv, rtt = [s for s, _ in samples], [r for _, r in samples]
                c.cold_n = len(samples)
                c.cold_server_p50, c.cold_server_p95 = pct(srv, 50), pct(srv, 95)
                c.cold_server_max = max(srv)
                c.cold_rtt_p50, c.cold_rtt_p95 = pct(rtt, 50), pct(rtt, 95)
            c.ratio_p95 = c.server_p95 / floor.server_p95
            c.cold_ratio_p95 = c.cold_server_p95 / floor.server_p95
    return {
        "hubs": hubs,
        "repeat": repeat,
        "warmup": warmup,
        "cold_runs": cold_runs,
        "floor": asdict(floor),
        "floor_blocks_server_p95": [floor_a.server_p95, floor_b.server_p95],
        "actions": [_action_dict(a) for a in actions],
        "initial": _action_dict(first),
    }


TOTALS = (
    "server_p50",
    "server_p95",
    "rtt_p50",
    "rtt_p95",
    "cold_server_p50",
    "cold_server_p95",
    "cold_rtt_p50",
    "cold_rtt_p95",
    "bytes_raw",
    "bytes_gzip",
    "bytes_wire",
    "browser_server_ms",
)


def _action_dict(a: Action) -> dict:
    def total(key: str) -> float:
        return sum(v for c in a.calls if (v := getattr(c, key)) is not None and v == v)

    return {
        "action": a.action,
        "browser_wall_ms": a.browser_wall_ms,
        "calls": [asdict(c) for c in a.calls],
        "total": {k: total(k) for k in TOTALS},
        "worst_ratio_p95": max((c.ratio_p95 for c in a.calls), default=float("nan")),
        "worst_cold_ratio_p95": max((c.cold_ratio_p95 for c in a.calls), default=float("nan")),
        "mismatched": [c.name for c in a.calls if c.browser_bytes and c.browser_bytes != c.bytes_raw],
    }


# --- Printing ---------------------------------------------------------------------------------------


def _f(x: float | None, digits: int = 1) -> str:
    return "-" if x is None or x != x else f"{x:.{digits}f}"


def report(result: dict, label: str = "") -> str:
    floor = result["floor"]
    lines = [
        f"callback latency{(' · ' + label) if label else ''} ({result.get('hubs')} hubs)",
        f"  warm: each request replayed {result['repeat']}x (after {result['warmup']} warm-up), one at a time over "
        "keep-alive HTTP: what the app memoised is hit",
        f"  cold: the first time, in {result['cold_runs']} fresh server processes (after /, the layout and the "
        "first-load requests, as a browser)",
        f"{'action / request (first output)':40} {'cold srv':>8} {'cold srv':>8} {'warm srv':>8} {'warm srv':>8} "
        f"{'warm rtt':>8} {'warm rtt':>8} {'x floor':>7} {'x floor':>7} {'raw':>7} {'gz':>6}",
        f"{'':40} {'p50':>8} {'p95':>8} {'p50':>8} {'p95':>8} {'p50':>8} {'p95':>8} {'cold':>7} {'warm':>7} "
        f"{'KB':>7} {'KB':>6}",
    ]

    def row(name: str, d: dict, cold_ratio: float | None, ratio: float | None) -> str:
        return (
            f"{name[:40]:40} {_f(d['cold_server_p50']):>8} {_f(d['cold_server_p95']):>8} "
            f"{_f(d['server_p50'], 2):>8} {_f(d['server_p95'], 2):>8} {_f(d['rtt_p50'], 2):>8} "
            f"{_f(d['rtt_p95'], 2):>8} {_f(cold_ratio):>7} {_f(ratio):>7} {d['bytes_raw'] / 1024:7.1f} "
            f"{d['bytes_gzip'] / 1024:6.1f}"
        )

    lines.append(row("empty callback (floor)", {**floor, "cold_server_p50": None, "cold_server_p95": None}, None, 1.0))
    for act in [*result["actions"], result["initial"]]:
        wall = _f(act["browser_wall_ms"], 0)
        what = "navigation" if act["action"] == FIRST_LOAD else "input"
        lines.append(f"{act['action']}  (in the browser, first time: {wall} ms from {what} to last response)")
        for c in act["calls"]:
            lines.append(row("  " + c["name"], c, c["cold_ratio_p95"], c["ratio_p95"]))
        lines.append(row(f"  = sum of {len(act['calls'])} requests", act["total"], None, None))
        if act["mismatched"]:
            lines.append(
                f"  note: the replay answered other bytes than the page got for {', '.join(act['mismatched'])}"
            )
    lines.append(
        "ms; 'x floor' = server p95 / the empty callback's warm server p95 "
        f"({_f(floor['server_p95'], 2)} ms); sizes per response, uncompressed (gz = gzip -6)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="data directory (default: the bundled data)")
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--cold-runs", type=int, default=5, help="fresh server processes for the cold figures")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    result = run(args.data, args.repeat, args.warmup, args.cold_runs)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
