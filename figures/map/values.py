"""What a view state draws, as values at paths of the figure, and the Patch between two states."""

from __future__ import annotations

import math

import numpy as np
from dash import Patch

from figures import classes
from figures.map.areas import records as area_records
from figures.map.areas import texts as area_texts
from figures.map.areas import values as area_values
from figures.map.extent import home, home_values
from figures.map.labels import PROVINCE_NAME_PX, page_views, partner_lines, place_page_labels
from figures.map.layout import (
    ABOVE_NATIONAL,
    AREA_CASING,
    AREA_LABELS,
    AREA_OUTLINE,
    CITY_LABELS,
    CITY_NAMES_ZOOM,
    COUNTRIES,
    EW_LINES,
    HUB_TRACE,
    INSET,
    INSET_LABEL,
    PARTNER_LABELS,
    PARTNER_LINES,
    PREFECTURES,
    PROVINCE_LABELS,
    PROVINCES,
    SELECTED_HUB,
    SMALL_NAMES_ZOOM,
    SMALL_PROVINCES,
    inset_caption,
    marker_size,
    on_demand,
    zoom_of,
)
from figures.map.static import (
    LANG_SLOT,
    POINTS_MAX,
    _cached_hover,
    _records,
    _Static,
    _static,
    _unit_names,
    city_names,
    clustered,
    prefecture_geojson,
)
from figures.palette import (
    BORDER,
    LABEL_OTHER,
    LABEL_WEST,
    MEASURE_BORDER,
    SELECTED_BORDER,
)
from figures.patching import path_patch, with_assignment
from figures.sources import source_line
from figures.text import plain
from layers import REGISTRY
from model.prepared import Prepared
from model.regions import NATIONAL, WEST
from view.i18n import LANGS, fmt_number, font_family, pick, t
from view.state import BREAKS, ViewState


def choropleth_values(data: Prepared, state: ViewState, year: int) -> dict:
    """Class codes, legend labels and hover text of the provinces for a state (they depend on its
    indicator, year, language and class breaks only: memoised per data, all made by :func:`prepare_classes`).
    """
    key = ("choropleth", state.indicator, year, state.lang, state.breaks)
    return data.derived(key, lambda: _choropleth(data, state.indicator, year, state.lang, state.breaks))


def prepare_classes(data: Prepared) -> None:
    """Class every indicator-year in every language now (tens of ms for the bundled data), so that
    no visitor waits for it: a few hundred small tables, read-only afterwards. The area records'
    hovers, names and the default view's labels in every language too. Data drawn in clusters also
    gets its hub rows ready for hovers.
    """
    for indicator, year in data.lookup.years:
        for lang in LANGS:
            for mode in BREAKS:
                choropleth_values(data, ViewState(indicator=indicator, lang=lang, breaks=mode), year)
    for lang in LANGS:
        area_texts(data, lang)
        area_records(data, lang)
        area_values(data, ViewState(lang=lang))  # where the default view's labels fit
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
# ``map_values(state)`` gives every state-dependent value of the figure as {path: value}: the map's
# content. The Patch between two states assigns the paths whose values differ
# (figures.patching.path_patch), so a change of year sends the choropleth, a change of layers sends
# visibility, and a filter sends hub positions — never geometry, and never what the browser
# already has.

Path = tuple


def _set(target, path: Path, value) -> None:
    *head, last = path
    for key in head:
        target = target[key] if isinstance(target, list) else target.setdefault(key, {})
    target[last] = value


def map_content(data: Prepared, state: ViewState) -> dict:
    """What the map shows for ``state`` beyond its base figure: :func:`map_values`, the values at
    paths that :func:`map_diff` compares.
    """
    return map_values(data, state)


def map_diff(old: dict, new: dict) -> Patch | None:
    """The Patch between two contents of :func:`map_content`, None when they are equal."""
    return path_patch(old, new)


