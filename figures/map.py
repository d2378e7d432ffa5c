"""The atlas map: a Plotly geo (SVG) figure that needs no tile server and no external request.

``base_figure_json(data)`` holds all geometry and is built once per data version;
``map_patch(data, state)`` returns
a ``dash.Patch`` that changes values, visibility, highlight and labels, never geometry (except
the one-time loading of the prefecture polygons when that view is first opened).
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
import shapely.ops
from dash import Patch

from atlas.i18n import LANGS, fmt_number, font_family, label, pick, t
from atlas.lookup import Codes
from atlas.prepared import Prepared
from atlas.regions import NATIONAL, WEST
from atlas.regions import PROVINCES as PROVINCE_NAMES
from atlas.state import BREAKS, ViewState
from atlas.vocab import LEVELS, PRECISIONS, STATUSES
from figures import classes
from figures.palette import (
    BORDER,
    COUNTRY_FILL,
    LABEL_OTHER,
    LABEL_WEST,
    MEASURE_BORDER,
    NO_DATA,
    NOT_WEST,
    SELECTED_BORDER,
)
from figures.patching import assign
from figures.sources import source_line
from figures.text import plain
from layers import POINT_LAYERS, REGISTRY

TRACE_TYPES = ("scattergeo", "choropleth")  # what the map draws (the page's plotly.js must carry them)
INSET_BOX = (105.0, 2.5, 124.5, 24.5)  # lon/lat window of the South China Sea inset
DEFAULT_LON, DEFAULT_LAT = (73, 135.5), (17, 54)  # the map's extent with the whole west
SPIRAL = 0.11  # degrees: spacing of hubs that share one administrative point (display only)

# Trace order (indices are what Patches address). Later traces are drawn on top: names above the
# hubs (with a halo, as on printed maps), the rings of chosen hubs above everything.
COUNTRIES, PROVINCES, PREFECTURES, INSET, MARITIME, MARITIME_INSET, PARTNER_LINES, EW_LINES = range(8)
FIRST_HUB = 8
HUB_TRACE = {key: FIRST_HUB + i for i, key in enumerate(POINT_LAYERS)}
PARTNER_LABELS = FIRST_HUB + len(POINT_LAYERS)  # where the partnership lines shown lead
PROVINCE_LABELS = PARTNER_LABELS + 1
CITY_LABELS = PROVINCE_LABELS + 1  # prefecture names of the west, once zoomed in
SELECTED_HUB = CITY_LABELS + 1
HOVER_HUB = SELECTED_HUB + 1  # drawn by assets/atlas.js when a table row is hovered (no server call)
HOVER_OUTLINE = HOVER_HUB + 1  # drawn by assets/atlas.js when a chart mark of a province is hovered

# Zoom (the projection's scale, 1 = the whole extent) at which more is drawn: the names of the
# smallest provinces and of the western prefectures, and hubs at their full size.
SMALL_NAMES_ZOOM = 2.0
CITY_NAMES_ZOOM = 2.5
SMALL_PROVINCES = frozenset({"110000", "120000", "310000", "810000", "820000"})  # too small to name at 1x
ABOVE_NATIONAL = "▲"  # after a province's name: its value is above the national value that year
HALO = "0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff"  # text-shadow of names, legible on any fill


EMPTY_FC = {"type": "FeatureCollection", "features": []}


def _fc(gdf, id_field: str) -> dict:
    """A compact GeoJSON FeatureCollection with only the id property (lon, lat order)."""
    feats = []
    for key, geom in zip(gdf[id_field], gdf.geometry):
        feats.append(
            {
                "type": "Feature",
                "id": key,
                "properties": {id_field: key},
                "geometry": shapely.geometry.mapping(geom),
            }
        )
    return json.loads(json.dumps({"type": "FeatureCollection", "features": feats}))


def _names(frame, key: str) -> list[list[str]]:
    """[key, name in each language] per row, as literal text for Plotly strings."""
    return [
        [k, *(plain(pick(z, e, lang)) for lang in LANGS)]
        for k, z, e in zip(frame[key], frame["name_zh"], frame["name_en"])
    ]


def _lines(geom) -> tuple[list, list]:
    lons, lats = [], []
    for part in shapely.get_parts(geom):
        xs, ys = zip(*part.coords)
        lons += [*xs, None]
        lats += [*ys, None]
    return lons, lats


def display_positions(data: Prepared) -> pd.DataFrame:
    """Display lon/lat per hub, indexed by hub id (see :func:`_display_positions`; once per data)."""
    return data.derived("display-positions", lambda: _display_positions(data.hubs))


def _display_positions(hubs: pd.DataFrame) -> pd.DataFrame:
    """Display lon/lat per hub: hubs that share one point are set out on a small spiral.

    Only for drawing; the data keep the representative point, and hovers state the precision.
    """
    lon = hubs.geometry.x.to_numpy().copy()
    lat = hubs.geometry.y.to_numpy().copy()
    key = pd.Series(list(zip(lon.round(4), lat.round(4))))
    for _, idx in key.groupby(key).groups.items():
        idx = sorted(idx, key=lambda i: hubs["id"].iat[i])
        for k, i in enumerate(idx[1:], start=1):
            angle = k * 2.399963  # golden angle
            r = SPIRAL * math.sqrt(k)
            lon[i] += r * math.cos(angle) / max(math.cos(math.radians(lat[i])), 0.3)
            lat[i] += r * math.sin(angle)
    return pd.DataFrame({"id": hubs["id"], "lon": lon.round(4), "lat": lat.round(4)}).set_index("id")


def label_points(gdf) -> list[tuple[float, float]]:
    """Where to write each shape's name (lon, lat): the pole of inaccessibility of its largest part
    (shapely's polylabel), which lies inside the shape even for a crescent like Gansu.
    """
    points = []
    for geom in gdf.geometry:
        part = max(shapely.get_parts(geom), key=lambda g: g.area)
        p = shapely.ops.polylabel(part, tolerance=0.05)
        points.append((round(p.x, 3), round(p.y, 3)))
    return points


def inset_provinces(data: Prepared):
    """The provinces cut to the South China Sea inset's box (once per data)."""
    return data.derived("inset-provinces", lambda: _inset_provinces(data))


def _inset_provinces(data: Prepared):
    prov = data.provinces
    box = shapely.box(*INSET_BOX)
    sub = prov[prov.intersects(box)].copy()
    sub["geometry"] = sub.geometry.intersection(box)
    return sub


def _geo_layout(**extra) -> dict:
    base = dict(
        visible=False,  # no built-in basemap: every line drawn comes from data/geo
        showframe=False,
        bgcolor="rgba(0,0,0,0)",
        projection=dict(type="conic equal area", parallels=[25, 47], rotation=dict(lon=105)),
    )
    return {**base, **extra}


def base_figure_json(data: Prepared) -> str:
    """The figure the page starts with, as JSON text: all geometry, the static hub data, and the
    default state drawn (``RENDERED_DEFAULT``). Built once per data version, shared read-only.
    """
    return data.derived("base-figure-json", lambda: _base_figure_json(data))


def _base_figure_json(data: Prepared) -> str:
    fig = json.loads(base_figure(data).to_json())
    # geometry goes in after Plotly's validation, which deep-copies it several times (~1 s)
    fig["data"][COUNTRIES]["geojson"] = _fc(data.countries, "iso3")
    fig["data"][PROVINCES]["geojson"] = _fc(data.provinces, "adcode")
    fig["data"][INSET]["geojson"] = _fc(inset_provinces(data), "adcode")
    if not clustered(data):
        for key, rows in hub_rows(data).items():
            fig["data"][HUB_TRACE[key]]["customdata"] = rows
    for path, value in map_values(data, ViewState()).items():
        _set(fig, path, value)
    return json.dumps(fig, separators=(",", ":"))


RENDERED_DEFAULT = ViewState().to_dict()  # what base_figure_json() shows: the map store's first value


def base_figure(data: Prepared) -> go.Figure:
    """Geometry and styles only (no state drawn)."""
    prov, pref, countries = data.provinces, data.prefectures, data.countries
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            geojson=EMPTY_FC,  # base_figure_json() adds the geometry
            locations=countries["iso3"],
            featureidkey="properties.iso3",
            z=np.zeros(len(countries)),
            colorscale=[[0, COUNTRY_FILL], [1, COUNTRY_FILL]],
            showscale=False,
            marker_line=dict(color="#d0d0d0", width=0.5),
            customdata=_names(countries, "iso3"),  # [iso3, name per language]
            name="countries",
            showlegend=False,
        )
    )
    n = len(prov)
    fig.add_trace(
        go.Choropleth(
            geojson=EMPTY_FC,
            locations=prov["adcode"],
            featureidkey="properties.adcode",
            z=np.zeros(n),
            zmin=-0.5,
            zmax=classes.N_CLASSES + 1.5,
            colorscale=classes.colorscale(classes.N_CLASSES),
            marker_line=dict(color=[BORDER] * n, width=[0.6] * n),
            hoverinfo="text",
            customdata=_names(prov, "adcode"),  # [adcode, name per language]
            name="provinces",
            showlegend=False,
            showscale=False,  # the legend is beside the map on the page (components/legend.py)
        )
    )
    fig.add_trace(
        go.Choropleth(
            geojson=EMPTY_FC,  # loaded on first use
            locations=pref["adcode"],
            featureidkey="properties.adcode",
            z=np.zeros(len(pref)),
            zmin=-0.5,
            zmax=classes.N_CLASSES + 1.5,
            colorscale=classes.colorscale(classes.N_CLASSES),
            showscale=False,
            marker_line=dict(color="#ffffff", width=0.4),
            hoverinfo="text",
            customdata=pref["adcode"],
            name="prefectures",
            showlegend=False,
            visible=False,
        )
    )
    inset = inset_provinces(data)
    fig.add_trace(
        go.Choropleth(
            geojson=EMPTY_FC,
            locations=inset["adcode"],
            featureidkey="properties.adcode",
            z=np.zeros(len(inset)),
            zmin=-0.5,
            zmax=classes.N_CLASSES + 1.5,
            colorscale=classes.colorscale(classes.N_CLASSES),
            showscale=False,
            marker_line=dict(color=BORDER, width=0.5),
            hoverinfo="skip",
            geo="geo2",
            name="inset",
            showlegend=False,
        )
    )
    lons, lats = _lines(data.maritime.geometry.iloc[0])
    for geo in ("geo", "geo2"):
        fig.add_trace(
            go.Scattergeo(
                lon=lons,
                lat=lats,
                mode="lines",
                line=dict(color="#555555", width=1.2),
                hoverinfo="skip",
                geo=geo,
                showlegend=False,
                name="maritime",
            )
        )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="lines",
            line=dict(color=REGISTRY["belt_road"].style["color"], width=1.4),
            opacity=0.8,
            hoverinfo="skip",
            name="partner-lines",
        )
    )
    ew = REGISTRY["east_west"].style
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="lines",
            line=dict(color=ew["color"], width=ew["line_width"], dash=ew["dash"]),
            hoverinfo="skip",
            name="east-west",
        )
    )
    for key in POINT_LAYERS:
        style = REGISTRY[key].style
        fig.add_trace(
            go.Scattergeo(
                lon=[],
                lat=[],
                mode="markers",
                name=key,
                legendgroup=key,
                marker=dict(
                    symbol=style["symbol"],
                    color=style["color"],
                    size=style["size"],
                    opacity=style["opacity"],
                    line=dict(color=style["line_color"], width=style["line_width"]),
                ),
                hoverinfo="text",
            )
        )
    for name, size in (("partner-labels", 11), ("province-labels", 12), ("city-labels", 10)):
        fig.add_trace(
            go.Scattergeo(
                lon=[],
                lat=[],
                mode="text",
                text=[],
                textfont=dict(size=size, color="#333333", shadow=HALO),
                hoverinfo="skip",
                showlegend=False,
                name=name,
            )
        )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="markers",
            marker=dict(symbol="circle-open", size=22, color="#000000", line=dict(width=2.5)),
            hoverinfo="skip",
            showlegend=False,
            name="selected-hub",
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="markers",
            marker=dict(symbol="circle-open", size=26, color=SELECTED_BORDER, line=dict(width=3)),
            hoverinfo="skip",
            showlegend=False,
            name="hover-hub",
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="lines",
            line=dict(color=SELECTED_BORDER, width=3),
            hoverinfo="skip",
            showlegend=False,
            name="hover-outline",
        )
    )
    fig.update_layout(
        geo=_geo_layout(
            lonaxis=dict(range=list(DEFAULT_LON)),
            lataxis=dict(range=list(DEFAULT_LAT)),
            domain=dict(x=[0, 1], y=[0, 1]),
        ),
        geo2=_geo_layout(
            lonaxis=dict(range=[INSET_BOX[0], INSET_BOX[2]]),
            lataxis=dict(range=[INSET_BOX[1], INSET_BOX[3]]),
            domain=dict(x=[0.86, 1.0], y=[0.0, 0.3]),
            projection=dict(type="mercator"),
            showframe=True,
            framecolor="#888888",
            bgcolor="#ffffff",  # the inset hides the zoomed map beneath it
        ),
        margin=dict(l=0, r=0, t=0, b=0),
        # The page draws its legends beside the map (components/legend.py), never over the land;
        # exports put Plotly's own legend and colour bar in a margin (atlas/export.py).
        showlegend=False,
        legend=dict(
            orientation="v",
            x=1.0,
            xanchor="left",
            y=1.0,
            yanchor="top",
            bgcolor="rgba(255,255,255,0.92)",
            font=dict(size=11),
            itemsizing="constant",
        ),
        dragmode="pan",
        # "event" only: with "event+select" Plotly fades every shape and point it did not pick after
        # a click. Selections are drawn from the view state instead, and reset with it.
        clickmode="event",
        # A hub is picked only when the pointer is within a few pixels of it, so that the province
        # under a crowd of hubs can still be clicked (Plotly's default is 20 px).
        hoverdistance=6,
        uirevision="map",
        paper_bgcolor="white",
        font=dict(family="Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"),
        annotations=[
            dict(
                text="",
                x=0.93,
                y=0.31,
                xref="paper",
                yref="paper",
                showarrow=False,
                font=dict(size=10, color="#555"),
                name="inset-label",
            ),
        ],
    )
    return fig


