"""File URLs: every exportable view as a figure, and every table as a file, at an address.

    GET /export/<what>.<fmt>?<the page's query>[&preset=<key>][&size=<width>x<height>]
    GET /download/<table>.<fmt>?<the page's query>

``<what>`` is one of export.render.whats() (the map, each chart kind, the slide) and ``<fmt>`` one
of export.render.FORMATS; ``<table>`` is a key of export.downloads.TABLES and ``<fmt>`` one of its
formats. The query is the page's own URL query, read by the page's pure function
(view.state.from_query): a malformed parameter falls back to its default, never an error. An
unknown ``<what>``, ``<table>``, ``<fmt>`` or preset is a 404, a malformed size a 400, each with a
short message in the query's language (``lang``), as plain text.

Answers carry ``Content-Disposition`` (the file name made from the content, RFC 6266 with an
RFC 5987 UTF-8 ``filename*``), an ETag from the data version, the request and the day (the date is
printed on the file; If-None-Match gets a 304), and the page's security headers and access control
(serving/security.py covers every route). Files are made once while fresh, one render per file in
flight (serving/flight.py); figures are rendered by this machine's export service
(export/service.py), and when it is full the answer is 429 with Retry-After.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import asdict, replace
from urllib.parse import quote

from flask import Flask, Response, request

from export import downloads
from export.render import FORMATS, PRESETS, Preset, custom_preset, export, file_name, whats
from export.service import Busy, Config, ExportError
from model import clock
from model.prepared import Prepared, current
from serving import flight
from view.i18n import t
from view.state import ViewState, from_query, to_query

log = logging.getLogger(__name__)
FILE_TTL = 3600  # seconds a finished file is kept
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to text types
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
}
SIZE = re.compile(r"([0-9]{1,5})[xX*]([0-9]{1,5})")
# A size typed with a Chinese input method: full-width digits and x, or ×. Nothing else is read as
# a digit (a superscript ² is not one).
FULL_WIDTH = {0xFF10 + i: str(i) for i in range(10)} | {ord("ｘ"): "x", ord("Ｘ"): "x", ord("×"): "x"}


def preset_of(args) -> Preset | None:
    """The size asked by ``preset=`` or ``size=WIDTHxHEIGHT`` (a custom preset, each side held to
    400-6000 px); the 16:9 slide when neither is given. Raises KeyError for an unknown preset and
    ValueError for a malformed size.
    """
    size = args.get("size")
    if size:
        m = SIZE.fullmatch(size.translate(FULL_WIDTH).strip())
        if not m:
            raise ValueError(size)
        return custom_preset(int(m[1]), int(m[2]))
    return PRESETS[args.get("preset") or "slide-16x9"]


def export_query(state: ViewState, what: str, fmt: str, preset: Preset) -> str:
    """The path and query of a figure's file URL (what the page's export panel links to)."""
    query = to_query(state)
    size = f"preset={preset.key}" if preset.key in PRESETS else f"size={preset.width}x{preset.height}"
    return f"/export/{what}.{fmt}?" + "&".join(q for q in (query, size) if q)


def download_query(state: ViewState, table: str, fmt: str) -> str:
    """The path and query of a table's file URL."""
    query = to_query(state)
    return f"/download/{table}.{fmt}" + (f"?{query}" if query else "")


def content_disposition(name: str, english: str | None = None) -> str:
    """``attachment`` with the UTF-8 name (RFC 6266, RFC 5987 ``filename*``) and, for clients that
    read only ``filename`` (``curl -OJ``), an ASCII one: ``english`` (the same file's name in
    English) with anything outside ASCII letters, digits and ``._-&`` made ``_``.
    """
    stem, dot, ext = (english or name).rpartition(".")
    ascii_stem = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9._&-]+", "_", stem)).strip("_") or "atlas"
    fallback = f"{ascii_stem}{dot}{ext}" if dot else ascii_stem
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _state(data: Prepared) -> ViewState:
    return from_query(request.query_string.decode("utf-8", "replace"), data.vocab)


def _refuse(status: int, key: str, lang: str, detail: str = "") -> Response:
    body = t(key, lang) + (f": {detail}" if detail else "")
    return Response(body + "\n", status=status, mimetype="text/plain")


def _file(key_obj: list, make, data: Prepared, fmt: str, english: str | None = None) -> Response:
    day = clock.today().isoformat()
    etag = hashlib.sha256(json.dumps([data.version, *key_obj, day], sort_keys=True).encode()).hexdigest()[:32]
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        name, content = flight.produce(
            [data.version, *key_obj, day], make, FILE_TTL, wait=Config.from_env().timeout * 2 + 30
        )
        response = Response(content, mimetype=MIME[fmt])
        response.headers["Content-Disposition"] = content_disposition(name, english)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, max-age=0, must-revalidate"
    return response


def export_file(what: str, fmt: str) -> Response:
    data = current()
    state = _state(data)
    if what not in whats() or fmt not in FORMATS:
        return _refuse(404, "unknown_figure_file", state.lang, f"{what}.{fmt}")
    try:
        preset = preset_of(request.args)
    except KeyError:
        return _refuse(404, "unknown_preset", state.lang, request.args.get("preset", ""))
    except ValueError:
        return _refuse(400, "bad_size", state.lang, request.args.get("size", ""))
    key = ["export", state.to_dict(), what, fmt, asdict(preset)]
    try:
        english = file_name(data, replace(state, lang="en"), what, fmt)
        return _file(key, lambda: export(data, state, what, fmt, preset), data, fmt, english)
    except Busy as e:
        response = _refuse(429, "export_busy", state.lang)
        response.headers["Retry-After"] = str(e.retry_after)
        return response
    except ExportError as e:
        log.warning("export %s.%s failed: %s", what, fmt, e)
        return _refuse(503, "export_failed", state.lang, str(e))


def download_file(table: str, fmt: str) -> Response:
    data = current()
    state = _state(data)
    spec = downloads.TABLES.get(table)
    if spec is None or fmt not in spec.formats:
        return _refuse(404, "unknown_data_file", state.lang, f"{table}.{fmt}")
    key = ["download", state.to_dict(), table, fmt]
    english = f"{spec.stem(data, replace(state, lang='en'))}.{fmt}"
    return _file(key, lambda: downloads.download(data, state, table, fmt), data, fmt, english)


def no_such_file(rest: str = "") -> Response:
    """Any other address under /export/ or /download/: a short 404, not the page (Dash answers
    every unknown path with its page).
    """
    key = "unknown_data_file" if request.path.startswith("/download") else "unknown_figure_file"
    return _refuse(404, key, _state(current()).lang, rest[:60])


def register(server: Flask) -> None:
    """Add the file routes to the app's server."""
    server.add_url_rule("/export/<what>.<fmt>", "export_file", export_file, methods=["GET", "HEAD"])
    server.add_url_rule("/download/<table>.<fmt>", "download_file", download_file, methods=["GET", "HEAD"])
    for prefix in ("export", "download"):
        server.add_url_rule(f"/{prefix}/", f"{prefix}_none", no_such_file, methods=["GET", "HEAD"])
        server.add_url_rule(f"/{prefix}/<path:rest>", f"{prefix}_other", no_such_file, methods=["GET", "HEAD"])
