"""Text from the data inside Plotly strings.

Plotly reads a small HTML subset in titles, hovers and annotations (``<b>``, ``<br>``, ``<a>``…),
so a name from a data file must be escaped there to be shown as it is written: a hub called
``<img src=x onerror=alert(1)>`` shows those characters and nothing else. Dash components and
the AG Grid table render text as text already and must not be escaped.
"""

from __future__ import annotations

import html
import re


def plain(text: object) -> str:
    """``text`` as literal characters in a Plotly string (None and NaN become '')."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return html.escape(str(text), quote=False)


def indicator_short(name: str) -> str:
    """'研究与试验发展（R&D）经费投入强度' -> 'R&D经费投入强度' (titles, legends, file names); the
    same in Traditional characters ('研究與試驗發展（R&D）經費投入強度' -> 'R&D經費投入強度'), and
    in Plotly text, where the name is escaped ('R&amp;D').
    """
    return re.sub(r"研究[与與][试試][验驗][发發]展\s*[（(]R(&|&amp;)D[）)]\s*", r"R\1D", name)


def em_width(text: str) -> float:
    """About how wide ``text`` is, in font sizes: a CJK character one, any other about half."""
    return sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in text)


def wrap(text: str, width: int) -> str:
    """``text`` in lines of about ``width`` wide characters (a Latin letter counts half), broken at
    spaces where there are any, joined with <br> for a Plotly title or legend entry (charts sit in
    narrow panes).
    """
    lines, line, size = [], "", 0.0
    for piece in re.findall(r"\S+\s*|\s+", text) if " " in text else list(text):
        w = em_width(piece)
        if line and size + w > width:
            lines.append(line.rstrip())
            line, size = "", 0.0
        line += piece
        size += w
    return "<br>".join([*lines, line.rstrip()]) if line else "<br>".join(lines)
