"""The one-line source credit that every figure carries."""

from __future__ import annotations

from atlas.data import Atlas
from atlas.i18n import t
from figures.text import plain


def source_line(data: Atlas, source_ids, lang: str) -> str:
    """'来源: publisher; publisher …' for the (';'-joined) source ids behind a figure."""
    ids: list[str] = []
    for sid in source_ids:
        for s in str(sid).split(";"):
            if s and s not in ids:
                ids.append(s)
    publishers: list[str] = []
    for s in ids:
        if s in data.sources.index:
            pub = data.sources.at[s, "publisher"]
            if pub not in publishers:
                publishers.append(pub)
    text = "; ".join(plain(p) for p in publishers[:3]) + (" …" if len(publishers) > 3 else "")
    return f"{t('source', lang)}: {text}" if text else ""
