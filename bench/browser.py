"""The page in headless Chromium on loopback: first map paint, interactive, a filter round trip.

    python -m bench.browser [--data DIR] [--loads 3] [--filters 5]

Times are the page's own ``performance.now()`` (0 = navigation start), recorded by a script that
runs before the app's:

- first map paint: the map's province paths (``.choroplethlocation``) and hub markers
  (``.scattergeo .point``) are in the DOM (checked every animation frame);
- interactive: the first callbacks are done (no Dash request in flight for 400 ms; the time is
  that of the last response or map redraw, whichever is later);
- filter round trip: a sector filter is set on its control (``dash_clientside.set_props``, what the
  dropdown does) until the map has been redrawn (the last ``plotly_afterplot`` of the map once
  every callback it caused has answered); alternately on and off, the first time is cold;
- the map's interactions, timed the same way: a click on a province (Plotly's click event, as a
  click on the map emits it), a click on a hub (its card opens and it is ringed), the page's zoom
  buttons (the view goes to the URL; the Patch resizes hubs and names more places).

The first load's bytes (every response: HTML, scripts, styles, layout, the first callbacks) are
counted raw, gzipped (gzip -6) and as sent; "figure data" is every ``figure`` in the layout and in
the first callbacks' responses. A fresh browser context per load: nothing cached. Each dataset
gets its own server process. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
from pathlib import Path
from urllib.parse import urlsplit

from bench.server import BenchServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [  # also the browser tests' (tests/browser/conftest.py)
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SETTLE_MS = 400

PROBE = """
(() => {
  const B = window.__bench = {paint: null, inflight: 0, reqs: 0, lastEnd: 0, plots: [], hooked: false};
  const done = () => { B.inflight--; B.lastEnd = performance.now(); };
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!url.includes('_dash-update-component')) { return fetch0.apply(this, arguments); }
    B.inflight++; B.reqs++;
    return fetch0.apply(this, arguments).then(r => {
      if (r.status !== 200) { setTimeout(done, 0); return r; }
      for (const m of ['json', 'text']) {
        const f = r[m].bind(r);
        r[m] = () => f().finally(() => setTimeout(done, 0));
      }
      return r;
    }, e => { done(); throw e; });
  };
  const frame = () => {
    const gd = document.querySelector('#map .js-plotly-plot');
    if (gd && !B.hooked && typeof gd.on === 'function') {
      gd.on('plotly_afterplot', () => B.plots.push(performance.now()));
      B.hooked = true;
    }
    if (B.paint === null && gd && gd.querySelector('.choroplethlocation') && gd.querySelector('.scattergeo .point')) {
      B.paint = performance.now();
    }
    if (B.paint === null || !B.hooked) { requestAnimationFrame(frame); }
  };
  requestAnimationFrame(frame);
})();
"""

IDLE = (
    "() => window.__bench.reqs > 0 && window.__bench.inflight === 0"
    f" && performance.now() - window.__bench.lastEnd > {SETTLE_MS}"
)

ROUND_TRIP = f"""async ([id, props, timeoutMs]) => {{
  const B = window.__bench;
  const t0 = performance.now(), plots0 = B.plots.length, reqs0 = B.reqs;
  const gd = document.querySelector('#map .js-plotly-plot');
  if (id === 'CLICK') {{  // a click on the map as Plotly reports it (props: the point)
    gd.emit('plotly_click', {{points: [props]}});
  }} else if (id === 'BUTTON') {{  // a button of the page (props: its id)
    document.getElementById(props).click();
  }} else {{
    window.dash_clientside.set_props(id, props);
  }}
  const ok = await new Promise(resolve => {{
    const check = () => {{
      const now = performance.now();
      if (B.reqs > reqs0 && B.inflight === 0 && now - B.lastEnd > {SETTLE_MS} && B.plots.length > plots0) {{
        return resolve(true);
      }}
      if (now - t0 > timeoutMs) {{ return resolve(false); }}
      setTimeout(check, 5);
    }};
    check();
  }});
  const plot = B.plots[B.plots.length - 1];
  return {{ok, map: plot - t0, all: Math.max(plot, B.lastEnd) - t0, requests: B.reqs - reqs0}};
}}"""


MILESTONES = r"""() => {
  const nav = performance.getEntriesByType('navigation')[0] || {};
  const layout = performance.getEntriesByType('resource').find(e => e.name.endsWith('/_dash-layout')) || {};
  const plotly = performance.getEntriesByType('resource').filter(e => /plotly[^/]*\.js/.test(e.name));
  return {html_ms: nav.responseEnd || null, dom_ready_ms: nav.domContentLoadedEventEnd || null,
          load_ms: nav.loadEventEnd || null, layout_ms: layout.responseEnd || null,
          plotly_ms: plotly.length ? Math.max(...plotly.map(e => e.responseEnd)) : null};
}"""


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def figures_in(node):
    """Every non-empty ``figure`` prop in a Dash layout tree or callback response."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "figure" and value:
                yield value
            else:
                yield from figures_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from figures_in(item)


