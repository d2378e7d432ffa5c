"""Apply a dash.Patch to a figure dict on the server (exports and tests see what the browser sees)."""

from __future__ import annotations

import copy

from dash import Patch


def apply_patch(figure: dict, patch: Patch) -> dict:
    """A copy of ``figure`` with the patch's operations applied (Assign, Merge, Extend, Delete)."""
    out = copy.deepcopy(figure)
    for op in patch.to_plotly_json()["operations"]:
        *path, last = op["location"]
        target = out
        for key in path:
            if isinstance(target, list):
                target = target[key]
            else:
                target = target.setdefault(key, {})
        kind, params = op["operation"], op["params"]
        if kind == "Assign":
            target[last] = params["value"]
        elif kind == "Merge":
            target.setdefault(last, {}).update(params["value"])
        elif kind == "Extend":
            target.setdefault(last, []).extend(params["value"])
        elif kind == "Delete":
            target.pop(last, None) if isinstance(target, dict) else target.pop(last)
        else:
            raise ValueError(f"unsupported patch operation {kind}")
    return out
