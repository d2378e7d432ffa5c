"""The page footer: boundary source (honest: no map-approval number), the data sources and a link
to the data documentation (served by the app itself: atlas/docs.py).
"""

from __future__ import annotations

from dash import html

from atlas.docs import DATA_DOC_PATH
from atlas.i18n import t
from atlas.prepared import Prepared


def footer(data: Prepared, lang: str) -> list:
    """The footer's contents in ``lang``."""
    return [
        html.Span(t("boundary_note", lang)),
        html.Span(f" · {t('sources', lang)}: {len(data.sources)} · "),
        html.A(
            f"{t('data_doc', lang)} (docs/data.md)",
            href=DATA_DOC_PATH.lstrip("/"),  # relative: works under a path prefix too
            target="_blank",
            rel="noopener noreferrer",
        ),
    ]
