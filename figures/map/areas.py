"""Area records on the map: a designation the document names whose site (or parties) no source
publishes, drawn as the dashed outline of the area it is named at (never a point, which would
read as a site), one style for all: the dashed outline means "named here, not placed".

Three fixed traces (figures/map/layout.py): a white casing and the dashed outline beneath the hubs
(AREA_CASING, AREA_OUTLINE), neither taking the pointer, so that a click there reaches the province
beneath; and the labels with the names above (AREA_LABELS), each inside its area where it is clear
of the outline, the hubs and the names at every size of the page (:func:`label_place`), whose hover
says what is named there. A state sets the drawn records' coordinates and labels; the outlines are
made once per data version, the texts once per language, the labels' places once per view.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import shapely
import shapely.ops

from figures.map.extent import frame_ranges, home
from figures.map.labels import boxes, clear_of, fitted, inset_box
from figures.map.layout import (
    CITY_NAMES_ZOOM,
    HALO,
    PAGE_PLOTS,
    marker_size,
    on_demand,
    zoom_of,
    zoom_step,
)
from figures.map.static import _static, city_names
from figures.palette import AREA_LINE
from figures.text import plain
from layers import REGISTRY
from model import queries
from model.prepared import Prepared
from view.i18n import measure_ref, pick, t
from view.state import ViewState

SIMPLIFY = 0.1  # degrees: an outline, not a boundary (the province borders are drawn beneath it)
INWARD = 0.3  # degrees the outline runs inside the area's border (about 4 px on the whole west's map)
SMOOTH = 0.15  # degrees: the seams between units closed, and the outline's teeth rounded off
LABEL_POSITION, LABEL_SIZE = "middle center", 10  # the labels' place on their point, and font size
MIN_PART = 0.05  # square degrees: slivers left between the simplified units are not outlined


def outlines(data: Prepared) -> list[tuple[list, list, object]]:
    """(lons, lats, shape) of each area record's outline, in data order: each ring ends with None;
    the shape (shapely, lon/lat) is the polygon the rings draw, None when the runtime data has none
    of the area's units; once per data.
    """
    return data.derived("area-outlines", lambda: [_outline(data, area) for area in data.areas["area"]])


def _outline(data: Prepared, area) -> tuple[list, list, object]:
    shape = queries.area_shape(data, area)
    lons: list = []
    lats: list = []
    if shape is None:
        return lons, lats, None
    # close the seams between the units, keep the outer rings of the parts that matter
    # and draw it a little inside the area, so that the border of a chosen province (drawn
    # beneath) stays visible beside it rather than under its casing
    shape = shape.buffer(SMOOTH).buffer(-SMOOTH - INWARD).simplify(SIMPLIFY)
    parts = []
    for part in shapely.get_parts(shape):
        if part.area < MIN_PART:
            continue
        xs, ys = part.exterior.xy
        lons += [round(x, 3) for x in xs] + [None]
        lats += [round(y, 3) for y in ys] + [None]
        parts.append(shapely.Polygon(part.exterior))
    return lons, lats, shapely.MultiPolygon(parts) if parts else None


# (A laptop at 200% zoom, 683×384, is not among the sizes weighed, layout.PAGE_PLOTS: its map of
# 683×269 px has no place in the Chengdu-Chongqing area clear of every hub, and the label would go
# at every size.)
EDGE = 3.5  # px a label keeps from its outline: the casing's half width (2.25 px) and air
CLEAR = 1.5  # px a label keeps from a hub's marker and from a name (whose boxes have air of their own)
AIRS = (10.0, 5.0, 0.0)  # px of room more, sought in turn: a label stands in the open where it can
GRID = 48  # candidate points across the area's bounds, each way


def label_place(data: Prepared, k: int, region: str, lang: str, zoom: float) -> tuple[float, float, str] | None:
    """Where area record ``k``'s label is written on the map of ``region`` at ``zoom``'s step (lon,
    lat, Plotly text, centred there), None where it fits nowhere: inside the area, clear of its
    outline, of every hub's marker (whatever the filters: a label does not jump with them), of the
    provinces' names and, zoomed in, the prefectures', and at the whole region's view inside the
    map and off the inset, at every size of :data:`PAGE_PLOTS` (zoomed in, in a view centred on
    the area); on one line, else on two. Boxes
    are labels.boxes's; once per data, record, region, language and step.
    """
    step = zoom_step(zoom)
    key = ("area-label", k, region, lang, step)
    return data.derived(key, lambda: _label_place(data, k, region, lang, step))


def _label_place(data: Prepared, k: int, region: str, lang: str, step: float):
    shape = outlines(data)[k][2]
    if shape is None:
        return None
    static, text = _static(data), texts(data, lang)[0][k]
    west, south, east, north = shape.bounds
    gx, gy = np.meshgrid(np.linspace(west, east, GRID), np.linspace(south, north, GRID))
    inside = shapely.contains_xy(shape, gx.ravel(), gy.ravel())
    lon, lat = gx.ravel()[inside], gy.ravel()[inside]
    view = home(data.lookup.region_bounds.get(region))  # the region's view, as the page draws it
    turn, centre = view["center"][0], tuple(view["center"])
    if step > 1:  # zoomed in on the area: a view's centre is its projection's rotation (assets/atlas.js)
        at = shape.representative_point()
        turn, centre = round(at.x, 2), (round(at.x, 2), round(at.y, 2))
    near = (static.lon > west - 5) & (static.lon < east + 5) & (static.lat > south - 5) & (static.lat < north + 5)
    radius = np.zeros(len(static.lon))
    for key, rows in static.layer_rows.items():
        radius[rows] = marker_size(REGISTRY[key].style["size"], step) / 2
    names = list(zip(static.province_points, static.province_names[lang], [12] * len(static.provinces)))
    if step >= CITY_NAMES_ZOOM:
        names += [(p, n, 10) for p, n in zip(static.city_points, city_names(data, lang, step)) if n]
    # a point's distance from the area's pole, to choose the most central of the places that fit
    pole = shapely.ops.polylabel(max(shape.geoms, key=lambda g: g.area), tolerance=0.05)
    central = np.argsort(((lon - pole.x) * math.cos(math.radians(pole.y))) ** 2 + (lat - pole.y) ** 2)
    views = []  # per size: the canvas, the area in its pixels, what a label keeps clear of, the box it stays in
    for size in PAGE_PLOTS:
        lonr, latr = frame_ranges(view, turn, *size)  # its extent widened to fill the frame
        canvas = fitted(lonr, latr, ((0, 0), size), turn, centre, scale=step)
        area = shapely.transform(shape, lambda c, cv=canvas: np.column_stack(cv.xy(c[:, 0], c[:, 1])))
        mx, my = canvas.xy(static.lon[near], static.lat[near])
        taken = [np.column_stack([mx - radius[near], my - radius[near], mx + radius[near], my + radius[near]])]
        taken += [boxes(x, y, n, "middle center", 1.0, font, canvas) for (x, y), n, font in names]
        # the whole region's view: its frame and the inset's box are known (zoomed in, they move with a pan)
        frame = canvas.frame if step == 1 else (-np.inf, -np.inf, np.inf, np.inf)
        views.append((canvas, area, np.vstack(taken + ([inset_box(size)] if step == 1 else [])), frame))
    grow = np.array([-1.0, -1.0, 1.0, 1.0])
    for air in AIRS:
        for form in _forms(text):
            ok = np.ones(len(lon), dtype=bool)
            for canvas, area, taken, frame in views:
                found = boxes(lon[ok], lat[ok], form, "middle center", 1.0, LABEL_SIZE, canvas)
                fits = shapely.contains(area, shapely.box(*(found + grow * (EDGE + air)).T))
                fits &= clear_of(found + grow * (CLEAR + air), [taken]) & _within(found, frame)
                ok[ok] = fits
                if not ok.any():
                    break
            if ok.any():
                best = central[ok[central]][0]
                return round(float(lon[best]), 3), round(float(lat[best]), 3), form
    return None


def _forms(text: str) -> list[str]:
    """A label on one line, then on two as even as its words (or, with no space, its characters) allow."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if spaces:
        cut = min(spaces, key=lambda i: abs(2 * i - len(text)))
        return [text, f"{text[:cut]}<br>{text[cut + 1 :]}"]
    return [text, f"{text[: len(text) // 2]}<br>{text[len(text) // 2 :]}"] if len(text) > 3 else [text]


