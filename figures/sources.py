"""The one-line source credit that every figure carries."""

from __future__ import annotations

from atlas.data import Atlas
from atlas.i18n import t
from atlas.lookup import lookup
from figures.text import plain


def source_line(data: Atlas, source_ids, lang: str) -> str:
    """'来源: publisher; publisher …' for the (';'-joined) source ids behind a figure."""
    ids = tuple(str(s) for s in source_ids)
    lk = lookup(data)
    return lk.memo(("source_line", ids, lang), lambda: _line(lk.publisher, ids, lang))


def _line(publisher: dict[str, str], source_ids: tuple[str, ...], lang: str) -> str:
    ids: list[str] = []
    for sid in source_ids:
        for s in sid.split(";"):
            if s and s not in ids:
                ids.append(s)
    publishers: list[str] = []
    for s in ids:
        pub = publisher.get(s)
        if pub is not None and pub not in publishers:
            publishers.append(pub)
    text = "; ".join(plain(p) for p in publishers[:3]) + (" …" if len(publishers) > 3 else "")
    return f"{t('source', lang)}: {text}" if text else ""
