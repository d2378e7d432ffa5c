"""The export panel: slide-ready figures and exactly-what-you-see data."""

from __future__ import annotations

from dash import dcc, html

from components import ids
from export.render import FORMATS, PRESETS
from figures.charts import REGISTRY as CHART_KINDS
from view.i18n import label, t

DATA_LABELS = ("hubs_csv", "hubs_xlsx", "hubs_geojson", "data_csv", "data_xlsx")


def what_options(lang: str) -> list[dict]:
    """What can be exported (export.render.whats): the map, a slide, then each chart kind."""
    charts = [{"label": t(spec.label, lang), "value": key} for key, spec in CHART_KINDS.items()]
    return [{"label": t("what_map", lang), "value": "map"}, {"label": t("what_slide", lang), "value": "slide"}, *charts]


def preset_options(lang: str) -> list[dict]:
    presets = [{"label": label(p.label_zh, p.label_en, lang), "value": k} for k, p in PRESETS.items()]
    return [*presets, {"label": t("custom_size", lang), "value": "custom"}]


def panel(lang: str) -> html.Div:
    return html.Div(
        [
            html.Label(t("export_what", lang), htmlFor=ids.EXPORT_WHAT, id=ids.label(ids.EXPORT_WHAT)),
            dcc.Dropdown(id=ids.EXPORT_WHAT, options=what_options(lang), value="slide", clearable=False),
            html.Label(t("export_preset", lang), htmlFor=ids.EXPORT_PRESET, id=ids.label(ids.EXPORT_PRESET)),
            dcc.Dropdown(id=ids.EXPORT_PRESET, options=preset_options(lang), value="slide-16x9", clearable=False),
            html.Div(
                [
                    html.Label(
                        t("export_width", lang),
                        htmlFor=ids.EXPORT_WIDTH,
                        id=ids.label(ids.EXPORT_WIDTH),
                        className="visually-hidden",
                    ),
                    dcc.Input(id=ids.EXPORT_WIDTH, type="number", min=200, max=6000, step=1, value=1600),
                    html.Span("×"),
                    html.Label(
                        t("export_height", lang),
                        htmlFor=ids.EXPORT_HEIGHT,
                        id=ids.label(ids.EXPORT_HEIGHT),
                        className="visually-hidden",
                    ),
                    dcc.Input(id=ids.EXPORT_HEIGHT, type="number", min=200, max=6000, step=1, value=900),
                    html.Span("px"),
                ],
                className="custom-size",
                title="width × height (custom)",
            ),
            html.Label(t("export_format", lang), id=ids.label(ids.EXPORT_FORMAT)),
            dcc.RadioItems(
                id=ids.EXPORT_FORMAT,
                options=[{"label": f.upper(), "value": f} for f in FORMATS],
                value="png",
                inline=True,
            ),
            html.Button(t("export_button", lang), id=ids.EXPORT_BUTTON, n_clicks=0, className="clear"),
            html.Div(id=ids.EXPORT_STATUS, className="export-status", role="status", **{"aria-live": "polite"}),
            dcc.Download(id=ids.EXPORT_DOWNLOAD),
            dcc.Store(id=ids.EXPORT_JOB, data=None),
            dcc.Interval(id=ids.EXPORT_POLL, interval=400, disabled=True),
            html.H3(t("downloads", lang), id=ids.label(ids.DATA_DOWNLOAD)),
            html.Div(
                [
                    html.Button(t(k, lang), id=b, n_clicks=0, className="play")
                    for k, b in zip(DATA_LABELS, ids.DATA_BUTTONS)
                ],
                className="download-buttons",
            ),
            dcc.Download(id=ids.DATA_DOWNLOAD),
        ],
        className="export-panel",
    )
