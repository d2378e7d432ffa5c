"""Two indicators against each other for the provinces, labelled, western ones highlighted."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from figures.charts import frame
from figures.charts.spec import ChartSpec
from figures.palette import GRID, OTHER_BAR, SELECTED_BORDER, WEST_BAR
from figures.sources import source_line
from figures.text import em_width, plain, wrap
from model.prepared import Prepared
from model.regions import NATIONAL, WEST
from view.i18n import pick, t
from view.state import ViewState


def build(data: Prepared, state: ViewState) -> dict:
    """The provinces with both values in the shown year (else the default year of the years both
    have: ViewState.scatter_year): two traces, the other provinces and the west.
    """
    lk = data.lookup
    lang = state.lang
    vocab = data.vocab
    year = state.scatter_year(vocab)
    shown_year = state.resolved_year(vocab)
    year = year if year is not None else shown_year
    mx, my = lk.meta[state.x], lk.meta[state.y]
    fx, fy = lk.year_values(state.x, year), lk.year_values(state.y, year)
    both = [a for a in dict.fromkeys(fx.adcodes) if a in fy.by_adcode and a != NATIONAL]
    traces = []
    for is_west, colour in ((False, OTHER_BAR), (True, WEST_BAR)):
        sub = [a for a in both if (a in WEST) == is_west]
        traces.append(
            {
                "type": "scatter",
                "x": [fx.by_adcode[a] for a in sub],
                "y": [fy.by_adcode[a] for a in sub],
                "mode": "markers+text",  # the names: name_points
                "hovertext": [frame.province_name(a, lang) for a in sub],
                "textfont": {"size": TEXT_PX},
                "marker": {
                    "size": [14 if a in state.provinces else 9 for a in sub],
                    "color": colour,
                    "line": {
                        "color": [SELECTED_BORDER if a in state.provinces else "white" for a in sub],
                        "width": 1.5,
                    },
                },
                "customdata": sub,
                "name": t("west", lang) if is_west else t("other", lang),
                "hovertemplate": "%{hovertext}: %{x}, %{y}<extra></extra>",
            }
        )
    name_points(traces, state)
    layout = {
        "xaxis": {"title": {"text": axis_title(mx, lang, PLOT_PX[0])}, "gridcolor": GRID},
        "yaxis": {"title": {"text": axis_title(my, lang, PLOT_PX[1])}, "gridcolor": GRID},
        "clickmode": "event",
        # one row under the plot, not a column beside it: the plot keeps the pane's width
        "legend": {"font": {"size": 9}, "orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
    }
    derived = [m for m in (mx, my) if m["derived"]]
    note = "; ".join(plain(pick(m["definition_zh"], m["definition_en"], lang)) for m in derived)
    src = source_line(data, fx.sources + fy.sources, lang)
    title = f"{t('scatter', lang)} · {year}"
    if year != shown_year:  # the shown year lacks one of the axes: say which year this is instead
        title += f" ({t('scatter_year_note', lang).format(year=year)})"
    return frame.figure(traces, layout, title, f"{src}<br>{note}" if note else src, lang)


def axis_title(meta: dict, lang: str, length: float) -> str:
    """An axis's title, the indicator's name and unit, in lines no longer than the axis (``length``,
    px, at AXIS_TITLE_PX): a longer one ran past the plot, the y axis's into the chart's title.
    """
    return wrap(f"{frame.indicator_name(meta, lang)} ({frame.unit(meta, lang)})", int(length / AXIS_TITLE_PX))


# Where a name may go beside its dot, in order of preference, with the offset of its box's centre
# (in the name's width w and height h, and the dot's radius r).
PLACES = {
    "top center": (0.0, 0.5, 0, 1),
    "bottom center": (0.0, -0.5, 0, -1),
    "middle right": (0.5, 0.0, 1, 0),
    "middle left": (-0.5, 0.0, -1, 0),
    "top right": (0.5, 0.5, 1, 1),
    "top left": (-0.5, 0.5, -1, 1),
    "bottom right": (0.5, -0.5, 1, -1),
    "bottom left": (-0.5, -0.5, -1, -1),
}
# The page's scatter plot area (px) where it is smallest that names are shown in: a phone's (the
# pane 372 px wide, 418 high: 234 x 277 beside a legend column, measured in Chromium; about 300 x
# 230 with the legend in a row below). A laptop's (443 px pane) and exports only add room; exports
# scale their type with the canvas.
PLOT_PX = (300.0, 230.0)
AUTORANGE_PAD = 0.05  # of the axis's length, each side
TEXT_PX = 9.0
DOT_PX = 11.0  # a marker (9 px) and its white border (1.5 px) each side: a name touching a dot reads as its name
AXIS_TITLE_PX = 11.0  # the frame's font size (figures/charts/frame.py)
# px added to a name's estimated width (figures.text.em_width): the estimate is an average, and a
# name of wide Latin letters ('Macao', 'Henan') runs some 10% past it; the air keeps two such apart
NAME_AIR_PX = 4.0


Box = tuple[float, float, float, float]  # left, bottom, right, top (px, y up)
CLEAR = 1e-6  # px²: an overlap this small is rounding (a box's area less its area inside the axes)


def place_labels(
    points: dict[str, tuple[float, float]],
    names: dict[str, str],
    places: tuple[str, ...] = tuple(PLACES),
    keep: set[str] = frozenset(),
    plot: tuple[float, float] = PLOT_PX,
    text_px: float = TEXT_PX,
) -> dict[str, tuple[str, Box]]:
    """A Plotly ``textposition`` per named point that gets its name, and the name's box, so that
    names keep off each other, off the named dots and inside the axes, weighed in the plot's pixels
    (both axes from their points' range to ``plot``; names at ``text_px``, as wide as
    figures.text.em_width says and NAME_AIR_PX): greedily, the points of ``keep`` (the provinces the
    user chose) first, then the least crowded, each at its first free place in ``places`` (PLACES).
    A name with no free place is left out, as the map leaves one out (a name over another says
    nothing; the hover names every dot); one of ``keep`` goes where it overlaps least. Plotly
    places no names itself.
    """
    if not points:
        return {}
    xs, ys = [p[0] for p in points.values()], [p[1] for p in points.values()]
    span = [(max(v) - min(v)) or 1.0 for v in (xs, ys)]
    # Plotly's autorange pads a scatter's range by 5% of the axis on each side
    inner = [n * (1 - 2 * AUTORANGE_PAD) for n in plot]
    px = {
        a: (
            plot[0] * AUTORANGE_PAD + (x - min(xs)) / span[0] * inner[0],
            plot[1] * AUTORANGE_PAD + (y - min(ys)) / span[1] * inner[1],
        )
        for a, (x, y) in points.items()
    }
    # the named dots keep clear (a name over another's dot reads as its name); the others may be crossed
    dots = np.array(
        [(x - DOT_PX / 2, y - DOT_PX / 2, x + DOT_PX / 2, y + DOT_PX / 2) for a, (x, y) in px.items() if a in names]
    )
    where = np.array([PLACES[p] for p in places])  # (places, 4): fw, fh, dx, dy
    frame = np.array([[0.0, 0.0, *plot]])

    def overlap(cand: np.ndarray, others: np.ndarray) -> np.ndarray:
        """Each candidate box's total area over ``others`` (both (n, 4) arrays: left, bottom, right, top)."""
        if not len(others):
            return np.zeros(len(cand))
        w = np.minimum(cand[:, None, 2], others[None, :, 2]) - np.maximum(cand[:, None, 0], others[None, :, 0])
        h = np.minimum(cand[:, None, 3], others[None, :, 3]) - np.maximum(cand[:, None, 1], others[None, :, 1])
        return (np.clip(w, 0, None) * np.clip(h, 0, None)).sum(axis=1)

    def crowd(a: str) -> float:
        return -sum(1 for b in px.values() if abs(b[0] - px[a][0]) < 60 and abs(b[1] - px[a][1]) < 20)

    out: dict[str, tuple[str, Box]] = {}
    placed = np.empty((0, 4))
    for a in sorted(names, key=lambda a: (a not in keep, -crowd(a))):
        (x, y), w, h = px[a], text_px * em_width(names[a]) + NAME_AIR_PX, text_px * 1.2
        cx = x + where[:, 0] * w + where[:, 2] * DOT_PX / 2
        cy = y + where[:, 1] * h + where[:, 3] * DOT_PX / 2
        cand = np.column_stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
        # a name past the axes is cut there: its area outside counts twice
        cost = overlap(cand, placed) + overlap(cand, dots) + (w * h - overlap(cand, frame)) * 2
        clear = np.flatnonzero(cost < CLEAR)
        k = int(clear[0]) if len(clear) else int(np.argmin(cost))  # the first clear place, else the least bad
        if len(clear) or a in keep:
            out[a] = (places[k], tuple(float(v) for v in cand[k]))
            placed = np.vstack([placed, cand[k : k + 1]])
    return out


