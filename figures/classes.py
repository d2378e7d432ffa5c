"""Classing a choropleth: quantile breaks over the western provinces' values."""

from __future__ import annotations

import bisect
import math

import numpy as np

from atlas.i18n import fmt_number, t
from figures.palette import CLASS_COLOURS, NO_DATA, NOT_WEST

NOT_WEST_CODE, NO_DATA_CODE = 0, 1
N_CLASSES = len(CLASS_COLOURS)


def breaks(values, n: int = N_CLASSES) -> list[float]:
    """Class edges (n + 1 values, unique, ascending) by quantiles of the given values (NaN skipped)."""
    vals = np.asarray(values, dtype=float)
    vals = vals[~np.isnan(vals)]
    if not len(vals):
        return []
    edges = np.unique(np.quantile(vals, np.linspace(0, 1, n + 1)))
    return [float(e) for e in edges]


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
    labels = [t("not_west", lang), t("no_data", lang)]
    for lo, hi in zip(edges[:-1], edges[1:]):
        labels.append(f"{fmt_number(lo, lang, digits)} – {fmt_number(hi, lang, digits)}")
    return labels
