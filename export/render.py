"""Slide-ready figures: compose a figure for a view, and render it to PNG, SVG or PDF on the server.

The figure carries what a slide needs and the screen does not: a title generated from the view,
the active filters in one line, the legend with units, the data source, an honest note on the
boundary source and the export date, in the chosen language.

Rendering goes to this machine's export service (export/service.py): Kaleido with Debian's
Chromium, kept warm in one pool per machine, with MathJax off and the local topojson stub, so
nothing is fetched from the internet.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from dataclasses import dataclass

import plotly.graph_objects as go

from export import canvas, pdf, service
from export.names import file_name, filter_values, province_names
from export.service import ExportError
from figures.charts import REGISTRY as CHART_KINDS
from figures.map import EMPTY_FC, export_dict
from figures.sources import source_line
from figures.text import indicator_short, plain, wrap
from model import clock, queries
from model.prepared import Prepared
from view.i18n import font_family, label, pick, t
from view.state import ViewState

FORMATS = ("png", "svg", "pdf")


def whats() -> tuple[str, ...]:
    """What can be exported: the map, each chart kind of figures/charts' registry, a slide of both."""
    return ("map", *CHART_KINDS, "slide")


WHATS = whats()  # as the app started (command-line choices)


@dataclass(frozen=True)
class Preset:
    """An export size: width and height in CSS px (1/96 inch; also the PDF page size) and the PNG's
    pixels per CSS px.
    """

    key: str
    label_zh: str
    label_en: str
    width: int  # CSS px (1/96 in): also the PDF page size
    height: int
    scale: float  # PNG pixels per CSS px

    @property
    def pixels(self) -> tuple[int, int]:
        """(width, height) of the PNG, in pixels."""
        return round(self.width * self.scale), round(self.height * self.scale)

    def file_size(self, fmt: str) -> tuple[int, int]:
        """(width, height) of the file in ``fmt``, in its own pixels: the PNG's (300 dpi on an A4
        page), an SVG's and a PDF's in CSS px (the size their width and height, or page, give).
        """
        return self.pixels if fmt == "png" else (self.width, self.height)


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset("slide-16x9", "16:9 幻灯片 (1920×1080)", "16:9 slide (1920×1080)", 1920, 1080, 1),
        Preset("slide-4x3", "4:3 幻灯片 (1600×1200)", "4:3 slide (1600×1200)", 1600, 1200, 1),
        # A4 at 96 CSS px per inch (297 × 210 mm); PNG at 300 dpi
        Preset("a4-landscape", "A4 横向 (300 dpi)", "A4 landscape (300 dpi)", 1123, 794, 300 / 96),
        Preset("a4-portrait", "A4 纵向 (300 dpi)", "A4 portrait (300 dpi)", 794, 1123, 300 / 96),
    )
}


MIN_SIDE, MAX_SIDE = 400, 6000  # CSS px; below 400 the title, filters and footer leave no room for a map


def custom_preset(width: int, height: int) -> Preset:
    """A preset of the given size in CSS px, each side held to 400-6000; PNG at 1 pixel per CSS px."""
    width, height = max(MIN_SIDE, min(int(width), MAX_SIDE)), max(MIN_SIDE, min(int(height), MAX_SIDE))
    return Preset("custom", "自定义", "Custom", width, height, 1)


def preset_from_dict(data: object) -> Preset:
    """A preset back from plain arguments (a queued job): a named one as defined here, else a
    custom size within custom_preset's bounds; never a size the sender made up beyond those.
    """
    if not isinstance(data, dict):
        return PRESETS["slide-16x9"]
    if data.get("key") in PRESETS:
        return PRESETS[data["key"]]
    try:
        return custom_preset(int(float(data.get("width"))), int(float(data.get("height"))))
    except (TypeError, ValueError, OverflowError):
        return PRESETS["slide-16x9"]


# ---------------------------------------------------------------- text of the figure


_province_names = province_names


def text_of(markup: str) -> str:
    """A figure's text (Plotly markup: escaped characters, <b>, <br>) as plain text, for a file's
    metadata or a spreadsheet cell.
    """
    return html.unescape(re.sub(r"<br\s*/?>", " ", re.sub(r"</?b>", "", markup)))


