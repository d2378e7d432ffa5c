"""An exported map's names of places (provinces, prefectures) where the file can show them: off the
hubs' markers and wholly inside the map's frame, weighed with figures/map/labels.py's boxes.
"""

from __future__ import annotations

import numpy as np
import shapely

from figures.map.labels import Canvas, boxes, clear_of, inside
from figures.map.layout import CITY_LABELS, HUB_TRACE, PROVINCE_LABELS

NAME_REACH = 80.0  # px: how far at most a province's name moves from its point to find a place
NAME_STEP = 3.0  # px between the places tried


def _marker_boxes(traces: list, canvas: Canvas) -> list[np.ndarray]:
    """Boxes (px, with 2 px of air) of the hub markers drawn."""
    marks = []
    for i in HUB_TRACE.values():
        trace = traces[i]
        if trace.get("visible", True) is not True:
            continue
        size = trace["marker"]["size"]
        drawn = [(k, x, y) for k, (x, y) in enumerate(zip(trace["lon"], trace["lat"])) if x is not None]
        if drawn:
            x, y = canvas.xy([d[1] for d in drawn], [d[2] for d in drawn])
            r = np.array([size[k] if isinstance(size, list) else size for k, _, _ in drawn]) / 2
            r = r + 2.0  # px of air: a name beside a marker, not touching it
            marks.append(np.column_stack([x - r, y - r, x + r, y + r]))
    return marks


def place_names(
    traces: list, canvas: Canvas, provinces: list | None = None, must_name: list[bool] | None = None
) -> None:
    """Keep the provinces' and prefectures' names (PROVINCE_LABELS, CITY_LABELS) of an exported map
    where the file shows them whole, weighed with labels.boxes in ``canvas``: a name that would
    cover a hub's marker or a name kept before it, or reach past the map's frame (``canvas.frame``:
    Plotly clips it there), moves, if a province's, to the nearest place within NAME_REACH px of
    its point where it does none of these and its point stays over its province (``provinces``:
    the shapely geometry of each, in the trace's order; None: not checked), else, for a province
    the map is of (``must_name``, in the same order: the chosen provinces or the region's), to the
    nearest such place that only keeps off the other names (over markers: a western province
    crowded with hubs is still named on a map of the west); a prefecture's (or a province's with no
    such place) is left out, as labels.legible leaves out a name that runs into another. A slide
    cannot hover: a name over a marker hides the hub, and a name cut at the edge names nothing.
    """
    markers = _marker_boxes(traces, canvas)
    placed: list[np.ndarray] = list(markers)
    names: list[np.ndarray] = []  # the names kept so far (a province's name may, at last, cover a marker)
    # the places tried around a point, nearest first (px right and down)
    steps = np.arange(-NAME_REACH, NAME_REACH + NAME_STEP, NAME_STEP)
    dx, dy = (a.ravel() for a in np.meshgrid(steps, steps))
    near = np.hypot(dx, dy) <= NAME_REACH
    order = np.argsort(np.hypot(dx, dy)[near], kind="stable")
    dx, dy = dx[near][order], dy[near][order]
    for i in (PROVINCE_LABELS, CITY_LABELS):
        trace = traces[i]
        if trace.get("visible", True) is not True or not trace.get("text"):
            continue
        size, where = trace["textfont"]["size"], trace.get("textposition", "middle center")
        lons, lats, texts = list(trace["lon"]), list(trace["lat"]), list(trace["text"])
        for k, (lon, lat, text) in enumerate(zip(lons, lats, texts)):
            if not text or lon is None:
                continue
            box = boxes(lon, lat, text, where, 1.0, size, canvas)
            if clear_of(box, placed)[0] and inside(box, canvas.frame)[0]:
                placed.append(box)
                names.append(box)
                continue
            texts[k] = ""
            if i != PROVINCE_LABELS:
                continue
            # px to degrees near the point (the candidates' boxes are then weighed exactly)
            x, y = canvas.xy([lon, lon + 0.1, lon], [lat, lat, lat + 0.1])
            jac = np.array([[x[1] - x[0], x[2] - x[0]], [y[1] - y[0], y[2] - y[0]]]) / 0.1
            dlon, dlat = np.linalg.solve(jac, np.vstack([dx, dy]))
            found = boxes(lon + dlon, lat + dlat, text, where, 1.0, size, canvas)
            where_ok = inside(found, canvas.frame)
            if provinces is not None and k < len(provinces):  # a name moved onto a neighbour would misname it
                where_ok &= shapely.contains_xy(provinces[k], lon + dlon, lat + dlat)
            ok = clear_of(found, placed) & where_ok
            if not ok.any() and must_name is not None and k < len(must_name) and must_name[k]:
                # no place off the markers: a province crowded with hubs (Chongqing, Ningxia) would
                # go unnamed, worse than its name over a few markers; off the other names, in it
                ok = clear_of(found, names) & where_ok
            if ok.any():
                j = int(np.flatnonzero(ok)[0])
                lons[k], lats[k], texts[k] = round(float(lon + dlon[j]), 4), round(float(lat + dlat[j]), 4), text
                placed.append(found[j : j + 1])
                names.append(found[j : j + 1])
        trace["lon"], trace["lat"], trace["text"] = lons, lats, texts
