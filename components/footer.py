"""The page footer: boundary source (honest: no map-approval number) and the data sources."""

from __future__ import annotations

from dash import html

from atlas.data import atlas
from atlas.i18n import t


def footer(lang: str) -> list:
    return [
        html.Span(t("boundary_note", lang)),
        html.Span(f" · {t('sources', lang)}: {len(atlas().sources)} · docs/data.md"),
    ]