def title(data: Prepared, state: ViewState, what: str = "map", figure: go.Figure | None = None) -> str:
    """The figure's title: indicator (short name) · year shown · the chosen provinces, else the
    region; a chart of hubs (``what``: hubs, approvals) is headed by its own title instead (what it
    counts, and how many: an indicator's name over a count of zones would say what the figure does
    not show), with the year of the hubs when one is chosen (``figure``: that chart, if built).
    """
    lang = state.lang
    chart = CHART_KINDS.get(what)
    year = state.resolved_year(data.vocab)
    meta = queries.indicator_meta(data, state.indicator)
    region = queries.regions(data).get(state.region)
    sep = ", " if lang == "en" else "、"
    where = (
        sep.join(_province_names(state.provinces, lang))
        if state.provinces
        else (plain(pick(region.name_zh, region.name_en, lang)) if region else "")
    )
    if chart is not None and chart.counts_hubs:  # its own title says what it counts, and how many
        name = re.sub(r"<br\s*/?>", " ", (figure or chart.figure(data, state)).layout.title.text)
        return " · ".join(part for part in (name, str(state.year or ""), where) if part)
    if chart is not None and chart.chooses_axes:  # its two axes, not the map's indicator
        axes = [queries.indicator_meta(data, key) for key in (state.y, state.x)]
        vs = f" {label('对', 'vs', lang)} "
        name = vs.join(plain(indicator_short(pick(m["name_zh"], m["name_en"], lang))) for m in axes)
        return f"{name} · {state.scatter_year(data.vocab) or year} · {where}"
    name = plain(indicator_short(pick(meta["name_zh"], meta["name_en"], lang)))
    return f"{name} · {year} · {where}"


def filters_line(data: Prepared, state: ViewState) -> str:
    """The active filters in one line ('全部' when none is set)."""
    lang = state.lang
    sep = ", " if lang == "en" else "、"
    parts = []
    region = queries.regions(data).get(state.region)
    if state.region != "west" and region:
        parts.append(f"{t('region', lang)}: {plain(pick(region.name_zh, region.name_en, lang))}")
    if state.provinces:
        parts.append(f"{t('province', lang)}: {sep.join(_province_names(state.provinces, lang))}")
    for key, values in filter_values(data, state):  # the same filters the file name gives
        parts.append(f"{t(key, lang)}: {sep.join(values) or '—'}")
    if state.year is not None:  # a past year: the hubs, and their statuses, as of its end
        parts.append(t("hubs_as_of", lang).format(year=state.year))
    body = " · ".join(parts) if parts else t("all", lang)
    return f"{t('filters', lang)}: {body}"


def _footer(data: Prepared, state: ViewState, source: str, today: dt.date) -> str:
    lang = state.lang
    return f"{source}<br>{t('boundary_note', lang)}<br>{t('export_date', lang)}: {today.isoformat()}"


MARGIN = {"t": 110, "b": 90, "l": 30, "r": 30}  # px around a figure's plot: title and filters, footer
TITLE_PX, SUBTITLE_PX = 26, 14  # the title's and the filters' font sizes
SLIDE_MAP, RANKING_X = 0.47, 0.75  # a slide's map and legend left of the first, its ranking right of the second


def heading(data: Prepared, state: ViewState, what: str, fig: go.Figure | None, width: float) -> tuple[str, str]:
    """The figure's title and its line of filters (Plotly markup), each wrapped to fit a canvas
    ``width`` px wide (figures.text.wrap, at TITLE_PX and SUBTITLE_PX): one long line ran off the
    canvas's right edge (a chart of hubs, or an English title, on an A4 page upright).
    """
    room = width * (1 - 2 * TITLE_X) - MARGIN["r"]  # px from the title's left to the canvas's right margin
    text = title(data, state, what, fig if what not in ("map", "slide") else None)
    # wrap weighs a Latin letter at 0.55 of a size: bold and capitals run wider, hence 1.15
    return (
        wrap(text, max(8, int(room / (TITLE_PX * 1.15)))),
        wrap(filters_line(data, state), max(8, int(room / (SUBTITLE_PX * 1.1)))),
    )


TITLE_X = 0.01  # of the canvas's width: where the title starts


def title_drop(head: str) -> int:
    """How far (px) a title of ``head``'s lines is moved down (its ``pad.t``): Plotly centres the lines of a
    title on its anchor, so that a second line lifts the first half a line, to the canvas's edge.
    """
    return math.ceil((canvas.lines(head) - 1) * TITLE_PX * canvas.LINE_HEIGHT / 2)


def top_margin(head: str, sub: str) -> int:
    """The top margin (px) that holds a title and a line of filters of as many lines as these
    (Plotly markup): MARGIN's for one line of each, a line's height more for each further one,
    and the title's drop (:func:`title_drop`).
    """
    extra = (canvas.lines(head) - 1) * TITLE_PX + (canvas.lines(sub) - 1) * SUBTITLE_PX
    return MARGIN["t"] + math.ceil(extra * canvas.LINE_HEIGHT) + title_drop(head)


