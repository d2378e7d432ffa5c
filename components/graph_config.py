"""The config of every graph of the page: what its modebar offers, and in which language.

``graph_config(kind, lang)`` is the one place a graph's config is written: the layout builds each
dcc.Graph with it in the page's first language, and callbacks/graph_locale.py switches the configs
in the browser when the language changes (``configs_by_lang``).

No graph offers to send its data anywhere: plotly.js 4's "Share chart…" button
(``showSendToCloud``, on by default) uploads to Plotly Cloud. The page's plotly.js bundle turns it
off in its defaults too (scripts/build_plotly.py), so a graph whose config forgets is still safe;
the bundle also carries the zh-CN and zh-TW dictionaries that ``locale`` names.
"""

from __future__ import annotations

from typing import Literal

from components import ids
from view.i18n import LANGS, normalize_lang

Kind = Literal["map", "chart"]

NOTHING_SENT = {"showSendToCloud": False, "showEditInChartStudio": False, "showLink": False}
KINDS: dict[str, dict] = {
    "map": {
        "topojsonURL": "/assets/topojson/",  # local stub: Plotly geo must not fetch its CDN basemap
        "scrollZoom": True,
        "responsive": True,
        # exports are made on the server (export panel); zoom and reset are the page's own buttons,
        # which zoom the map and not the South China Sea inset, and write the view to the URL
        "modeBarButtonsToRemove": ["toImage", "zoomInGeo", "zoomOutGeo", "resetGeo", "hoverClosestGeo"],
    },
    "chart": {"responsive": True, "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"]},
}
# the page's language -> plotly.js's locale (English is plotly.js's own)
PLOTLY_LOCALES = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "en": "en"}
GRAPHS: dict[str, Kind] = {ids.MAP: "map", **dict.fromkeys(ids.CHARTS, "chart")}


def graph_config(kind: Kind, lang: str) -> dict:
    """The dcc.Graph ``config`` of a ``"map"`` or a ``"chart"`` in ``lang`` (unknown: the default)."""
    return {
        "displaylogo": False,
        **NOTHING_SENT,
        **KINDS[kind],
        "locale": PLOTLY_LOCALES[normalize_lang(lang)],
    }


def configs_by_lang() -> dict[str, dict[str, dict]]:
    """{language: {graph id: config}} for every graph of the page (GRAPHS) in every language."""
    return {lang: {gid: graph_config(kind, lang) for gid, kind in GRAPHS.items()} for lang in LANGS}
