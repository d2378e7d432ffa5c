"""The table's search as part of the view state: its text in the URL (``q``), and its words as the
data model matches them (model/search.py, model/lookup.Lookup.search_mask).

The search matches what the table shows, in every language whatever the page's: a hub's names and
city (简体, 繁體 or English), its year, and the labels of its coded columns (layer, province, level,
status, sectors, measures, location precision). A row passes when it holds every word, as AG
Grid's quick filter did in the browser; the server applies it now, so that the table, every
count, the charts, the map and the downloads show the same rows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

from layers import REGISTRY
from model.regions import PROVINCES
from model.search import normalize
from model.terms import LEVELS, MEASURE_REFS, PRECISIONS, SECTORS, STATUSES, UNKNOWN
from view.hant import to_hans
from view.i18n import LANGS, label, measure_ref, pick, t

MAX_SEARCH = 100  # characters; the search box takes no more, and a longer ``q`` falls back to none


def clean_search(value: object) -> str:
    """The search text a state holds: control and format characters and runs of spaces made one
    space, trimmed; "" for anything but a string, or one longer than MAX_SEARCH.
    """
    if not isinstance(value, str):
        return ""
    text = " ".join("".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in value).split())
    return text if len(text) <= MAX_SEARCH else ""


def coded_labels(lang: str) -> dict[str, dict[str, str]]:
    """{column: {code: label in ``lang``}} of the hub table's coded columns: what the table shows
    for a code (components/options.table_columns), and what the search matches.
    """
    return {
        "layer": {k: pick(s.label_zh, s.label_en, lang) for k, s in REGISTRY.items()},
        "province": {a: pick(zh, en, lang) for a, (zh, en) in PROVINCES.items()},
        "level": {k: label(zh, en, lang) for k, (zh, en) in LEVELS.items()},
        "status": {**{k: label(zh, en, lang) for k, (zh, en) in STATUSES.items()}, UNKNOWN: t("unknown", lang)},
        "precision": {k: label(zh, en, lang) for k, (zh, en) in PRECISIONS.items()},
        "sectors": {k: label(zh, en, lang) for k, (zh, en) in SECTORS.items()},
        "measures": {r: measure_ref(r, lang) for r in MEASURE_REFS},
    }


@cache
def _searchable_labels() -> dict[str, dict[str, tuple[str, ...]]]:
    """{column: {code: its labels in every language, normalized}} (made once per process)."""
    by_lang = [coded_labels(lang) for lang in LANGS]
    return {
        column: {code: tuple(normalize(labels[column][code]) for labels in by_lang) for code in codes}
        for column, codes in by_lang[0].items()
    }


@dataclass(frozen=True)
class Term:
    """One searched word as the data model matches it (model.search.SearchTerm): ``texts``, the
    word normalized (model.search.normalize), and again in Simplified characters when typed in
    Traditional ones (the data's names are Simplified; 繁體 shows them converted character by
    character); ``codes``: {column: the codes whose label in some language holds the word}.
    """

    texts: tuple[str, ...]
    codes: MappingProxyType


@lru_cache(maxsize=1024)  # a pure function of the text: people type the same words again
def search_terms(text: str) -> tuple[Term, ...]:
    """The words of a search text (split at spaces, each once) as :class:`Term`; () for none."""
    out = []
    for word in dict.fromkeys(normalize(text).split()):
        texts = tuple(dict.fromkeys((word, normalize(to_hans(word)))))
        codes = {
            column: frozenset(code for code, labels in table.items() if any(t in lab for t in texts for lab in labels))
            for column, table in _searchable_labels().items()
        }
        out.append(Term(texts, MappingProxyType({c: found for c, found in codes.items() if found})))
    return tuple(out)
