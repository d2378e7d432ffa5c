"""The export panel: slide-ready figures and exactly-what-you-see data, each at a file URL.

The figure's format, size and content choose an address (serving/files.py) that the page shows
as a link to copy; "Export figure" fetches it (assets/export.js). Each data download is a link
to its file, kept on the page's view by a clientside callback (callbacks/export.py). The formats
and tables come from their registries (export.render.FORMATS, export.downloads.TABLES).
"""

from __future__ import annotations

from dash import dcc, html

from components import ids
from components.dropdown import dropdown
from export.downloads import TABLES
from export.render import FORMATS, PRESETS
from figures.charts import REGISTRY as CHART_KINDS
from view.i18n import label, t


def what_options(lang: str) -> list[dict]:
    """What can be exported (export.render.whats): the map, a slide, then each chart kind."""
    charts = [{"label": t(spec.label, lang), "value": key} for key, spec in CHART_KINDS.items()]
    return [{"label": t("what_map", lang), "value": "map"}, {"label": t("what_slide", lang), "value": "slide"}, *charts]


def preset_options(lang: str) -> list[dict]:
    presets = [{"label": label(p.label_zh, p.label_en, lang), "value": k} for k, p in PRESETS.items()]
    return [*presets, {"label": t("custom_size", lang), "value": "custom"}]


def download_label(table: str, fmt: str, lang: str) -> str:
    """'载体 CSV', 'Indicator XLSX'… (the table's short name and the format)."""
    return f"{t(TABLES[table].label + '_short', lang)} {fmt.upper()}"


def size_words(lang: str) -> dict[str, str]:
    """The custom size's title, and the names of its number boxes' − and + buttons as data-*
    attributes: Dash 4's dcc.Input names them "Decrease value" and "Increase value" in English,
    with no prop to change it; assets/dash-a11y.js names them from these.
    """
    return {
        "title": t("export_size", lang),
        "data-decrease": t("stepper_decrease", lang),
        "data-increase": t("stepper_increase", lang),
    }


def status_words(lang: str) -> dict[str, str]:
    """The export status line's words, as data-* attributes read by assets/export.js."""
    return {
        "data-exporting": t("exporting", lang),
        "data-busy": t("export_busy_retrying", lang),
        "data-failed": t("export_failed", lang),
        "data-done": t("exported", lang),
        "data-copied": t("link_copied", lang),
        "data-copy-failed": t("link_copy_failed", lang),
    }


DEFAULT_PRESET = "slide-16x9"


def panel(lang: str) -> html.Div:
    default = PRESETS[DEFAULT_PRESET].file_size("png")  # the size boxes show the file's (callbacks/export.py)
    return html.Div(
        [
            html.Label(t("export_what", lang), htmlFor=ids.EXPORT_WHAT, id=ids.label(ids.EXPORT_WHAT)),
            dropdown(ids.EXPORT_WHAT, lang, options=what_options(lang), value="slide", clearable=False),
            html.Label(t("export_preset", lang), htmlFor=ids.EXPORT_PRESET, id=ids.label(ids.EXPORT_PRESET)),
            dropdown(ids.EXPORT_PRESET, lang, options=preset_options(lang), value=DEFAULT_PRESET, clearable=False),
            html.Div(
                [
                    html.Label(
                        t("export_width", lang),
                        htmlFor=ids.EXPORT_WIDTH,
                        id=ids.label(ids.EXPORT_WIDTH),
                        className="visually-hidden",
                    ),
                    dcc.Input(id=ids.EXPORT_WIDTH, type="number", min=400, max=6000, step=1, value=default[0]),
                    html.Span("×"),
                    html.Label(
                        t("export_height", lang),
                        htmlFor=ids.EXPORT_HEIGHT,
                        id=ids.label(ids.EXPORT_HEIGHT),
                        className="visually-hidden",
                    ),
                    dcc.Input(id=ids.EXPORT_HEIGHT, type="number", min=400, max=6000, step=1, value=default[1]),
                    html.Span("px"),
                ],
                className="custom-size",
                id=ids.EXPORT_SIZE,
                **size_words(lang),
            ),
            html.Label(t("export_format", lang), id=ids.label(ids.EXPORT_FORMAT)),
            dcc.RadioItems(
                id=ids.EXPORT_FORMAT,
                options=[{"label": f.upper(), "value": f} for f in FORMATS],
                value="png",
                inline=True,
            ),
            html.Button(t("export_button", lang), id=ids.EXPORT_BUTTON, n_clicks=0, className="clear"),
            html.Div(
                [
                    html.Label(t("export_link", lang), htmlFor=ids.EXPORT_LINK, id=ids.label(ids.EXPORT_LINK)),
                    dcc.Input(id=ids.EXPORT_LINK, type="text", readOnly=True, value="", className="export-link"),
                    html.Button(t("copy_link", lang), id=ids.EXPORT_COPY, n_clicks=0, className="play"),
                ],
                className="export-link-row",
            ),
            html.Div(
                id=ids.EXPORT_STATUS,
                className="export-status",
                role="status",
                **{"aria-live": "polite"},
                **status_words(lang),
            ),
            html.H3(t("downloads", lang), id=ids.label(ids.DATA_DOWNLOAD)),
            html.Div(
                [
                    html.A(
                        download_label(table, fmt, lang),
                        id=ids.download(table, fmt),
                        href=f"download/{table}.{fmt}",
                        download="",
                        className="play download-link",
                    )
                    for table, spec in TABLES.items()
                    for fmt in spec.formats
                ],
                className="download-buttons",
                id=ids.DATA_DOWNLOAD,
            ),
        ],
        className="export-panel",
    )