def _within(found: np.ndarray, frame) -> np.ndarray:
    return (found[:, 0] >= frame[0]) & (found[:, 1] >= frame[1]) & (found[:, 2] <= frame[2]) & (found[:, 3] <= frame[3])


def area_name(data: Prepared, area, lang: str) -> str:
    """The area a record is named at, in ``lang``: its regions' and provinces' names."""
    known = queries.regions(data)
    names = dict(zip(data.provinces["adcode"], zip(data.provinces["name_zh"], data.provinces["name_en"])))
    return "、".join(
        pick(known[k].name_zh, known[k].name_en, lang) if k in known else pick(*names.get(k, (k, k)), lang)
        for k in area
    )


def not_published(layer: str, lang: str) -> str:
    """What no source publishes: a partnership's parties, anything else's site."""
    return t("parties_not_published" if REGISTRY[layer].geometry == "line" else "site_not_published", lang)


def drawn(data: Prepared, state: ViewState) -> list[bool]:
    """Whether each area record's outline is drawn for ``state``: the filters pass it
    (model.lookup.Lookup.area_mask), and a partnership's only on demand (a province or a measure
    chosen), as its lines are.
    """
    asked = on_demand(state)
    lk = data.lookup
    return [
        keep and (asked or REGISTRY[layer].geometry != "line")
        for keep, layer in zip(lk.area_mask(state), lk.area_layer)
    ]


