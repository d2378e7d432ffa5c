"""Exactly-what-you-see data downloads: the registry of tables and their file formats.

``TABLES`` names each table (``hubs``: the hubs the page shows; ``indicators``: the chosen
indicator's every value) with its rows and formats; :func:`download` makes one file, with its
sources and what it holds. Two audiences, two shapes:

- **CSV, GeoJSON, GeoPackage are for machines**: field names and codes as in docs/data.md, with a
  label column beside each coded one (``layer`` and ``layer_label``…) in the page language.
- **XLSX is for people**: headers in the page language with units, labels, widths, a frozen
  header and a filter; an "about" sheet (what it holds, date, boundary note, every source) and a
  data dictionary sheet naming each column's field.

Text never runs as a formula: a CSV cell starting with = + - @ tab or carriage return is prefixed
with an apostrophe (OWASP, "CSV injection"), an XLSX text cell is always a string cell. Numbers
stay numbers. Missing values are empty cells, never "nan".
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from export.names import region_name, safe_stem, with_filters
from export.render import filters_line, text_of
from figures import history
from figures.map import areas as map_areas
from figures.sources import citations
from figures.text import indicator_short
from layers import REGISTRY
from model import clock, queries
from model.prepared import Prepared
from model.regions import PROVINCES
from model.terms import ESTABLISHED_BASES, LEVELS, PRECISIONS, SECTORS, STATUSES, UNKNOWN
from view.i18n import STRINGS, label, measure_ref, pick, t, term
from view.state import ViewState

# ---------------------------------------------------------------- the rows


def shown_hubs(data: Prepared, state: ViewState) -> pd.DataFrame:
    """The rows of the hub table for this state (filters and search, among the hubs chosen on the
    map if any: Lookup.hub_mask, the mask of every count on the page).
    """
    return data.hubs[data.lookup.hub_mask(state)]


def _sources_text(data: Prepared, ids: list[str], lang: str) -> str:
    """'publisher: title (date) url | …' in ``lang``, leaving out a missing date or URL."""
    return " | ".join(
        f"{c.publisher}: {c.title}" + (f" ({c.date})" if c.date else "") + (f" {c.url}" if c.url else "")
        for c in citations(data, ids, lang)
    )


def _labels(codes, vocab: dict[str, tuple[str, str]], lang: str) -> list[str]:
    return [term(vocab, c, lang) for c in codes]


def _layer_label(key: str, lang: str) -> str:
    spec = REGISTRY.get(key)
    return pick(spec.label_zh, spec.label_en, lang) if spec else key


def hub_table(data: Prepared, state: ViewState) -> pd.DataFrame:
    """The hub table: one row per shown hub. Codes as in docs/data.md, each coded column with a
    ``*_label`` column in the state's language; lists joined with ';'; lon and lat in degrees
    (WGS84, 4 decimals, about 11 m: ``precision`` says how exactly the place is known).
    """
    hubs = shown_hubs(data, state)
    lang = state.lang
    sep = "; " if lang == "en" else "；"
    lk = data.lookup
    # the status at the end of the state's year (today's when none): model/history.py
    # ("unknown", 'not recorded', where it is not known: as the table and the status filter say)
    statuses = [lk.status_of(lk.hub_index[h], state.year) or UNKNOWN for h in hubs["id"]]
    return pd.DataFrame(
        {
            "id": hubs["id"].to_numpy(),
            "name_zh": hubs["name_zh"].to_numpy(),
            "name_en": hubs["name_en"].to_numpy(),
            "layer": hubs["layer"].to_numpy(),
            "layer_label": [_layer_label(k, lang) for k in hubs["layer"]],
            "province_adcode": hubs["province_adcode"].to_numpy(),
            "province": [pick(*PROVINCES[a], lang) for a in hubs["province_adcode"]],
            "city_zh": hubs["city_zh"].to_numpy(),
            "city_en": hubs["city_en"].to_numpy(),
            "place_adcode": hubs["place_adcode"].to_numpy(),
            "place_zh": hubs["place_zh"].to_numpy(),
            "place_en": hubs["place_en"].to_numpy(),
            "precision": hubs["precision"].to_numpy(),
            "precision_label": _labels(hubs["precision"], PRECISIONS, lang),
            "level": hubs["level"].to_numpy(),
            "level_label": _labels(hubs["level"], LEVELS, lang),
            "status": statuses,
            "status_label": _labels(statuses, {**STATUSES, UNKNOWN: STRINGS["unknown"]}, lang),
            "sectors": hubs["sectors"].map(";".join).to_numpy(),
            "sectors_label": [sep.join(_labels(s, SECTORS, lang)) for s in hubs["sectors"]],
            # a year: whole numbers, empty where unknown (a plain numpy column would print 2015.0)
            "established": pd.array(hubs["established"].astype("Int64"), dtype="Int64"),
            "established_basis": hubs["established_basis"].to_numpy(),
            "established_basis_label": _labels(hubs["established_basis"], ESTABLISHED_BASES, lang),
            "history": [sep.join(history.events(data, h, lang)) for h in hubs["id"]],
            "same_place_as": hubs["same_place_as"].to_numpy(),
            "policy_refs": hubs["policy_refs"].map(";".join).to_numpy(),
            "policy_refs_label": [sep.join(measure_ref(r, lang) for r in refs) for refs in hubs["policy_refs"]],
            "partners": hubs["partners"].map(";".join).to_numpy(),
            "lon": hubs.geometry.x.round(4).to_numpy(),
            "lat": hubs.geometry.y.round(4).to_numpy(),
            "source_id": hubs["source_id"].map(";".join).to_numpy(),
            "sources": [_sources_text(data, ids, lang) for ids in hubs["source_id"]],
        }
    )


def indicator_table(data: Prepared, state: ViewState) -> pd.DataFrame:
    """The values behind the charts: the chosen indicator, every year, every province and China."""
    meta = queries.indicator_meta(data, state.indicator)
    frame = queries.indicator_values(data, state.indicator)
    lang = state.lang
    return pd.DataFrame(
        {
            "adcode": frame["adcode"].to_numpy(),
            "name": [pick(*PROVINCES.get(a, ("全国", "China")), lang) for a in frame["adcode"]],
            "year": frame["year"].to_numpy(),
            "indicator": state.indicator,
            "indicator_label": pick(meta["name_zh"], meta["name_en"], lang),
            "value": frame["value"].to_numpy(),
            "unit": meta["unit_en"] if lang == "en" else meta["unit_zh"],
            "derived": bool(meta["derived"]),
            "source_id": frame["source_id"].to_numpy(),
            "sources": [_sources_text(data, s.split(";"), lang) for s in frame["source_id"]],
        }
    ).sort_values(["year", "adcode"], kind="stable", ignore_index=True)


# ---------------------------------------------------------------- what people read in XLSX

# field -> (header zh, header en); a unit in the header where the column has one.
HEADERS: dict[str, tuple[str, str]] = {
    "id": ("编号", "ID"),
    "name_zh": ("名称", "Name (Chinese)"),
    "name_en": ("英文名称", "Name"),
    "layer_label": ("类型", "Type"),
    "province_adcode": ("省级区划代码", "Province code"),
    "province": ("省份", "Province"),
    "city_zh": ("城市", "City (Chinese)"),
    "city_en": ("城市（英文）", "City"),
    "place_adcode": ("地点区划代码", "Place code"),
    "place_zh": ("地点", "Place (Chinese)"),
    "place_en": ("地点（英文）", "Place"),
    "precision_label": ("位置精度", "Location precision"),
    "level_label": ("级别", "Level"),
    "status_label": ("状态", "Status"),
    "sectors_label": ("领域", "Sectors"),
    "established": ("设立年份", "Established (year)"),
    "established_basis_label": ("设立年份依据", "Established: year of"),
    "history": ("历程", "History"),
    "same_place_as": ("同址记录编号", "Same place as (ID)"),
    "policy_refs_label": ("政策条款", "Policy measures"),
    "partners": ("合作方区划代码", "Partner codes"),
    "lon": ("经度（°，WGS84）", "Longitude (°, WGS84)"),
    "lat": ("纬度（°，WGS84）", "Latitude (°, WGS84)"),
    "sources": ("来源", "Sources"),
    "adcode": ("区划代码", "Code"),
    "name": ("地区", "Area"),
    "year": ("年份", "Year"),
    "indicator_label": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "derived": ("派生指标", "Derived"),
}
# What people read: the labels, not the codes they stand for (the CSV keeps both).
PEOPLE_HUBS = (
    "id", "name_zh", "name_en", "layer_label", "province", "city_zh", "city_en", "place_zh", "place_en",
    "place_adcode", "precision_label", "level_label", "status_label", "sectors_label", "established",
    "established_basis_label", "history", "same_place_as", "policy_refs_label", "lon", "lat", "sources",
)  # fmt: skip
PEOPLE_INDICATORS = ("adcode", "name", "year", "indicator_label", "value", "derived", "sources")


def _header(field: str, lang: str, unit: str = "") -> str:
    zh, en = HEADERS[field]
    text = label(zh, en, lang)
    return f"{text} ({unit})" if unit and lang == "en" else f"{text}（{unit}）" if unit else text


def _width(value: object) -> int:
    """Columns wide enough for their text: CJK characters count twice."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(value: object) -> object:
    """A value as a spreadsheet cell: missing is empty, numpy numbers are Python numbers."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list], first: bool = False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [_width(h) for h in headers]
    for row in rows:
        values = [_cell(v) for v in row]
        ws.append(values)
        for i, (cell, value) in enumerate(zip(ws[ws.max_row], values)):
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            widths[i] = max(widths[i], min(_width(value), 60))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(w, 6), 60) + 2
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    return ws


def area_records(data: Prepared, state: ViewState, table: str) -> list[dict]:
    """The area records a hubs download's state passes (figures.map.areas.shown_records); [] for
    another table.
    """
    return map_areas.shown_records(data, state) if table == "hubs" else []


def to_xlsx(frame: pd.DataFrame, data: Prepared, state: ViewState, table: str) -> bytes:
    """The rows for people (headers in the page language, labels), an "about" sheet and a data
    dictionary (header -> field of the CSV and docs/data.md).
    """
    lang = state.lang
    fields = PEOPLE_INDICATORS if table == "indicators" else PEOPLE_HUBS
    meta = queries.indicator_meta(data, state.indicator)
    unit = (meta["unit_en"] if lang == "en" else meta["unit_zh"]) if table == "indicators" else ""
    headers = [_header(f, lang, unit if f == "value" else "") for f in fields]
    # what the rows are: the view's hubs; every year and province of the indicator whatever the view
    scope = text_of(filters_line(data, state)).split(": ", 1)[-1] if table == "hubs" else t("indicators_scope", lang)
    wb = Workbook()
    wb.properties.title = f"{t(TABLES[table].label, lang)} · {scope}"
    wb.properties.creator = "West China Innovation Atlas (西部科技创新地图)"
    _sheet(wb, t(TABLES[table].label, lang), headers, frame[list(fields)].to_numpy().tolist(), first=True)
    now = clock.now()
    about = [
        [t("about_title", lang), t(TABLES[table].label, lang)],
        [t("filters", lang) if table == "hubs" else t("about_rows_are", lang), scope],
        [t("about_rows", lang), len(frame)],
        [t("export_date", lang), f"{now:%Y-%m-%d %H:%M} ({now.tzname()}, {clock.zone().key})"],
        [t("about_boundaries", lang), t("boundary_note", lang)],
        [t("about_version", lang), data.version or "—"],
    ]
    areas = area_records(data, state, table)
    if areas:  # not rows (no site): said beside them, as under the page's table
        about.append(
            [t("areas_note", lang), "; ".join(f"{a['name']} ({a['area']}, {a['not_published']})" for a in areas)]
        )
    cited = [*frame["source_id"], *(a["source_id"] for a in areas)]
    ids = sorted({s for cell in cited for s in str(cell).split(";") if s})
    known = [i for i in ids if i in data.lookup.sources]  # citations() keeps this order, each once
    sources = [
        [i, c.publisher, c.title, c.date or None, c.url or None] for i, c in zip(known, citations(data, known, lang))
    ]
    ws = _sheet(wb, t("about_sheet", lang), [t("about_item", lang), t("about_value", lang)], about)
    ws.append([])
    ws.append([t("sources", lang)])
    ws.append(["id", t("about_publisher", lang), t("about_document", lang), t("about_date", lang), "URL"])
    for row in sources:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    dictionary = [[h, f, label(*HEADERS[f], "en") if lang != "en" else HEADERS[f][0]] for h, f in zip(headers, fields)]
    other = "中文" if lang == "en" else "English"
    _sheet(wb, t("about_dictionary", lang), [t("about_column", lang), t("about_field", lang), other], dictionary)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- what machines read

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A CSV cell that a spreadsheet would run as a formula, made text (OWASP): text starting with
    = + - @ tab or carriage return gets a leading apostrophe. Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame, data: Prepared, state: ViewState, table: str) -> bytes:
    """UTF-8 with a byte-order mark (Excel opens Chinese text correctly), CRLF lines."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


