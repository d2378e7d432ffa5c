"""Every graph's config follows the language switch in the browser (plotly.js's own words).

The configs of the three languages come with the page (components/graph_config.py). dcc.Graph
applies a new config with its next figure, which the same language change sends.
"""

from __future__ import annotations

import json

from dash import Input, Output, clientside_callback

from components import ids
from components.graph_config import GRAPHS, configs_by_lang
from view.i18n import DEFAULT_LANG

clientside_callback(
    f"""function(lang) {{
        const configs = {json.dumps(configs_by_lang(), ensure_ascii=False, sort_keys=True)};
        const chosen = configs[lang] || configs[{json.dumps(DEFAULT_LANG)}];
        return {json.dumps(list(GRAPHS))}.map(id => chosen[id]);
    }}""",
    *[Output(gid, "config") for gid in GRAPHS],
    Input(ids.LANG, "value"),
    prevent_initial_call=True,  # the layout builds the graphs in the default language
)
