"""Sources as the atlas shows them: the one-line credit of every figure, and full citations.

Publishers are shown in the page's language (``publisher_en`` in English, Traditional characters
in 繁體); titles of Chinese documents are shown as published, marked "(in Chinese)" in English,
because a translated title would be our words and could not be searched for (docs/data.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.text import plain
from model import source_check
from model.prepared import Prepared
from view.i18n import normalize_lang, pick, t

HAN = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Citation:
    """One source in a language: publisher and title always, date and URL where the data has them."""

    publisher: str
    title: str
    date: str | None
    url: str | None

    def text(self) -> str:
        """'publisher, title (date)', leaving out what is missing (never '(nan)')."""
        return f"{self.publisher}, {self.title}" + (f" ({self.date})" if self.date else "")


def publisher_name(publisher: str | None, publisher_en: str | None, lang: str) -> str:
    """The publisher in ``lang``: its English rendering in English, else as written (繁體: s2tw)."""
    return pick(publisher, publisher_en, lang)


def title_in(title: str, lang: str) -> str:
    """A document's title in ``lang``: as published; in English marked '(in Chinese)' when most of
    its letters are Chinese (a bilingual title such as NBS's is left as it is).
    """
    lang = normalize_lang(lang)
    if lang == "en":
        return f"{title} (in Chinese)" if len(HAN.findall(title)) > len(LATIN.findall(title)) else title
    return pick(title, None, lang)


# The source check's problem of an address on another site than the named publisher's, whose site
# it knows: the page was read on a copy (a repost, a digest), and the reader is told so beside the
# publisher's name. (An unknown host may be the publisher's own site: nothing is said of it.)
ON_A_COPY = ("publisher-mismatch",)


def copy_hosts(data: Prepared) -> dict[str, str]:
    """{source id: host} of the sources whose address is a copy on another site than the named
    publisher's (model/source_check.py), made once per data.
    """

    def build() -> dict[str, str]:
        found = source_check.problems(data.sources)
        found = found[found["problem"].isin(ON_A_COPY)]
        return dict(zip(found["source_id"], found["host"]))

    return data.derived(("copy-hosts",), build)


def citations(data: Prepared, source_ids, lang: str) -> list[Citation]:
    """The citations of the (';'-joined) source ids, in order, each once; unknown ids are left out.
    A source read on a copy says so after its publisher: "中国新闻网 (转载页面: host)", so that a
    link to another site than the publisher named is never passed off as the publisher's.
    """
    sources, copies = data.lookup.sources, copy_hosts(data)
    out: list[Citation] = []
    for sid in _ids(tuple(str(s) for s in source_ids)):
        if sid in sources:
            publisher, publisher_en, title, date, url = sources[sid]
            name = publisher_name(publisher, publisher_en, lang)
            if sid in copies:
                name = f"{name} ({t('read_on_copy', lang).format(host=copies[sid])})"
            out.append(Citation(name, title_in(title or "", lang), date, url))
    return out


def source_line(data: Prepared, source_ids, lang: str) -> str:
    """'来源: publisher; publisher …' for the (';'-joined) source ids behind a figure."""
    return _line(data.lookup.sources, tuple(str(s) for s in source_ids), lang)


def _ids(source_ids: tuple[str, ...]) -> list[str]:
    ids: list[str] = []
    for sid in source_ids:
        for s in sid.split(";"):
            if s and s not in ids:
                ids.append(s)
    return ids


def _line(sources: dict[str, tuple], source_ids: tuple[str, ...], lang: str) -> str:
    publishers: list[str] = []
    for s in _ids(source_ids):
        if s in sources:
            pub = publisher_name(sources[s][0], sources[s][1], lang)
            if pub not in publishers:
                publishers.append(pub)
    text = "; ".join(plain(p) for p in publishers[:3]) + (" …" if len(publishers) > 3 else "")
    return f"{t('source', lang)}: {text}" if text else ""
