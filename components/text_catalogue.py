"""Every text of the page outside the figures, the table's rows and the card, in each language.

``catalogue(data, lang)`` lists (component id, property, value) in a fixed order; the page holds the
list for every language (``locale_table``) and callbacks/localize.py switches it in the browser,
with no server call.
"""

from __future__ import annotations

import json

from dash import ALL

from compat.dash import to_json
from components import export_panel, ids, layer_panel, options
from components.footer import footer
from export.downloads import TABLES
from figures.charts import REGISTRY as CHART_KINDS
from layers import REGISTRY
from model.prepared import Prepared
from view.i18n import LANGS, normalize_lang, t
from view.widgets import dropdown_labels, grid_locale

LABELS = {
    ids.LANG: "language",
    ids.REGION: "region",
    ids.PROVINCES: "province",
    ids.INDICATOR: "indicator",
    ids.YEAR: "year",
    ids.LAYERS: "layers",
    "filters": "filters",
    ids.SECTORS: "sector",
    ids.LEVELS: "level",
    ids.STATUSES: "status",
    ids.VIEW: "map_level",
    ids.MEASURE: "policy_panel",
    ids.TABLE: "table",
    ids.SCATTER_X: "x_indicator",
    ids.SCATTER_Y: "y_indicator",
    ids.MAP_LEGEND: "legend",
    ids.PANEL_TOGGLE: "panel",
}
EXPORT_LABELS = {
    ids.EXPORT_BUTTON: "export",
    ids.EXPORT_WHAT: "export_what",
    ids.EXPORT_PRESET: "export_preset",
    ids.EXPORT_FORMAT: "export_format",
    ids.DATA_DOWNLOAD: "downloads",
    ids.EXPORT_WIDTH: "export_width",
    ids.EXPORT_HEIGHT: "export_height",
    ids.EXPORT_LINK: "export_link",
}
MULTI_DROPDOWNS = (ids.PROVINCES, ids.SECTORS, ids.LEVELS, ids.STATUSES)  # empty means "any"
ZOOM_KEYS = ("zoom_in", "zoom_out", "zoom_home")


def catalogue(data: Prepared, lang: str) -> list[tuple[object, str, object]]:
    """(component id, property, value) for every text of the page in ``lang``, in a fixed order."""
    lang = normalize_lang(lang)
    out: list[tuple[object, str, object]] = [(ids.label(k), "children", t(v, lang)) for k, v in LABELS.items()]
    out += [
        (ids.REGION, "options", options.regions(data, lang)),
        (ids.PROVINCES, "options", options.provinces(data, lang)),
        (ids.INDICATOR, "options", options.indicators(data, lang)),
        (ids.SECTORS, "options", options.sectors(lang)),
        (ids.LEVELS, "options", options.levels(lang)),
        (ids.STATUSES, "options", options.statuses(lang)),
        (ids.VIEW, "options", options.views(lang)),
        (ids.MEASURE, "options", options.measures(data, lang)),
        (ids.SCATTER_X, "options", options.indicators(data, lang)),
        (ids.SCATTER_Y, "options", options.indicators(data, lang)),
        (ids.BREAKS, "options", [{"label": t("breaks_toggle", lang), "value": "fixed"}]),
        (ids.TITLE, "children", t("title", lang)),
        (ids.SUBTITLE, "children", t("subtitle", lang)),
        (ids.CLEAR, "children", t("clear", lang)),
        (ids.PANEL_TOGGLE, "title", t("show_panel", lang)),
        (ids.TABLE_SEARCH, "placeholder", t("search", lang)),
        (ids.label(ids.TABLE_SEARCH), "children", t("search", lang)),
        (ids.SIDEBAR, "aria-label", t("panel", lang)),
        (ids.MAP_PANE, "aria-label", t("what_map", lang)),
        (ids.FOOTER, "children", footer(data, lang)),
        (ids.PLAY, "children", t("play", lang)),
        *[(k, "placeholder", t("any", lang)) for k in MULTI_DROPDOWNS],
        *[(k, "labels", dropdown_labels(lang)) for k in ids.DROPDOWNS],
        (ids.EXPORT_WHAT, "options", export_panel.what_options(lang)),
        (ids.EXPORT_PRESET, "options", export_panel.preset_options(lang)),
        (ids.EXPORT_BUTTON, "children", t("export_button", lang)),
        *[(ids.label(k), "children", t(v, lang)) for k, v in EXPORT_LABELS.items()],
        (ids.EXPORT_COPY, "children", t("copy_link", lang)),
        *[(ids.EXPORT_STATUS, attr, text) for attr, text in export_panel.status_words(lang).items()],
        *[(ids.EXPORT_SIZE, attr, text) for attr, text in export_panel.size_words(lang).items()],
        *[
            (ids.download(table, fmt), "children", export_panel.download_label(table, fmt, lang))
            for table, spec in TABLES.items()
            for fmt in spec.formats
        ],
        (ids.TABLE, "columnDefs", options.table_columns(lang)),
        (ids.TABLE, "localeText", grid_locale(lang)),
        (ids.TABLE, "lang", lang),  # the order its text sorts in
        (ids.CARD_CLOSE, "title", t("close", lang)),
        (ids.CARD_CLOSE, "aria-label", t("close", lang)),
        (ids.LAYERS_ALL, "children", t("layers_all", lang)),
        (ids.LAYERS_NONE, "children", t("layers_none", lang)),
        (ids.layer_row("toggle", ALL), "options", [layer_panel.row_options(k, lang) for k in REGISTRY]),
        (ids.layer_row("only", ALL), "children", [t("layer_only", lang)] * len(REGISTRY)),
        (ids.layer_row("only", ALL), "aria-label", [layer_panel.only_label(k, lang) for k in REGISTRY]),
        *[(zid, "title", t(k, lang)) for zid, k in zip(ids.ZOOM, ZOOM_KEYS)],
        *[(zid, "aria-label", t(k, lang)) for zid, k in zip(ids.ZOOM, ZOOM_KEYS)],
        ("map-frame", "aria-label", t("map_label", lang)),
        ("skip-map", "children", t("skip_map", lang)),
        ("skip-table", "children", t("skip_table", lang)),
        *[
            (f"{spec.component_id}-frame", "aria-label", t("chart_label", lang).format(title=t(spec.label, lang)))
            for spec in CHART_KINDS.values()
        ],
    ]
    return out


def locale_table(data: Prepared) -> dict[str, list]:
    """The catalogue's values in every language, as JSON: the page holds it and switches with no
    server call (once per data version).
    """
    return data.derived(
        "locale-table", lambda: {lang: json.loads(to_json([v for _, _, v in catalogue(data, lang)])) for lang in LANGS}
    )


def outputs(data: Prepared) -> list[tuple[object, str]]:
    """The (component id, property) pairs of the catalogue, in its order."""
    return [(c, p) for c, p, _ in catalogue(data, LANGS[0])]
