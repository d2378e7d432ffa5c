"""What a figure says about the values it lacks: a year that too few western provinces have yet.

Such a year (early first releases: one province of twelve) is never shown unasked
(model.vocab.default_year); chosen on the slider or in a link, its map is mostly "no data" and its
ranking a bar or two, so the legend, the ranking and the exported map say why, and which year
the atlas shows by default.
"""

from __future__ import annotations

import re

from figures.text import wrap
from model.regions import WEST
from model.vocab import Vocab
from view.i18n import t


def sparse_note(vocab: Vocab, indicator: str, year: int, lang: str) -> str | None:
    """'2025年仅1/12个西部省份有数据(默认年份为2024年)' for a sparse year of ``indicator``
    (``Vocab.sparse``), None for any other year. Plain text without markup.
    """
    if not vocab.sparse(indicator, year):
        return None
    n = len(vocab.west_in(indicator, year))
    return t("sparse_year", lang).format(year=year, n=n, of=len(WEST), default=vocab.default_year(indicator))


def wrapped(note: str, width: int) -> str:
    """``note`` in lines of about ``width`` (figures.text.wrap), its parenthesis on a line of its own:
    Chinese wraps between any two characters, and '2024' must not break in the middle.
    """
    return "<br>".join(wrap(part, width) for part in re.split(r"\s*(?=\()", note) if part)
