"""Names on the map placed as boxes in pixels, so that none runs into another or off the map.

- Where the partnership lines lead: at the destination when it lies on the map, else at the map's
  edge where its line was cut ("→ name", written inward), moved along that edge or stepped inward
  until it overlaps no other name drawn there (the other destinations', the area records', the
  provinces'); left out where no such place is near its line.
- An exported map's hubs: figures/map/hub_names.py, weighed with these boxes.

A name's box is estimated from its characters at its font size, placed with the map's own
projection (pyproj) on a :class:`Canvas`: the page's at the scale of a laptop's map (1366×768) at
the view's zoom (a larger screen only adds room), or an export's, fitted as plotly.js fits it.
"""

from __future__ import annotations

import html
import math
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, cached_property

import numpy as np
import pyproj

from figures.map.extent import frame_ranges
from figures.map.layout import (
    CENTRAL_MERIDIAN,
    FRAME,
    INSET_DOMAIN,
    PAGE_PLOTS,
    PARALLELS,
)

# Plotly projects on a sphere; metres of this projection times PX_PER_METRE are a laptop's pixels
# at zoom 1 (measured on the page: 9.8 px for a degree of longitude at 30°N, 105°E).
PX_PER_METRE = 1.03e-4
NAME_PX = 11  # the destinations' font size (figures/map/base.py)
PROVINCE_NAME_PX = 12  # the provinces' names' (figures/map/base.py)
LINE = 1.3  # from one line's baseline to the next, in font sizes (plotly.js's LINE_SPACING)
# A line's box above and below its baseline, in font sizes: the CJK fonts' (the Latin face of the
# English figures is 0.92 above; their larger box is taken for all, which leaves a little air)
ASCENT, DESCENT = 1.17, 0.25
ANCHOR_PAD = 1.0  # px a name may reach past its anchor, towards its point (a glyph's side bearing)
PAD = 0.4  # font sizes added to a name's width: its halo, and air between two names
STEP = 0.25  # degrees at zoom 1: how far a name is moved at a time along its edge
REACH = 6.0  # degrees at zoom 1: how far at most, each way (beyond, a name is far from its line)
ROWS = 4  # rows of names along an edge where many lines end close together
DEGREE_PX = 9.8  # px a degree takes on a laptop's map at zoom 1 (PX_PER_METRE's measure)
# where a destination on the map is named, in order of preference: above its point, else around it
BESIDE = ("top center", "bottom center", "middle right", "middle left")
INWARD = {"left": "middle right", "right": "middle left", "bottom": "top center", "top": "bottom center"}
RADIUS = 6371000  # metres: pyproj's sphere (+R); plotly.js (d3-geo) projects the unit sphere
CLIP_PAD = 1e-3  # degrees: plotly.js's clipPad, by which a geo's range box is drawn inside its ranges

Label = tuple[float, float, str, str]  # lon, lat, text, textposition (Plotly's)
LAPTOP_PLOT = PAGE_PLOTS.index((692, 616))  # the laptop's map: the page's names are placed for it and smaller


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

    @cached_property
    def _centre_metres(self) -> tuple[float, float]:
        # projected once a canvas: every box weighed on it (tens for each new map state) needs it
        return _albers(self.lon_0)(*self.centre)

    def xy(self, lon, lat, zoom: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """Pixels (x, y arrays) of lon/lat (numbers or arrays, degrees), ``zoom`` times larger."""
        x, y = _albers(self.lon_0)(np.atleast_1d(np.asarray(lon, float)), np.atleast_1d(np.asarray(lat, float)))
        cx, cy = self._centre_metres
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


def line_width(text: str) -> float:
    """How wide a line of plain text is on the map, in font sizes: a wide character one, any other
    about half. "A" (ambiguous: → among them) counts as wide: the CJK fonts the map names first
    draw it so.
    """
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in text)


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
    w = max(line_width(line) for line in lines) + PAD
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