def _decorate(
    fig: go.Figure,
    data: Prepared,
    state: ViewState,
    source: str,
    today: dt.date,
    what: str = "map",
    px: int = 11,
    width: float = 1920,
) -> go.Figure:
    head, sub = heading(data, state, what, fig, width)
    fig.update_layout(
        title=dict(
            text=f"<b>{head}</b>",
            x=TITLE_X,
            xanchor="left",
            y=0.985,
            yanchor="top",
            font=dict(size=TITLE_PX),
            pad=dict(t=(fig.layout.title.pad.t or 0) + title_drop(head)),  # a chart's own pad, and the drop
            subtitle=dict(text=sub, font=dict(size=SUBTITLE_PX, color="#444")),
        ),
        margin={**MARGIN, "t": top_margin(head, sub)},
        paper_bgcolor="white",
        font=dict(family=font_family(state.lang)),  # SVG keeps the name: a TC face for 繁體
    )
    fig.add_annotation(
        name="footer",
        text=_footer(data, state, source, today),
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        yanchor="top",
        yshift=-10,
        xanchor="left",
        align="left",
        showarrow=False,
        font=dict(size=px, color="#555"),
    )
    return fig


def compose(
    data: Prepared,
    state: ViewState,
    what: str = "map",
    today: dt.date | None = None,
    preset: Preset | None = None,
    frame: tuple[float, float] | None = None,
) -> go.Figure:
    """The figure of a view for export: the map, a chart, or a slide of the map and the ranking, for
    the size of ``preset`` (default: a 16:9 slide); the map fills, and its names are fitted to, its
    frame: ``frame`` (width, height, px) as Plotly lays it out (:func:`laid_out_frame`), else the
    share of the canvas it is given.
    """
    today = today or clock.today()
    preset = preset or PRESETS["slide-16x9"]
    if what not in whats():
        raise ExportError(f"unknown figure {what!r}; choose one of {', '.join(whats())}")
    px = canvas.text_px(preset.width, preset.height)  # the smallest type on this canvas
    if what in ("map", "slide"):
        year = state.resolved_year(data.vocab)
        source = source_line(data, queries.indicator_values(data, state.indicator, year)["source_id"], state.lang)
        # the footer's lines, every one of them, in the bottom margin (the map is fitted to what is left)
        margin = {**MARGIN, "b": max(MARGIN["b"], 10 + canvas.footer_px(_footer(data, state, source, today), px))}
        margin["t"] = top_margin(*heading(data, state, what, None, preset.width))
        plot = (preset.width - margin["l"] - margin["r"], preset.height - margin["t"] - margin["b"])
        slide = what == "slide"
        # a slide's legend ends where the ranking's province names begin (some 90 px left of it)
        legend_px = (RANKING_X - SLIDE_MAP) * plot[0] - 90 if slide else None
        fig = go.Figure(export_dict(data, state, SLIDE_MAP if slide else 0.78, plot, legend_px, frame))
        notes = []
        if what == "slide":
            rank = CHART_KINDS["ranking"].figure(data, state)
            fig.update_layout(
                xaxis=dict(domain=[RANKING_X, 1.0], title=rank.layout.xaxis.title.text, gridcolor="#eee"),
                yaxis=dict(domain=[0, 0.9], tickfont=dict(size=max(11, px)), automargin=True),
                plot_bgcolor="white",
            )
            for trace in rank.data:
                fig.add_trace(trace.update(showlegend=False))
            for shape in rank.layout.shapes:
                fig.add_shape(shape)
            notes += list(rank.layout.annotations)  # the national value on its line
            notes.append(
                dict(text=f"<b>{rank.layout.title.text}</b>", x=RANKING_X, y=0.95, xref="paper", yref="paper",
                     xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=14, color="#222"))
            )  # fmt: skip
        fig.layout.annotations = notes  # replaces (update_layout would merge them by index)
        fig = _decorate(fig, data, state, source, today, px=max(11, px), width=preset.width)
        fig.update_layout(margin=margin)
        return fig
    chart = CHART_KINDS[what].figure(data, state).to_dict()
    canvas.raise_type(chart["data"], px)  # the page's 8-9 px legends and ticks, raised for the canvas
    canvas.raise_type(chart["layout"], px)
    fig = go.Figure(chart)
    source = fig.layout.title.subtitle.text or ""
    fig.update_layout(height=None)
    fig = _decorate(fig, data, state, source, today, what=what, px=px, width=preset.width)
    # A chart's foot holds its axis labels (province names, perhaps slanted) and, on the page, its
    # legend: exported, the legend goes to the right, where a slide or a page has room, and the
    # footer below the labels, in a margin that holds both (Plotly's automargin would keep the
    # larger of the two needs, not their sum; an annotation cannot sit in container coordinates).
    xaxis = fig.layout.xaxis
    ticks = [str(v) for v in (xaxis.ticktext or ())] or ["00000"]  # numbers and years: a few digits
    angle = xaxis.tickangle if isinstance(xaxis.tickangle, (int, float)) else 0
    if angle and canvas.fits_level(ticks, px, CHART_PLOT * preset.width):
        angle = 0  # names that fit side by side on the canvas are read level
    title_lines = canvas.lines(xaxis.title.text) if xaxis.title.text else 0
    labels = canvas.labels_px(ticks, px, angle, title_lines)
    footer = fig.layout.annotations[-1].text  # _decorate's footer, the last annotation
    fig.update_layout(
        margin=dict(b=canvas.footer_px(footer, px) + labels),
        legend=dict(orientation="v", yref="paper", y=1, yanchor="top", x=1.01, xanchor="left", entrywidth=None),
    )
    if xaxis.tickangle is not None and not isinstance(xaxis.tickangle, str):
        fig.update_xaxes(tickangle=angle)
    spec = CHART_KINDS[what]
    if spec.fit:  # what the page's figure lays out for the page's plot, laid out for this canvas's
        plot = (CHART_PLOT * preset.width - CHART_AXIS_PX, preset.height - fig.layout.margin.t - fig.layout.margin.b)
        spec.fit(list(fig.data), state, plot, px)
    fig.update_annotations(selector=dict(name="footer"), yshift=-labels)  # below the axis's labels
    return fig


