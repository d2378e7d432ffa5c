"""Every label, option list and text of the page follows the language switch."""

from __future__ import annotations

import json
from functools import lru_cache

from dash import Input, Output, State, clientside_callback
from dash._utils import to_json

from atlas.data import atlas
from atlas.i18n import LANGS, grid_locale, normalize_lang, t
from components import export_panel, ids, options
from components.footer import footer

LABELS = {
    ids.LANG: "language",
    ids.REGION: "region",
    ids.PROVINCES: "province",
    ids.INDICATOR: "indicator",
    ids.YEAR: "year",
    ids.LAYERS: "layers",
    ids.SECTORS: "sector",
    ids.LEVELS: "level",
    ids.STATUSES: "status",
    ids.VIEW: "map_level",
    ids.MEASURE: "policy_panel",
    ids.TABLE: "table",
    ids.SCATTER_X: "x_indicator",
    ids.SCATTER_Y: "y_indicator",
}
EXPORT_LABELS = {
    ids.EXPORT_BUTTON: "export",
    ids.EXPORT_WHAT: "export_what",
    ids.EXPORT_PRESET: "export_preset",
    ids.EXPORT_FORMAT: "export_format",
    ids.DATA_DOWNLOAD: "downloads",
}
MULTI_DROPDOWNS = (ids.PROVINCES, ids.SECTORS, ids.LEVELS, ids.STATUSES)  # empty means "any"
OPTION_IDS = (
    ids.REGION,
    ids.PROVINCES,
    ids.INDICATOR,
    ids.LAYERS,
    ids.SECTORS,
    ids.LEVELS,
    ids.STATUSES,
    ids.VIEW,
    ids.MEASURE,
    ids.SCATTER_X,
    ids.SCATTER_Y,
)


def texts(lang: str) -> dict:
    """Everything language-dependent on the page outside the figures, the table and the card."""
    data = atlas()
    lang = normalize_lang(lang)
    opts = {
        ids.REGION: options.regions(data, lang),
        ids.PROVINCES: options.provinces(lang),
        ids.INDICATOR: options.indicators(data, lang),
        ids.LAYERS: options.layers(lang),
        ids.SECTORS: options.sectors(lang),
        ids.LEVELS: options.levels(lang),
        ids.STATUSES: options.statuses(lang),
        ids.VIEW: options.views(lang),
        ids.MEASURE: options.measures(data, lang),
        ids.SCATTER_X: options.indicators(data, lang),
        ids.SCATTER_Y: options.indicators(data, lang),
    }
    return {
        "labels": {k: t(v, lang) for k, v in LABELS.items()},
        "options": opts,
        "title": t("title", lang),
        "subtitle": t("subtitle", lang),
        "clear": t("clear", lang),
        "search": t("search", lang),
        "footer": footer(lang),
    }


LOCALIZED = [
    *[Output(ids.label(k), "children") for k in LABELS],
    *[Output(k, "options") for k in OPTION_IDS],
    Output(ids.TITLE, "children"),
    Output(ids.SUBTITLE, "children"),
    Output(ids.CLEAR, "children"),
    Output(ids.TABLE_SEARCH, "placeholder"),
    Output(ids.FOOTER, "children"),
    Output(ids.PLAY, "children", allow_duplicate=True),
    *[Output(k, "placeholder") for k in MULTI_DROPDOWNS],
    Output(ids.EXPORT_WHAT, "options"),
    Output(ids.EXPORT_PRESET, "options"),
    Output(ids.EXPORT_BUTTON, "children"),
    *[Output(ids.label(k), "children") for k in EXPORT_LABELS],
    *[Output(b, "children") for b in ids.DATA_BUTTONS],
    Output(ids.TABLE, "columnDefs"),
    Output(ids.TABLE, "localeText"),
    Output(ids.TABLE, "lang"),  # the order its text sorts in
]


def localize(lang):
    """Every label, option list and text of the page in ``lang``, in the order of LOCALIZED."""
    x = texts(lang)
    return (
        *[x["labels"][k] for k in LABELS],
        *[x["options"][k] for k in OPTION_IDS],
        x["title"],
        x["subtitle"],
        x["clear"],
        x["search"],
        x["footer"],
        t("play", normalize_lang(lang)),
        *[t("any", normalize_lang(lang))] * len(MULTI_DROPDOWNS),
        export_panel.what_options(normalize_lang(lang)),
        export_panel.preset_options(normalize_lang(lang)),
        t("export_button", lang),
        *[t(v, lang) for v in EXPORT_LABELS.values()],
        *[t(k, lang) for k in export_panel.DATA_LABELS],
        options.table_columns(normalize_lang(lang)),
        grid_locale(lang),
        normalize_lang(lang),
    )


@lru_cache(maxsize=1)
def locale_table() -> dict[str, list]:
    """localize() in every language, as JSON: the page holds it and switches with no server call."""
    return {lang: json.loads(to_json(list(localize(lang)))) for lang in LANGS}


# The language switch relabels the page in the browser (the three languages came with the page).
clientside_callback(
    """function(lang, table) {
        const out = table && (table[lang] || table['zh-Hans']);
        return out || window.dash_clientside.no_update;
    }""",
    *LOCALIZED,
    Input(ids.LANG, "value"),
    State(ids.LOCALE_TABLE, "data"),
    prevent_initial_call=True,  # the layout is built in the default language
)


clientside_callback(
    """function(title, lang) {
        document.documentElement.lang = lang || 'zh-Hans';
        document.title = title;
        return title;
    }""",
    Output(ids.TITLE, "title"),
    Input(ids.TITLE, "children"),
    Input(ids.LANG, "value"),
)
