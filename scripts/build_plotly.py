"""Build assets/plotly-atlas.min.js: plotly.js with only the traces the atlas draws.

    python -m scripts.build_plotly      (make plotly; needs Node.js and npm, dev only)

The full plotly.js that Dash ships is 4.7 MB (1.4 MB gzipped), most of it traces the atlas never
draws (3D, WebGL, maps with tiles, finance...). This bundle holds plotly.js's core with bar,
scatter (always registered), scattergeo and choropleth: 1.4 MB, 0.5 MB gzipped. The version is
the one the plotly Python package bundles (its figures are made for it); tests check that the
committed file still matches it. components/plotly_bundle.py makes the page use it.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from atlas.paths import ROOT

ESBUILD = "0.28.2"
TRACES = ("bar", "scattergeo", "choropleth")
OUT = ROOT / "assets" / "plotly-atlas.min.js"
BANNER = (
    "/* plotly.js {version} (core, scatter, {traces}); MIT licence, Copyright Plotly, Inc."
    " Built by scripts/build_plotly.py */"
)


def build() -> Path:
    version = get_plotlyjs_version()
    with tempfile.TemporaryDirectory(prefix="atlas-plotly-") as tmp:
        work = Path(tmp)
        (work / "package.json").write_text('{"name": "atlas-plotly", "private": true}\n')
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", f"plotly.js@{version}", f"esbuild@{ESBUILD}"],
            cwd=work,
            check=True,
        )
        lines = [f"    require('plotly.js/lib/{t}')," for t in TRACES]
        (work / "entry.js").write_text(
            "var Plotly = require('plotly.js/lib/core');\n"
            "Plotly.register([\n" + "\n".join(lines) + "\n]);\n"
            "window.Plotly = Plotly;\n"
        )
        banner = BANNER.format(version=version, traces=", ".join(TRACES))
        subprocess.run(
            [
                str(work / "node_modules" / ".bin" / "esbuild"),
                "entry.js",
                "--bundle",
                "--minify",
                "--format=iife",
                "--target=es2018",
                "--legal-comments=none",
                "--define:global=window",  # plotly.js's dependencies expect Node's global
                f"--banner:js={banner}",
                f"--outfile={work / 'plotly.js'}",
                "--log-level=warning",
            ],
            cwd=work,
            check=True,
        )
        OUT.write_bytes((work / "plotly.js").read_bytes())
    return OUT


if __name__ == "__main__":
    print(build())