def _hub_hover(row, lang: str, prefectures_en: dict[str, str]) -> str:
    layer = REGISTRY[row.layer]
    parts = [
        f"<b>{plain(pick(row.name_zh, row.name_en, lang))}</b>",
        pick(layer.label_zh, layer.label_en, lang),
        f"{t('place', lang)}: {plain(_place_of(row, lang, prefectures_en))}"
        f" ({label(*PRECISIONS[row.precision], lang)})",
    ]
    if row.level:
        parts.append(f"{t('col_level', lang)}: {label(*LEVELS[row.level], lang)}")
    parts.append(f"{t('col_status', lang)}: {label(*STATUSES[row.status], lang)}")
    if row.established is not pd.NA and not pd.isna(row.established):
        parts.append(f"{t('col_year', lang)}: {int(row.established)}")
    return "<br>".join(parts)


def _place_of(row, lang: str, prefectures_en: dict[str, str]) -> str:
    return place_label(row.place_zh, row.place_en, row.place_adcode, row.prefecture_adcode, lang, prefectures_en)


def place_label(
    place_zh: str,
    place_en: str | None,
    place_adcode: str,
    prefecture: str | None,
    lang: str,
    prefectures_en: dict[str, str],
) -> str:
    """The unit a hub is placed at; in English its English name (built by scripts/build_hubs.py),
    followed by its prefecture's where it lies inside one ('Yangling District, Xianyang').
    """
    if lang != "en":
        return pick(place_zh, None, lang)
    own = place_en or place_zh
    en = prefectures_en.get(prefecture or "")
    return f"{own}, {en}" if en and place_adcode != prefecture else own


