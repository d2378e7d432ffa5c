"""Downloads hold exactly the rows shown, documented columns and their sources."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import openpyxl
import pytest

from components import views
from export.downloads import HUB_COLUMNS, hubs_download, indicator_download
from view.state import ViewState

STATES = [
    ViewState(),
    ViewState(provinces=("510000",), layers=("hightech_zones",)),
    ViewState(measure="五(十二)"),
    ViewState(layers=()),
]


@pytest.mark.parametrize("state", STATES)
def test_csv_has_the_tables_rows_and_a_bom(atlas_data, state):
    name, content = hubs_download(atlas_data, state, "csv")
    assert content.startswith("\ufeff".encode())
    lines = content.decode("utf-8-sig").strip().splitlines() if content.strip(b"\xef\xbb\xbf\r\n") else []
    rows = views.table_rows(atlas_data, state)
    assert lines[0].split(",") == list(HUB_COLUMNS)
    ids = {line.split(",", 1)[0] for line in lines[1:]}
    assert ids == {r["id"] for r in rows}
    assert name.endswith(".csv")


def test_xlsx_opens_with_a_sheet_of_filters_and_sources(atlas_data):
    state = ViewState(provinces=("610000",))
    _, content = hubs_download(atlas_data, state, "xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["hubs", "about"]
    assert wb["hubs"].max_row - 1 == len(views.table_rows(atlas_data, state))
    about = [c.value for row in wb["about"].iter_rows() for c in row if c.value]
    assert any("陕西" in str(v) for v in about) and "source_id" in about


def test_geojson_validates_and_round_trips_through_geopandas(atlas_data, tmp_path):
    state = ViewState(layers=("tech_transfer", "belt_road"))
    _, content = hubs_download(atlas_data, state, "geojson")
    fc = json.loads(content)
    assert fc["type"] == "FeatureCollection" and all(f["geometry"]["type"] == "Point" for f in fc["features"])
    path = tmp_path / "hubs.geojson"
    path.write_bytes(content)
    gdf = gpd.read_file(path)
    assert len(gdf) == len(views.table_rows(atlas_data, state))
    assert set(gdf["id"]) == {r["id"] for r in views.table_rows(atlas_data, state)}


def test_lasso_selection_narrows_the_download_like_the_table(atlas_data):
    state = ViewState(hubs=("htz-xian", "htz-chengdu"))
    _, content = hubs_download(atlas_data, state, "csv")
    assert len(content.decode("utf-8-sig").strip().splitlines()) == 3


def test_indicator_download_is_the_chart_data_with_sources(atlas_data):
    _, content = indicator_download(atlas_data, ViewState(indicator="gdp"), "csv")
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("adcode,name,year,indicator,value,unit")
    assert "国家统计局" in text
    _, xlsx = indicator_download(atlas_data, ViewState(), "xlsx")
    assert openpyxl.load_workbook(io.BytesIO(xlsx)).sheetnames == ["indicator", "about"]
