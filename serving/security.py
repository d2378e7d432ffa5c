"""Safe defaults for a shared server: security headers on every response, optional access control.

Environment (all optional):

- ``ATLAS_FRAME_ANCESTORS``: who may embed the atlas in a frame, as CSP ``frame-ancestors``
  sources (default ``'none'``: nobody; e.g. ``'self' https://portal.example.gov.cn``).
- ``ATLAS_BASIC_AUTH``: ``user:password`` or ``user:<werkzeug password hash>``; every request then
  needs HTTP basic auth (use it only behind TLS).
- ``ATLAS_AUTH_HEADER``: a header that the reverse proxy sets after its own login (for example
  ``X-Remote-User``); requests without it are refused. The proxy must strip it from clients.

The Content-Security-Policy allows only the app's own origin. Inline scripts are allowed by their
hashes (Dash's renderer and clientside callbacks, from ``Dash.csp_hashes``), never by
``'unsafe-inline'``, and nothing is compiled from strings (no ``'unsafe-eval'``: the table's
columns are data, tests/browser checks the page runs under this policy). Styles need
``'unsafe-inline'``: Plotly writes style attributes and AG Grid injects its theme's CSS.
"""

from __future__ import annotations

import base64
import hmac
import logging
import os
from collections.abc import Iterable, Mapping

from flask import Flask, Response, request
from werkzeug.security import check_password_hash

log = logging.getLogger(__name__)

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # nothing needs it, and a long view URL would ride on every request
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def content_security_policy(script_hashes: Iterable[str], frame_ancestors: str = "'none'") -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": [frame_ancestors],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def security_headers(script_hashes: Iterable[str], env: Mapping[str, str] | None = None) -> dict[str, str]:
    env = os.environ if env is None else env
    ancestors = (env.get("ATLAS_FRAME_ANCESTORS") or "'none'").strip()
    headers = dict(STATIC_HEADERS)
    headers["Content-Security-Policy"] = content_security_policy(script_hashes, ancestors)
    if ancestors == "'none'":
        headers["X-Frame-Options"] = "DENY"  # for browsers that predate frame-ancestors
    elif ancestors == "'self'":
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return headers


def _basic_auth_ok(header: str | None, expected: str) -> bool:
    """Whether an ``Authorization: Basic`` header matches ``user:password`` or ``user:<hash>``."""
    if not header or not header.startswith("Basic "):
        return False
    try:
        given_user, given_password = base64.b64decode(header[6:], validate=True).decode("utf-8").split(":", 1)
    except (ValueError, UnicodeDecodeError):
        return False
    user, secret = expected.split(":", 1)
    if not hmac.compare_digest(given_user.encode(), user.encode()):
        return False
    if secret.startswith(("pbkdf2:", "scrypt:")):
        return check_password_hash(secret, given_password)
    return hmac.compare_digest(given_password.encode(), secret.encode())


def install(server: Flask, script_hashes: Iterable[str], env: Mapping[str, str] | None = None) -> None:
    """Add the headers to every response and, if configured, require authentication."""
    env = os.environ if env is None else env
    headers = security_headers(list(script_hashes), env)
    basic = env.get("ATLAS_BASIC_AUTH") or ""
    if basic and ":" not in basic:
        raise ValueError("ATLAS_BASIC_AUTH must be user:password or user:<password hash>")
    proxy_header = (env.get("ATLAS_AUTH_HEADER") or "").strip()
    if basic:
        log.info("access control: HTTP basic auth for user %s", basic.split(":", 1)[0])
    if proxy_header:
        log.info("access control: requests must carry the %s header set by the proxy", proxy_header)

    @server.before_request
    def _require_login():
        if basic and not _basic_auth_ok(request.headers.get("Authorization"), basic):
            return Response(
                "Login required / 需要登录\n",
                401,
                {"WWW-Authenticate": 'Basic realm="West China Innovation Atlas", charset="UTF-8"'},
                mimetype="text/plain",
            )
        if proxy_header and not request.headers.get(proxy_header):
            return Response("Forbidden / 无权访问\n", 403, mimetype="text/plain")
        return None

    @server.after_request
    def _add_headers(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
