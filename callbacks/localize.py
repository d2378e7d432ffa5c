"""Every label, option list and text of the page follows the language switch, in the browser.

The page holds every language's texts (components/text_catalogue.py, in the LOCALE_TABLE store);
switching picks one list: no server call.
"""

from __future__ import annotations

from dash import Input, Output, State, clientside_callback

from components import ids
from components.text_catalogue import outputs
from model.prepared import current

LOCALIZED = [Output(c, p, allow_duplicate=True) if c == ids.PLAY else Output(c, p) for c, p in outputs(current())]

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
