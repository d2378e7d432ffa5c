"""Two indicators against each other for the provinces, labelled, western ones highlighted."""

from __future__ import annotations

from figures.charts import frame
from figures.charts.spec import ChartSpec
from figures.palette import GRID, OTHER_BAR, SELECTED_BORDER, WEST_BAR
from figures.sources import source_line
from figures.text import em_width, plain
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
    named = {a for a in both if a in WEST or a in state.provinces}
    placed = place_labels(
        {a: (fx.by_adcode[a], fy.by_adcode[a]) for a in both}, {a: frame.province_name(a, lang) for a in named}
    )
    positions = {w: [placed.get(a, ("top center",))[0] for a in both if (a in WEST) == w] for w in (False, True)}
    for is_west, colour in ((False, OTHER_BAR), (True, WEST_BAR)):
        sub = [a for a in both if (a in WEST) == is_west]
        traces.append(
            {
                "type": "scatter",
                "x": [fx.by_adcode[a] for a in sub],
                "y": [fy.by_adcode[a] for a in sub],
                # names of the western provinces and of the selected ones only: 31 names piled up
                "mode": "markers+text",
                "text": [frame.province_name(a, lang) if a in placed else "" for a in sub],
                "hovertext": [frame.province_name(a, lang) for a in sub],
                "textposition": positions.get(is_west, "top center"),
                "textfont": {"size": 9},
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
    layout = {
        "xaxis": {"title": {"text": f"{frame.indicator_name(mx, lang)} ({frame.unit(mx, lang)})"}, "gridcolor": GRID},
        "yaxis": {"title": {"text": f"{frame.indicator_name(my, lang)} ({frame.unit(my, lang)})"}, "gridcolor": GRID},
        "clickmode": "event",
        "legend": {"font": {"size": 9}},
    }
    derived = [m for m in (mx, my) if m["derived"]]
    note = "; ".join(plain(pick(m["definition_zh"], m["definition_en"], lang)) for m in derived)
    src = source_line(data, fx.sources + fy.sources, lang)
    title = f"{t('scatter', lang)} · {year}"
    if year != shown_year:  # the shown year lacks one of the axes: say which year this is instead
        title += f" ({t('scatter_year_note', lang).format(year=year)})"
    return frame.figure(traces, layout, title, f"{src}<br>{note}" if note else src, lang)


SPEC = ChartSpec(
    key="scatter", label="scatter", build=build, traces=("scatter",), placement="details", chooses_axes=True
)


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
PLOT_PX = (520.0, 260.0)  # the page's scatter plot area (px); exports scale its type with it
TEXT_PX, DOT_PX = 9.0, 6.0
# px added to a name's estimated width (figures.text.em_width): the estimate is an average, and a
# name of wide Latin letters ('Macao', 'Henan') runs some 10% past it; the air keeps two such apart
NAME_AIR_PX = 4.0


Box = tuple[float, float, float, float]  # left, bottom, right, top (px, y up)


def place_labels(
    points: dict[str, tuple[float, float]], names: dict[str, str], places: tuple[str, ...] = tuple(PLACES)
) -> dict[str, tuple[str, Box]]:
    """A Plotly ``textposition`` per named point, and its name's box, so that names keep off each
    other and off the dots, weighed in the plot's pixels (both axes from their points' range to
    PLOT_PX; names at TEXT_PX, as wide as figures.text.em_width says and NAME_AIR_PX; past the axes costs twice):
    greedily, the names of crowded points first, each at its first free place in PLACES, else
    where it overlaps least (a western province keeps its name); ``places``: the sides tried.
    Plotly places no names itself.
    """
    if not points:
        return {}
    xs, ys = [p[0] for p in points.values()], [p[1] for p in points.values()]
    span = [(max(v) - min(v)) or 1.0 for v in (xs, ys)]
    px = {
        a: ((x - min(xs)) / span[0] * PLOT_PX[0], (y - min(ys)) / span[1] * PLOT_PX[1]) for a, (x, y) in points.items()
    }
    # the named dots keep clear (a name over another's dot reads as its name); the others may be crossed
    dots = [(x - DOT_PX / 2, y - DOT_PX / 2, x + DOT_PX / 2, y + DOT_PX / 2) for a, (x, y) in px.items() if a in names]
    boxes: list[Box] = []

    def overlap(b, others) -> float:
        return sum(
            max(0.0, min(b[2], o[2]) - max(b[0], o[0])) * max(0.0, min(b[3], o[3]) - max(b[1], o[1])) for o in others
        )

    def crowd(a: str) -> float:
        return -sum(1 for b in px.values() if abs(b[0] - px[a][0]) < 60 and abs(b[1] - px[a][1]) < 20)

    out: dict[str, tuple[str, Box]] = {}
    for a in sorted(names, key=crowd):
        name, (x, y) = names[a], px[a]
        w = TEXT_PX * em_width(name) + NAME_AIR_PX
        h = TEXT_PX * 1.2
        best = None
        for place in places:
            fw, fh, dx, dy = PLACES[place]
            cx, cy = x + fw * w + dx * DOT_PX / 2, y + fh * h + dy * DOT_PX / 2
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            inside = overlap(box, [(0.0, 0.0, *PLOT_PX)])  # a name past the axes is cut there
            cost = overlap(box, boxes) + overlap(box, dots) + (w * h - inside) * 2
            if best is None or cost < best[0]:
                best = (cost, place, box)
            if cost == 0:
                break
        out[a] = (best[1], best[2])
        boxes.append(best[2])
    return out
