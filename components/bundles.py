"""The page loads assets/plotly-atlas.min.js (scripts/build_plotly.py) instead of Dash's full
plotly.js: a third of the bytes. dcc.Graph uses ``window.Plotly`` when the page already has one;
Dash's own bundle is taken off the page's script list so that it is never fetched.
"""

from __future__ import annotations

import re

from dash import dcc

from atlas.paths import ROOT

BUNDLE = ROOT / "assets" / "plotly-atlas.min.js"


def bundle_version() -> str | None:
    """The plotly.js version written in the bundle's first line, or None."""
    head = BUNDLE.read_text(encoding="utf-8")[:300] if BUNDLE.exists() else ""
    match = re.match(r"/\* plotly\.js (\S+) ", head)
    return match.group(1) if match else None


def use_atlas_bundle() -> None:
    """Drop Dash's plotly.js from the page (call after the Dash app is created)."""
    if not BUNDLE.exists():
        return  # without the bundle, Dash's full plotly.js stays
    dcc._js_dist[:] = [d for d in dcc._js_dist if d.get("namespace") != "plotly"]
