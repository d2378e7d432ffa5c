"""A malformed request to Dash's callback endpoint is the client's error (400), never a 500.

Dash trusts the shape of the JSON the page sends to ``/_dash-update-component``; anything else
(a missing key, a list where an object belongs, an unknown callback) would fail inside Dash
with a 500. This check runs before Dash and answers 400 with a short reason. The values inside
a well-formed request are each callback's own business: every callback validates them itself
(tests/fuzz).
"""

from __future__ import annotations

from flask import Flask, Response, request

MAX_BODY = 2 * 1024 * 1024  # bytes: the largest callback request the page sends is far smaller


def _is_id(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and all(isinstance(k, str) for k in value))


def _prop(item: object) -> bool:
    return isinstance(item, dict) and _is_id(item.get("id")) and isinstance(item.get("property"), str)


def _props(items: object) -> bool:
    """A list of {id, property, value?} (an entry may itself be a list, for pattern-matching ids)."""
    return isinstance(items, list) and all(
        _prop(i) or (isinstance(i, list) and all(_prop(j) for j in i)) for i in items
    )


def problem(body: object, known_outputs) -> str | None:
    """Why ``body`` is not a callback request the page could have sent, or None."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in known_outputs:
        return "unknown output"
    spec = known_outputs[output]
    outputs = body.get("outputs")
    n_out = len(output[2:-2].split("...")) if output.startswith("..") else 1
    if not (
        _prop(outputs) if n_out == 1 and not output.startswith("..") else _props(outputs) and len(outputs) == n_out
    ):
        return "malformed outputs"
    inputs = body.get("inputs")
    if not _props(inputs) or len(inputs) != len(spec.get("inputs", [])):
        return "malformed inputs"
    state = body.get("state", [])
    if not _props(state) or len(state) != len(spec.get("state", [])):
        return "malformed state"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "malformed changedPropIds"
    return None


def install(server: Flask, dash_app) -> None:
    endpoint = dash_app.config.routes_pathname_prefix + "_dash-update-component"

    @server.before_request
    def _check_callback_request():
        if request.path != endpoint or request.method != "POST":
            return None
        if (request.content_length or 0) > MAX_BODY:
            return Response("request too large\n", 413, mimetype="text/plain")
        body = request.get_json(silent=True)
        reason = problem(body, dash_app.callback_map)
        if reason:
            return Response(f"bad callback request: {reason}\n", 400, mimetype="text/plain")
        return None
