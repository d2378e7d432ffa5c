"""The page's own bundles instead of Dash's: plotly.js with only the traces the atlas draws
(assets/plotly-atlas.min.js, scripts/build_plotly.py: a third of Dash's bytes) and AG Grid with
only the modules the hub table uses (assets/ag-grid-atlas.min.js, scripts/build_aggrid.py).

dcc.Graph uses ``window.Plotly`` when the page already has one, so Dash's plotly.js is taken off
the page's script list and never fetched; so is dash_table's bundle, which nothing here uses.
"""

from __future__ import annotations

import re
from pathlib import Path

from compat.dash import drop_scripts
from model.paths import ROOT

PLOTLY = ROOT / "assets" / "plotly-atlas.min.js"
AG_GRID = ROOT / "assets" / "ag-grid-atlas.min.js"


def banner(bundle: Path) -> tuple[str, tuple[str, ...]] | None:
    """The version and the parts a bundle's first line names, or None.

    The build scripts write ``/* <library> <version> (<part>, <part>...); <licence>...``.
    """
    head = bundle.read_text(encoding="utf-8")[:1000] if bundle.exists() else ""
    match = re.match(r"/\* [^()]+? (\d\S*) \(([^)]*)\);", head)
    return (match.group(1), tuple(match.group(2).split(", "))) if match else None


def use_atlas_bundles() -> None:
    """Drop Dash's plotly.js and dash_table from the page (call after the Dash app is created)."""
    drop_scripts(keep_plotly=not PLOTLY.exists())  # without our bundle, Dash's full plotly.js stays
