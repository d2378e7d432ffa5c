"""The table's search over the data: which rows hold every searched word.

A search is a filter like the others (Lookup.hub_mask): the table, the counts, the charts, the
map and the downloads all show the rows it passes. The words come from the view state already
prepared (view/search.py: written the way the data is, Traditional characters made Simplified),
each with the codes of the coded columns (layer, province, status…) whose label in some language
holds it, since those labels are made by the view in three languages; the data's own text
(names, cities, years) is searched here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

import numpy as np

SEP = "\x00"  # between rows in the joined text; a searched word never holds it (view/search.py)
FIELD_SEP = "\x01"  # between a row's fields, so that a word never spans two fields


def normalize(text: str) -> str:
    """Text as searches compare it: Unicode NFKC (full-width letters and digits as ASCII) and
    case-folded. Both the searched rows and the searched words go through it.
    """
    return unicodedata.normalize("NFKC", text).casefold()


class SearchTerm(Protocol):
    """One searched word (view.search.Term): a row holds it when one of its text fields contains
    one of ``texts``, or one of its coded columns holds one of ``codes[column]``.
    """

    texts: tuple[str, ...]
    codes: Mapping[str, frozenset[str]]


class TextIndex:
    """Rows of text fields, for finding the rows in which a word occurs (as part of a field).

    The rows' fields are joined in one string once; a search runs ``str.find`` over it and jumps
    to the next row after each hit, so it costs one C-level scan plus one step per matching row
    (24,400 rows, a word in every row: about 5 ms; a rare word: about 0.2 ms).
    """

    def __init__(self, rows: Iterable[Iterable[object]]) -> None:
        parts, starts, at = [], [], 0
        for fields in rows:
            text = FIELD_SEP.join(normalize(f) for f in fields if isinstance(f, str) and f) + SEP
            starts.append(at)
            parts.append(text)
            at += len(text)
        self.text = "".join(parts)
        self.starts = np.array(starts, dtype=np.int64)
        self.n = len(starts)

    def contains(self, words: Iterable[str]) -> np.ndarray:
        """Boolean mask over the rows: True where some field contains one of ``words``."""
        found = np.zeros(self.n, dtype=bool)
        text, starts, n = self.text, self.starts, self.n
        for word in words:
            if not word or SEP in word or FIELD_SEP in word:
                continue
            pos = text.find(word)
            while pos >= 0:
                row = int(np.searchsorted(starts, pos, side="right")) - 1
                found[row] = True
                if row + 1 >= n:
                    break
                pos = text.find(word, int(starts[row + 1]))
        return found


def matches(
    terms: Iterable[SearchTerm], text: TextIndex, columns: Mapping[str, Callable[[frozenset[str]], np.ndarray]]
) -> np.ndarray:
    """Boolean mask over ``text``'s rows: True where the row holds every one of ``terms``, in its
    text or in a coded column (``columns``: name -> a function giving the mask of the rows that
    hold one of the given codes, e.g. ``Codes.isin``).
    """
    keep = np.ones(text.n, dtype=bool)
    for term in terms:
        found = text.contains(term.texts)
        for column, holds in columns.items():
            codes = term.codes.get(column)
            if codes:
                found |= holds(codes)
        keep &= found
    return keep