def choropleth_values(data: Prepared, state: ViewState, year: int) -> dict:
    """Class codes, legend labels and hover text of the provinces for a state (they depend on its
    indicator, year, language and class breaks only: memoised per data, all made by :func:`prepare`).
    """
    key = ("choropleth", state.indicator, year, state.lang, state.breaks)
    return data.derived(key, lambda: _choropleth(data, state.indicator, year, state.lang, state.breaks))


def prepare(data: Prepared) -> None:
    """Class every indicator-year in every language now (tens of ms for the bundled data), so that
    no visitor waits for it: a few hundred small tables, read-only afterwards. Data drawn in
    clusters also gets its hub rows ready for hovers.
    """
    for indicator, year in data.lookup.years:
        for lang in LANGS:
            for mode in BREAKS:
                choropleth_values(data, ViewState(indicator=indicator, lang=lang, breaks=mode), year)
    if clustered(data):
        _records(data)


def _west_values(lk, indicator: str, year: int | None) -> list[float]:
    """The western provinces' values of one year, or of every year (None)."""
    if year is not None:
        yv = lk.year_values(indicator, year)
        return [v for a, v in yv.by_adcode.items() if a in WEST and v is not None]
    series = lk.series.get(indicator, {})
    return [v for a in WEST for v in series.get(a, ((), ()))[1] if v is not None]


