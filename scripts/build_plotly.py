"""Build assets/plotly-atlas.min.js: plotly.js with only the traces the atlas draws.

    python -m scripts.build_plotly      (make plotly; needs Node.js and npm, dev only)

The full plotly.js that Dash ships is 4.7 MB (1.4 MB gzipped), most of it traces the atlas never
draws (3D, WebGL, maps with tiles, finance...). This bundle holds plotly.js's core with bar,
scatter (always registered), scattergeo and choropleth: 1.4 MB, 0.5 MB gzipped. The version is
the one the plotly Python package bundles (its figures are made for it); tests check that the
committed file still matches it. components/bundles.py makes the page use it.

Two more things are set here, for every graph of the page, whatever its own config says:
plotly.js's "Share chart…" button (``showSendToCloud``, on by default in plotly.js 4) would upload
the chart's data to Plotly Cloud, so it and the other links out are switched off in the defaults
(``Plotly.setPlotConfig``); and plotly.js's own Chinese words (its zh-CN and zh-TW locale
dictionaries) are registered, so that ``config.locale`` (components/graph_config.py) can take effect.
"""

from __future__ import annotations

import json
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from figures.charts import REGISTRY as CHART_KINDS
from figures.map import TRACE_TYPES as MAP_TRACES
from model.paths import ROOT
from scripts._esbuild import bundle

# the trace types the charts (figures/charts, each kind's spec) and the map draw; scatter is
# always in plotly.js's core
TRACES = tuple(
    dict.fromkeys(t for t in (*(t for s in CHART_KINDS.values() for t in s.traces), *MAP_TRACES) if t != "scatter")
)
LOCALES = ("zh-cn", "zh-tw")  # files of plotly.js/lib/locales; English is built in
# No graph may offer to send its data anywhere, even one whose config forgets to say so.
PLOT_CONFIG = {"showSendToCloud": False, "showEditInChartStudio": False, "showLink": False}
OUT = ROOT / "assets" / "plotly-atlas.min.js"
BANNER = (
    "/* plotly.js {version} ({parts}); MIT licence, Copyright Plotly, Inc."
    " Built by scripts/build_plotly.py, with {config} */"
)


def parts() -> tuple[str, ...]:
    """What the bundle holds, as its banner lists it (components/bundles.py reads it back)."""
    return ("core", "scatter", *TRACES, *(f"locale {x}" for x in LOCALES))


def entry() -> str:
    modules = [f"    require('plotly.js/lib/{t}')," for t in TRACES]
    modules += [f"    require('plotly.js/lib/locales/{x}')," for x in LOCALES]
    return (
        "var Plotly = require('plotly.js/lib/core');\n"
        "Plotly.register([\n" + "\n".join(modules) + "\n]);\n"
        f"Plotly.setPlotConfig({json.dumps(PLOT_CONFIG)});\n"
        "window.Plotly = Plotly;\n"
    )


def build() -> Path:
    version = get_plotlyjs_version()
    config = ", ".join(f"{k}: {json.dumps(v)}" for k, v in PLOT_CONFIG.items())
    banner = BANNER.format(version=version, parts=", ".join(parts()), config=config)
    entry_js = entry()
    # plotly.js's dependencies expect Node's global
    return bundle([f"plotly.js@{version}"], entry_js, banner, OUT, "--define:global=window")


if __name__ == "__main__":
    print(build())
