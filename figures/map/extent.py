"""The map's extent: lon/lat ranges whose projection fills the map's frame, whatever its shape.

Plotly's geo subplot (plotly.js ``plots/geo/geo.js``, ``updateProjection``) projects the box
``lonaxis.range`` × ``lataxis.range`` (its "range box": edges a little inside the ranges, each
long side in four great-circle arcs), scales it to fit the subplot's frame keeping its shape,
draws nothing outside that projected box (a clip path, and the background that takes pans and
wheel zooms), and then puts ``center`` at the frame's middle, ``projection.scale`` times that fit.
A box of another shape than the frame leaves blank bands beside the map, and a zoomed-in map ends
at straight edges well inside its frame.

So the extent the map is given is the wanted one widened along the frame's relatively longer side
until its projection has the frame's shape: the binding side's fit, and so the scale, stay as
they were; the bands become map. Only the box's projected size matters (the view is placed by
``center``), so the widened box is symmetric about the projection's rotation: its shape, and the
map's scale, then stay the same as the map is panned (a pan rotates the conic projection).

The page computes the same in the browser (``assets/atlas-extent.js``), for its frame as it is
resized; exports use this module for the frame of their page size.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from figures.map.layout import CENTRAL_MERIDIAN, DEFAULT_LAT, DEFAULT_LON, PARALLELS

CLIP_PAD = 0.001  # degrees: plotly.js's range box lies this far inside the ranges (geo constants.clipPad)
ARC_STEPS = 24  # points along each great-circle arc of the range box's long sides
MAX_LAT = 89.0  # degrees: a widened latitude range stops short of the poles

Range = tuple[float, float]


@cache
def _cone() -> tuple[float, float, float]:
    """(n, c, r0) of d3's conic equal-area projection on the unit sphere (d3-geo conicEqualAreaRaw)."""
    s0 = math.sin(math.radians(PARALLELS[0]))
    n = (s0 + math.sin(math.radians(PARALLELS[1]))) / 2
    c = 1 + s0 * (2 * n - s0)
    return n, c, math.sqrt(c) / n


def project(lon, lat, rotation: float) -> tuple[np.ndarray, np.ndarray]:
    """x, y (y to the north) on the unit sphere of points (degrees) in the map's conic equal-area
    projection turned to ``rotation`` (its central meridian, degrees east).
    """
    n, c, r0 = _cone()
    lam = np.radians((np.asarray(lon, float) - rotation + 180) % 360 - 180)  # as d3 turns the sphere
    r = np.sqrt(c - 2 * n * np.sin(np.radians(np.asarray(lat, float)))) / n
    return r * np.sin(n * lam), r0 - r * np.cos(n * lam)


def _unit(lon, lat) -> np.ndarray:
    lon, lat = np.radians(lon), np.radians(lat)
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=-1)


def _arcs(lon0, lat0, lon1, lat1) -> tuple[np.ndarray, np.ndarray]:
    """ARC_STEPS + 1 points (lon, lat) along each great circle from (lon0, lat0) to (lon1, lat1)
    (arrays of the arcs' ends, degrees): what d3 draws between two vertices of a polygon.
    """
    u, v = _unit(lon0, lat0)[:, None, :], _unit(lon1, lat1)[:, None, :]
    omega = np.arccos(np.clip(np.sum(u * v, axis=-1, keepdims=True), -1, 1))
    t = np.linspace(0, 1, ARC_STEPS + 1)[None, :, None]
    p = (np.sin((1 - t) * omega) * u + np.sin(t * omega) * v) / np.sin(omega)  # the arcs are never points
    return np.degrees(np.arctan2(p[..., 1], p[..., 0])), np.degrees(np.arcsin(np.clip(p[..., 2], -1, 1)))


def box_bounds(lon: Range, lat: Range, rotation: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) bounds (unit sphere, y to the north) of the projection of Plotly's
    range box of ``lon`` × ``lat`` (degrees) with the projection turned to ``rotation``. Its east
    and west sides are meridians (straight in a conic projection: their ends bound them); its
    north and south sides are four great-circle arcs each, between points a quarter of the
    longitudes apart.
    """
    x0, x1 = lon[0] + CLIP_PAD, lon[1] - CLIP_PAD
    ends = x0 + (x1 - x0) / 4 * np.arange(5)
    lats = np.repeat([lat[0] + CLIP_PAD, lat[1] - CLIP_PAD], 4)
    lon_a, lat_a = _arcs(np.tile(ends[:-1], 2), lats, np.tile(ends[1:], 2), lats)
    x, y = project(lon_a, lat_a, rotation)
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())


def box_size(lon: Range, lat: Range, rotation: float) -> tuple[float, float]:
    """Width and height (unit sphere) of the projection of Plotly's range box (:func:`box_bounds`)."""
    west, south, east, north = box_bounds(lon, lat, rotation)
    return east - west, north - south


def centre(lon: Range, lat: Range) -> tuple[float, float]:
    """(lon, lat), degrees: the middle of the projection of the extent ``lon`` × ``lat`` with the
    projection turned to its middle longitude, where a view of that extent is centred.
    """
    mid = (lon[0] + lon[1]) / 2
    _, south, _, north = box_bounds(lon, lat, mid)
    n, c, r0 = _cone()
    rho = r0 - (south + north) / 2  # on the central meridian, y = r0 - rho
    return round(mid, 4), round(math.degrees(math.asin((c - (n * rho) ** 2) / (2 * n))), 4)


