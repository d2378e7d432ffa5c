"""Two indicators against each other for the provinces, labelled, western ones highlighted."""

from __future__ import annotations

from figures.charts import frame
from figures.charts.spec import ChartSpec
from figures.palette import GRID, OTHER_BAR, SELECTED_BORDER, WEST_BAR
from figures.sources import source_line
from figures.text import plain
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
                # names of the western provinces and of the selected ones only: 31 names piled up
                "mode": "markers+text",
                "text": [frame.province_name(a, lang) if is_west or a in state.provinces else "" for a in sub],
                "hovertext": [frame.province_name(a, lang) for a in sub],
                "textposition": "top center",
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
