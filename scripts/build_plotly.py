"""Build assets/plotly-atlas.min.js: plotly.js with only the traces the atlas draws.

    python -m scripts.build_plotly      (make plotly; needs Node.js and npm, dev only)

The full plotly.js that Dash ships is 4.7 MB (1.4 MB gzipped), most of it traces the atlas never
draws (3D, WebGL, maps with tiles, finance...). This bundle holds plotly.js's core with bar,
scatter (always registered), scattergeo and choropleth: 1.4 MB, 0.5 MB gzipped. The version is
the one the plotly Python package bundles (its figures are made for it); tests check that the
committed file still matches it. components/bundles.py makes the page use it.
"""

from __future__ import annotations

from pathlib import Path

from plotly.offline import get_plotlyjs_version

from atlas.paths import ROOT
from scripts._esbuild import bundle

TRACES = ("bar", "scattergeo", "choropleth")
OUT = ROOT / "assets" / "plotly-atlas.min.js"
BANNER = (
    "/* plotly.js {version} (core, scatter, {traces}); MIT licence, Copyright Plotly, Inc."
    " Built by scripts/build_plotly.py */"
)


def build() -> Path:
    version = get_plotlyjs_version()
    lines = [f"    require('plotly.js/lib/{t}')," for t in TRACES]
    entry = (
        "var Plotly = require('plotly.js/lib/core');\n"
        "Plotly.register([\n" + "\n".join(lines) + "\n]);\n"
        "window.Plotly = Plotly;\n"
    )
    banner = BANNER.format(version=version, traces=", ".join(TRACES))
    # plotly.js's dependencies expect Node's global
    return bundle([f"plotly.js@{version}"], entry, banner, OUT, "--define:global=window")


if __name__ == "__main__":
    print(build())