def inside(found: np.ndarray, frame) -> np.ndarray:
    """Which of the (n, 4) boxes ``found`` (px) lie wholly inside ``frame`` (left, top, right,
    bottom, px; None: no frame known, every box is inside).
    """
    if frame is None:
        return np.ones(len(found), dtype=bool)
    ok = (found[:, 0] >= frame[0]) & (found[:, 1] >= frame[1])
    return ok & (found[:, 2] <= frame[2]) & (found[:, 3] <= frame[3])


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
    ends: dict[str, tuple[float, float, bool]],
    zoom: float = 1.0,
    taken: list[tuple[Label, float]] = (),
    canvas: Canvas = LAPTOP,
) -> list[Label]:
    """The label of each destination in ``ends`` (name -> (lon, lat, cut)), placed where it
    overlaps no name placed before it nor ``taken`` (names already on the map, each with its font
    size), nearest its line's end first: a destination on the map at its point, above it, else
    below or beside it; one whose line was cut at the edge of FRAME it was cut at, written inward,
    moved along that edge (up to REACH) or stepped inward by rows (up to ROWS) where names crowd.
    A name with no free place near its line, wholly inside ``canvas``'s frame, is left out (its
    line still leads there): a name over another, cut at the frame or far from its line, would
    say nothing. Weighed on ``canvas`` at ``zoom`` (the
    page's laptop map by default; an export passes its own).
    """
    canvas = replace(canvas, px_per_metre=canvas.px_per_metre * zoom)
    return [label for _, label in _place(ends, taken, [(canvas, _NOWHERE)], _degree(canvas))]


def place_page_labels(
    ends: dict[str, tuple[float, float, bool]],
    taken: list[tuple[Label, float]],
    views: list[tuple[Canvas, np.ndarray]],
) -> list[Label]:
    """The destinations' labels for the page, whose map may be a phone's or a big screen's: placed
    as :func:`place_edge_labels` places them, first those that fit on the smallest map of ``views``
    (:func:`page_views`, smallest first), each clear of the others, of ``taken`` and of the inset,
    inside the map, at that size *and every larger one*; then at each larger size up to a laptop's,
    the names that fit there too, around them. Smallest first in the list: the page, which hides a
    name that covers one before it (assets/atlas.js), keeps the most that fit at its own size, on a
    phone as on a laptop, where every name placed is clear. Moves along an edge are counted as on a
    laptop's map (REACH), so that no name is far from its line at any size.
    """
    along = _degree(views[LAPTOP_PLOT][0])
    out: list[tuple[str, Label]] = []
    for k in range(LAPTOP_PLOT + 1):
        left = {name: end for name, end in ends.items() if name not in dict(out)}
        out += _place(left, [*taken, *((label, NAME_PX) for _, label in out)], views[k:], along)
    return [label for _, label in out]


def page_views(view: dict, map_view=None) -> list[tuple[Canvas, np.ndarray]]:
    """The page's map at each size of PAGE_PLOTS (smallest first) showing the home ``view``
    (figures/map/extent.home) widened to its frame, as the state's ``map_view`` (lon, lat, scale;
    None: the home view) turns, centres and zooms it: each a :class:`Canvas` and the (n, 4) boxes (px)
    a name keeps off there: the South China Sea inset (fixed on the page's map at any zoom) and all
    beyond the map's frame.
    """
    turn, centre, scale = view["center"][0], tuple(view["center"]), 1.0
    if map_view:
        turn, centre, scale = map_view[0], (map_view[0], map_view[1]), map_view[2]
    out = []
    for width, height in PAGE_PLOTS:
        lon_range, lat_range = frame_ranges(view, turn, width, height)
        canvas = fitted(lon_range, lat_range, ((0, 0), (width, height)), turn, centre, scale)
        left, top, right, bottom = canvas.frame
        far = 1e6
        beyond = [(-far, -far, left, far), (-far, -far, far, top), (right, -far, far, far), (-far, bottom, far, far)]
        out.append((canvas, np.vstack([inset_box((width, height)), np.array(beyond)])))
    return out