def shown_records(data: Prepared, state: ViewState) -> list[dict]:
    """The area records the map draws for ``state`` (:func:`drawn`), as the line under the table
    and the downloads name them: id, name, layer, area (the regions' and provinces' names),
    what is not published, the year named, measures, sources (";"-joined), note, in
    ``state.lang``; none while hubs are chosen on the map (a record is not chosen with them). The
    dicts are made once per data and language, and shared: callers read them.
    """
    if state.hubs:
        return []
    return [r for r, shown in zip(records(data, state.lang), drawn(data, state)) if shown]


def records(data: Prepared, lang: str) -> list[dict]:
    """Every area record as :func:`shown_records` gives it, in data order; once per data and language."""
    return data.derived(("area-records", lang), lambda: _records(data, lang))


def _records(data: Prepared, lang: str) -> list[dict]:
    return [
        {
            "id": r.id,
            "name": pick(r.name_zh, r.name_en, lang),
            "layer": r.layer,
            "area": area_name(data, r.area, lang),
            "not_published": not_published(r.layer, lang),
            "named": int(r.named),
            "policy_refs": list(r.policy_refs),
            "source_id": ";".join(r.source_id),
            "note": r.note or "",
        }
        for r in data.areas.itertuples()
    ]


def record_text(record: dict, lang: str) -> str:
    """'name (area, site not published)' of a :func:`shown_records` item, as plain text; in
    Chinese with full-width brackets and comma.
    """
    if lang == "en":
        return f"{record['name']} ({record['area']}, {record['not_published']})"
    return f"{record['name']}({record['area']},{record['not_published']})"


def texts(data: Prepared, lang: str) -> tuple[list[str], list[str]]:
    """(labels, hovers) of the records in ``lang``, once per data and language: the label says
    what no source publishes ("选址未公布"); the hover names the record, its layer, the area, that,
    and the measure naming it.
    """
    return data.derived(("area-texts", lang), lambda: _texts(data, lang))


def _texts(data: Prepared, lang: str) -> tuple[list[str], list[str]]:
    labels, hovers = [], []
    for row in data.areas.itertuples():
        spec = REGISTRY[row.layer]
        refs = ", ".join(measure_ref(r, lang) for r in row.policy_refs)
        missing = not_published(row.layer, lang)
        labels.append(missing)
        hovers.append(
            "<br>".join(
                [
                    f"<b>{plain(pick(row.name_zh, row.name_en, lang))}</b>",
                    plain(pick(spec.label_zh, spec.label_en, lang)),
                    f"{t('place', lang)}: {plain(area_name(data, row.area, lang))} ({missing})",
                    t("named_by", lang).format(refs=refs, year=row.named),
                ]
            )
        )
    return labels, hovers


def values(data: Prepared, state: ViewState) -> dict[str, object]:
    """What the three traces show for ``state``: the drawn records' outlines (lon, lat, None
    between rings) and the labels that fit (:func:`label_place`: lon, lat, text, hovertext), by
    name; "taken": the labels as figures/map/labels.py weighs them (label, font size).
    """
    hovers = texts(data, state.lang)[1]
    lons: list = []
    lats: list = []
    at: list = []
    for k, shown in enumerate(drawn(data, state)):
        x, y, shape = outlines(data)[k]
        if shown and shape is not None:
            lons += x
            lats += y
            place = label_place(data, k, state.region, state.lang, zoom_of(state))
            if place is not None:
                at.append((place, hovers[k]))
    return {
        "lon": lons,
        "lat": lats,
        "label_lon": [p[0] for p, _ in at],
        "label_lat": [p[1] for p, _ in at],
        "label_text": [p[2] for p, _ in at],
        "label_hover": [hover for _, hover in at],
        # the labels as figures/map/labels.py weighs them, so that other names keep off them
        "taken": [((x, y, text, LABEL_POSITION), LABEL_SIZE) for (x, y, text), _ in at],
    }


def traces() -> tuple[go.Scattergeo, go.Scattergeo, go.Scattergeo]:
    """The casing, the dashed outline and the labels, empty until a state draws a record."""
    lines = [
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="lines",
            line=line,
            opacity=0.9,
            hoverinfo="skip",
            showlegend=False,
            name=name,
        )
        for name, line in (
            ("area-casing", dict(color="white", width=4.5)),
            # short dashes: a legend's 30 px sample of an export shows them too
            ("area-outline", dict(color=AREA_LINE, width=2, dash="6px,4px")),
        )
    ]
    labels = go.Scattergeo(
        lon=[],
        lat=[],
        mode="text",
        text=[],
        textposition=LABEL_POSITION,
        textfont=dict(size=LABEL_SIZE, color=AREA_LINE, shadow=HALO),
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
        name="area-labels",
    )
    return lines[0], lines[1], labels