def _kind(response) -> str:
    path = urlsplit(response.url).path
    if path.endswith("/_dash-layout"):
        return "layout"
    if path.endswith("/_dash-dependencies"):
        return "dependencies"
    if path.endswith("/_dash-update-component"):
        return "first callbacks"
    rtype = response.request.resource_type
    if rtype == "document":
        return "html"
    if rtype in ("script", "stylesheet"):
        return "scripts+styles"
    return "other"


def first_load_bytes(responses) -> dict[str, dict[str, int]]:
    """{kind: {raw, gzip, wire, n}} of a page load's responses, with the figure data apart."""
    out: dict[str, dict[str, int]] = {}
    figures, files = [], []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
            continue
        kind = _kind(response)
        row = out.setdefault(kind, {"raw": 0, "gzip": 0, "wire": 0, "n": 0})
        row["raw"] += len(body)
        row["gzip"] += gz(body)
        row["wire"] += max(response.request.sizes()["responseBodySize"], 0)
        row["n"] += 1
        files.append((len(body), gz(body), urlsplit(response.url).path.rsplit("/", 1)[-1]))
        if kind in ("layout", "first callbacks") and body:
            figures += list(figures_in(json.loads(body)))
    data = json.dumps(figures, separators=(",", ":")).encode()
    total = {k: sum(r[k] for r in out.values()) for k in ("raw", "gzip", "wire", "n")}
    largest = [{"file": name, "raw": raw, "gzip": z} for raw, z, name in sorted(files, reverse=True)[:5]]
    figure = {"raw": len(data), "gzip": gz(data), "wire": 0, "n": len(figures)}
    return {**out, "total": total, "figure data": figure, "largest": largest}


def load_page(browser, url: str, timeout_s: float, count_bytes: bool) -> tuple[object, object, dict]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    page.add_init_script(PROBE)
    responses = []
    if count_bytes:
        page.on("response", lambda r: responses.append(r))
    page.goto(url + "/")
    page.wait_for_function("() => window.__bench && window.__bench.paint !== null", polling=100)
    page.wait_for_function(IDLE, polling=50)
    b = page.evaluate("() => window.__bench")
    idle_at = max([b["lastEnd"], *[t for t in b["plots"] if t <= b["lastEnd"] + SETTLE_MS]])
    milestones = page.evaluate(MILESTONES)
    out = {
        **milestones,
        "paint_ms": b["paint"],
        "interactive_ms": idle_at,
        "requests": b["reqs"],
        "points": page.evaluate("() => document.querySelectorAll('#map .scattergeo .point').length"),
    }
    if count_bytes:
        out["bytes"] = first_load_bytes(responses)
    return context, page, out


def filter_values(page) -> list[str]:
    """The sector filter's first option (from the page's own dropdown)."""
    layout = page.evaluate("() => fetch('/_dash-layout').then(r => r.json())")
    from bench.latency import _option_values, find_props

    return _option_values(find_props(layout, "sectors"))


HUB_POINTS = """() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const out = [];
  gd.data.forEach((t, curve) => {
    if (t.type !== 'scattergeo' || !Array.isArray(t.customdata) || t.visible !== true) { return; }
    t.customdata.forEach((c, i) => {
      if (Array.isArray(c) && c[0] && t.lon[i] != null && out.length < 2) {
        out.push({curveNumber: curve, pointNumber: i, pointIndex: i, customdata: c});
      }
    });
  });
  return out;
}"""
PROVINCE_POINT = """(adcode) => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const curve = gd.data.findIndex(t => t.name === 'provinces'), i = gd.data[curve].locations.indexOf(adcode);
  return {curveNumber: curve, pointNumber: i, pointIndex: i, location: adcode};
}"""
PROVINCE = "510000"


def interactions(page, n: int, timeout_s: float) -> dict[str, list[dict]]:
    """The map's own interactions (issue 11), each ``n`` times, from the action to the map redrawn:
    a click on a province (selects, then deselects), a click on a hub drawn on the map at that
    moment (opens its card; none where hubs are drawn in clusters), the page's zoom buttons (in,
    then out; the Patch resizes the hubs and names more places).
    """
    out: dict[str, list[dict]] = {"click a province": [], "click a hub (card)": [], "zoom button": []}
    province = page.evaluate(PROVINCE_POINT, PROVINCE)
    n += n % 2  # an even number: the province ends deselected and the zoom where it began
    for _ in range(n):
        out["click a province"].append(page.evaluate(ROUND_TRIP, ["CLICK", province, timeout_s * 1000]))
    for k in range(n):
        hubs = page.evaluate(HUB_POINTS)  # points of the figure as it is now (a click names them)
        if hubs:
            out["click a hub (card)"].append(
                page.evaluate(ROUND_TRIP, ["CLICK", hubs[k % 2 % len(hubs)], timeout_s * 1000])
            )
    for k in range(n):
        button = "zoom-in" if k % 2 == 0 else "zoom-out"
        out["zoom button"].append(page.evaluate(ROUND_TRIP, ["BUTTON", button, timeout_s * 1000]))
    return out