def map_patch(
    data: Prepared,
    state: ViewState,
    previous: ViewState | None = None,
    load_prefectures: bool = False,
) -> Patch:
    """The Patch that turns the map showing ``previous`` (default: the base figure's default
    state) into ``state``; with ``load_prefectures``, it also carries the prefecture polygons.
    """
    before = map_content(data, previous if previous is not None else ViewState())
    p = map_diff(before, map_content(data, state)) or Patch()
    if load_prefectures:
        p = with_assignment(p, ["data", PREFECTURES, "geojson"], prefecture_geojson(data))
    return p


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
    # the inset repeats the provinces' classes, which the prefecture view's legend does not show: there
    # it is drawn as the view draws a prefecture with no hub
    pref_view = state.view == "prefecture"
    v[INS + ("z",)] = [classes.NOT_WEST_CODE if pref_view else int(ch["codes"][a]) for a in static.inset]
    v[INS + ("colorscale",)] = classes.colorscale(ch["n_classes"])
    v[INS + ("zmax",)] = ch["n_classes"] + 1.5
    v[("data", COUNTRIES, "hovertemplate")] = f"%{{customdata[{LANG_SLOT[lang]}]}}<extra></extra>"

    # Hub layers: what passes the filters; a hidden layer keeps its points (visibility only), and
    # the hubs a lasso left out are drawn faded (_lassoed), not hidden: the choice can be redrawn.
    passing = lk.hub_mask(state, layers=False, chosen=False)
    visible = set(state.layers) if state.layers is not None else set(REGISTRY)
    # one place, one point: a place's other designations are drawn only when none ranked before
    # them is (model/history.py); its hover names them all
    in_visible = lk.layer.isin(visible)
    unknown = lk.year_unknown(state, passing & in_visible)
    passing = passing & ~lk.repeated_places(passing & in_visible)
    v.update(_hub_values(data, passing, visible, lang, zoom, _lassoed(lk, state), unknown))
    shown = passing & in_visible

    # Partnership lines on demand: those of the open hub, of the measure's or the selected
    # provinces' hubs, each to its destination, named there (at the map's edge when it lies beyond).
    focus = np.zeros(lk.n_hubs, dtype=bool)
    if state.hub in lk.hub_index:
        focus[lk.hub_index[state.hub]] = True
    if state.measure:
        focus |= lk.measures.any_of([state.measure])
    if state.provinces:
        focus |= lk.province.isin(state.provinces)
    lons, lats, ends = partner_lines(static, np.flatnonzero(focus & shown & static.has_partners), lang)
    area = area_values(data, state)
    asked = on_demand(state)
    links = [
        (line, east) for line, east, keep in zip(lk.link_ends, lk.link_east, lk.link_mask(state)) if keep and asked
    ]
    destinations = {east for _, east in links}
    # Names: every province but the smallest (named once zoomed in, or when a line leads there);
    # a western province whose value is above the national value that year is marked.
    province_names = [
        ""
        if a in SMALL_PROVINCES and zoom < SMALL_NAMES_ZOOM and a not in destinations
        else f"{name} {ABOVE_NATIONAL}"
        if a in ch["above"] and state.view == "province"
        else name
        for a, name in zip(static.provinces, static.province_names[lang])
    ]
    # the destinations' names off the area records' labels and the provinces' names
    taken = [
        *area["taken"],
        *(((x, y, n, "middle center"), PROVINCE_NAME_PX) for (x, y), n in zip(static.province_points, province_names)),
    ]
    # the page's map at each size is modelled only where there is a destination to name (a new state's cost)
    views = page_views(home(lk.region_bounds.get(state.region)), state.map_view) if ends else []
    labels = place_page_labels(ends, taken, views) if ends else []
    v[("data", PARTNER_LINES, "lon")], v[("data", PARTNER_LINES, "lat")] = lons, lats
    v[("data", PARTNER_LABELS, "lon")] = [x for x, _, _, _ in labels]
    v[("data", PARTNER_LABELS, "lat")] = [y for _, y, _, _ in labels]
    v[("data", PARTNER_LABELS, "text")] = [text for _, _, text, _ in labels]
    v[("data", PARTNER_LABELS, "textposition")] = [where for _, _, _, where in labels]
    # where each line leads, for an export to name them again on its own canvas (figures/map/legend.py)
    v[("data", PARTNER_LABELS, "meta")] = [[name, x, y, cut] for name, (x, y, cut) in ends.items()]
    v[("data", EW_LINES, "lon")] = [x for (x0, x1, _, _), _ in links for x in (x0, x1, None)]
    v[("data", EW_LINES, "lat")] = [y for (_, _, y0, y1), _ in links for y in (y0, y1, None)]
    v[("data", EW_LINES, "visible")] = "east_west" in visible
    # Area records (a site not published): the drawn areas' dashed outlines and their labels
    v[("data", AREA_CASING, "lon")] = v[("data", AREA_OUTLINE, "lon")] = area["lon"]
    v[("data", AREA_CASING, "lat")] = v[("data", AREA_OUTLINE, "lat")] = area["lat"]
    v[("data", AREA_LABELS, "lon")], v[("data", AREA_LABELS, "lat")] = area["label_lon"], area["label_lat"]
    v[("data", AREA_LABELS, "text")], v[("data", AREA_LABELS, "hovertext")] = area["label_text"], area["label_hover"]

    v[("data", PROVINCE_LABELS, "lon")] = [x for x, _ in static.province_points]
    v[("data", PROVINCE_LABELS, "lat")] = [y for _, y in static.province_points]
    v[("data", PROVINCE_LABELS, "text")] = province_names
    v[("data", PROVINCE_LABELS, "textfont", "color")] = [LABEL_WEST if a in WEST else LABEL_OTHER for a in adcodes]
    cities = zoom >= CITY_NAMES_ZOOM
    v[("data", CITY_LABELS, "lon")] = [x for x, _ in static.city_points] if cities else []
    v[("data", CITY_LABELS, "lat")] = [y for _, y in static.city_points] if cities else []
    v[("data", CITY_LABELS, "text")] = city_names(data, lang, zoom) if cities else []

    ringed_ids = dict.fromkeys([*state.picked, *([state.hub] if state.hub else [])])
    ringed = [lk.hub_index[h] for h in ringed_ids if h in lk.hub_index]
    v[("data", SELECTED_HUB, "lon")] = [float(static.lon[i]) for i in ringed]
    v[("data", SELECTED_HUB, "lat")] = [float(static.lat[i]) for i in ringed]

    pref_visible = state.view == "prefecture"
    F = ("data", PREFECTURES)
    v[F + ("visible",)] = pref_visible
    if not pref_visible:  # the base figure's values (figures/map/base.py): a Patch back is exact
        v[F + ("z",)] = [0] * len(static.prefectures)
        v[F + ("colorscale",)] = classes.colorscale(classes.N_CLASSES)
        v[F + ("zmax",)] = classes.N_CLASSES + 1.5
    else:
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
    v[("data", INSET_LABEL, "text")], v[("data", INSET_LABEL, "textfont", "size")] = inset_caption(lang)
    v[("layout", "font", "family")] = font_family(lang)  # a TC font for Traditional names
    # A sub-region zooms the map to it; the whole west shows the default extent. A new region is
    # a new view (uirevision), so it overrides an earlier pan or zoom. Pans and zooms themselves
    # are the browser's: assets/atlas.js writes them to the URL and applies a URL's view, and
    # widens the extent to fill the map's frame (figures/map/extent.py).
    v.update(home_values(lk.region_bounds.get(state.region)))
    v[("layout", "uirevision")] = state.region
    return v


