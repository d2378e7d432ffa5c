"""``/docs/data``: the data documentation (docs/data.md) served by the app itself.

The footer links to it, so that a reader on an intranet without access to the repository can read
what every field means and where every figure comes from. The Markdown is shown as it is written,
as text in a page (escaped: nothing in it is markup to the browser), from the app's own origin;
the security headers of serving/security.py apply to it as to every response.
"""

from __future__ import annotations

import html
from functools import cache

from flask import Flask, Response

from components.footer import DATA_DOC_PATH
from model.paths import ROOT

DATA_DOC = ROOT / "docs" / "data.md"

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>docs/data.md · 西部科技创新地图 · West China Innovation Atlas</title>
</head>
<body>
<pre style="white-space: pre-wrap; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; font: 15px/1.55
 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace;">{text}</pre>
</body>
</html>
"""


@cache
def data_doc_page() -> bytes:
    """docs/data.md as an HTML page of escaped text (read once per process)."""
    return _PAGE.format(text=html.escape(DATA_DOC.read_text(encoding="utf-8"), quote=False)).encode("utf-8")


def _serve() -> Response:
    try:
        body = data_doc_page()
    except FileNotFoundError:
        return Response("docs/data.md is not installed with this copy of the atlas\n", 404, mimetype="text/plain")
    return Response(body, mimetype="text/html")


def register(server: Flask) -> None:
    """Serve docs/data.md at ``DATA_DOC_PATH``."""
    server.add_url_rule(DATA_DOC_PATH, "data_doc", _serve)
