"""A malformed request to Dash's callback endpoint is the client's error (400), never a 500.

Dash trusts the shape of the JSON the page sends to ``/_dash-update-component``; anything else
(a missing key, a list where an object belongs, an unknown callback) would fail inside Dash
with a 500. This check runs before Dash and answers 400 with a short reason. The values inside
a well-formed request are each callback's own business: every callback validates them itself
(tests/fuzz).
"""

from __future__ import annotations

import json

from flask import Flask, Response, request

from compat.dash import endpoint

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


def _declared(output: str) -> list[tuple[object, str]]:
    """(id, property) of each output a callback declares (a pattern-matching id as a dict)."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    out = []
    for part in parts:
        cid, _, prop = part.rpartition(".")
        cid = cid.split("@", 1)[0]  # allow_duplicate outputs carry a hash after "@"
        if cid.startswith("{"):
            try:
                cid = json.loads(cid)
            except ValueError:
                pass
        out.append((cid, prop.split("@", 1)[0]))
    return out


def _matches(pattern: dict, given: object) -> bool:
    """Whether a component id the page names fits a declared pattern-matching id."""
    if not isinstance(given, dict) or set(given) != set(pattern):
        return False
    return all(isinstance(v, list) or given[k] == v for k, v in pattern.items())  # ["ALL"] and kin: any


def _same_prop(given: dict, prop: str) -> bool:
    return given["property"].split("@", 1)[0] == prop  # the page repeats allow_duplicate's "@hash"


def _outputs_fit(outputs: object, declared: list[tuple[object, str]], single: bool) -> bool:
    """Whether ``outputs`` names exactly the outputs the callback declares (what Dash checks later,
    with a 500 when they differ).
    """
    if single:
        outputs = [outputs]
    if not isinstance(outputs, list) or len(outputs) != len(declared):
        return False
    for given, (cid, prop) in zip(outputs, declared):
        if isinstance(cid, dict):
            if isinstance(given, dict):  # a MATCH output names one component
                given = [given]
            if not isinstance(given, list) or not all(
                _prop(g) and _same_prop(g, prop) and _matches(cid, g["id"]) for g in given
            ):
                return False
        elif not (_prop(given) and given["id"] == cid and _same_prop(given, prop)):
            return False
    return True


def problem(body: object, known_outputs) -> str | None:
    """Why ``body`` is not a callback request the page could have sent, or None."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in known_outputs:
        return "unknown output"
    spec = known_outputs[output]
    if not _outputs_fit(body.get("outputs"), _declared(output), single=not output.startswith("..")):
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
    path = endpoint(dash_app, "_dash-update-component")

    @server.before_request
    def _check_callback_request():
        if request.path != path or request.method != "POST":
            return None
        if (request.content_length or 0) > MAX_BODY:
            return Response("request too large\n", 413, mimetype="text/plain")
        body = request.get_json(silent=True)
        reason = problem(body, dash_app.callback_map)
        if reason:
            return Response(f"bad callback request: {reason}\n", 400, mimetype="text/plain")
        return None
