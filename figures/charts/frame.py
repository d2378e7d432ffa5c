"""What every linked chart shares: its frame (title, source line, fonts), names and helpers.

Charts are plain figure dicts built from the lookup tables (model/lookup.py): a state never seen
before costs well under a millisecond, where ``go.Figure`` and pandas queries took 20-45 ms.
"""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import plotly.graph_objects as go

from figures.palette import SOURCE_TEXT
from figures.text import plain, wrap
from model.regions import PROVINCES
from view.i18n import font_family, pick


@cache
def template() -> dict:
    """Plotly's default template as JSON (what a ``go.Figure`` carries), built once."""
    return json.loads(go.Figure().to_json())["layout"]["template"]


def province_name(adcode: str, lang: str) -> str:
    """A province's name in ``lang`` (short in Chinese, e.g. 四川); any other adcode (e.g. 100000) is China."""
    short, en = PROVINCES.get(adcode, ("全国", "China"))
    return pick(short, en, lang)


def figure(data: list[dict], layout: dict, title: str, source: str, lang: str, height: int | None = None) -> dict:
    """A chart as a plain figure dict (JSON types only), in the atlas's common frame (fonts of
    ``lang``); without a height it fills its box on the page (exports give their own size).
    """
    source = "<br>".join(wrap(line, 40) for line in source.split("<br>"))  # charts sit in narrow panes
    # room above the plot for the title's and the source's lines, however many they wrap to
    top = 34 + 19 * (title.count("<br>") + 1) + 13 * (source.count("<br>") + 1)
    frame = {
        "title": {
            "text": title,
            "x": 0.01,
            "y": 1,
            "yref": "container",
            "yanchor": "top",  # from the top down, in the room the margin keeps for it
            "pad": {"t": 18},  # CJK glyphs rise above the line height Plotly allows for
            "font": {"size": 14},
            "subtitle": {"text": source, "font": {"size": 9, "color": SOURCE_TEXT}},
        },
        "margin": {"l": 10, "r": 10, "t": top, "b": 40},
        "font": {"family": font_family(lang), "size": 11},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "template": template(),
    }
    if height is not None:
        frame["height"] = height
    return {"data": data, "layout": {**layout, **frame, "margin": {**frame["margin"], **layout.get("margin", {})}}}


def layer_legend() -> dict:
    """The legend of a chart with one trace per hub layer (14 of them): two layers a row at the
    figure's foot (container coordinates), so that it sits below the axis's tick labels, never over
    them, whatever the chart's height; Plotly grows the bottom margin to hold it.
    """
    return {
        "font": {"size": 8},
        "orientation": "h",
        "entrywidth": 0.5,
        "entrywidthmode": "fraction",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
    }


def unit(meta: dict, lang: str) -> str:
    """An indicator's unit in ``lang`` (``meta`` from queries.indicator_meta), as literal text in a
    Plotly string.
    """
    return plain(meta["unit_en"] if lang == "en" else pick(meta["unit_zh"], None, lang))


def indicator_name(meta: dict, lang: str) -> str:
    """An indicator's name as literal text in a Plotly string."""
    return plain(pick(meta["name_zh"], meta["name_en"], lang))


def ascending(values: list[float | None]) -> list[int]:
    """Positions in ascending order of value, missing last (as pandas' ``sort_values``)."""
    arr = np.array([np.nan if v is None else v for v in values], dtype=float)
    idx = np.arange(len(arr))
    missing = np.isnan(arr)
    order = idx[~missing][arr[~missing].argsort(kind="quicksort")]
    return [*order.tolist(), *idx[missing].tolist()]


def no_data_note(text: str) -> dict:
    """A chart with nothing to draw says why, in its middle."""
    return {
        "text": text,
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "font": {"size": 13},
    }