@lru_cache(maxsize=512)
def _placed(points: tuple, names: tuple, keep: frozenset, plot: tuple, text_px: float) -> dict:
    """place_labels, once per input: most state changes (a layer, a sector, the map's indicator)
    leave the scatter's points and names as they were, and a new state's figure then costs no
    placement (the labels are weighed in Python, a millisecond a figure).
    """
    return place_labels(dict(points), dict(names), keep=set(keep), plot=plot, text_px=text_px)


def name_points(traces: list, state: ViewState, plot: tuple[float, float] = PLOT_PX, text_px: float = TEXT_PX) -> None:
    """Sets the ``text`` and ``textposition`` of the scatter's ``traces`` (dicts or Plotly trace
    objects, with x, y, the provinces' names as ``hovertext`` and adcodes as ``customdata``): the
    western provinces' names and those of the provinces ``state`` chose (31 names piled up), each
    where :func:`place_labels` finds it clear on a plot of ``plot`` px with names of ``text_px``.
    The page's figure is named for its smallest plot (PLOT_PX); an export names it for its canvas.
    """
    rows = [(trace, k) for trace in traces for k in range(len(trace["customdata"]))]
    points = {trace["customdata"][k]: (trace["x"][k], trace["y"][k]) for trace, k in rows}
    names = {trace["customdata"][k]: trace["hovertext"][k] for trace, k in rows}
    names = {a: n for a, n in names.items() if a in WEST or a in state.provinces}
    placed = _placed(tuple(points.items()), tuple(names.items()), frozenset(state.provinces), plot, text_px)
    for trace in traces:
        codes = trace["customdata"]
        trace.update(
            text=[names[a] if a in placed else "" for a in codes],
            textposition=[placed[a][0] if a in placed else "top center" for a in codes],
        )


SPEC = ChartSpec(
    key="scatter",
    label="scatter",
    build=build,
    traces=("scatter",),
    placement="details",
    chooses_axes=True,
    fit=name_points,
)