CHART_PLOT = 0.75  # of a chart's canvas width, its plot's (the legend takes the rest, at the right)
CHART_AXIS_PX = 100  # of that width, about what the y axis's title and tick labels take


# ---------------------------------------------------------------- rendering


def render(fig: go.Figure, fmt: str, preset: Preset, timeout: float | None = None) -> bytes:
    """The figure as PNG, SVG or PDF bytes at the preset's size, rendered by this machine's export
    service (export/service.py: one warm browser pool per machine, every render time-limited).

    Raises ExportError for an unknown format or a render that failed, service.Busy when the
    service refuses more work.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    scale = preset.scale if fmt == "png" else 1
    return service.render(fig.to_json(), fmt, preset.width, preset.height, scale, timeout=timeout)


_NUMBER = r'"([-\d.e]+)"'
# the main map's clip rectangle in Plotly's SVG (the inset's id ends in geo2)
MAP_CLIP = re.compile(rf'<clipPath id="clip\w*?geo"><rect x={_NUMBER} y={_NUMBER} width={_NUMBER} height={_NUMBER}')


def laid_out_frame(fig: go.Figure, preset: Preset, timeout: float | None = None) -> tuple[float, float] | None:
    """The size (width, height, px) of the map's frame in ``fig`` (a map or a slide of
    :func:`compose`) as Plotly lays the figure out at the preset's size; None where it cannot tell.

    compose() gives the map the frame the figure's margins leave; but the legend and the colour bar
    push the margins out when they need more room than their strip (on an A4 page, or with long
    English names), by as much as only Plotly's layout knows. A render of the figure without its
    geometry and hover data (about half the time of a whole one) shows where the map was drawn:
    the projection of its range box, centred in its frame, which starts at the margins' top left
    (the map's domain starts at the plot's left and ends at its top; nothing pushes those margins).
    """
    light = json.loads(fig.to_json())
    for trace in light["data"]:  # what the legend and the colour bar are made of stays
        trace.pop("customdata", None)
        if trace.get("type") == "choropleth":
            trace["geojson"] = EMPTY_FC
    svg = service.render(json.dumps(light), "svg", preset.width, preset.height, 1, timeout=timeout).decode()
    match = MAP_CLIP.search(svg)
    if match is None:
        return None
    x, y, w, h = (float(v) for v in match.groups())
    frame = 2 * (x + w / 2 - fig.layout.margin.l), 2 * (y + h / 2 - fig.layout.margin.t)
    if frame[0] < w - 1 or frame[1] < h - 1:  # not the layout described: keep compose()'s
        return None
    return frame


def export(
    data: Prepared, state: ViewState, what: str, fmt: str, preset: Preset, today: dt.date | None = None
) -> tuple[str, bytes]:
    """(file name, file bytes) of a view's figure; a PDF's text is searchable and its metadata
    names the figure and its filters (export/pdf.py).
    """
    fig = compose(data, state, what, today, preset)
    if what in ("map", "slide"):
        # composed again for the frame Plotly gives the map: its ranges fill that frame, and its
        # names are placed there (placed for another, they were cut at its edges or ran together)
        frame = laid_out_frame(fig, preset)
        if frame is not None:
            fig = compose(data, state, what, today, preset, frame)
    content = render(fig, fmt, preset)
    if fmt == "pdf":
        lang = {"zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant"}.get(state.lang, "en")
        meta = text_of(title(data, state, what)), text_of(filters_line(data, state))
        content = pdf.finish(content, *meta, lang, clock.now())
    return file_name(data, state, what, fmt), content
