"""Text from the data inside Plotly strings.

Plotly reads a small HTML subset in titles, hovers and annotations (``<b>``, ``<br>``, ``<a>``…),
so a name from a data file must be escaped there to be shown as it is written: a hub called
``<img src=x onerror=alert(1)>`` shows those characters and nothing else. Dash components and
the AG Grid table render text as text already and must not be escaped.
"""

from __future__ import annotations

import html


def plain(text: object) -> str:
    """``text`` as literal characters in a Plotly string (None and NaN become '')."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return html.escape(str(text), quote=False)