def _choropleth(data: Prepared, indicator: str, year: int, lang: str, mode: str) -> dict:
    lk = data.lookup
    static = _static(data)
    meta = lk.meta[indicator]
    yv = lk.year_values(indicator, year)  # values and their sources
    series = {a: yv.by_adcode.get(a) for a in static.provinces}
    pooled = _west_values(lk, indicator, year if mode == "year" else None)
    edges = classes.breaks(pooled)
    codes = classes.class_codes(series, edges, set(WEST))
    digits = 0 if pooled and max(abs(v) for v in pooled) >= 100 else 2
    labels = classes.class_labels(edges, lang, digits)
    unit = plain(meta["unit_en"] if lang == "en" else pick(meta["unit_zh"], None, lang))
    name = plain(pick(meta["name_zh"], meta["name_en"], lang))
    national = yv.by_adcode.get(NATIONAL)
    above = frozenset(
        a for a, v in series.items() if a in WEST and v is not None and national is not None and v > national
    )
    shown = [fmt_number(v, lang, digits) + (f" {ABOVE_NATIONAL}" if a in above else "") for a, v in series.items()]
    # the province's name comes from its customdata (all three languages are in the page); the unit
    # is said once, in the template, not after every value
    template = f"<b>%{{customdata[{LANG_SLOT[lang]}]}}</b><br>{name} {year} ({unit}): %{{text}}<extra></extra>"
    return {
        "z": [codes[a] for a in static.provinces],
        "labels": labels,
        "values": shown,
        "hovertemplate": template,
        "name": name,
        "unit": unit,
        "n_classes": classes.n_classes(edges),
        "source": source_line(data, yv.sources, lang),
        "codes": codes,
        "above": above,
        "national": None if national is None else f"{fmt_number(national, lang, digits)} {unit}",
    }


# --- What a state draws, as values at paths of the figure --------------------------------------
#
# ``map_values(state)`` gives every state-dependent value of the figure as {path: value}; a Patch
# carries only the values that differ from those of the state the page shows now (kept in a
# store), so a change of year sends the choropleth, a change of layers sends visibility, and a
# filter sends hub positions — never geometry, and never what the browser already has.

Path = tuple


def _set(target, path: Path, value) -> None:
    *head, last = path
    for key in head:
        target = target[key] if isinstance(target, list) else target.setdefault(key, {})
    target[last] = value


def _patch(values: dict, previous: dict | None) -> Patch:
    p = Patch()
    for path, value in values.items():
        if previous is not None and previous.get(path, _MISSING) == value:
            continue
        assign(p, path, value)
    return p


_MISSING = object()


def map_patch(
    data: Prepared,
    state: ViewState,
    load_prefectures: bool = False,
    previous: ViewState | None = None,
    values=None,
) -> Patch:
    """The Patch that turns the map showing ``previous`` (None: anything) into ``state``.

    ``values(data, state)`` gives a state's values ({path: value}): :func:`map_values` unless the
    caller passes a memoised one (callbacks/map.py).
    """
    values = values or map_values
    old = values(data, previous) if previous is not None else None
    p = _patch(values(data, state), old)
    if load_prefectures:
        p["data"][PREFECTURES]["geojson"] = prefecture_geojson(data)
    return p


@dataclass(frozen=True)
class _Static:
    """What the map's per-state values are read from, built once per loaded data (read-only)."""

    provinces: list[str]  # province adcodes, in the figure's order
    inset: list[str]
    prefectures: list[str]
    layer_rows: dict[str, np.ndarray]  # hub rows (data order) of each point layer
    layer_lon: dict[str, list[float]]
    layer_lat: dict[str, list[float]]
    partners: list[tuple[tuple[str, float, float], ...]]  # per hub row: (code, lon, lat) of each partner
    has_partners: np.ndarray
    prefecture: Codes  # each hub's prefecture adcode
    lon: np.ndarray  # display positions, in data order
    lat: np.ndarray
    unit: Codes  # the unit a hub is clustered in: its prefecture, else its province
    province_points: list[tuple[float, float]]  # where each province's name is written
    province_names: dict[str, list[str]]  # lang -> name per province (figure order)
    city_points: list[tuple[float, float]]  # the western prefectures' name points
    city_names: dict[str, list[str]]
    partner_names: dict[str, dict[str, str]]  # lang -> code (country iso3 or province adcode) -> name
    hover: dict  # (row, lang) -> hover text, filled as hubs are first drawn one by one


def _static(data: Prepared) -> _Static:
    return data.derived("map-static", lambda: _build_static(data))


def _build_static(data: Prepared) -> _Static:
    hubs = data.hubs
    pos = display_positions(data)
    lon, lat = pos["lon"].to_numpy(), pos["lat"].to_numpy()  # in data order
    layer = hubs["layer"].to_numpy()
    rows = {key: np.flatnonzero(layer == key) for key in POINT_LAYERS}
    prov, pref, countries = data.provinces, data.prefectures, data.countries
    province_points = label_points(prov)
    ends = {a: p for a, p in zip(prov["adcode"], province_points)} | {
        iso: (round(p.x, 3), round(p.y, 3))
        for iso, p in zip(countries["iso3"], countries.geometry.representative_point())
    }
    partners = [tuple((code, *ends[code]) for code in row if code in ends) for row in hubs["partners"]]
    short = {
        lang: [
            plain(pick(*PROVINCE_NAMES.get(a, (z, e)), lang))
            for a, z, e in zip(prov["adcode"], prov["name_zh"], prov["name_en"])
        ]
        for lang in LANGS
    }  # noqa: E501
    partner_names = {
        lang: {
            iso: plain(pick(z, e, lang))
            for iso, z, e in zip(countries["iso3"], countries["name_zh"], countries["name_en"])
        }  # noqa: E501
        | dict(zip(prov["adcode"], short[lang]))
        for lang in LANGS
    }
    return _Static(
        provinces=list(prov["adcode"]),
        inset=list(inset_provinces(data)["adcode"]),
        prefectures=list(pref["adcode"]),
        layer_rows=rows,
        layer_lon={k: [float(lon[i]) for i in r] for k, r in rows.items()},
        layer_lat={k: [float(lat[i]) for i in r] for k, r in rows.items()},
        partners=partners,
        has_partners=np.array([bool(p) for p in partners], dtype=bool),
        prefecture=Codes(hubs["prefecture_adcode"]),
        lon=lon,
        lat=lat,
        unit=Codes(hubs["prefecture_adcode"].fillna(hubs["province_adcode"])),
        province_points=province_points,
        province_names=short,
        city_points=label_points(pref),
        city_names={
            lang: [plain(pick(z, e, lang)) for z, e in zip(pref["name_zh"], pref["name_en"])] for lang in LANGS
        },
        partner_names=partner_names,
        hover={},
    )