def _lassoed(lk, state: ViewState) -> np.ndarray | None:
    """The hubs chosen with the lasso or box as a mask (None: no such choice)."""
    if not state.hubs:
        return None
    return lk.chosen(state.hubs)


def prefecture_counts(data: Prepared, state: ViewState) -> list[int]:
    """Hub places passing the state's filters, among those chosen on the map if any (visible
    layers only; a place with several designations once, as the map draws it) per western
    prefecture, in figure order.
    """
    lk, static = data.lookup, _static(data)
    shown = lk.hub_mask(state)
    shown &= ~lk.repeated_places(shown)  # a place with several designations counts once
    found = np.bincount(static.prefecture.codes[shown], minlength=len(static.prefecture.keys))
    return [int(found[static.prefecture.keys[a]]) if a in static.prefecture.keys else 0 for a in static.prefectures]


def _hub_values(
    data: Prepared,
    passing: np.ndarray,
    visible: set[str],
    lang: str,
    zoom: float = 1.0,
    lassoed: np.ndarray | None = None,
    year_unknown: np.ndarray | None = None,
) -> dict:
    """Each layer trace's values for the hubs ``passing`` the filters (a mask in data order), drawn
    at the size for ``zoom``; hubs outside a lasso (``lassoed``, a mask) are faded; hubs shown in a
    past year only because their year is not recorded (``year_unknown``, a mask) are drawn hollow.
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
            if keep.all():  # the layer's own lists, shared: built once, and the diff skips them
                v[T + ("lon",)], v[T + ("lat",)] = static.layer_lon[key], static.layer_lat[key]
            else:
                keep = keep.tolist()
                v[T + ("lon",)] = [x if k else None for x, k in zip(static.layer_lon[key], keep)]
                v[T + ("lat",)] = [y if k else None for y, k in zip(static.layer_lat[key], keep)]
            v[T + ("hovertemplate",)] = f"%{{customdata[{LANG_SLOT[lang]}]}}<extra></extra>"
            v[T + ("marker", "size")] = marker_size(spec.style["size"], zoom)
            hollow = year_unknown[static.layer_rows[key]] if year_unknown is not None else None
            v[T + ("marker", "symbol")] = (
                spec.style["symbol"]
                if hollow is None or not hollow.any()
                else [f"{spec.style['symbol']}-open" if h else spec.style["symbol"] for h in hollow.tolist()]
            )
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
