"""Area records on the map: a designation the document names whose site (or parties) no source
publishes, drawn as the dashed outline of the area it is named at (never a point, which would
read as a site), one style for all: the dashed outline means "named here, not placed".

Three fixed traces (figures/map/layout.py): a white casing and the dashed outline beneath the hubs
(AREA_CASING, AREA_OUTLINE), neither taking the pointer, so that a click there reaches the province
beneath; and the labels with the names above (AREA_LABELS), on each outline's northern edge,
whose hover says what is named there. A state sets the drawn records' coordinates and labels; the
outlines are made once per data version, the texts once per language.
"""

from __future__ import annotations

import plotly.graph_objects as go
import shapely

from figures.map.layout import DEFAULT_LON, HALO, on_demand
from figures.map.static import label_points
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
LABEL_POSITION, LABEL_SIZE = "top center", 10  # the labels' place beside their point, and font size
MIN_PART = 0.05  # square degrees: slivers left between the simplified units are not outlined


def outlines(data: Prepared) -> list[tuple[list, list, tuple[float, float] | None]]:
    """(lons, lats, label point) of each area record's outline, in data order (each ring ends with
    None; the label point, lon and lat, is the northernmost vertex of the area's largest part, None
    when the runtime data has none of its units); once per data.
    """
    return data.derived("area-outlines", lambda: [_outline(data, area) for area in data.areas["area"]])


def _outline(data: Prepared, area) -> tuple[list, list, tuple[float, float] | None]:
    shape = queries.area_shape(data, area)
    lons: list = []
    lats: list = []
    if shape is None:
        return lons, lats, None
    # close the seams between the units, keep the outer rings of the parts that matter
    # and draw it a little inside the area, so that the border of a chosen province (drawn
    # beneath) stays visible beside it rather than under its casing
    shape = shape.buffer(SMOOTH).buffer(-SMOOTH - INWARD).simplify(SIMPLIFY)
    for part in shapely.get_parts(shape):
        if part.area < MIN_PART:
            continue
        xs, ys = part.exterior.xy
        lons += [round(x, 3) for x in xs] + [None]
        lats += [round(y, 3) for y in ys] + [None]
    # the label stands on the outline where it is farthest from every province's name (a name on
    # the northern edge ran into 陕西), the north preferred where two are as far
    names = label_points(data.provinces)
    largest = max(shapely.get_parts(shape), key=lambda g: g.area)
    # ...and not at the edge of the whole west's view, where the text would be cut
    inner = [c for c in largest.exterior.coords if DEFAULT_LON[0] + 4 < c[0] < DEFAULT_LON[1] - 4] or list(
        largest.exterior.coords
    )
    # (a label is about five times as wide as it is high: distances across count a fifth as much)
    x, y = max(inner, key=lambda c: (round(min(((c[0] - a) / 5) ** 2 + (c[1] - b) ** 2 for a, b in names), 2), c[1]))
    return lons, lats, (round(x, 3), round(y, 3))


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
    between rings) and their labels (lon, lat, text, hovertext), by name; "taken": the labels as
    figures/map/labels.py weighs them (label, font size).
    """
    labels, hovers = texts(data, state.lang)
    lons: list = []
    lats: list = []
    at: list = []
    for k, shown in enumerate(drawn(data, state)):
        x, y, pole = outlines(data)[k]
        if shown and pole is not None:
            lons += x
            lats += y
            at.append((pole, labels[k], hovers[k]))
    return {
        "lon": lons,
        "lat": lats,
        "label_lon": [p[0] for p, _, _ in at],
        "label_lat": [p[1] for p, _, _ in at],
        "label_text": [text for _, text, _ in at],
        "label_hover": [hover for _, _, hover in at],
        # the labels as figures/map/labels.py weighs them, so that other names keep off them
        "taken": [((p[0], p[1], text, LABEL_POSITION), LABEL_SIZE) for p, text, _ in at],
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