FRAME = (DEFAULT_LON[0] + 1.0, DEFAULT_LAT[0] + 1.0, DEFAULT_LON[1] - 1.0, DEFAULT_LAT[1] - 1.0)


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


def place_edge_labels(ends: dict[str, tuple[float, float, bool]]) -> list[tuple[float, float, str, str]]:
    """(lon, lat, text, textposition) of each destination's label: a destination inside the map at
    its place; one beyond it at the edge its line was cut at, written inward ("→ name") and moved
    apart from its neighbours on that edge, so that the names stay on the map and legible.
    """
    out, edges = [], {}
    for name, (x, y, cut) in ends.items():
        if not cut:
            out.append([x, y, name, "top center"])
            continue
        edge = min(
            (
                ("left", abs(x - FRAME[0])),
                ("right", abs(x - FRAME[2])),
                ("bottom", abs(y - FRAME[1])),
                ("top", abs(y - FRAME[3])),
            ),
            key=lambda e: e[1],
        )[0]
        inward = {"left": "middle right", "right": "middle left", "bottom": "top center", "top": "bottom center"}[edge]
        label = [x, y, f"→ {name}", inward]
        edges.setdefault(edge, []).append(label)
        out.append(label)
    for edge, group in edges.items():
        axis, gap = (1, 1.4) if edge in ("left", "right") else (0, 5.0)  # degrees between neighbours
        group.sort(key=lambda label: label[axis])
        for before, after in zip(group, group[1:]):
            after[axis] = max(after[axis], round(before[axis] + gap, 3))
    return [tuple(label) for label in out]


def zoom_of(state: ViewState) -> float:
    """The map's zoom in the state: the projection scale, 1 = the whole extent."""
    return state.map_view[2] if state.map_view else 1.0


def marker_size(size: float, zoom: float) -> float:
    """A hub's marker size at a zoom: smaller when the whole west is shown, so that crowds of hubs
    leave their province visible and clickable; the layer's own size from a zoom of 2.5. In steps
    (zoom 1, 1.5, 2.25…, as the zoom buttons go): a wheel's small zooms resend no sizes.
    """
    step = 1.5 ** math.floor(math.log(max(zoom, 0.1), 1.5) + 1e-9)
    return round(size * min(1.0, 0.55 + 0.18 * step), 1)


