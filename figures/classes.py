"""Classing a choropleth: quantile breaks over the western provinces' values.

By default the breaks pool every year of the indicator, so that one colour means one range in
every year and playing the years shows change (as Our World in Data's maps do); a state may ask
for each year's own quantiles instead (``ViewState.breaks``).
"""

from __future__ import annotations

import bisect
import math

import numpy as np

from figures.palette import CLASS_COLOURS, NO_DATA, NOT_WEST
from view.i18n import fmt_number, t

NOT_WEST_CODE, NO_DATA_CODE = 0, 1
N_CLASSES = len(CLASS_COLOURS)


def breaks(values, n: int = N_CLASSES) -> list[float]:
    """Class edges by quantiles of the given values (NaN skipped): at most n + 1 values, ascending.

    Equal quantiles merge, so fewer values give fewer classes; one distinct value gives one class
    ``[v, v]`` (never none: a province with a value is never drawn in the no-data colour).
    """
    vals = np.asarray(values, dtype=float)
    vals = vals[~np.isnan(vals)]
    if not len(vals):
        return []
    edges = [float(e) for e in np.unique(np.quantile(vals, np.linspace(0, 1, n + 1)))]
    return edges if len(edges) > 1 else edges * 2


def n_classes(edges: list[float]) -> int:
    """The number of classes that ``edges`` (from :func:`breaks`) define."""
    return max(len(edges) - 1, 0)


def class_codes(values: dict[str, float | None], edges: list[float], west: set[str]) -> dict[str, int]:
    """Code per adcode: 0 outside the west, 1 no data, 2.. the class (index of the edge interval)."""
    codes = {}
    top = max(len(edges) - 2, 0)
    for adcode, value in values.items():
        if adcode not in west:
            codes[adcode] = NOT_WEST_CODE
        elif value is None or (isinstance(value, float) and math.isnan(value)) or not edges:
            codes[adcode] = NO_DATA_CODE
        else:
            k = bisect.bisect_right(edges, value) - 1  # np.searchsorted(side="right") - 1
            codes[adcode] = 2 + min(max(k, 0), top)
    return codes


def colorscale(n_classes: int) -> list[list]:
    """A stepped colorscale over codes 0 .. n_classes + 1 (zmin -0.5, zmax n + 1.5)."""
    colours = [NOT_WEST, NO_DATA, *CLASS_COLOURS[:n_classes]]
    n = len(colours)
    scale = []
    for i, c in enumerate(colours):
        scale += [[i / n, c], [(i + 1) / n, c]]
    return scale


def class_labels(edges: list[float], lang: str, digits: int) -> list[str]:
    """Labels of the codes: outside the west, no data, then each class as 'low – high'."""
    labels = [t("not_west", lang), t("no_data", lang)]
    # A class holds lo <= v < hi (the last one hi too): with whole numbers, such as counts, say
    # which whole numbers ('1', '2', '3 – 18') rather than ranges that seem to share their ends.
    whole = digits == 0 and all(float(e).is_integer() for e in edges)
    last = len(edges) - 2
    for k, (lo, hi) in enumerate(zip(edges[:-1], edges[1:])):
        top = hi - 1 if whole and k < last else hi
        low, high = fmt_number(lo, lang, digits), fmt_number(top, lang, digits)
        labels.append(low if low == high else f"{low} – {high}")
    return labels
