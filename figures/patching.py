"""Patches of figures: the one diff between what a figure shows and what it should show
(:func:`diff_patch`, used for the map and every chart), and its application on the server
(:func:`apply_patch`: exports and tests see what the browser sees).
"""

from __future__ import annotations

import copy
import json

from dash import Patch

from compat.dash import append_operation, is_empty
from model.prepared import Prepared
from view.state import MAX_QUERY, ViewState, to_query


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


def assign(patch: Patch, path: list, value) -> None:
    """``patch[path[0]]...[path[-1]] = value``, without a Patch object per step.

    Appends the operation Dash's own ``Patch.__setitem__`` appends (tests/unit/test_figures.py
    checks the two agree): a map Patch has some seventy of them, and the step objects were a
    third of the callback's time.
    """
    append_operation(patch, "Assign", path, {"value": value})


def delete(patch: Patch, path: list) -> None:
    """``del patch[path[0]]...[path[-1]]``, as :func:`assign`."""
    append_operation(patch, "Delete", path, {})


def shown(data: Prepared, state: ViewState) -> dict:
    """What the store beside a figure holds when the figure shows ``state`` drawn from ``data``:
    ``{"query": ..., "version": ...}``, the state as its URL query (view/state.py: ``from_query``
    reads it back; "y=2023", where the state's dict took some 370 bytes in every figure's answer),
    or ``{"state": ...}`` for a state whose query is longer than a URL may be; the server diffs
    from it (callbacks/follow.py).
    """
    query = to_query(state)
    if len(query) <= MAX_QUERY:
        return {"query": query, "version": data.version}
    return {"state": state.to_dict(), "version": data.version}


def with_assignment(patch: Patch, path: list, value) -> Patch:
    """A new Patch: ``patch``'s operations, then ``path = value`` (``patch`` may be shared by
    several requests through a memo, so it is never changed).
    """
    out = Patch()
    for op in patch.to_plotly_json()["operations"]:
        append_operation(out, op["operation"], op["location"], op["params"])
    assign(out, path, value)
    return out


def diff_patch(old: dict, new: dict) -> Patch | None:
    """A Patch turning figure ``old`` into ``new`` (plain JSON dicts), or None when they are equal.

    Objects are compared key by key (an integer key of a dict addresses a list item of the
    figure), lists of objects of the same length (traces, annotations)
    item by item; any other value that differs is assigned whole, and a key ``new`` lacks is
    deleted. A chart whose year changes thus sends its new x values and labels, not its styles; a
    trace with more than ``WHOLE_ITEM`` changed keys is sent whole (fewer, shorter operations).
    """
    patch = Patch()
    _diff(old, new, patch, [])
    return None if is_empty(patch) else patch


def path_patch(old: dict[tuple, object], new: dict[tuple, object]) -> Patch | None:
    """A Patch turning the values at paths ``old`` (``{("data", 3, "z"): [...]}``, as the map's
    content is) into ``new``, or None when they are equal: each path whose value differs is
    assigned, each path ``new`` lacks is deleted. The same operations :func:`diff_patch` makes of
    the two as nested dicts, without building them or walking them (tests/unit/test_figures.py).
    """
    patch = Patch()
    for path in old.keys() - new.keys():
        delete(patch, list(path))
    for path, value in new.items():
        before = old.get(path, _MISSING)
        if before is not value and before != value:
            assign(patch, list(path), value)
    return None if is_empty(patch) else patch


def _diff(old: dict, new: dict, patch: Patch, at: list) -> None:
    # Objects are walked, not first compared whole: comparing a figure's "data" and then each of
    # its traces again would read every list once per level.
    for key in old.keys() - new.keys():
        delete(patch, [*at, key])
    for key, value in new.items():
        before = old.get(key, _MISSING)
        if before is value:
            continue
        if isinstance(value, dict) and isinstance(before, dict):
            _diff(before, value, patch, [*at, key])
        elif (
            isinstance(value, list)
            and isinstance(before, list)
            and len(value) == len(before)
            and value
            and all(isinstance(v, dict) and isinstance(b, dict) for v, b in zip(value, before, strict=True))
        ):
            for i, (b, v) in enumerate(zip(before, value, strict=True)):
                if b is v:
                    continue
                changed = [k for k, x in v.items() if b.get(k, _MISSING) != x]
                if len(changed) + len(b.keys() - v.keys()) > WHOLE_ITEM and _shorter_whole(v, changed):
                    assign(patch, [*at, key, i], v)  # most of it changed: one assignment says it shorter
                else:
                    _diff(b, v, patch, [*at, key, i])
        elif before != value:
            assign(patch, [*at, key], value)


_MISSING = object()
WHOLE_ITEM = 3  # an item of a list (a trace) with more changed keys than this may be assigned whole
OPERATION_BYTES = 80  # about what an operation costs beyond its value (its location and kind)


def _shorter_whole(item: dict, changed: list) -> bool:
    """Whether assigning ``item`` whole is shorter than assigning its ``changed`` keys one by one
    (a scatter's trace whose x, y, names and their places change with the year kept its marker,
    hover text and colours: 1.2 KB whole, 0.5 KB by key).
    """
    try:
        whole = len(json.dumps(item, separators=(",", ":")))
        parts = sum(len(json.dumps(item[k], separators=(",", ":"))) + OPERATION_BYTES for k in changed)
    except (TypeError, ValueError):
        return True
    return whole <= parts