def map_values(data: Prepared, state: ViewState) -> dict:
    """Every state-dependent value of the map figure, by path: ``{("data", 3, "z"): [...], ...}``."""
    vocab = data.vocab
    lk, static = data.lookup, _static(data)
    year = state.resolved_year(vocab)
    lang = state.lang
    zoom = zoom_of(state)
    v: dict[Path, object] = {}
    ch = choropleth_values(data, state, year)
    P, INS = ("data", PROVINCES), ("data", INSET)
    v[P + ("z",)] = ch["z"]
    v[P + ("text",)] = ch["values"]
    v[P + ("hovertemplate",)] = ch["hovertemplate"]
    v[P + ("colorscale",)] = classes.colorscale(ch["n_classes"])
    v[P + ("zmax",)] = ch["n_classes"] + 1.5
    v[P + ("visible",)] = state.view == "province"
    selected = set(state.provinces)
    named = lk.measure_provinces.get(state.measure, frozenset()) if state.measure else frozenset()
    adcodes = static.provinces
    v[P + ("marker", "line", "color")] = [
        SELECTED_BORDER if a in selected else MEASURE_BORDER if a in named else BORDER for a in adcodes
    ]
    v[P + ("marker", "line", "width")] = [2.5 if a in selected else 1.8 if a in named else 0.6 for a in adcodes]
    v[INS + ("z",)] = [int(ch["codes"][a]) for a in static.inset]
    v[INS + ("colorscale",)] = classes.colorscale(ch["n_classes"])
    v[INS + ("zmax",)] = ch["n_classes"] + 1.5
    v[("data", COUNTRIES, "hovertemplate")] = f"%{{customdata[{LANG_SLOT[lang]}]}}<extra></extra>"

    # Hub layers: what passes the filters; a hidden layer keeps its points (visibility only).
    passing = lk.hub_mask(state, layers=False)
    visible = set(state.layers) if state.layers is not None else set(REGISTRY)
    v.update(_hub_values(data, passing, visible, lang, zoom, _lassoed(lk, state)))
    shown = passing & lk.layer.isin(visible)

    # Partnership lines on demand: those of the open hub, of the measure's or the selected
    # provinces' hubs, each to its destination, named there (at the map's edge when it lies beyond).
    focus = np.zeros(lk.n_hubs, dtype=bool)
    if state.hub in lk.hub_index:
        focus[lk.hub_index[state.hub]] = True
    if state.measure:
        focus |= lk.measures.any_of([state.measure])
    if state.provinces:
        focus |= lk.province.isin(state.provinces)
    lons, lats, ends = [], [], {}
    for i in np.flatnonzero(focus & shown & static.has_partners):
        x0, y0 = float(static.lon[i]), float(static.lat[i])
        for code, x1, y1 in static.partners[i]:
            x, y, cut = clip_to_frame(x0, y0, x1, y1)
            lons += [x0, x, None]
            lats += [y0, y, None]
            name = static.partner_names[lang].get(code, code)
            ends.setdefault(name, (x, y, cut))  # one label a destination
    labels = place_edge_labels(ends)
    v[("data", PARTNER_LINES, "lon")], v[("data", PARTNER_LINES, "lat")] = lons, lats
    v[("data", PARTNER_LABELS, "lon")] = [x for x, _, _, _ in labels]
    v[("data", PARTNER_LABELS, "lat")] = [y for _, y, _, _ in labels]
    v[("data", PARTNER_LABELS, "text")] = [text for _, _, text, _ in labels]
    v[("data", PARTNER_LABELS, "textposition")] = [where for _, _, _, where in labels]
    on_demand = bool(state.provinces or state.measure)
    links = [
        (line, east) for line, east, keep in zip(lk.link_ends, lk.link_east, lk.link_mask(state)) if keep and on_demand
    ]
    v[("data", EW_LINES, "lon")] = [x for (x0, x1, _, _), _ in links for x in (x0, x1, None)]
    v[("data", EW_LINES, "lat")] = [y for (_, _, y0, y1), _ in links for y in (y0, y1, None)]
    v[("data", EW_LINES, "visible")] = "east_west" in visible
    destinations = {east for _, east in links}

    # Names: every province but the smallest (named once zoomed in, or when a line leads there);
    # a western province whose value is above the national value that year is marked.
    v[("data", PROVINCE_LABELS, "lon")] = [x for x, _ in static.province_points]
    v[("data", PROVINCE_LABELS, "lat")] = [y for _, y in static.province_points]
    v[("data", PROVINCE_LABELS, "text")] = [
        ""
        if a in SMALL_PROVINCES and zoom < SMALL_NAMES_ZOOM and a not in destinations
        else f"{name} {ABOVE_NATIONAL}"
        if a in ch["above"] and state.view == "province"
        else name
        for a, name in zip(static.provinces, static.province_names[lang])
    ]
    v[("data", PROVINCE_LABELS, "textfont", "color")] = [LABEL_WEST if a in WEST else LABEL_OTHER for a in adcodes]
    cities = zoom >= CITY_NAMES_ZOOM
    v[("data", CITY_LABELS, "lon")] = [x for x, _ in static.city_points] if cities else []
    v[("data", CITY_LABELS, "lat")] = [y for _, y in static.city_points] if cities else []
    v[("data", CITY_LABELS, "text")] = static.city_names[lang] if cities else []

    ringed_ids = dict.fromkeys([*state.picked, *([state.hub] if state.hub else [])])
    ringed = [lk.hub_index[h] for h in ringed_ids if h in lk.hub_index]
    v[("data", SELECTED_HUB, "lon")] = [float(static.lon[i]) for i in ringed]
    v[("data", SELECTED_HUB, "lat")] = [float(static.lat[i]) for i in ringed]

    pref_visible = state.view == "prefecture"
    v[("data", PREFECTURES, "visible")] = pref_visible
    if pref_visible:
        F = ("data", PREFECTURES)
        counts = prefecture_counts(data, state)
        edges = classes.breaks([n for n in counts if n > 0])
        codes = [classes.NOT_WEST_CODE if n == 0 else classes.class_codes({"": n}, edges, {""})[""] for n in counts]
        pref = data.prefectures
        v[F + ("z",)] = codes
        v[F + ("colorscale",)] = classes.colorscale(classes.n_classes(edges))
        v[F + ("zmax",)] = classes.n_classes(edges) + 1.5
        v[F + ("hovertext",)] = [
            f"<b>{plain(pick(z, e, lang))}</b><br>{t('hubs', lang)}: {n}"
            for n, z, e in zip(counts, pref["name_zh"], pref["name_en"])
        ]
    v[("layout", "annotations", 0, "text")] = t("south_china_sea", lang)
    v[("layout", "font", "family")] = font_family(lang)  # a TC font for Traditional names
    # A sub-region zooms the map to it; the whole west shows the default extent. A new region is
    # a new view (uirevision), so it overrides an earlier pan or zoom. Pans and zooms themselves
    # are the browser's: assets/atlas.js writes them to the URL and applies a URL's view.
    bounds = lk.region_bounds.get(state.region)
    pad = 1.0
    if bounds:
        lonr, latr = [bounds[0] - pad, bounds[2] + pad], [bounds[1] - pad, bounds[3] + pad]
    else:
        lonr, latr = list(DEFAULT_LON), list(DEFAULT_LAT)
    v[("layout", "geo", "lonaxis", "range")] = lonr
    v[("layout", "geo", "lataxis", "range")] = latr
    v[("layout", "uirevision")] = state.region
    return v


def _lassoed(lk, state: ViewState) -> np.ndarray | None:
    """The hubs chosen with the lasso or box as a mask (None: no such choice)."""
    if not state.hubs:
        return None
    chosen = np.zeros(lk.n_hubs, dtype=bool)
    chosen[[lk.hub_index[h] for h in state.hubs if h in lk.hub_index]] = True
    return chosen


def prefecture_counts(data: Prepared, state: ViewState) -> list[int]:
    """Hubs passing the state's filters (visible layers only) per western prefecture, in figure order."""
    lk, static = data.lookup, _static(data)
    shown = lk.hub_mask(state)
    found = np.bincount(static.prefecture.codes[shown], minlength=len(static.prefecture.keys))
    return [int(found[static.prefecture.keys[a]]) if a in static.prefecture.keys else 0 for a in static.prefectures]


