"""The layer panel: the map's symbol legend and its switches in one list.

Each layer is a row: a tick box with the layer's symbol and name, the number of hubs of that layer
that pass the filters, and an "only" button; "all" and "none" above. The rows show the layers store
(ids.LAYERS), which the URL carries; callbacks/layers.py keeps the two in step.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

from dash import dcc, html

from components import ids
from layers import REGISTRY
from view.i18n import pick, t

# Plotly's marker symbols drawn as SVG paths in a 20×20 box (the same shapes as on the map).
_SHAPES = {
    "circle": '<circle cx="10" cy="10" r="6"/>',
    "square": '<rect x="4.5" y="4.5" width="11" height="11"/>',
    "diamond": '<path d="M10 2.5 17.5 10 10 17.5 2.5 10Z"/>',
    "triangle-up": '<path d="M10 3 17 16H3Z"/>',
    "triangle-down": '<path d="M10 17 3 4H17Z"/>',
    "pentagon": '<path d="M10 2.8 17.2 8 14.4 16.4H5.6L2.8 8Z"/>',
    "star": '<path d="M10 2 12.2 7.6 18 8 13.5 11.7 15 17.5 10 14.3 5 17.5 6.5 11.7 2 8 7.8 7.6Z"/>',
    "hexagram": '<path d="M10 2 12.3 6H17L14.6 10 17 14H12.3L10 18 7.7 14H3L5.4 10 3 6H7.7Z"/>',
    "cross": '<path d="M7.5 3h5v4.5H17v5h-4.5V17h-5v-4.5H3v-5h4.5Z"/>',
    "x": '<path d="M4 6.5 6.5 4 10 7.5 13.5 4 16 6.5 12.5 10 16 13.5 13.5 16 10 12.5 6.5 16 4 13.5 7.5 10Z"/>',
    "bowtie": '<path d="M3 4 10 10 3 16ZM17 4 10 10 17 16Z"/>',
    "hourglass": '<path d="M4 3H16L4 17H16Z"/>',
    "triangle-left": '<path d="M3 10 16 3V17Z"/>',
    "star-square": '<path d="M3.5 3.5 10 6 16.5 3.5 14 10 16.5 16.5 10 14 3.5 16.5 6 10Z"/>',
}


@cache
def symbol_uri(key: str) -> str:
    """A small SVG of the layer's map symbol (or dashed line) as a data: URI."""
    style = REGISTRY[key].style
    if REGISTRY[key].geometry == "line":
        body = f'<path d="M2 10H18" stroke="{style["color"]}" stroke-width="2.5" stroke-dasharray="2 2"/>'
    else:
        shape = _SHAPES.get(str(style["symbol"]), _SHAPES["circle"])
        body = f'<g fill="{style["color"]}" stroke="#fff" stroke-width="0.8">{shape}</g>'
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20">{body}</svg>'
    return "data:image/svg+xml," + quote(svg)


def _name(key: str, lang: str) -> str:
    spec = REGISTRY[key]
    return pick(spec.label_zh, spec.label_en, lang)


def row_options(key: str, lang: str) -> list[dict]:
    """The options of a layer's tick box: one, labelled with the layer's symbol and name; the
    name's tooltip says what the layer holds (its spec's description).
    """
    spec = REGISTRY[key]
    label = html.Span(
        [
            html.Img(src=symbol_uri(key), alt="", className="symbol"),
            html.Span(_name(key, lang), title=pick(spec.description_zh, spec.description_en, lang)),
        ],
        className="layer-name",
    )
    return [{"label": label, "value": key}]


def only_label(key: str, lang: str) -> str:
    return t("layer_only_label", lang).format(name=_name(key, lang))


def row(key: str, lang: str) -> html.Li:
    return html.Li(
        [
            dcc.Checklist(
                id=ids.layer_row("toggle", key),
                options=row_options(key, lang),
                value=[key],
                className="layer-toggle",
            ),
            html.Span(id=ids.layer_row("count", key), className="layer-count"),
            html.Button(
                t("layer_only", lang),
                id=ids.layer_row("only", key),
                n_clicks=0,
                className="layer-only",
                **{"aria-label": only_label(key, lang)},
            ),
        ],
        className="layer-row",
    )


def panel(lang: str) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.Button(t("layers_all", lang), id=ids.LAYERS_ALL, n_clicks=0, className="small"),
                    html.Button(t("layers_none", lang), id=ids.LAYERS_NONE, n_clicks=0, className="small"),
                ],
                className="layer-buttons",
            ),
            html.Ul([row(key, lang) for key in REGISTRY], className="layer-list"),
        ],
        className="layer-panel",
    )
