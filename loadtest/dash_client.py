"""Dash's browser protocol, enough to replay the dashboard's callbacks without a browser.

Everything is read at run time from ``/_dash-layout`` and ``/_dash-dependencies``: which callbacks
exist, their outputs, inputs and states, and the components' current values. A callback that
gains an Input, a State or an Output is therefore replayed correctly without editing this file,
and every request body is what the dash renderer itself would send (see ``Page.body``).

No HTTP here: ``cascade`` takes a ``post(callback, body) -> response JSON | None`` function, so
the load test (locust) and the serving tests (urllib) share the same logic.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

PATCH = "__dash_patch_update"  # a Patch output: the browser applies it; the replay needs only its arrival


@dataclass(frozen=True)
class Callback:
    output: str  # as in the dependencies: "..a.b...c.d.." for several outputs, "a.b" for one
    outputs: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, str], ...]
    state: tuple[tuple[str, str], ...]
    prevent_initial_call: bool
    input_ids: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "input_ids", frozenset(f"{i}.{p}" for i, p in self.inputs))

    @property
    def name(self) -> str:
        """A short stable name for reports: the first output without its duplicate-output hash."""
        cid, prop = self.outputs[0]
        return f"{cid}.{prop.split('@')[0]}" + (f" +{len(self.outputs) - 1}" if len(self.outputs) > 1 else "")

    def produces(self, component_id: str, prop: str) -> bool:
        return any(i == component_id and p.split("@")[0] == prop for i, p in self.outputs)


def split_output(output: str) -> tuple[tuple[str, str], ...]:
    """'..a.b...c.d@h..' -> (('a', 'b'), ('c', 'd@h')); 'a.b' -> (('a', 'b'),)."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return tuple(tuple(part.rsplit(".", 1)) for part in parts)  # type: ignore[misc]


def _pairs(deps: Iterable[dict]) -> tuple[tuple[str, str], ...]:
    return tuple((d["id"], d["property"]) for d in deps)


def callbacks(dependencies: list[dict]) -> list[Callback]:
    """The server-side callbacks (clientside ones run in the browser, not on the server).

    Callbacks with a pattern-matching id (a dict) among their inputs or states are left out:
    replaying them would need the renderer's wildcard expansion of values; a pattern-matching
    output is expanded to the components it matches (``Page.body``).
    """
    found = []
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue
        ids = [d["id"] for d in (*dep["inputs"], *dep["state"])]
        if any(not isinstance(i, str) for i in ids):
            continue
        found.append(
            Callback(
                output=dep["output"],
                outputs=split_output(dep["output"]),
                inputs=_pairs(dep["inputs"]),
                state=_pairs(dep["state"]),
                prevent_initial_call=bool(dep.get("prevent_initial_call")),
            )
        )
    return found


def components(layout: object) -> dict[str, dict]:
    """Every component with an id -> its props (children left out: they are other components);
    a pattern-matching id (a dict) is keyed by its JSON, as Dash's responses name it.
    """
    found: dict[str, dict] = {}

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            props = node.get("props") if "namespace" in node else None
            if isinstance(props, dict):
                cid = props.get("id")
                if isinstance(cid, dict):
                    cid = json.dumps(cid, sort_keys=True, separators=(",", ":"))
                if isinstance(cid, str):
                    found[cid] = {k: v for k, v in props.items() if k != "children"}
                for value in props.values():
                    walk(value)

    walk(layout)
    return found


class Page:
    """One browser tab: the components' values, updated from every callback response."""

    def __init__(self, layout: object, dependencies: list[dict], search: str = "") -> None:
        self.props = components(layout)
        self.callbacks = callbacks(dependencies)
        self.props.setdefault("url", {})["search"] = search  # dcc.Location reports the address bar

    def get(self, component_id: str, prop: str) -> object:
        return self.props.get(component_id, {}).get(prop)

    def set(self, component_id: str, prop: str, value: object) -> str:
        self.props.setdefault(component_id, {})[prop] = value
        return f"{component_id}.{prop}"

    def options(self, component_id: str) -> list:
        """The values a dropdown, checklist or radio offers now."""
        opts = self.get(component_id, "options") or []
        return [o["value"] if isinstance(o, dict) else o for o in opts]

    def _output(self, cid: str, prop: str) -> dict | list[dict]:
        """One output as the renderer names it: a pattern-matching id becomes every component it
        matches (the wildcard values, e.g. ["ALL"], match any value).
        """
        if not cid.startswith("{"):
            return {"id": cid, "property": prop}
        pattern = json.loads(cid)
        fixed = {k: v for k, v in pattern.items() if not isinstance(v, list)}
        matches = []
        for key in self.props:
            if key.startswith("{"):
                concrete = json.loads(key)
                if set(concrete) == set(pattern) and all(concrete[k] == v for k, v in fixed.items()):
                    matches.append({"id": concrete, "property": prop})
        return matches

    def body(self, cb: Callback, changed: list[str]) -> dict:
        """The JSON the dash renderer posts to /_dash-update-component for ``cb``."""
        outputs = [self._output(i, p) for i, p in cb.outputs]
        body = {
            "output": cb.output,
            "outputs": outputs if cb.output.startswith("..") else outputs[0],
            "inputs": [{"id": i, "property": p, "value": self.get(i, p)} for i, p in cb.inputs],
            "changedPropIds": changed,
            "parsedChangedPropsIds": changed,
        }
        if cb.state:
            body["state"] = [{"id": i, "property": p, "value": self.get(i, p)} for i, p in cb.state]
        return body

    def apply(self, response: dict) -> list[str]:
        """Store a callback's response; returns the props it set ('id.prop'), Patches included."""
        changed = []
        for cid, props in (response.get("response") or {}).items():
            for prop, value in props.items():
                if not (isinstance(value, dict) and PATCH in value):
                    self.set(cid, prop, value)
                changed.append(f"{cid}.{prop}")
        return changed

    def initial(self) -> list[Callback]:
        """The callbacks the page fires on load: not prevented, and not waiting for another's output."""
        first = [cb for cb in self.callbacks if not cb.prevent_initial_call]

        def waits(cb: Callback) -> bool:
            return any(other.produces(*i.rsplit(".", 1)) for other in first if other is not cb for i in cb.input_ids)

        return [cb for cb in first if not waits(cb)]


Post = Callable[[Callback, dict], "dict | None"]


def cascade(page: Page, post: Post, changed: list[str], first: list[Callback] | None = None, rounds: int = 8) -> int:
    """Fire what ``changed`` props trigger, then what their outputs trigger, as the renderer does.

    A callback fires once per round with every changed input it has; its own outputs do not fire
    it again (Dash's circular-callback rule). ``post`` returns the response JSON, or None for
    204 (PreventUpdate: nothing changed). Returns the number of requests made.
    """
    sources: dict[str, set[int]] = {p: set() for p in changed}  # prop -> callbacks that set it
    todo = list(first or [])
    made = 0
    for _ in range(rounds):
        if not todo:
            todo = [cb for cb in page.callbacks if any(p in cb.input_ids and id(cb) not in sources[p] for p in sources)]
        if not todo:
            break
        next_sources: dict[str, set[int]] = {}
        for cb in todo:
            trigger = [p for p in sources if p in cb.input_ids and id(cb) not in sources[p]]
            response = post(cb, page.body(cb, trigger))
            made += 1
            for prop in page.apply(response) if response else []:
                next_sources.setdefault(prop, set()).add(id(cb))
        sources, todo = next_sources, []
    return made