# --- Hub points ----------------------------------------------------------------------------------
#
# Up to POINTS_MAX hubs (the bundled data has a few hundred) every hub is a point of its layer's
# trace, in a fixed order: the page gets each point's id and its hover text in all three
# languages once, and a filter sends only positions (null hides a point: Plotly neither draws it
# nor hovers it). A language change sends only the hover template, which picks the language.
# Beyond that (generated data in the scale benchmark), a view with more than POINTS_MAX hubs
# draws one point per layer and prefecture, sized by its number of hubs, as map clustering does
# in ArcGIS or kepler.gl; a view filtered to fewer hubs draws them one by one again.

POINTS_MAX = 5000
LANG_SLOT = {lang: i + 1 for i, lang in enumerate(LANGS)}  # customdata = [id, hover per language...]


def clustered(data: Prepared) -> bool:
    return len(data.hubs) > POINTS_MAX


def hub_rows(data: Prepared) -> dict[str, list[list[str]]]:
    """Customdata of each layer's trace: [id, hover zh-Hans, en, zh-Hant] per hub, in data order."""
    out = {}
    names = prefecture_names_en(data)
    for key in POINT_LAYERS:
        sub = data.hubs[data.hubs["layer"] == key]
        out[key] = [[r.id, *(_hub_hover(r, lang, names) for lang in LANGS)] for r in sub.itertuples()]
    return out


def prefecture_names_en(data: Prepared) -> dict[str, str]:
    """Prefecture adcode -> English name (once per data)."""
    return data.derived(
        "prefecture-names-en", lambda: dict(zip(data.prefectures["adcode"], data.prefectures["name_en"]))
    )


def _hub_values(
    data: Prepared,
    passing: np.ndarray,
    visible: set[str],
    lang: str,
    zoom: float = 1.0,
    lassoed: np.ndarray | None = None,
) -> dict:
    """Each layer trace's values for the hubs ``passing`` the filters (a mask in data order), drawn
    at the size for ``zoom``; hubs outside a lasso (``lassoed``, a mask) are faded.
    """
    v: dict[Path, object] = {}
    static = _static(data)
    big = clustered(data)
    if big:
        n_shown = int((passing & data.lookup.layer.isin(visible)).sum())
    for key, idx in HUB_TRACE.items():
        T = ("data", idx)
        keep = passing[static.layer_rows[key]]
        spec = REGISTRY[key]
        v[T + ("visible",)] = True if key in visible else "legendonly"
        if not big:
            keep = keep.tolist()
            v[T + ("lon",)] = [x if k else None for x, k in zip(static.layer_lon[key], keep)]
            v[T + ("lat",)] = [y if k else None for y, k in zip(static.layer_lat[key], keep)]
            v[T + ("hovertemplate",)] = f"%{{customdata[{LANG_SLOT[lang]}]}}<extra></extra>"
            v[T + ("marker", "size")] = marker_size(spec.style["size"], zoom)
            v[T + ("marker", "opacity")] = (
                spec.style["opacity"]
                if lassoed is None
                else [spec.style["opacity"] if c else 0.2 for c in lassoed[static.layer_rows[key]].tolist()]
            )
            continue
        rows = static.layer_rows[key][keep] if key in visible else static.layer_rows[key][:0]
        v[T + ("hovertemplate",)] = "%{customdata[1]}<extra></extra>"
        if n_shown <= POINTS_MAX:
            v[T + ("lon",)] = static.lon[rows].tolist()
            v[T + ("lat",)] = static.lat[rows].tolist()
            records = _records(data)
            v[T + ("customdata",)] = [
                [records[i].id, _cached_hover(data, static, records, i, lang)] for i in rows.tolist()
            ]
            v[T + ("marker", "size")] = marker_size(spec.style["size"], zoom)
        else:
            v.update(_cluster_values(data, T, static, rows, spec, lang))
    return v


def _records(data: Prepared) -> list:
    """The hub rows (itertuples) for hovers made on demand: data drawn in clusters (see prepare)."""
    return data.derived("hub-records", lambda: list(data.hubs.itertuples()))


def _cached_hover(data: Prepared, static: _Static, records: list, row: int, lang: str) -> str:
    text = static.hover.get((row, lang))
    if text is None:
        text = static.hover[(row, lang)] = _hub_hover(records[row], lang, prefecture_names_en(data))
    return text


def _cluster_values(data: Prepared, T: Path, static: _Static, rows: np.ndarray, spec, lang: str) -> dict:
    """One point per prefecture (or province, for hubs placed only at a province), sized by count;
    clusters in the order of their unit's adcode.
    """
    codes = static.unit.codes[rows]
    size = len(static.unit.keys)
    count = np.bincount(codes, minlength=size)
    lon = np.bincount(codes, weights=static.lon[rows], minlength=size)
    lat = np.bincount(codes, weights=static.lat[rows], minlength=size)
    units = sorted((k, c) for k, c in static.unit.keys.items() if count[c])
    names = _unit_names(data, lang)
    label = pick(spec.label_zh, spec.label_en, lang)
    return {
        T + ("lon",): [round(float(lon[c] / count[c]), 4) for _, c in units],
        T + ("lat",): [round(float(lat[c] / count[c]), 4) for _, c in units],
        T + ("customdata",): [["", f"<b>{names.get(a, a)}</b><br>{label}: {int(count[c])}"] for a, c in units],
        T + ("marker", "size"): [round(spec.style["size"] + 3 * math.sqrt(int(count[c])), 1) for _, c in units],
    }


def _unit_names(data: Prepared, lang: str) -> dict[str, str]:
    return data.derived(("unit-names", lang), lambda: _build_unit_names(data, lang))


