"""An exported map's hub names (few hubs, on a map zoomed to a place): each named beside its point
where its name fits, else wrapped, else numbered with the name in the legend; the boxes weighed as
figures/map/labels.py weighs every name on the map.
"""

from __future__ import annotations

import html
import math

import numpy as np

from figures.map.labels import Canvas, boxes, clear_of, line_width
from figures.map.layout import AREA_LABELS, CITY_LABELS, HALO, HUB_TRACE, PARTNER_LABELS, PROVINCE_LABELS
from figures.text import wrap

HUB_NAME_PX = 12  # the font size of an exported map's hub names (figures/map/legend.py)
SIDES = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right")
SIDES += ("bottom left",)  # Plotly's places beside a marker, in order of preference
MARGIN = 2.0  # px a name keeps inside the map's frame
AIR = np.array([-1.0, -1.0, 1.0, 1.0])  # a name's box grown by the px it keeps from other names

Point = tuple[float, float, str, float]  # lon, lat, name (Plotly text), marker radius (px)


def _forms(name: str) -> list[str]:
    """A name as it may be written: on one line, then wrapped on two and on three lines where it
    is long enough for that to help (at spaces where it has any, else between characters).
    """
    plain = html.unescape(name)
    total = line_width(plain)
    forms = [name]
    for lines in (2, 3):
        if total > 5 * lines:
            form = wrap(name, math.ceil(total / lines))
            if form not in forms and form.count("<br>") < lines:
                forms.append(form)
    return forms


NUMBER = "88"  # a number's box while numbers are given out: as wide as the widest (up to 99)


