"""The year slider's play button: steps through the indicator's years in the browser's timer."""

from __future__ import annotations

from dash import Input, Output, State, callback, ctx, no_update

from components import ids
from model.prepared import current
from model.vocab import Vocab
from view.i18n import normalize_lang, t


def play_years(vocab: Vocab, indicator: object) -> tuple[int, ...]:
    """The years Play steps through: the indicator's up to its default year (a later year of early
    releases, too sparse to be the default, is left to the slider: Play would end on a map of grey
    provinces); every year of the data when ``indicator`` is not an indicator with years.
    """
    years = vocab.years_of(indicator) if isinstance(indicator, str) else ()
    if not years:
        return vocab.all_years
    end = vocab.default_year(indicator)
    return tuple(y for y in years if y <= end)


def next_year(current: object, years: tuple[int, ...]) -> tuple[int, bool]:
    """The year after ``current`` and whether to stop (at the last year)."""
    if current not in years:
        return years[0], False
    i = years.index(current)
    if i + 1 >= len(years) - 1:
        return years[-1], True
    return years[i + 1], False


@callback(
    Output(ids.PLAY_TIMER, "disabled"),
    Output(ids.PLAY, "children"),
    Output(ids.YEAR, "value", allow_duplicate=True),
    Input(ids.PLAY, "n_clicks"),
    Input(ids.PLAY_TIMER, "n_intervals"),
    State(ids.PLAY_TIMER, "disabled"),
    State(ids.YEAR, "value"),
    State(ids.LANG, "value"),
    State(ids.INDICATOR, "value"),
    prevent_initial_call=True,
)
def play(n_clicks, n_intervals, disabled, year, lang, indicator=None):
    """Start, pause or step through :func:`play_years`; from the first year when at the end or
    beyond it (a later, sparse year chosen on the slider).
    """
    years = play_years(current().vocab, indicator)
    lang = normalize_lang(lang)
    year = year if isinstance(year, int) and year in years else years[-1]  # anything else: the end
    if ctx.triggered_id == ids.PLAY:
        if disabled is not False:  # start: from the first year if at the end
            start = years[0] if year == years[-1] else year
            return False, t("pause", lang), start
        return True, t("play", lang), no_update
    nxt, stop = next_year(year, years)
    return stop, t("play", lang) if stop else t("pause", lang), nxt
