"""Names on the map placed as boxes in pixels, so that none runs into another or off the map.

- Where the partnership lines lead: at the destination when it lies on the map, else at the map's
  edge where its line was cut ("→ name", written inward), moved along that edge until it overlaps
  no other name drawn there (the other destinations', the area records' labels).
- An exported map's hubs (few of them, on a map zoomed to a place): each named beside its point
  where its name fits, else wrapped, else numbered with the name in the legend.

A name's box is estimated from its characters at its font size, placed with the map's own
projection (pyproj) on a :class:`Canvas`: the page's at the scale of a laptop's map (1366×768) at
the view's zoom (a larger screen only adds room), or an export's, fitted as plotly.js fits it.
"""

from __future__ import annotations

import html
import math
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyproj

from figures.map.layout import (
    AREA_LABELS,
    CENTRAL_MERIDIAN,
    CITY_LABELS,
    FRAME,
    HALO,
    HUB_TRACE,
    PARALLELS,
    PARTNER_LABELS,
    PROVINCE_LABELS,
)
from figures.text import wrap

# Plotly projects on a sphere; metres of this projection times PX_PER_METRE are a laptop's pixels
# at zoom 1 (measured on the page: 9.8 px for a degree of longitude at 30°N, 105°E).
PX_PER_METRE = 1.03e-4
NAME_PX = 11  # the destinations' font size (figures/map/base.py)
LINE = 1.3  # from one line's baseline to the next, in font sizes (plotly.js's LINE_SPACING)
# A line's box above and below its baseline, in font sizes: the CJK fonts' (the Latin face of the
# English figures is 0.92 above; their larger box is taken for all, which leaves a little air)
ASCENT, DESCENT = 1.17, 0.25
ANCHOR_PAD = 1.0  # px a name may reach past its anchor, towards its point (a glyph's side bearing)
PAD = 0.4  # font sizes added to a name's width: its halo, and air between two names
STEP = 0.25  # degrees at zoom 1: how far a name is moved at a time along its edge
REACH = 12.0  # degrees at zoom 1: how far at most (beyond, the name keeps its place)
INWARD = {"left": "middle right", "right": "middle left", "bottom": "top center", "top": "bottom center"}
RADIUS = 6371000  # metres: pyproj's sphere (+R); plotly.js (d3-geo) projects the unit sphere
CLIP_PAD = 1e-3  # degrees: plotly.js's clipPad, by which a geo's range box is drawn inside its ranges

Label = tuple[float, float, str, str]  # lon, lat, text, textposition (Plotly's)


@cache
def _albers(lon_0: float = CENTRAL_MERIDIAN) -> pyproj.Proj:
    lat_1, lat_2 = PARALLELS
    return pyproj.Proj(f"+proj=aea +lat_1={lat_1} +lat_2={lat_2} +lat_0=0 +lon_0={lon_0} +R={RADIUS}")