def inset_box(size: tuple[float, float]) -> np.ndarray:
    """The South China Sea inset's box (px, (1, 4)): the page's INSET_DOMAIN of a plot area of
    ``size`` (width, height).
    """
    (x0, x1), (y0, y1) = INSET_DOMAIN["x"], INSET_DOMAIN["y"]
    w, h = size
    return np.array([[x0 * w, (1 - y1) * h, x1 * w, (1 - y0) * h]])


_NOWHERE = np.empty((0, 4))  # no box to keep off beyond the names


def _degree(canvas: Canvas) -> float:
    """Px a degree takes along an edge on ``canvas``: the laptop's DEGREE_PX at zoom 1, scaled."""
    return DEGREE_PX * canvas.px_per_metre / PX_PER_METRE


def _place(ends, taken, views, along_degree: float) -> list[tuple[str, Label]]:
    """(name, label) of each destination in ``ends`` placed where it is clear on every canvas of
    ``views`` ((canvas, boxes kept off) pairs, the smallest first) of ``taken`` and the names placed
    before it; moved along an edge up to REACH (``along_degree``: px a degree takes where it is
    counted), stepped inward by rows of the smallest canvas's lines.
    """
    out: list[tuple[str, Label]] = []
    if not ends:  # nothing to name: weighing the names already on the map (a new state's most costly part) is moot
        return out
    placed = [
        [keep_off, *(boxes(x, y, text, where, 1.0, size, canvas) for (x, y, text, where), size in taken if text)]
        for canvas, keep_off in views
    ]

    def free(lons, lats, text: str, where: str) -> tuple[np.ndarray, list[np.ndarray]]:
        found = [boxes(lons, lats, text, where, 1.0, NAME_PX, canvas) for canvas, _ in views]
        # clear of every name before it, and wholly inside the map's frame (a name cut there says nothing)
        ok = np.logical_and.reduce(
            [clear_of(f, p) & inside(f, canvas.frame) for f, p, (canvas, _) in zip(found, placed, views)]
        )
        return ok, found

    def take(name: str, label: Label, found: list[np.ndarray], k: int) -> None:
        out.append((name, label))
        for p, f in zip(placed, found):
            p.append(f[k : k + 1])

    cut = []
    for name, (x, y, was_cut) in ends.items():
        if was_cut:
            cut.append((name, x, y))
            continue
        for where in BESIDE:
            ok, found = free(x, y, name, where)
            if ok[0]:
                take(name, (x, y, name, where), found, 0)
                break
    along = np.arange(int(REACH / STEP) + 1) * STEP * DEGREE_PX / along_degree  # degrees along the edge
    along = np.concatenate([along, -along[1:]])
    rows = np.arange(ROWS) * LINE * NAME_PX / _degree(views[0][0])  # degrees inward, a line at a time
    shift, inward = (a.ravel() for a in np.meshgrid(along, rows))
    # px from the line's end where REACH is counted, no farther than the farthest place there
    distance = np.hypot(shift, inward) * along_degree
    order = np.argsort(distance, kind="stable")  # nearest first
    order = order[distance[order] <= math.hypot(REACH * DEGREE_PX, (ROWS - 1) * LINE * NAME_PX) + 1e-6]
    shift, inward = shift[order], inward[order]
    for name, x, y in sorted(cut, key=lambda c: (c[2], c[1])):
        distance = {"left": x - FRAME[0], "right": FRAME[2] - x, "bottom": y - FRAME[1], "top": FRAME[3] - y}
        edge = min(distance, key=lambda side: abs(distance[side]))
        sign = 1 if edge in ("left", "bottom") else -1  # inward: east of the left edge, north of the bottom
        if edge in ("left", "right"):  # names written across the edge: no rows, only moved along it
            lons, lats = np.full(int((inward == 0).sum()), x), y + shift[inward == 0]
        else:
            lons, lats = x + shift, y + sign * inward
        text, where = f"→ {name}", INWARD[edge]
        ok, found = free(lons, lats, text, where)
        hits = np.flatnonzero(ok)
        if len(hits):
            k = int(hits[0])
            take(name, (round(float(lons[k]), 3), round(float(lats[k]), 3), text, where), found, k)
    return out


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
