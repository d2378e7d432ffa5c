"""The dashboard layout: a page built around the map.

The first screen is the map with its legend, a side pane (the hub card and the ranking, the
linked chart) and a collapsible panel of layers, filters, the sixteen measures and export. On a
laptop (1366×768) and a big screen all of it fits in the viewport; on a phone the map comes first,
full width, and the panel is a drawer (assets/style.css). Below the first screen: the hub table
and the other charts.

``layout()`` is called once per process (see ``serve_layout_once``); option labels are set in the
default language here and re-labelled by callbacks/localize.py when the language changes.
"""

from __future__ import annotations

import json

from dash import dcc, html

from compat.dash import replace_route, to_json
from components import chart_panel, export_panel, grid, ids, layer_panel, legend, options
from components.dropdown import dropdown
from components.footer import footer as localize_footer
from components.graph_config import graph_config
from components.text_catalogue import locale_table
from figures.charts import REGISTRY as CHART_KINDS
from figures.map import base_figure_json
from figures.patching import shown
from model.prepared import Prepared
from view.i18n import DEFAULT_LANG, LANG_LABELS, LANGS, t
from view.search import MAX_SEARCH
from view.state import ViewState
from view.widgets import grid_locale

SEARCH_PAUSE = 0.3  # seconds without a keystroke before the search box's text becomes the state


def _control(component_id: str, key: str, control, lang: str) -> html.Div:
    return chart_panel.labelled(component_id, key, control, lang)


def _multi(component_id: str, key: str, opts: list[dict], values, lang: str) -> html.Div:
    """A multi-select dropdown whose empty value means 'any'."""
    control = dropdown(component_id, lang, placeholder=t("any", lang), options=opts, value=list(values), multi=True)
    return _control(component_id, key, control, lang)


