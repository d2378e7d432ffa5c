"""Area records on the map: a designation the document names whose site no source publishes,
drawn as the dashed outline of the area it is named at (never a point, which would read as a site).

Three traces per record after the fixed traces (figures/map/layout.py, AREA_FIRST: a casing, the
outline, the label); a state sets their visibility and, per language, the label and its hover.
The outline is made once per data version.
"""

from __future__ import annotations

import plotly.graph_objects as go
import shapely

from figures.map.layout import HALO
from figures.text import plain
from layers import REGISTRY
from model import queries
from model.prepared import Prepared
from view.i18n import measure_ref, pick, t
from view.state import ViewState

SIMPLIFY = 0.1  # degrees: an outline, not a boundary (the province borders are drawn beneath it)
SMOOTH = 0.15  # degrees: the seams between units closed, and the outline's teeth rounded off
MIN_PART = 0.05  # square degrees: slivers left between the simplified units are not outlined


def outlines(data: Prepared) -> list[tuple[list, list, tuple[float, float] | None]]:
    """(lons, lats, label point) of each area record's outline, in data order (None between
    rings; the label point, lon and lat, is the northernmost vertex of the area's largest part);
    once per data.
    """
    return data.derived("area-outlines", lambda: [_outline(data, area) for area in data.areas["area"]])


def _outline(data: Prepared, area) -> tuple[list, list, tuple[float, float] | None]:
    shape = queries.area_shape(data, area)
    lons: list = []
    lats: list = []
    if shape is None:
        return lons, lats, None
    # close the seams between the units, keep the outer rings of the parts that matter
    shape = shape.buffer(SMOOTH).buffer(-SMOOTH).simplify(SIMPLIFY)
    for part in shapely.get_parts(shape):
        if part.area < MIN_PART:
            continue
        xs, ys = part.exterior.xy
        lons += [round(x, 3) for x in xs] + [None]
        lats += [round(y, 3) for y in ys] + [None]
    # the label sits on the outline's northern edge, above it: clear of the province names, which
    # stand at their provinces' poles inside
    largest = max(shapely.get_parts(shape), key=lambda g: g.area)
    x, y = max(largest.exterior.coords, key=lambda c: c[1])
    return lons, lats, (round(x, 3), round(y, 3))


def hovers(data: Prepared, lang: str) -> list[str]:
    """Each record's hover in ``lang``: its name, its layer, the area named and that the site is
    not published, and the measure naming it (the hovertemplate of its label).
    """
    return data.derived(("area-hovers", lang), lambda: _hovers(data, lang))


def _hovers(data: Prepared, lang: str) -> list[str]:
    out = []
    for row in data.areas.itertuples():
        spec = REGISTRY[row.layer]
        refs = ", ".join(measure_ref(r, lang) for r in row.policy_refs)
        parts = [
            f"<b>{plain(pick(row.name_zh, row.name_en, lang))}</b>",
            plain(pick(spec.label_zh, spec.label_en, lang)),
            f"{t('place', lang)}: {plain(area_name(data, row.area, lang))} ({not_published(row.layer, lang)})",
            t("named_by", lang).format(refs=refs, year=row.named),
        ]
        out.append("<br>".join(parts) + "<extra></extra>")
    return out


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
    on_demand = bool(state.provinces or state.measure)
    lk = data.lookup
    return [
        keep and (on_demand or REGISTRY[layer].geometry != "line")
        for keep, layer in zip(lk.area_mask(state), lk.area_layer)
    ]


def shown_records(data: Prepared, state: ViewState) -> list[dict]:
    """The area records ``state`` passes (model.lookup.Lookup.area_mask), as the line under the
    table and the downloads name them: id, name, layer, area (the regions' and provinces' names),
    what is not published, measures, sources (";"-joined), in ``state.lang``. The dicts are made
    once per data and language, and shared: callers read them.
    """
    every = data.derived(("area-records", state.lang), lambda: _records(data, state.lang))
    return [r for r, shown in zip(every, data.lookup.area_mask(state)) if shown]


def _records(data: Prepared, lang: str) -> list[dict]:
    return [
        {
            "id": r.id,
            "name": pick(r.name_zh, r.name_en, lang),
            "layer": r.layer,
            "area": area_name(data, r.area, lang),
            "not_published": not_published(r.layer, lang),
            "policy_refs": list(r.policy_refs),
            "source_id": ";".join(r.source_id),
        }
        for r in data.areas.itertuples()
    ]


def place_text(data: Prepared, row, lang: str) -> str:
    """'name (area, site not published)' of one record (a row of ``data.areas``), as plain text."""
    where = area_name(data, row.area, lang)
    return f"{pick(row.name_zh, row.name_en, lang)} ({where}, {not_published(row.layer, lang)})"


def labels(data: Prepared, lang: str) -> list[str]:
    """Each record's label on the map in ``lang``: what no source publishes ("选址未公布"); once per
    data and language.
    """
    return data.derived(("area-labels", lang), lambda: [not_published(layer, lang) for layer in data.areas["layer"]])


TRACES_PER_RECORD = 3  # a casing, the dashed outline, the label (their order in the figure)


def traces(data: Prepared) -> list[go.Scattergeo]:
    """Three traces per area record, hidden until a state shows it: a white casing and the dashed
    outline in its layer's colour (legible on every class colour), neither of which takes the
    pointer (a click there reaches the province beneath, as everywhere on the map), and the label
    on the outline's northern edge (written once zoomed in; the legend's note says what the dashed
    outline is at every zoom), whose hover says what is named there.
    """
    out = []
    for (lons, lats, pole), (key, layer) in zip(outlines(data), zip(data.areas["id"], data.areas["layer"])):
        color = REGISTRY[layer].style["color"]
        for name, line in (
            (f"area-casing:{key}", dict(color="white", width=4.5)),
            (f"area:{key}", dict(color=color, width=2.2, dash="dash")),
        ):
            out.append(
                go.Scattergeo(
                    lon=lons,
                    lat=lats,
                    mode="lines",
                    line=line,
                    opacity=0.9,
                    hoverinfo="skip",
                    showlegend=False,
                    visible=False,
                    name=name,
                )
            )
        out.append(
            go.Scattergeo(
                lon=[pole[0]] if pole else [],
                lat=[pole[1]] if pole else [],
                mode="text",
                text=[""],
                textposition="top center",
                textfont=dict(size=11, color=color, shadow=HALO),
                hoverinfo="text",
                showlegend=False,
                visible=False,
                name=f"area-label:{key}",
            )
        )
    return out
