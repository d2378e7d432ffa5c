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

FIELD_SEP = "\x01"  # between a row's fields, so that a word never spans two (view/search.py keeps it out)


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

    An index of each character and each pair of adjacent characters (the rows that hold it), made
    on the first search: a word of one or two characters is one lookup, a longer one the rows that
    hold all its pairs, then checked. 25,500 hubs (``python -m bench.scale 100``, on the 2-CPU
    machine while busy): 0.7 s to make (the bundled data: 8 ms), then 0.01-2.6 ms a word, whether
    300 rows hold it or all of them; a scan of the rows' text took 3-100 ms a word.
    """

    def __init__(self, rows: Iterable[Iterable[object]]) -> None:
        self.rows = [FIELD_SEP.join(normalize(f) for f in fields if isinstance(f, str) and f) for fields in rows]
        self.n = len(self.rows)
        self._grams: dict[str, np.ndarray] | None = None

    def grams(self) -> dict[str, np.ndarray]:
        """{character or pair of characters: the rows holding it, ascending}. Made once, on first
        use (two threads may both make it: the same dict, read-only afterwards).
        """
        if self._grams is None:
            found: dict[str, list[int]] = {}
            for i, text in enumerate(self.rows):
                for gram in set(text) | {text[k : k + 2] for k in range(len(text) - 1)}:
                    found.setdefault(gram, []).append(i)
            self._grams = {g: np.array(r, dtype=np.int32) for g, r in found.items() if FIELD_SEP not in g}
        return self._grams

    def contains(self, words: Iterable[str]) -> np.ndarray:
        """Boolean mask over the rows: True where some field contains one of ``words``."""
        found = np.zeros(self.n, dtype=bool)
        for word in words:
            if word and FIELD_SEP not in word:
                found |= self._holding(word)
        return found

    def _holding(self, word: str) -> np.ndarray:
        grams = self.grams()
        keys = {word} if len(word) <= 2 else {word[k : k + 2] for k in range(len(word) - 1)}
        mask = np.zeros(self.n, dtype=bool)
        rows = [grams.get(k) for k in keys]
        if any(r is None for r in rows):
            return mask  # a character or pair no row holds
        rows.sort(key=len)
        mask[rows[0]] = True
        for other in rows[1:]:
            also = np.zeros(self.n, dtype=bool)
            also[other] = True
            mask &= also
        if len(word) > 2:  # rows holding every pair may not hold them in this order
            for i in np.flatnonzero(mask):
                mask[i] = word in self.rows[i]
        return mask


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
