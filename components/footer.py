"""The page footer: boundary source (honest: no map-approval number), the data sources and a link
to the data documentation (served by the app itself: serving/docs.py).
"""

from __future__ import annotations

from dash import html

from model.prepared import Prepared
from view.i18n import t

DATA_DOC_PATH = "/docs/data"  # where serving/docs.py serves docs/data.md


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