def _bisect(f, lo: float, hi: float, target: float, steps: int = 60) -> float:
    """The x in [lo, hi] where the increasing function f reaches target (lo or hi beyond them)."""
    if f(lo) >= target:
        return lo
    if f(hi) <= target:
        return hi
    for _ in range(steps):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) < target else (lo, mid)
    return (lo + hi) / 2


def _lat_span(mid: float, a: float) -> Range:
    """A latitude range 2a wide about ``mid``, moved off a pole it would pass (MAX_LAT)."""
    south = max(-MAX_LAT, min(MAX_LAT, mid + a) - 2 * a)
    return south, min(MAX_LAT, south + 2 * a)


def fill(lon: Range, lat: Range, rotation: float, width: float, height: float) -> tuple[Range, Range]:
    """How to fill a frame of ``width`` × ``height`` (any unit, e.g. px) with the extent ``lon`` ×
    ``lat`` (degrees), the projection turned to ``rotation``: the longitudes (west and east of the
    rotation) and the latitudes of a box symmetric about the rotation whose projection has the
    frame's shape and is fitted to the frame at the scale the extent itself would be; its latitudes
    are about the extent's middle, unless a pole stops them. At that scale no box fills a frame
    more than about three times as wide as tall, or less than half (for the whole west): a taller
    frame gets the tallest box, a wider one the extent itself (a wider box would be taller than the
    frame too: the map would be smaller).
    """
    bw, bh = box_size(lon, lat, rotation)
    k = min(width / bw, height / bh)  # the extent's own fit: the scale the map keeps
    want_w, want_h = width / k, height / k
    mid = (lat[0] + lat[1]) / 2
    n, c, _ = _cone()

    def half_lon(a: float) -> float:
        # the box's widest points are its southern corners (its arcs bow to the pole): as wide as
        # the frame at the scale kept, for the latitudes of ``a``
        south = math.radians(_lat_span(mid, a)[0] + CLIP_PAD)
        rho = math.sqrt(c - 2 * n * math.sin(south)) / n
        return math.degrees(math.asin(min(1.0, want_w / (2 * rho)))) / n + CLIP_PAD

    def box_height(a: float) -> float:
        b = half_lon(a)
        return box_size((-b, b), _lat_span(mid, a), 0.0)[1]

    a = _bisect(box_height, 0.01, MAX_LAT, want_h)
    b, span = half_lon(a), _lat_span(mid, a)
    fw, fh = box_size((-b, b), span, 0.0)
    if fw > want_w * (1 + 1e-6) or fh > want_h * (1 + 1e-6):  # it would make the map smaller
        return (lon[0] - rotation, lon[1] - rotation), (lat[0], lat[1])
    return (-b, b), span


def filled_ranges(
    lon: Range, lat: Range, rotation: float, width: float, height: float, centre_lon: float | None = None
) -> tuple[list[float], list[float]]:
    """(lonaxis.range, lataxis.range) that fill a ``width`` × ``height`` frame with the extent ``lon`` ×
    ``lat`` (see :func:`fill`; ``rotation`` is the extent's own), centred on ``centre_lon``, the
    projection's rotation when the map is drawn (default: ``rotation``).
    """
    (west, east), (south, north) = fill(lon, lat, rotation, width, height)
    at = rotation if centre_lon is None else centre_lon
    return [round(at + west, 4), round(at + east, 4)], [round(south, 4), round(north, 4)]


def home(bounds: tuple[float, float, float, float] | None, pad: float = 1.0) -> dict:
    """The home view of a sub-region of ``bounds`` (min lon, min lat, max lon, max lat; None: the
    whole west), ``pad`` degrees around it: ``{"lon": [..], "lat": [..]}``, the extent to show
    (before it is widened to a frame), and ``"center": [lon, lat]``, where the view is centred and
    the projection turned to (a view's centre longitude is its projection's rotation, as pans and
    a link's view have it). The whole west keeps the page's central meridian.
    """
    if bounds is None:
        return {"lon": list(DEFAULT_LON), "lat": list(DEFAULT_LAT), "center": [CENTRAL_MERIDIAN, sum(DEFAULT_LAT) / 2]}
    lon, lat = [bounds[0] - pad, bounds[2] + pad], [bounds[1] - pad, bounds[3] + pad]
    return {"lon": lon, "lat": lat, "center": list(centre(lon, lat))}


def home_values(bounds: tuple[float, float, float, float] | None) -> dict:
    """The figure's values, by path, of the home view of ``bounds`` (see :func:`home`): its extent
    (not widened: the page widens it to its frame, assets/atlas-extent.js), its centre and
    rotation, and the home view itself in ``layout.meta.home``, which the page's ⌂, its keys and
    its frame's extent are read from (the axes' ranges the page rewrites as it is resized).
    """
    h = home(bounds)
    return {
        ("layout", "geo", "lonaxis", "range"): h["lon"],
        ("layout", "geo", "lataxis", "range"): h["lat"],
        ("layout", "geo", "center"): {"lon": h["center"][0], "lat": h["center"][1]},
        ("layout", "geo", "projection", "rotation", "lon"): h["center"][0],
        ("layout", "meta", "home"): h,
    }


def frame_ranges(home: dict, rotation: float, width: float, height: float) -> tuple[list[float], list[float]]:
    """The axes' ranges that fill a ``width`` × ``height`` frame with a figure's home view
    (``layout.meta.home``, see :func:`home`), the projection turned to ``rotation``: what the page
    sets as it is drawn and resized (assets/atlas-extent.js, ``rangesFor``).
    """
    return filled_ranges(home["lon"], home["lat"], home["center"][0], width, height, centre_lon=rotation)
