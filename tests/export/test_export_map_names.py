"""An exported map's names as the file draws them: every place and hub name wholly inside the map's
frame, and no name over another, for every region, preset and language (read from the PDF's text
layer, the frame from the SVG of the same view)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess

import pytest

from export.render import MAP_CLIP, PRESETS, export
from model import queries
from model.prepared import current
from view.state import from_query

TODAY = dt.date(2026, 11, 25)
WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)"')
# pdftotext's word box spans the CJK face's whole ascent and descent (about 2.5 font sizes): its
# middle 40 % is the ink of one line, and stays clear of the lines above and below (1.3 sizes apart)
CORE = 0.3

REGIONS = [r for r in queries.regions(current()) if r != "west"]
QUERIES = [f"r={r}" for r in REGIONS] + ["p=510000,500000"]
# every region on an A4 page upright (the legend takes most of its width), in two languages; one
# view at every other size
CASES = [(q, "a4-portrait") for q in QUERIES] + [(f"{q}&lang=en", "a4-portrait") for q in QUERIES]
CASES += [("p=510000,500000", preset) for preset in PRESETS if preset != "a4-portrait"]
# the two Kunming technology-transfer centres' long names, beside Guizhou's
CASES += [(f"l=tech_transfer{lang}", preset) for lang in ("", "&lang=en") for preset in PRESETS]


def _words_and_frame(query: str, preset: str, tmp_path) -> tuple[list[tuple[float, ...]], tuple[float, ...]]:
    """The words of the map's PDF (left, top, right, bottom in points, text) and the map's frame
    (left, top, right, bottom, points), from the SVG of the same view.
    """
    data, size = current(), PRESETS[preset]
    state = from_query(query, data.vocab)
    _, svg = export(data, state, "map", "svg", size, TODAY)
    x, y, w, h = (float(v) for v in MAP_CLIP.search(svg.decode()).groups())
    _, pdf = export(data, state, "map", "pdf", size, TODAY)
    path = tmp_path / "map.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pt = float(PAGE.search(out).group(1)) / size.width  # points per CSS px
    words = []
    for m in WORD.finditer(out):
        left, top, right, bottom = (float(v) for v in m.groups()[:4])
        core = (bottom - top) * CORE
        words.append((left, top + core, right, bottom - core, m.group(5)))
    return words, (x * pt, y * pt, (x + w) * pt, (y + h) * pt)


def _centred_in(word, frame) -> bool:
    x, y = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return frame[0] < x < frame[2] and frame[1] < y < frame[3]


def _meets(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(("query", "preset"), CASES)
def test_every_name_on_an_exported_map_is_whole_inside_its_frame_and_clear_of_the_others(query, preset, tmp_path):
    """A4 portrait maps of a region cut the names of the provinces at the frame's edges (河南,
    山西, 湖南), and the two Kunming technology-transfer centres' names ran over other names: the
    names were placed for the frame the export assumed, and Plotly then drew the map smaller in
    the frame its legend left."""
    words, frame = _words_and_frame(query, preset, tmp_path)
    on_map = [w for w in words if _centred_in(w, frame)]  # a name cut at an edge, not the footer below
    assert on_map, "no name on the map"
    cut = [
        w[4]
        for w in on_map
        if w[0] < frame[0] - 0.5 or w[1] < frame[1] - 0.5 or w[2] > frame[2] + 0.5 or w[3] > frame[3] + 0.5
    ]
    assert not cut, f"names cut at the frame's edge: {cut}"
    over = [(a[4], b[4]) for a, b in itertools.combinations(on_map, 2) if _meets(a, b)]
    assert not over, f"names over one another: {over}"
