"""The names of export and download files: what the file holds and every filter of its view, short,
safe on every file system, in the view's language.

The filters are listed once (:func:`filter_values`), for the file name and for the line under an
exported figure's title (export.render.filters_line), so a filter the state gains is named in both.
"""

from __future__ import annotations

import re

from figures.charts import REGISTRY as CHART_KINDS
from figures.text import indicator_short, plain
from layers import REGISTRY
from model import queries
from model.prepared import Prepared
from model.regions import PROVINCES
from model.terms import LEVELS, SECTORS, STATUSES
from view.i18n import measure_ref, pick, t, term
from view.state import ViewState

MAX_STEM = 80  # characters: 240 bytes of CJK in UTF-8, under every file system's 255
MAX_SEARCH = 20  # characters of a search kept in a file name
UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')  # reserved on Windows or macOS, or control characters


def province_names(adcodes, lang: str) -> list[str]:
    """The provinces' short names in ``lang``, unknown adcodes left out."""
    return [pick(*PROVINCES[a], lang) for a in adcodes if a in PROVINCES]


def filter_values(data: Prepared, state: ViewState) -> list[tuple[str, list[str]]]:
    """The hub filters the state holds, beyond its region, provinces and year: [(text catalogue key
    of the filter's name, [the chosen values in the state's language])], in the page's order.
    The hubs chosen on the map are given as their number.
    """
    lang = state.lang
    out: list[tuple[str, list[str]]] = []
    if state.layers is not None:
        out.append(("layers", [pick(REGISTRY[k].label_zh, REGISTRY[k].label_en, lang) for k in state.layers]))
    for key, values, vocab in (
        ("sector", state.sectors, SECTORS),
        ("level", state.levels, LEVELS),
        ("status", state.statuses, STATUSES),
    ):
        if values:
            out.append((key, [term(vocab, v, lang) for v in values]))
    if state.measure:
        out.append(("measure", [measure_ref(state.measure, lang)]))
    if state.search:
        out.append(("searched", [plain(state.search)]))
    if state.hubs:  # how many the lasso or box chose, as the table counts them
        out.append(("chosen_on_map", [str(int(data.lookup.hub_mask(state).sum()))]))
    return out


def _filters_part(data: Prepared, state: ViewState) -> str:
    """The filters for a file name: each filter's values joined by '-', the filters by '_'; a long
    list of layers (more than two) by its count, a search cut to MAX_SEARCH characters.
    """
    lang = state.lang
    parts = []
    for key, values in filter_values(data, state):
        if key == "layers":
            n = len(values)
            values = values if 0 < n <= 2 else [t("file_layers", lang).format(n=n)]
        elif key == "searched":
            values = [t("file_search", lang).format(text=values[0][:MAX_SEARCH])]
        elif key == "chosen_on_map":
            values = [t("file_chosen", lang).format(n=values[0])]
        elif key == "measure":
            values = [t("file_measure", lang).format(ref=values[0])]
        parts.append("-".join(values))
    return "_".join(parts)


def safe_stem(stem: str) -> str:
    """``stem`` safe as a file name everywhere: no reserved or control characters, spaces as '_',
    no leading dot, at most MAX_STEM characters.
    """
    stem = UNSAFE.sub("_", stem).strip("_").lstrip(".")
    return stem if len(stem) <= MAX_STEM else stem[: MAX_STEM - 1].rstrip("_-") + "…"


def region_name(data: Prepared, state: ViewState) -> str:
    """The region a file name starts with: '西部' / 'West', or the chosen sub-region's name."""
    r = queries.regions(data).get(state.region) if state.region != "west" else None
    return pick(r.name_zh, r.name_en, state.lang) if r else ("West" if state.lang == "en" else "西部")


def with_filters(data: Prepared, state: ViewState, stem: str) -> str:
    """``stem`` (what the file holds, its year and provinces) followed by the view's other filters,
    made safe (:func:`safe_stem`).
    """
    filters = _filters_part(data, state)
    return safe_stem(f"{stem}_{filters}" if filters else stem)


def file_name(data: Prepared, state: ViewState, what: str, fmt: str) -> str:
    """A file name from the content and every filter of the view, e.g.
    '西部R&D经费投入强度_2022_四川-陕西_生物医药.png'.
    """
    lang = state.lang
    year = state.resolved_year(data.vocab)
    meta = queries.indicator_meta(data, state.indicator)
    region = region_name(data, state)
    chart = CHART_KINDS.get(what)
    if chart is not None and chart.counts_hubs:  # a chart of hubs: named after what it counts, and the
        name = re.sub(r"\s*[(（][^)）]*[)）]|,.*$", "", t(chart.label, lang))  # year of the hubs, if chosen
        stem = f"{region}{'' if lang != 'en' else ' '}{name}" + (f"_{state.year}" if state.year else "")
    else:  # named after the indicator it shows: the map's, or a scatter's two axes
        shown = (
            [queries.indicator_meta(data, k) for k in (state.y, state.x)] if chart and chart.chooses_axes else [meta]
        )
        name = "-".join(
            re.sub(r"\s*\([^)]*\)", "", indicator_short(pick(m["name_zh"], m["name_en"], lang))) for m in shown
        )
        year = (state.scatter_year(data.vocab) or year) if chart and chart.chooses_axes else year
        stem = f"{region}{'' if lang != 'en' else ' '}{name}_{year}"
    if state.provinces:
        stem += "_" + "-".join(province_names(state.provinces, lang))
    if what != "map" and (chart is None or not (chart.counts_hubs or chart.chooses_axes)):
        stem += f"_{what}"  # a slide, a chart and the map of one view are three files (a scatter's axes name it)
    return f"{with_filters(data, state, stem)}.{fmt}"