def _build_unit_names(data: Prepared, lang: str) -> dict[str, str]:
    out = {}
    for frame in (data.provinces, data.prefectures):
        out.update({a: plain(pick(z, e, lang)) for a, z, e in zip(frame["adcode"], frame["name_zh"], frame["name_en"])})
    return out


def prefecture_geojson(data: Prepared) -> dict:
    """The western prefectures' polygons as GeoJSON, sent once per page when that view is opened."""
    return data.derived("prefecture-geojson", lambda: _fc(data.prefectures, "adcode"))


def legend_model(data: Prepared, state: ViewState) -> dict:
    """What the map's legend says for a state, as plain text (the page escapes it):

    ``{"title", "detail", "items": [{"colour", "label"}], "note", "national", "source"}``: the
    classes first, then no data and outside the west; ``note`` says how the classes were made;
    ``national`` explains the mark of provinces above the national value (None without one).
    """
    lang = state.lang
    year = state.resolved_year(data.vocab)
    lk = data.lookup
    region = lk.regions.get(state.region)
    where = pick(region.name_zh, region.name_en, lang) if region else ""
    if state.view == "prefecture":
        counts = [n for n in prefecture_counts(data, state) if n > 0]
        edges = classes.breaks(counts)
        labels = classes.class_labels(edges, lang, 0)[2:]
        colours = classes.CLASS_COLOURS[: classes.n_classes(edges)]
        items = [{"colour": NOT_WEST, "label": "0"}, *({"colour": c, "label": x} for c, x in zip(colours, labels))]
        return {
            "title": t("prefecture_title", lang),
            "detail": where,
            "items": items,
            "note": t("prefecture_note", lang),
            "national": None,
            "source": "",
        }
    ch = choropleth_values(data, state, year)
    colours = classes.CLASS_COLOURS[: ch["n_classes"]]
    items = [{"colour": c, "label": html.unescape(x)} for c, x in zip(colours, ch["labels"][2:])]
    items += [{"colour": NO_DATA, "label": t("no_data", lang)}, {"colour": NOT_WEST, "label": t("not_west", lang)}]
    years = data.vocab.years_of(state.indicator)
    note = (
        t("breaks_fixed", lang).format(first=years[0], last=years[-1])
        if state.breaks == "fixed" and years
        else t("breaks_year", lang).format(year=year)
    )
    national = None
    if ch["national"] is not None:
        national = f"{ABOVE_NATIONAL} {t('above_national', lang)} ({html.unescape(ch['national'])})"
    return {
        "title": html.unescape(ch["name"]),
        "detail": f"{year} · {html.unescape(ch['unit'])} · {where}",
        "items": items,
        "note": note,
        "national": national,
        "source": html.unescape(ch["source"]),
    }


def export_dict(data: Prepared, state: ViewState, right: float = 0.78) -> dict:
    """The map of a state for export, as a figure dict: Plotly's own colour bar and legend in a
    strip from ``right`` (a fraction of the width) to the edge, the map and its inset left of it,
    so that no legend covers land; the legend lists only the layers drawn; a pan or zoom is kept.
    """
    from figures.patching import apply_patch  # noqa: PLC0415 - only exports need it

    fig = apply_patch(json.loads(base_figure_json(data)), map_patch(data, state))
    for i in (HOVER_HUB, HOVER_OUTLINE):
        fig["data"][i]["visible"] = False
    lay, traces = fig["layout"], fig["data"]
    width = right - 0.02
    inset_w = 0.16 * width
    lay["geo"]["domain"] = {"x": [0, width], "y": [0, 1]}
    lay["geo2"]["domain"] = {"x": [width - inset_w, width], "y": [0, 0.3]}
    lay["annotations"][0].update(x=width - inset_w / 2, y=0.31, yanchor="bottom")
    if state.map_view:
        lon, lat, scale = state.map_view
        lay["geo"]["center"] = {"lon": lon, "lat": lat}
        lay["geo"]["projection"] = {**lay["geo"]["projection"], "scale": scale, "rotation": {"lon": lon}}
    bar = {"x": right, "xanchor": "left", "y": 1.0, "yanchor": "top", "len": 0.42, "thickness": 14, "outlinewidth": 0}
    m = legend_model(data, state)
    if state.view == "province":
        year = state.resolved_year(data.vocab)
        ch = choropleth_values(data, state, year)
        traces[PROVINCES]["showscale"] = True
        traces[PROVINCES]["colorbar"] = {
            **bar,
            "tickvals": list(range(len(ch["labels"]))),
            "ticktext": ch["labels"],
            "title": {"text": f"{ch['name']}<br>{year} · {ch['unit']}", "side": "top"},
        }
    else:
        codes = [i["label"] for i in m["items"]]
        traces[PREFECTURES]["showscale"] = True
        traces[PREFECTURES]["colorbar"] = {
            **bar,
            "tickvals": [0, *range(2, 1 + len(codes))],
            "ticktext": [html.escape(c) for c in codes],
            "title": {"text": plain(m["title"]), "side": "top"},
        }
    lay["showlegend"] = True
    lay["legend"] = {**lay.get("legend", {}), "x": right, "xanchor": "left", "y": 0.54, "yanchor": "top"}
    # names for the legend (only exports show trace names: the page has its layer panel, and its
    # scripts find the traces by their fixed names)
    passing = data.lookup.hub_mask(state, layers=False)
    static = _static(data)
    for key, i in HUB_TRACE.items():
        spec = REGISTRY[key]
        traces[i]["name"] = (
            f"{plain(pick(spec.label_zh, spec.label_en, state.lang))} ({int(passing[static.layer_rows[key]].sum())})"
        )
    for i, trace in enumerate(traces):
        drawn = trace.get("visible", True) is True and any(x is not None for x in trace.get("lon") or [])
        if i in HUB_TRACE.values() or i in (PARTNER_LINES, EW_LINES):
            trace["showlegend"] = drawn
    return fig
