"""Walking a Dash component tree in tests."""

from __future__ import annotations


def walk(node):
    """Every component and string in a Dash component tree (a component, or a list of them)."""
    if isinstance(node, (list, tuple)):
        for child in node:
            yield from walk(child)
        return
    yield node
    children = getattr(node, "children", None)
    if children is not None:
        yield from walk(children)