@dataclass(frozen=True)
class Canvas:
    """Where a map draws a lon/lat, in pixels (x right, y down): the conic equal-area projection
    about the meridian ``lon_0`` (Plotly's ``projection.rotation.lon``), ``px_per_metre`` pixels
    for a metre of that projection, the point ``centre`` (lon, lat) drawn at ``middle`` (px);
    ``frame``: the box (left, top, right, bottom, px) the map is clipped to, None where unknown.
    The default is the page's map on a laptop at zoom 1 (positions relative to one another only).
    """

    lon_0: float = CENTRAL_MERIDIAN
    px_per_metre: float = PX_PER_METRE
    centre: tuple[float, float] = (CENTRAL_MERIDIAN, 0.0)
    middle: tuple[float, float] = (0.0, 0.0)
    frame: tuple[float, float, float, float] | None = None

    def xy(self, lon, lat, zoom: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """Pixels (x, y arrays) of lon/lat (numbers or arrays, degrees), ``zoom`` times larger."""
        proj = _albers(self.lon_0)
        x, y = proj(np.atleast_1d(np.asarray(lon, float)), np.atleast_1d(np.asarray(lat, float)))
        cx, cy = proj(*self.centre)
        s = self.px_per_metre * zoom
        return self.middle[0] + (x - cx) * s, self.middle[1] - (y - cy) * s


LAPTOP = Canvas()


def _great_circle(a: tuple[float, float], b: tuple[float, float], n: int = 24) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points (lon, lat arrays) along the great circle from ``a`` to ``b``: the edge d3-geo draws."""
    (la, pa), (lb, pb) = np.radians(a), np.radians(b)
    u = np.array([math.cos(pa) * math.cos(la), math.cos(pa) * math.sin(la), math.sin(pa)])
    v = np.array([math.cos(pb) * math.cos(lb), math.cos(pb) * math.sin(lb), math.sin(pb)])
    angle = math.acos(max(-1.0, min(1.0, float(u @ v))))
    f = np.linspace(0.0, 1.0, n)[:, None]
    p = (np.sin((1 - f) * angle) * u + np.sin(f * angle) * v) / math.sin(angle) if angle > 1e-12 else u + 0 * f
    return np.degrees(np.arctan2(p[:, 1], p[:, 0])), np.degrees(np.arcsin(np.clip(p[:, 2], -1, 1)))


def fitted(lon_range, lat_range, extent, lon_0: float = CENTRAL_MERIDIAN, centre=None, scale: float = 1.0) -> Canvas:
    """The canvas of a Plotly geo (this projection) whose ``lonaxis.range`` and ``lataxis.range``
    are fitted into ``extent`` ((left, top), (right, bottom): its domain, px), as plotly.js's
    ``updateProjection`` fits them: the range box (its corners and three points on each east-west
    side, joined by great circles) fitted inside the extent (d3's ``fitExtent``), the map clipped to
    that box; ``centre`` (``geo.center``; Plotly's default: the rotation's meridian at
    mid-latitude) drawn at the box's middle, ``scale`` (``projection.scale``) times larger.
    """
    x0, x1 = lon_range[0] + CLIP_PAD, lon_range[1] - CLIP_PAD
    y0, y1 = lat_range[0] + CLIP_PAD, lat_range[1] - CLIP_PAD
    q = (x1 - x0) / 4
    ring = [(x0, y0), (x0, y1), *((x0 + k * q, y1) for k in (1, 2, 3)), (x1, y1), (x1, y0)]
    ring += [*((x1 - k * q, y0) for k in (1, 2, 3)), (x0, y0)]
    lon, lat = (np.concatenate(c) for c in zip(*(_great_circle(a, b) for a, b in zip(ring, ring[1:]))))
    px, py = _albers(lon_0)(lon, lat)
    (left, top), (right, bottom) = extent
    w, h, bw, bh = right - left, bottom - top, float(np.ptp(px)), float(np.ptp(py))
    k = min(w / bw, h / bh)  # px per metre that fits the box
    frame = (left + (w - k * bw) / 2, top + (h - k * bh) / 2, left + (w + k * bw) / 2, top + (h + k * bh) / 2)
    middle = ((frame[0] + frame[2]) / 2, (frame[1] + frame[3]) / 2)
    centre = tuple(centre) if centre else (lon_0, (lat_range[0] + lat_range[1]) / 2)
    return Canvas(float(lon_0), k * scale, centre, middle, frame)


def canvas_of(geo: dict, plot: tuple[float, float]) -> Canvas:
    """The canvas of the geo subplot described by ``geo`` (a figure's ``layout.geo`` as a dict: its
    ranges, projection rotation and scale, centre and domain) in a plot area of ``plot`` (width,
    height, px).
    """
    domain = geo.get("domain", {})
    dx, dy = domain.get("x", [0, 1]), domain.get("y", [0, 1])
    width, height = plot
    extent = ((dx[0] * width, (1 - dy[1]) * height), (dx[1] * width, (1 - dy[0]) * height))
    projection = geo.get("projection", {})
    lon_0 = projection.get("rotation", {}).get("lon", CENTRAL_MERIDIAN)
    centre = geo.get("center")
    centre = (centre["lon"], centre["lat"]) if centre and "lon" in centre and "lat" in centre else None
    return fitted(geo["lonaxis"]["range"], geo["lataxis"]["range"], extent, lon_0, centre, projection.get("scale", 1))


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


def boxes(
    lon,
    lat,
    text: str,
    where: str,
    zoom: float = 1.0,
    size: float = NAME_PX,
    canvas: Canvas = LAPTOP,
    offset: float = 0.0,
) -> np.ndarray:
    """(n, 4) boxes (left, top, right, bottom), in ``canvas``'s pixels at ``zoom`` (y down), that
    ``text`` (Plotly text: escaped, its lines joined by <br>) covers written at each of the n
    points (lon, lat: numbers or arrays, degrees) as Plotly's textposition ``where`` places it,
    ``offset`` px away from the point (beside a marker): a wide (CJK) character a font size
    across, any other about half (a little more than the map's fonts draw them).
    """
    x, y = canvas.xy(lon, lat, zoom)
    lines = [html.unescape(line) for line in text.split("<br>")]
    # "A" (ambiguous: → among them) is wide in the CJK fonts the map names first
    w = max(sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in line) for line in lines) + PAD
    w *= size
    vertical, horizontal = where.split()
    left = x - w / 2 if horizontal == "center" else x + offset - ANCHOR_PAD if horizontal == "right" else x - offset - w
    if horizontal == "left":
        w += ANCHOR_PAD
    # the first baseline where plotly.js's textPointPosition puts it, the others LINE below it
    sign = {"top": -1, "middle": 0, "bottom": 1}[vertical]
    block = (len(lines) - 1) * LINE + 1
    first = y + 0.75 * size + sign * offset + (sign - 1) * block * size / 2
    top = first - ASCENT * size
    bottom = first + (len(lines) - 1) * LINE * size + DESCENT * size
    return np.column_stack([left, top, left + w, bottom])


def clear_of(candidates: np.ndarray, placed: list[np.ndarray]) -> np.ndarray:
    """Which of the candidate boxes overlap none of ``placed``."""
    if not placed:
        return np.ones(len(candidates), dtype=bool)
    p = np.vstack(placed)
    c = candidates[:, None, :]
    hit = (c[..., 0] < p[:, 2]) & (p[:, 0] < c[..., 2]) & (c[..., 1] < p[:, 3]) & (p[:, 1] < c[..., 3])
    return ~hit.any(axis=1)


def partner_lines(static, rows, lang: str) -> tuple[list, list, dict[str, tuple[float, float, bool]]]:
    """The partnership lines of the hubs at ``rows`` (positions in figures/map/static.py's arrays)
    as (lons, lats) with None between lines, each cut at FRAME, and their destinations to name
    (name -> (lon, lat, cut), for place_edge_labels): a province on the map is left out, its own
    name says where the line goes.
    """
    lons: list = []
    lats: list = []
    ends: dict[str, tuple[float, float, bool]] = {}
    for i in rows:
        x0, y0 = float(static.lon[i]), float(static.lat[i])
        for code, x1, y1 in static.partners[i]:
            x, y, cut = clip_to_frame(x0, y0, x1, y1)
            lons += [x0, x, None]
            lats += [y0, y, None]
            if not cut and code in static.provinces:
                continue
            ends.setdefault(static.partner_names[lang].get(code, code), (x, y, cut))  # one label a destination
    return lons, lats, ends


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
        free = np.flatnonzero(clear_of(candidates, placed))
        k = int(free[0]) if len(free) else 0
        out.append((round(float(lons[k]), 3), round(float(lats[k]), 3), text, where))
        placed.append(candidates[k : k + 1])
    return out


# --- An exported map's hub names ------------------------------------------------------------------

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
    total = sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in plain)
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


def legible(points: list[tuple[float, float]], texts: list[str], zoom: float, size: float, taken=()) -> list[str]:
    """``texts`` (one a point, written centred on it) with those blanked that would overlap a text
    kept before them or one of ``taken`` ((label, font size) pairs): a layer of names, such as the
    prefectures' once zoomed in, that stays legible where long names crowd (in English above all).
    Weighed at a laptop's scale (a larger screen only adds room).
    """
    placed = [boxes(x, y, text, where, zoom, font) for (x, y, text, where), font in taken if text]
    out = []
    for (x, y), text in zip(points, texts):
        box = boxes(x, y, text, "middle center", zoom, size) if text else None
        text = text if box is not None and clear_of(box, placed)[0] else ""
        if text:
            placed.append(box)
        out.append(text)
    return out