def filters(data: Prepared, state: ViewState, lang: str) -> html.Div:
    vocab = data.vocab
    years = vocab.years_of(state.indicator)
    return html.Div(
        [
            _control(
                ids.REGION,
                "region",
                dropdown(ids.REGION, lang, options=options.regions(data, lang), value=state.region, clearable=False),
                lang,
            ),
            _multi(ids.PROVINCES, "province", options.provinces(data, lang), state.provinces, lang),
            _control(
                ids.INDICATOR,
                "indicator",
                dropdown(
                    ids.INDICATOR,
                    lang,
                    options=options.indicators(data, lang),
                    value=state.indicator,
                    clearable=False,
                    optionHeight=48,  # long indicator names wrap instead of being cut
                    className="indicator-dropdown",
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
                                marks=options.year_marks(years),
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
            _multi(ids.SECTORS, "sector", options.sectors(lang), state.sectors, lang),
            _multi(ids.LEVELS, "level", options.levels(lang), state.levels, lang),
            _multi(ids.STATUSES, "status", options.statuses(lang), state.statuses, lang),
            _control(
                ids.VIEW,
                "map_level",
                dcc.RadioItems(id=ids.VIEW, options=options.views(lang), value=state.view, inline=True),
                lang,
            ),
        ],
        className="filters",
    )


def policy_panel(data: Prepared, state: ViewState, lang: str) -> html.Div:
    return html.Div(
        [
            dcc.RadioItems(
                id=ids.MEASURE,
                options=options.measures(data, lang),
                value=state.measure or "",
                className="measures",
            ),
            html.Blockquote(id=ids.MEASURE_TEXT, className="measure-text"),
        ],
        className="policy-panel",
        role="group",
        **{"aria-labelledby": ids.label(ids.MEASURE)},
    )


def _section(key: str, label_id: str, body, lang: str, open_: bool = True) -> html.Details:
    return html.Details(
        [html.Summary(html.H2(t(key, lang), id=label_id)), body],
        open=open_,
        className="panel-section",
    )


def sidebar(data: Prepared, state: ViewState, lang: str) -> html.Aside:
    """The panel: layers (the map's symbol legend), filters, measures, export; each collapsible."""
    return html.Aside(
        [
            _section("layers", ids.label(ids.LAYERS), layer_panel.panel(lang), lang),
            _section("filters", ids.label("filters"), filters(data, state, lang), lang),
            _section("policy_panel", ids.label(ids.MEASURE), policy_panel(data, state, lang), lang, open_=False),
            _section("export", ids.label(ids.EXPORT_BUTTON), export_panel.panel(lang), lang, open_=False),
        ],
        id=ids.SIDEBAR,
        className="sidebar",
        **{"aria-label": t("panel", lang)},
    )


def table(lang: str) -> html.Section:
    return html.Section(
        [
            html.Div(
                [
                    html.H2(t("table", lang), id=ids.label(ids.TABLE)),
                    html.Span(id=ids.TABLE_COUNT, className="count", role="status"),
                    html.Label(
                        t("search", lang),
                        htmlFor=ids.TABLE_SEARCH,
                        id=ids.label(ids.TABLE_SEARCH),
                        className="visually-hidden",
                    ),
                    dcc.Input(
                        id=ids.TABLE_SEARCH,
                        type="search",
                        placeholder=t("search", lang),
                        # a filter of the whole view, in the URL: sent once typing pauses
                        debounce=SEARCH_PAUSE,
                        maxLength=MAX_SEARCH,
                        className="search",
                    ),
                ],
                className="table-head",
            ),
            grid.AtlasGrid(
                id=ids.TABLE,
                columnDefs=options.table_columns(lang),
                localeText=grid_locale(lang),
                lang=lang,
                style={"height": "420px"},
            ),
            html.P(id=ids.TABLE_AREAS, className="table-areas", role="note"),
        ],
        className="table-panel",
        id=ids.TABLE_PANEL,
        **{"aria-labelledby": ids.label(ids.TABLE)},
    )


def map_pane(data: Prepared, lang: str, with_figure: bool) -> html.Section:
    zoom_keys = ("zoom_in", "zoom_out", "zoom_home")
    zoom_marks = ("+", "−", "⌂")
    return html.Section(
        [
            html.Details(
                [
                    html.Summary(t("legend", lang), id=ids.label(ids.MAP_LEGEND), className="legend-summary"),
                    dcc.Checklist(
                        id=ids.BREAKS,
                        options=[{"label": t("breaks_toggle", lang), "value": "fixed"}],
                        value=["fixed"],
                        className="breaks-toggle",
                    ),
                    html.Div(id=ids.MAP_LEGEND, className="legend-body", style=legend.swatch_styles()),
                ],
                open=True,
                className="map-legend",
            ),
            html.Div(
                [
                    # over the map, not above it: a note that comes and goes must not resize the map
                    # (a resize is a second full redraw of the geo, ~300 ms)
                    html.Div(id=ids.MAP_NOTE, className="map-note", role="status", **{"aria-live": "polite"}),
                    dcc.Graph(
                        id=ids.MAP,
                        figure=json.loads(base_figure_json(data)) if with_figure else {},
                        config=graph_config("map", DEFAULT_LANG),
                        className="map",
                        responsive=True,
                        style={"height": "100%"},
                    ),
                    html.Div(
                        [
                            html.Button(
                                mark, id=zid, title=t(key, lang), className="zoom", **{"aria-label": t(key, lang)}
                            )
                            for zid, key, mark in zip(ids.ZOOM, zoom_keys, zoom_marks)
                        ],
                        className="map-zoom",
                        role="group",
                    ),
                    # over the South China Sea inset: it is a fixed frame, not a second map to pan
                    html.Div(className="inset-guard", **{"aria-hidden": "true"}),
                ],
                className="map-frame",
                tabIndex="0",
                id="map-frame",
                role="application",
                **{"aria-label": t("map_label", lang), "aria-describedby": ids.MAP_NOTE},
            ),
            html.Div(id=ids.MAP_NOTICE, className="map-notice", role="alert"),
        ],
        className="map-pane",
        id=ids.MAP_PANE,
        **{"aria-label": t("what_map", lang)},
    )


def side_pane(data: Prepared, lang: str) -> html.Aside:
    return html.Aside(
        [
            html.Div(
                [
                    html.Button(
                        "×",
                        id=ids.CARD_CLOSE,
                        n_clicks=0,
                        hidden=True,
                        className="card-close",
                        title=t("close", lang),
                        **{"aria-label": t("close", lang)},
                    ),
                    html.Div(id=ids.CARD, **{"aria-live": "polite"}),
                ],
                className="hub-card",
            ),
            *chart_panel.charts(data, "side", lang),
        ],
        className="side-pane",
    )


def topbar(state: ViewState, lang: str) -> html.Header:
    return html.Header(
        [
            html.Button(
                [
                    html.Span("☰", **{"aria-hidden": "true"}),
                    html.Span(t("panel", lang), id=ids.label(ids.PANEL_TOGGLE)),
                ],
                id=ids.PANEL_TOGGLE,
                className="panel-toggle",
                title=t("show_panel", lang),
                **{"aria-controls": ids.SIDEBAR, "aria-expanded": "true"},
            ),
            html.Div(
                [html.H1(t("title", lang), id=ids.TITLE), html.P(t("subtitle", lang), id=ids.SUBTITLE)],
                className="titles",
            ),
            html.Div(
                [
                    html.Span(t("language", lang), id=ids.label(ids.LANG), className="visually-hidden"),
                    dcc.RadioItems(
                        id=ids.LANG,
                        options=[{"label": LANG_LABELS[x], "value": x} for x in LANGS],
                        value=state.lang,
                        inline=True,
                        className="lang-switch",
                    ),
                ],
                role="radiogroup",
                **{"aria-labelledby": ids.label(ids.LANG)},
            ),
            html.Button(t("clear", lang), id=ids.CLEAR, n_clicks=0, className="clear"),
        ],
        className="topbar",
    )


def layout(data: Prepared, with_figure: bool = True) -> html.Div:
    """The page, built per process. ``with_figure=False`` leaves out the map's data: Dash embeds a
    validation copy of the layout in every page's HTML, which must not carry the geometry twice.
    """
    state = ViewState()
    lang = DEFAULT_LANG
    return html.Div(
        [
            html.A(t("skip_map", lang), href="#map-frame", className="skip-link", id="skip-map"),
            html.A(t("skip_table", lang), href=f"#{ids.TABLE_PANEL}", className="skip-link", id="skip-table"),
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.STATE, data=None),  # filled from the URL by the first sync_state call
            dcc.Store(id=ids.CANONICAL, data=None),
            dcc.Store(id=ids.HUB, data=None),
            dcc.Store(id=ids.HUB_SELECTION, data=[]),
            dcc.Store(id=ids.PICKED, data=[]),
            dcc.Store(id=ids.MAP_VIEW, data=None),
            dcc.Store(id=ids.LAYERS, data=list(data.vocab.layers)),
            dcc.Store(id=ids.MAP_CLICK, data=None),
            dcc.Store(id=ids.CHART_PICK, data=None),
            dcc.Store(id=ids.LAYER_COUNTS, data=None),
            dcc.Store(id=ids.shown(ids.MAP_LEGEND), data=None),
            dcc.Store(id=ids.YEAR_RANGES, data=options.year_ranges(data.vocab, data.version)),
            dcc.Store(id=ids.PREF_LOADED, data=False),
            dcc.Store(id=ids.shown(ids.MAP), data=shown(data, state)),  # base_figure_json's state
            dcc.Store(id=ids.LOCALE_TABLE, data=locale_table(data) if with_figure else None),
            dcc.Store(id=ids.TABLE_SHOWN, data={"rows": False}),
            *[dcc.Store(id=ids.shown(s.component_id), data=None) for s in CHART_KINDS.values()],
            topbar(state, lang),
            html.Main(
                [sidebar(data, state, lang), map_pane(data, lang, with_figure), side_pane(data, lang)],
                className="workspace",
                id="workspace",
            ),
            html.Div([table(lang), chart_panel.more_charts(data, lang)], className="details"),
            html.Footer(localize_footer(data, lang), id=ids.FOOTER, className="footer"),
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

    from flask import Response, request

    built: dict[str, dict[str, bytes]] = {}  # data version -> its layout, raw and gzipped
    lock = threading.Lock()

    def serve():
        from model.prepared import current  # the version this request is pinned to

        version = current().version
        found = built.get(version)
        if found is None:
            with lock:
                found = built.get(version)
                if found is None:
                    body = to_json(dash_app.get_layout()).encode("utf-8")
                    built.clear()  # an older version's layout is not served again
                    found = built[version] = {"gzip": gzip.compress(body, 6), "raw": body}
        if "gzip" in request.accept_encodings:
            response = Response(found["gzip"], mimetype="application/json")
            response.headers["Content-Encoding"] = "gzip"
        else:
            response = Response(found["raw"], mimetype="application/json")
        response.headers["Vary"] = "Accept-Encoding"
        return response

    replace_route(dash_app, "_dash-layout", serve)
