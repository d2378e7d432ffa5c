"""Type and room on an export's canvas: the smallest type a preset allows, the footer's height and
the room a chart's axis labels take, all in CSS px.

The page's charts sit in narrow panes with 8-9 px legends and ticks; on a 1920×1080 slide that
type is a tenth of a centimetre on a projector. An export raises every text of a chart to the
preset's minimum, and reserves its bottom margin from the lines its footer and tick labels really
take, so no line is cut at the canvas's edge whatever the kind, the size or the language.
"""

from __future__ import annotations

import math

from figures.text import em_width

LINE_HEIGHT = 1.3  # Plotly's line spacing, in font sizes (its LINE_SPACING)
BASE_PX, BASE_AREA = 14, 1920 * 1080  # the smallest type on a 16:9 slide, and that slide's area
FLOOR_PX = 10  # never smaller, on any canvas (an A4 page at 300 dpi: about 7.5 pt)
FONT_KEYS = ("font", "tickfont", "textfont", "insidetextfont", "outsidetextfont")


def text_px(width: int, height: int) -> int:
    """The smallest type of an export of ``width`` × ``height`` CSS px: 14 px on a 1920×1080 slide,
    scaled with the square root of the canvas's area (type grows with the page), at least 10 px.
    """
    return max(FLOOR_PX, round(BASE_PX * math.sqrt(width * height / BASE_AREA)))


def raise_type(node, px: int, key: str = "") -> None:
    """Raise, in place, every font size under ``node`` (a figure dict, its layout or traces) that
    is below ``px`` to ``px``; a font dict with no size gets ``px`` too (it would inherit the
    page's small one). Larger sizes (titles) stay.
    """
    if isinstance(node, dict):
        if key in FONT_KEYS:
            size = node.get("size")
            if not isinstance(size, (int, float)) or size < px:
                node["size"] = px
        for k, v in node.items():
            if k != "template":  # the template's fonts are defaults the figure's own settings override
                raise_type(v, px, k)
    elif isinstance(node, list):
        for item in node:
            raise_type(item, px, key)


def lines(markup: str) -> int:
    """How many lines a Plotly text (lines joined by <br>) takes."""
    return markup.replace("<br/>", "<br>").replace("<br />", "<br>").count("<br>") + 1


def text_width(text: str, px: float) -> float:
    """About how wide ``text`` is at ``px``, in px: figures.text.em_width font sizes."""
    return em_width(text) * px


def footer_px(markup: str, px: float) -> int:
    """The height of a footer of ``markup`` at ``px``: each of its lines, half a line below the last
    (CJK faces descend below Plotly's line box) and a gap above the first.
    """
    return math.ceil((lines(markup) + 0.5) * px * LINE_HEIGHT) + 12


def labels_px(ticks: list[str], px: float, angle: float, title_lines: int) -> int:
    """The room below a chart's plot for its tick labels (``angle`` in degrees: 0 horizontal, -45
    slanted) and an axis title of ``title_lines`` lines, at ``px``.
    """
    longest = max((text_width(t, px) for t in ticks), default=0.0)
    tick = px * LINE_HEIGHT if not angle else longest * abs(math.sin(math.radians(angle))) + px
    return math.ceil(tick + title_lines * px * LINE_HEIGHT + 16)


def fits_level(ticks: list[str], px: float, plot_width: float) -> bool:
    """Whether the tick labels fit side by side, horizontally, under a plot ``plot_width`` wide."""
    if not ticks:
        return True
    return max(text_width(t, px) for t in ticks) * 1.15 < plot_width / len(ticks)
