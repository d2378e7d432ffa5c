"""Names of where the partnership lines lead: at the destination when it lies on the map, else at
the map's edge where its line was cut ("→ name", written inward), moved along that edge until it
overlaps no other name drawn there (the other destinations', the area records' labels).

Overlap is judged on an estimate of each name's box in pixels: its characters at its font size,
placed with the map's own projection at the scale of a laptop's map (1366×768) at the view's
zoom (a larger screen only adds room).
"""

from __future__ import annotations

import unicodedata
from functools import cache

import numpy as np
import pyproj

from figures.map.layout import CENTRAL_MERIDIAN, FRAME, PARALLELS

# Plotly projects on a sphere; metres of this projection times PX_PER_METRE are a laptop's pixels
# at zoom 1 (measured on the page: 9.8 px for a degree of longitude at 30°N, 105°E).
PX_PER_METRE = 1.03e-4
NAME_PX = 11  # the destinations' font size (figures/map/base.py)
LINE = 1.3  # a line's height, in font sizes
PAD = 0.4  # font sizes added to a name's width: its halo, and air between two names
STEP = 0.25  # degrees at zoom 1: how far a name is moved at a time along its edge
REACH = 12.0  # degrees at zoom 1: how far at most (beyond, the name keeps its place)
INWARD = {"left": "middle right", "right": "middle left", "bottom": "top center", "top": "bottom center"}

Label = tuple[float, float, str, str]  # lon, lat, text, textposition (Plotly's)


@cache
def _albers() -> pyproj.Proj:
    lat_1, lat_2 = PARALLELS
    return pyproj.Proj(f"+proj=aea +lat_1={lat_1} +lat_2={lat_2} +lat_0=0 +lon_0={CENTRAL_MERIDIAN} +R=6371000")


def clip_to_frame(x0: float, y0: float, x1: float, y1: float, frame=FRAME) -> tuple[float, float, bool]:
    """The end of the segment (x0, y0) -> (x1, y1) inside ``frame`` (lon/lat box), and whether it was
    cut: a partner far outside the map gets a line to the map's edge, labelled there, instead of a
    line that runs off the edge with no destination (Liang-Barsky, from a start inside the frame).
    """
    t1 = 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - frame[0]), (dx, frame[2] - x0), (-dy, y0 - frame[1]), (dy, frame[3] - y0)):
        if p > 0:
            t1 = min(t1, q / p)
    t1 = max(t1, 0.0)
    return round(x0 + t1 * dx, 3), round(y0 + t1 * dy, 3), t1 < 1.0


def boxes(lon, lat, text: str, where: str, zoom: float = 1.0, size: float = NAME_PX) -> np.ndarray:
    """(n, 4) boxes (left, top, right, bottom), in a laptop's pixels at ``zoom`` (y down), that
    ``text`` covers written at each of the n points (lon, lat: numbers or arrays, degrees) as
    Plotly's ``where`` places it: a wide (CJK) character a font size across, any other about half.
    """
    x, y = _albers()(np.atleast_1d(np.asarray(lon, float)), np.atleast_1d(np.asarray(lat, float)))
    x, y = x * PX_PER_METRE * zoom, -y * PX_PER_METRE * zoom
    # "A" (ambiguous: → among them) is wide in the CJK fonts the map names first
    w = (sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in text) + PAD) * size
    h = LINE * size
    vertical, horizontal = where.split()
    left = x - w / 2 if horizontal == "center" else x if horizontal == "right" else x - w
    top = y - h / 2 if vertical == "middle" else y - h if vertical == "top" else y
    return np.column_stack([left, top, left + w, top + h])


def _free(candidates: np.ndarray, placed: list[np.ndarray]) -> np.ndarray:
    """Which of the candidate boxes overlap none of ``placed``."""
    if not placed:
        return np.ones(len(candidates), dtype=bool)
    p = np.vstack(placed)
    c = candidates[:, None, :]
    hit = (c[..., 0] < p[:, 2]) & (p[:, 0] < c[..., 2]) & (c[..., 1] < p[:, 3]) & (p[:, 1] < c[..., 3])
    return ~hit.any(axis=1)


def place_edge_labels(
    ends: dict[str, tuple[float, float, bool]], zoom: float = 1.0, taken: list[tuple[Label, float]] = ()
) -> list[Label]:
    """The label of each destination in ``ends`` (name -> (lon, lat, cut)): at its place when its
    line was not cut; else at the edge of FRAME it was cut at, written inward and moved along
    that edge, nearest first, to where it overlaps neither a name placed before it nor ``taken``
    (labels already on the map, each with its font size). A name with no free place within REACH
    keeps its own.
    """
    out: list[Label] = []
    placed = [boxes(x, y, text, where, zoom, size) for (x, y, text, where), size in taken]
    cut = []
    for name, (x, y, was_cut) in ends.items():
        if was_cut:
            cut.append((name, x, y))
        else:
            out.append((x, y, name, "top center"))
            placed.append(boxes(x, y, name, "top center", zoom))
    steps = np.arange(int(REACH / STEP) + 1)
    shifts = np.column_stack([steps, -steps]).ravel()[1:] * STEP / zoom  # 0, +1, -1, +2, -2… steps
    for name, x, y in sorted(cut, key=lambda c: (c[2], c[1])):
        distance = {"left": x - FRAME[0], "right": FRAME[2] - x, "bottom": y - FRAME[1], "top": FRAME[3] - y}
        edge = min(distance, key=lambda side: abs(distance[side]))
        lons, lats = (
            (np.full_like(shifts, x), y + shifts)
            if edge in ("left", "right")
            else (x + shifts, np.full_like(shifts, y))
        )
        text, where = f"→ {name}", INWARD[edge]
        candidates = boxes(lons, lats, text, where, zoom)
        free = np.flatnonzero(_free(candidates, placed))
        k = int(free[0]) if len(free) else 0
        out.append((round(float(lons[k]), 3), round(float(lats[k]), 3), text, where))
        placed.append(candidates[k : k + 1])
    return out
