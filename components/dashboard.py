"""The dashboard layout: filters, map, charts, table, hub card and policy panel.

``layout()`` is called per page load; option labels are set in the default language here and
re-labelled by callbacks/localize.py when the language changes.
"""

from __future__ import annotations

import json

from dash import dcc, html

from atlas import model
from atlas.data import Atlas, atlas
from atlas.i18n import DEFAULT_LANG, LANG_LABELS, LANGS, grid_locale, t
from atlas.state import ViewState
from components import export_panel, grid, ids, options
from components.footer import footer as localize_footer
from figures.map import RENDERED_DEFAULT, base_figure_json

MAP_CONFIG = {
    "topojsonURL": "/assets/topojson/",  # local stub: Plotly geo must not fetch its CDN basemap
    "displaylogo": False,
    "scrollZoom": True,
    "modeBarButtonsToRemove": ["toImage"],
    "locale": "zh-CN",
}
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"]}


def _control(component_id: str, key: str, control, lang: str) -> html.Div:
    return html.Div(
        [html.Label(t(key, lang), id=ids.label(component_id), htmlFor=component_id), control],
        className="control",
    )


def _multi(component_id: str, key: str, opts: list[dict], values, lang: str) -> html.Div:
    """A multi-select dropdown whose empty value means 'any'."""
    dropdown = dcc.Dropdown(id=component_id, placeholder=t("any", lang), options=opts, value=list(values), multi=True)
    return _control(component_id, key, dropdown, lang)


def filters(data: Atlas, state: ViewState, lang: str) -> html.Div:
    vocab = model.vocab()
    years = vocab.all_years
    return html.Div(
        [
            _control(
                ids.LANG,
                "language",
                dcc.RadioItems(
                    id=ids.LANG,
                    options=[{"label": LANG_LABELS[x], "value": x} for x in LANGS],
                    value=state.lang,
                    inline=True,
                ),
                lang,
            ),
            _control(
                ids.REGION,
                "region",
                dcc.Dropdown(id=ids.REGION, options=options.regions(data, lang), value=state.region, clearable=False),
                lang,
            ),
            _multi(ids.PROVINCES, "province", options.provinces(lang), state.provinces, lang),
            _control(
                ids.INDICATOR,
                "indicator",
                dcc.Dropdown(
                    id=ids.INDICATOR,
                    options=options.indicators(data, lang),
                    value=state.indicator,
                    clearable=False,
                ),
                lang,
            ),
            _control(
                ids.YEAR,
                "year",
                html.Div(
                    [
                        html.Button(
                            t("play", lang),
                            id=ids.PLAY,
                            n_clicks=0,
                            className="play",
                            **{"aria-pressed": "false"},
                        ),
                        html.Div(
                            dcc.Slider(
                                id=ids.YEAR,
                                min=years[0],
                                max=years[-1],
                                step=1,
                                value=state.resolved_year(vocab),
                                marks={y: str(y) for y in years if y % 2 == 1 or y == years[-1]},
                                included=False,
                            ),
                            className="slider",
                        ),
                        dcc.Interval(id=ids.PLAY_TIMER, interval=1200, disabled=True),
                    ],
                    className="year-row",
                ),
                lang,
            ),
            _control(
                ids.LAYERS,
                "layers",
                dcc.Checklist(
                    id=ids.LAYERS,
                    options=options.layers(lang),
                    value=list(state.layers) if state.layers is not None else vocab.layers,
                    className="checklist",
                ),
                lang,
            ),
            _multi(ids.SECTORS, "sector", options.sectors(lang), state.sectors, lang),
            _multi(ids.LEVELS, "level", options.levels(lang), state.levels, lang),
            _multi(ids.STATUSES, "status", options.statuses(lang), state.statuses, lang),
            _control(
                ids.VIEW,
                "map_level",
                dcc.RadioItems(id=ids.VIEW, options=options.views(lang), value=state.view, inline=True),
                lang,
            ),
            html.Button(t("clear", lang), id=ids.CLEAR, n_clicks=0, className="clear"),
        ],
        className="filters",
        **{"aria-label": t("filters", lang)},
    )


def policy_panel(data: Atlas, state: ViewState, lang: str) -> html.Div:
    return html.Div(
        [
            html.H2(t("policy_panel", lang), id=ids.label(ids.MEASURE)),
            dcc.RadioItems(
                id=ids.MEASURE,
                options=options.measures(data, lang),
                value=state.measure or "",
                className="measures",
            ),
            html.Blockquote(id=ids.MEASURE_TEXT, className="measure-text"),
        ],
        className="policy-panel",
    )


def _axis_control(component_id: str, key: str, value: str, lang: str) -> html.Div:
    axis_options = options.indicators(atlas(), lang)
    dropdown = dcc.Dropdown(id=component_id, options=axis_options, value=value, clearable=False)
    return _control(component_id, key, dropdown, lang)