COORDINATES = (
    "WGS 84 longitude and latitude in degrees (RFC 7946), rounded to 4 decimals (about 11 m); each "
    "feature's precision says how exactly its place is known (site, district, county, city, province)"
)


def to_geojson(frame: pd.DataFrame, data: Prepared, state: ViewState, table: str) -> bytes:
    """An RFC 7946 FeatureCollection (WGS 84, no "crs" member): a Point per row, the other
    columns as properties; foreign members name the filters and the coordinates' precision.
    """
    feats = []
    for rec in frame.to_dict("records"):
        lon, lat = rec.pop("lon"), rec.pop("lat")
        props = {k: _cell(v) for k, v in rec.items()}
        feats.append({"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    fc = {
        "type": "FeatureCollection",
        "filters": text_of(filters_line(data, state)),
        "coordinates": COORDINATES,
        "features": feats,
    }
    if areas := area_records(data, state, table):  # named, site not published: no geometry to give
        fc["area_records"] = areas
    return json.dumps(fc, ensure_ascii=False, allow_nan=False).encode("utf-8")


def to_gpkg(frame: pd.DataFrame, data: Prepared, state: ViewState, table: str) -> bytes:
    """A GeoPackage (QGIS and ArcGIS open it directly): one point layer ``hubs`` in EPSG:4326."""
    import geopandas as gpd

    geo = gpd.GeoDataFrame(
        frame.drop(columns=["lon", "lat"]).astype({"established": "float64"}),
        geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
        crs="EPSG:4326",
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "hubs.gpkg")
        geo.to_file(path, layer=table, driver="GPKG", engine="pyogrio")
        with open(path, "rb") as f:
            return f.read()


# ---------------------------------------------------------------- the registry

Writer = Callable[[pd.DataFrame, Prepared, ViewState, str], bytes]
WRITERS: dict[str, Writer] = {"csv": to_csv, "xlsx": to_xlsx, "geojson": to_geojson, "gpkg": to_gpkg}


@dataclass(frozen=True)
class DownloadTable:
    """A table the page offers as files: ``rows(data, state)`` and its ``formats`` (keys of
    WRITERS); ``label`` a key of the text catalogue; ``stem(data, state)`` the file name's stem.
    """

    key: str
    label: str
    rows: Callable[[Prepared, ViewState], pd.DataFrame]
    formats: tuple[str, ...]
    stem: Callable[[Prepared, ViewState], str]


def _hubs_stem(data: Prepared, state: ViewState) -> str:
    """E.g. '西部创新载体列表_2015_四川-陕西_搜索杨凌' (the region, the table, the year of the hubs
    when one is chosen, the chosen provinces, the view's other filters: export/names.py).
    """
    lang = state.lang
    region = region_name(data, state)
    places = "-".join(pick(*PROVINCES[a], lang) for a in state.provinces)
    stem = f"{region}{' ' if lang == 'en' else ''}{t('table', lang)}"
    stem += (f"_{state.year}" if state.year else "") + (f"_{places}" if places else "")  # the hubs of that year
    return with_filters(data, state, stem)


def _indicators_stem(data: Prepared, state: ViewState) -> str:
    """E.g. 'R&D经费投入强度_2009-2024_指标': the indicator and the years the table holds, no more.
    The table holds every province (and China) in every year of its indicator, whatever the view:
    a year, the provinces, the region or a hub filter in its name would say it holds less, and give
    one file several names.
    """
    lang = state.lang
    meta = queries.indicator_meta(data, state.indicator)
    name = re.sub(r"\s*\([^)]*\)", "", indicator_short(pick(meta["name_zh"], meta["name_en"], lang)))
    years = data.vocab.years_of(state.indicator)
    span = f"_{years[0]}-{years[-1]}" if years else ""
    return safe_stem(f"{name}{span}_{t('indicator_table_short', lang)}")


TABLES: dict[str, DownloadTable] = {
    "hubs": DownloadTable("hubs", "table", hub_table, ("csv", "xlsx", "geojson", "gpkg"), _hubs_stem),
    "indicators": DownloadTable("indicators", "indicator_table", indicator_table, ("csv", "xlsx"), _indicators_stem),
}


def download(data: Prepared, state: ViewState, table: str, fmt: str) -> tuple[str, bytes]:
    """(file name, bytes) of ``table`` (a key of TABLES) as ``fmt`` (one of its formats).

    Raises KeyError for an unknown table, ValueError for a format the table does not offer.
    """
    spec = TABLES[table]
    if fmt not in spec.formats:
        raise ValueError(f"{table} comes as {', '.join(spec.formats)}, not {fmt!r}")
    frame = spec.rows(data, state)
    return f"{spec.stem(data, state)}.{fmt}", WRITERS[fmt](frame, data, state, table)