def place_point_labels(
    points: list[Point], canvas: Canvas, taken: list[np.ndarray] = (), size: float = HUB_NAME_PX
) -> tuple[list[tuple[str, str] | None], list[int]]:
    """Where each point's name goes, ``points`` in order of importance (the most important first):
    beside its marker at the first of :data:`SIDES` where the name (on one line, else wrapped:
    :func:`_forms`) overlaps no name placed before it, no point's marker and none of ``taken``
    (boxes of names drawn already, px), and stays inside the canvas's frame; where no form fits,
    a number that the legend spells out, placed the same way. A point left with no room even for
    a number takes a number's place from the names around it, which are placed again (each
    keeping a place, if only a number's): every point is named, on the map or by its number,
    where a number's place beside it is free of markers and other names; else it is left
    unnamed (never a name over another).

    Returns the (text, textposition) of each point, None for one left unnamed, and the indices
    of the numbered points in their numbers' order (1, 2… in order of importance).
    """
    if not points:
        return [], []
    x, y = canvas.xy([p[0] for p in points], [p[1] for p in points])
    radius = np.array([p[3] for p in points])
    markers = np.column_stack([x - radius, y - radius, x + radius, y + radius])
    taken = [box + AIR for box in taken]
    frame = canvas.frame or (-np.inf, -np.inf, np.inf, np.inf)
    inner = (frame[0] + MARGIN, frame[1] + MARGIN, frame[2] - MARGIN, frame[3] - MARGIN)
    labels: dict[int, tuple[str, str, np.ndarray]] = {}  # point -> (text, side, box)

    def candidates(i: int, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The boxes of ``text`` at each side of point i, and which lie inside the frame, clear
        of the markers and of the names drawn before.
        """
        lon, lat, _, r = points[i]
        found = np.vstack([boxes(lon, lat, text, side, 1.0, size, canvas, r / 0.8 + 1) for side in SIDES])
        inside = (found[:, 0] >= inner[0]) & (found[:, 1] >= inner[1])
        inside &= (found[:, 2] <= inner[2]) & (found[:, 3] <= inner[3])
        others = np.delete(markers, i, axis=0)  # its own marker: its name is offset from it
        return found, inside & clear_of(found, [*taken, others])

    def place(i: int) -> bool:
        for text in [*_forms(points[i][2]), NUMBER]:
            found, ok = candidates(i, text)
            ok &= clear_of(found, [b for _, _, b in labels.values()])
            if ok.any():
                k = int(np.flatnonzero(ok)[0])
                labels[i] = (text, SIDES[k], found[k : k + 1] + AIR)
                return True
        return False

    unplaced = [i for i in range(len(points)) if not place(i)]
    for i in unplaced:  # a number's place taken from the names around it, which move
        found, ok = candidates(i, NUMBER)
        for k in np.flatnonzero(ok):
            blocking = sorted(j for j, (_, _, b) in labels.items() if not clear_of(found[k : k + 1], [b])[0])
            saved = {j: labels.pop(j) for j in blocking}
            labels[i] = (NUMBER, SIDES[k], found[k : k + 1] + AIR)
            if all([place(j) for j in blocking]):
                break
            for j in [i, *blocking]:
                labels.pop(j, None)
            labels.update(saved)
    numbered = sorted(i for i, (text, _, _) in labels.items() if text == NUMBER)
    out: list[tuple[str, str] | None] = [None] * len(points)
    for i, (text, side, _) in labels.items():
        out[i] = (str(numbered.index(i) + 1) if text == NUMBER else text, side)
    return out, numbered


def _drawn_names(traces: list, canvas: Canvas) -> list[np.ndarray]:
    """Boxes of the names the map writes already (provinces, cities, area records, partners)."""
    found = []
    for i in (AREA_LABELS, PARTNER_LABELS, PROVINCE_LABELS, CITY_LABELS):
        trace = traces[i]
        if trace.get("visible", True) is not True:
            continue
        where, size = trace.get("textposition", "middle center"), trace.get("textfont", {}).get("size", 12)
        points = zip(trace.get("lon") or [], trace.get("lat") or [], trace.get("text") or [])
        for k, (lon, lat, text) in enumerate(points):
            if text and lon is not None:
                found.append(boxes(lon, lat, text, where[k] if isinstance(where, list) else where, 1.0, size, canvas))
    return found


def name_points(traces: list, names: dict, canvas: Canvas, most: int) -> list[tuple[str, str]]:
    """Name the points the hub traces (HUB_TRACE) draw inside ``canvas``'s frame, when there are
    1 to ``most`` of them, by :func:`place_point_labels`: each such trace gets its ``text`` and
    ``textposition`` per point. ``names``: hub id (a point's ``customdata[0]``) -> (Plotly text,
    a sort key: the smaller, the more important). Returns (trace index, point index, layer key,
    "number name") of each point numbered, in their numbers' order, for the legend.
    """
    frame = canvas.frame or (-np.inf, -np.inf, np.inf, np.inf)
    drawn = []  # (sort key, trace index, point index, lon, lat, id)
    for key, i in HUB_TRACE.items():
        trace = traces[i]
        if trace.get("visible", True) is not True or not trace.get("customdata"):
            continue
        for k, (lon, lat) in enumerate(zip(trace["lon"], trace["lat"])):
            x, y = canvas.xy(lon, lat) if lon is not None else (np.array([np.nan]), np.array([np.nan]))
            if frame[0] <= x[0] <= frame[2] and frame[1] <= y[0] <= frame[3]:
                row, size = trace["customdata"][k], trace["marker"]["size"]
                hub = row[0] if isinstance(row, list) else row
                r = (size[k] if isinstance(size, list) else size) / 2  # the marker's radius, px
                drawn.append((names.get(hub, ("", (9,)))[1], i, k, lon, lat, hub, key, r))
    if not 0 < len(drawn) <= most:
        return []
    drawn.sort(key=lambda d: (d[0], d[1], d[2]))
    points = [(lon, lat, names.get(hub, ("",))[0], r) for _, _, _, lon, lat, hub, _, r in drawn]
    out, numbered = place_point_labels(points, canvas, _drawn_names(traces, canvas))
    texts = {i: ([""] * len(traces[i]["lon"]), ["top center"] * len(traces[i]["lon"])) for _, i, *_ in drawn}
    for (_, i, k, *_), label in zip(drawn, out):
        if label:
            texts[i][0][k], texts[i][1][k] = label
    for i, (text, where) in texts.items():
        font = {"size": HUB_NAME_PX, "color": "#222", "shadow": HALO}
        traces[i].update(mode="markers+text", text=text, textposition=where, textfont=font)
    return [(drawn[j][1], drawn[j][2], drawn[j][6], f"{n} {points[j][2]}") for n, j in enumerate(numbered, 1)]