def charts(lang: str) -> html.Div:
    return html.Div(
        [
            dcc.Graph(id=ids.RANKING, config=CHART_CONFIG, className="chart"),
            html.Div(
                [
                    dcc.Graph(id=ids.TIMELINE, config=CHART_CONFIG, className="chart"),
                    dcc.Graph(id=ids.HUB_CHART, config=CHART_CONFIG, className="chart"),
                ],
                className="chart-column",
            ),
            html.Div(
                [
                    html.Div(
                        [
                            _axis_control(ids.SCATTER_X, "x_indicator", ViewState().x, lang),
                            _axis_control(ids.SCATTER_Y, "y_indicator", ViewState().y, lang),
                        ],
                        className="scatter-controls",
                    ),
                    dcc.Graph(id=ids.SCATTER, config=CHART_CONFIG, className="chart"),
                ],
                className="chart-column",
            ),
        ],
        className="charts",
    )


def table(lang: str) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.H2(t("table", lang), id=ids.label(ids.TABLE)),
                    html.Span(id=ids.TABLE_COUNT, className="count"),
                    html.Label(t("search", lang), htmlFor=ids.TABLE_SEARCH, className="visually-hidden"),
                    dcc.Input(
                        id=ids.TABLE_SEARCH,
                        type="search",
                        placeholder=t("search", lang),
                        debounce=False,
                        className="search",
                    ),
                ],
                className="table-head",
            ),
            grid.AtlasGrid(
                id=ids.TABLE,
                columnDefs=options.table_columns(lang),
                localeText=grid_locale(lang),
                style={"height": "420px"},
            ),
        ],
        className="table-panel",
    )


def _locale_table() -> dict:
    from callbacks.localize import locale_table  # the callbacks module builds what it switches

    return locale_table()


def layout(with_figure: bool = True) -> html.Div:
    """The page, built per load. ``with_figure=False`` leaves out the map's data: Dash embeds a
    validation copy of the layout in every page's HTML, which must not carry the geometry twice.
    """
    data = atlas()
    state = ViewState()
    lang = DEFAULT_LANG
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.STATE, data=None),  # filled from the URL by the first sync_state call
            dcc.Store(id=ids.HUB, data=None),
            dcc.Store(id=ids.HUB_SELECTION, data=[]),
            dcc.Store(id=ids.PICKED, data=[]),
            dcc.Store(id=ids.MAP_VIEW, data=None),
            dcc.Store(id=ids.PREF_LOADED, data=False),
            dcc.Store(id=ids.MAP_RENDERED, data=RENDERED_DEFAULT),
            dcc.Store(id=ids.LOCALE_TABLE, data=_locale_table() if with_figure else None),
            dcc.Store(id=ids.TABLE_SHOWN, data={"rows": False}),
            *[dcc.Store(id=ids.shown(c), data=None) for c in ids.CHARTS],
            html.Header(
                [html.H1(t("title", lang), id=ids.TITLE), html.P(t("subtitle", lang), id=ids.SUBTITLE)],
                className="header",
            ),
            html.Main(
                [
                    html.Aside(
                        [filters(data, state, lang), policy_panel(data, state, lang), export_panel.panel(lang)],
                        className="sidebar",
                    ),
                    html.Section(
                        [
                            dcc.Graph(
                                id=ids.MAP,
                                figure=json.loads(base_figure_json()) if with_figure else {},
                                config=MAP_CONFIG,
                                className="map",
                                style={"height": "640px"},
                            ),
                            html.Div(
                                [
                                    html.Div(id=ids.CARD, className="hub-card", **{"aria-live": "polite"}),
                                    table(lang),
                                ],
                                className="below-map",
                            ),
                            charts(lang),
                        ],
                        className="content",
                    ),
                ],
                className="main",
            ),
            html.Footer(localize_footer(lang), id=ids.FOOTER, className="footer"),
        ],
        className="page",
    )


def serve_layout_once(dash_app) -> None:
    """Serve ``/_dash-layout`` from bytes built once per process, gzipped for browsers that take it.

    The layout is the same for every visitor (the view comes from the URL, through the
    callbacks), and it carries the map's geometry: rebuilding and re-encoding ~1 MB per page
    load cost ~0.2 s of CPU, and sending it uncompressed ~4x the bytes on a slow link.
    """
    import gzip
    import threading

    from dash._utils import to_json
    from flask import Response, request

    endpoint = dash_app.config.routes_pathname_prefix + "_dash-layout"
    built: dict[str, bytes] = {}
    lock = threading.Lock()

    def serve():
        if not built:
            with lock:
                if not built:
                    body = to_json(dash_app.get_layout()).encode("utf-8")
                    built["gzip"] = gzip.compress(body, 6)
                    built["raw"] = body
        if "gzip" in request.accept_encodings:
            response = Response(built["gzip"], mimetype="application/json")
            response.headers["Content-Encoding"] = "gzip"
        else:
            response = Response(built["raw"], mimetype="application/json")
        response.headers["Vary"] = "Accept-Encoding"
        return response

    dash_app.server.view_functions[endpoint] = serve