def run(url: str, loads: int = 3, filters: int = 5, timeout_s: float = 300) -> dict:
    from playwright.sync_api import sync_playwright

    result: dict = {"loads": [], "filter": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for i in range(loads):
            context, page, out = load_page(browser, url, timeout_s, count_bytes=i == 0)
            result["loads"].append(out)
            if i < loads - 1:
                context.close()
        sector = filter_values(page)[0]
        for k in range(filters):
            props = {"value": [sector] if k % 2 == 0 else []}
            result["filter"].append(page.evaluate(ROUND_TRIP, ["sectors", props, timeout_s * 1000]))
        result["interactions"] = interactions(page, filters, min(timeout_s, 30))  # a lost one costs 30 s
        context.close()
        browser.close()
    paint = [x["paint_ms"] for x in result["loads"]]
    tti = [x["interactive_ms"] for x in result["loads"]]
    rts = [x["map"] for x in result["filter"] if x["ok"]]
    result["summary"] = {
        "paint_ms": statistics.median(paint),
        "paint_max_ms": max(paint),
        "interactive_ms": statistics.median(tti),
        **{
            k: statistics.median([x[k] or 0 for x in result["loads"]])
            for k in ("html_ms", "dom_ready_ms", "layout_ms", "plotly_ms")
        },
        "filter_cold_ms": rts[0] if rts else float("nan"),
        "filter_ms": statistics.median(rts[1:]) if len(rts) > 1 else float("nan"),
        "filter_max_ms": max(rts) if rts else float("nan"),
        "filter_failed": sum(not x["ok"] for x in result["filter"]),
        "points": result["loads"][0]["points"],
        "first_load": result["loads"][0]["bytes"],
        "interactions": {
            name: {
                "first_ms": trips[0]["map"] if trips and trips[0]["ok"] else float("nan"),  # nan: not run
                "median_ms": statistics.median([x["map"] for x in trips[1:] if x["ok"]] or [float("nan")]),
                "failed": sum(not x["ok"] for x in trips),
                "n": len(trips),
            }
            for name, trips in result["interactions"].items()
        },
    }
    return result


def report(result: dict, label: str = "") -> str:
    s = result["summary"]
    loads = ", ".join(f"{x['paint_ms']:.0f}" for x in result["loads"])
    lines = [
        f"browser{(' · ' + label) if label else ''} ({result.get('hubs')} hubs; headless Chromium, loopback, "
        "fresh context per load)",
        f"  first map paint          {s['paint_ms']:8.0f} ms median of {len(result['loads'])} loads ({loads})",
        f"  interactive              {s['interactive_ms']:8.0f} ms (first callbacks done, map redrawn)",
        f"  (on the way: HTML {s['html_ms']:.0f} ms, scripts run {s['dom_ready_ms']:.0f} ms, layout received "
        f"{s['layout_ms']:.0f} ms, plotly.js received {s['plotly_ms']:.0f} ms)",
        f"  hub markers drawn        {s['points']:8d}",
        f"  filter round trip        {s['filter_cold_ms']:8.0f} ms first (cold), {s['filter_ms']:.0f} ms median "
        f"of the next {len(result['filter']) - 1}, max {s['filter_max_ms']:.0f} ms (sector on/off, to map redrawn)",
    ]
    if s["filter_failed"]:
        lines.append(f"  {s['filter_failed']} filter round trips did not finish in time")
    for name, x in s["interactions"].items():
        failed = f", {x['failed']} did not finish" if x["failed"] else ""
        lines.append(
            f"  {name:24} {x['first_ms']:8.0f} ms first, {x['median_ms']:.0f} ms median of the next {x['n'] - 1}"
            f" (to map redrawn{failed})"
        )
    lines.append(f"  {'first load':24} {'raw KB':>9} {'gzip KB':>9} {'sent KB':>9} {'files':>6}")
    order = ("html", "scripts+styles", "layout", "dependencies", "first callbacks", "other", "total", "figure data")
    for kind in order:
        row = s["first_load"].get(kind)
        if row:
            raw, z, wire = (row[k] / 1024 for k in ("raw", "gzip", "wire"))
            lines.append(f"  {kind:24} {raw:9.1f} {z:9.1f} {wire:9.1f} {row['n']:6d}")
    big = ", ".join(f"{x['file']} {x['raw'] / 1024:.0f}/{x['gzip'] / 1024:.0f}" for x in s["first_load"]["largest"])
    lines.append(f"  largest files (raw/gzip KB): {big}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="data directory (default: the bundled data)")
    ap.add_argument("--loads", type=int, default=3)
    ap.add_argument("--filters", type=int, default=5)
    args = ap.parse_args(argv)
    with BenchServer(args.data) as server:
        result = run(server.url, args.loads, args.filters)
        result["hubs"] = server.info.get("hubs")
    print(report(result))


if __name__ == "__main__":
    main()
