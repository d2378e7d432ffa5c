"""File URLs (serving/files.py): every view as a figure and every table as a file, at an address,
as a presenter or an office system uses them: with the page's own query, in a browser or a script.
"""

from __future__ import annotations

import io
import json
import subprocess
import threading
from urllib.parse import unquote

import pytest
from PIL import Image

from export.downloads import TABLES
from export.render import FORMATS, PRESETS, whats
from export.service import stats
from serving.files import content_disposition

QUERY = "p=510000,500000&y=2022&lang=zh-Hans"
MAGIC = {"png": b"\x89PNG", "svg": b"<svg", "pdf": b"%PDF", "xlsx": b"PK", "gpkg": b"SQLite format 3"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    import os

    os.environ["ATLAS_FILE_DIR"] = str(tmp_path_factory.mktemp("files"))
    import app

    return app.server.test_client()


def _name(response) -> str:
    header = response.headers["Content-Disposition"]
    assert header.startswith("attachment; filename=")
    return unquote(header.split("filename*=UTF-8''", 1)[1])


@pytest.mark.parametrize("what", whats())
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_view_has_a_file_url_in_every_format(client, what, fmt):
    r = client.get(f"/export/{what}.{fmt}?{QUERY}")
    assert r.status_code == 200, r.text
    assert r.data.lstrip()[: len(MAGIC[fmt])] == MAGIC[fmt] or (fmt == "svg" and b"<svg" in r.data[:400])
    assert r.mimetype.split(";")[0] in ("image/png", "image/svg+xml", "application/pdf")
    name = _name(r)
    assert name.endswith(f".{fmt}") and "四川" in name
    assert r.headers["ETag"] and r.headers["Content-Security-Policy"]  # the page's headers too


@pytest.mark.parametrize(("table", "fmt"), [(t, f) for t, spec in TABLES.items() for f in spec.formats])
def test_every_table_has_a_file_url_in_every_format(client, table, fmt):
    r = client.get(f"/download/{table}.{fmt}?{QUERY}")
    assert r.status_code == 200, r.text
    if fmt in MAGIC:
        assert r.data.startswith(MAGIC[fmt])
    assert _name(r).endswith(f".{fmt}")


def _filter_choices():
    """Every choice the page's sector, level and status filters offer, as (URL key, value)."""
    from components import options

    offered = {"s": options.sectors("en"), "lv": options.levels("en"), "st": options.statuses("en")}
    return [(key, o["value"]) for key, choices in offered.items() for o in choices]


def test_every_filter_choice_the_page_offers_gives_every_file(client):
    # "not recorded" (s=unknown) once made every figure and the XLSX and GeoJSON a 500: the
    # export's filter line had no label for it
    choices = _filter_choices()
    assert ("s", "unknown") in choices and ("lv", "unknown") in choices
    for key, value in choices:
        for table, spec in TABLES.items():
            for fmt in spec.formats:
                res = client.get(f"/download/{table}.{fmt}?{key}={value}&lang=en")
                assert res.status_code == 200, (key, value, table, fmt)
    res = client.get("/export/slide.svg?s=unknown&lv=unknown&lang=en")
    assert res.status_code == 200 and b"Not recorded" in res.data  # the filter line names it


def test_the_hub_file_has_exactly_the_rows_the_page_shows(client):
    from export.downloads import shown_hubs
    from model.prepared import current
    from view.state import from_query

    shown = shown_hubs(current(), from_query(QUERY, current().vocab))
    csv = client.get(f"/download/hubs.csv?{QUERY}").data.decode("utf-8-sig").strip().splitlines()
    assert len(csv) - 1 == len(shown) > 0
    geo = json.loads(client.get(f"/download/hubs.geojson?{QUERY}").data)
    assert {f["properties"]["id"] for f in geo["features"]} == set(shown["id"])


@pytest.mark.parametrize(
    "path",
    [
        "/export/globe.png",
        "/export/map.gif",
        "/export/map.png?preset=a0",
        "/download/people.csv",
        "/download/indicators.gpkg",
    ],
)
def test_an_unknown_figure_format_table_or_preset_is_a_short_404_in_the_page_language(client, path):
    sep = "&" if "?" in path else "?"
    r = client.get(f"{path}{sep}lang=en")
    assert r.status_code == 404 and r.mimetype == "text/plain"
    assert "<html" not in r.text.lower() and len(r.text) < 200 and r.text.isascii()
    zh = client.get(f"{path}{sep}lang=zh-Hans")
    assert zh.status_code == 404 and not zh.text.isascii()


def test_a_malformed_size_is_a_400_and_a_malformed_view_falls_back(client):
    assert client.get("/export/map.png?size=huge").status_code == 400
    r = client.get("/export/ranking.svg?y=abc&p=999999&ind=nothing&size=640x480")
    assert r.status_code == 200 and b'width="640"' in r.data[:2000]


def test_presets_and_sizes_give_the_size_they_name(client):
    png = client.get(f"/export/map.png?{QUERY}&preset=slide-4x3").data
    assert Image.open(io.BytesIO(png)).size == PRESETS["slide-4x3"].pixels
    png = client.get(f"/export/map.png?{QUERY}&size=1000x700").data
    assert Image.open(io.BytesIO(png)).size == (1000, 700)


def test_an_etag_names_the_file_and_a_repeat_is_a_304(client):
    first = client.get(f"/export/ranking.png?{QUERY}")
    again = client.get(f"/export/ranking.png?{QUERY}", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    other = client.get(f"/export/ranking.png?{QUERY}&lang=en")
    assert other.headers["ETag"] != first.headers["ETag"]


def test_a_file_name_reaches_every_client_in_utf8_and_ascii(client):
    header = content_disposition(
        "西部R&D经费投入强度_2022_四川-重庆.png", "West_R&D_intensity_2022_Sichuan-Chongqing.png"
    )
    assert header.startswith('attachment; filename="West_R&D_intensity_2022_Sichuan-Chongqing.png"')
    assert "filename*=UTF-8''%E8%A5%BF%E9%83%A8R%26D" in header
    header.encode("latin-1")  # an HTTP header: no raw non-Latin-1 characters
    r = client.get("/download/hubs.xlsx?p=510000")  # curl -OJ reads only the ASCII name
    assert 'filename="West_Hubs_Sichuan.xlsx"' in r.headers["Content-Disposition"]
    csv = client.get("/download/indicators.csv?lang=zh-Hant")
    assert csv.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_a_size_below_what_a_figure_needs_is_raised_to_it(client):
    for what in ("map", "slide", "ranking"):
        r = client.get(f"/export/{what}.png?size=0x0")
        assert r.status_code == 200, (what, r.text)
        assert Image.open(io.BytesIO(r.data)).size == (400, 400)


def test_identical_requests_in_flight_render_once(client):
    # what one export of a slide costs the service (its map's layout is read from a first render)
    before = stats()["renders"]
    assert client.get("/export/slide.png?p=620000&y=2018&lang=en").status_code == 200
    per_export = stats()["renders"] - before
    query = "p=620000&y=2019&lang=en"
    before = stats()["renders"]
    answers = []

    def one():
        answers.append(client.get(f"/export/slide.png?{query}").status_code)

    threads = [threading.Thread(target=one) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [200] * 10
    assert stats()["renders"] - before == per_export


def test_a_pdf_can_be_searched_for_every_province_name(client, tmp_path):
    """The national ranking names the 31 provinces of the mainland: a text extractor finds each."""
    from model.regions import PROVINCES
    from view.i18n import pick

    mainland = [names for code, names in PROVINCES.items() if code not in ("710000", "810000", "820000")]
    assert len(mainland) == 31
    for lang in ("zh-Hans", "zh-Hant", "en"):
        pdf = client.get(f"/export/ranking.pdf?lang={lang}&preset=a4-portrait&ind=gdp").data
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in text), "radicals in the text layer"
        missing = [pick(*names, lang) for names in mainland if pick(*names, lang) not in text]
        assert not missing, (lang, missing)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert "Kaleido" not in info and "West China Innovation Atlas" in info
        title = next(line for line in info.splitlines() if line.startswith("Title:"))
        assert any(w in title for w in ("product", "生产总值", "生產總值")), title
