"""The load test's Dash replay (loadtest/dash_client.py): bodies and cascades as the renderer makes them."""

from __future__ import annotations

from loadtest.dash_client import Page, cascade, split_output

LAYOUT = {
    "type": "Div",
    "namespace": "dash_html_components",
    "props": {
        "children": [
            {"type": "Dropdown", "namespace": "dcc", "props": {"id": "region", "value": "west", "options": ["west"]}},
            {"type": "Store", "namespace": "dcc", "props": {"id": "state", "data": None}},
            {"type": "Graph", "namespace": "dcc", "props": {"id": "chart", "figure": {}}},
        ]
    },
}


def dep(output, inputs, state=(), prevent=False, clientside=None):
    pairs = [{"id": i, "property": p} for i, p in (x.split(".") for x in inputs)]
    return {
        "output": output,
        "inputs": pairs,
        "state": [{"id": i, "property": p} for i, p in (x.split(".") for x in state)],
        "prevent_initial_call": prevent,
        "clientside_function": clientside,
    }


DEPS = [
    dep("..region.value...state.data..", ["region.value"]),  # circular: its own output is its input
    dep("chart.figure@abc", ["state.data"], state=["region.value"]),
    dep("chart.title", ["state.data"], clientside={"namespace": "x", "function_name": "y"}),
]


def test_outputs_are_split_as_the_renderer_does():
    assert split_output("..a.b...c.d@h..") == (("a", "b"), ("c", "d@h"))
    assert split_output("a.b") == (("a", "b"),)


def test_a_cascade_posts_what_the_browser_posts():
    page = Page(LAYOUT, DEPS, "?r=west")
    assert [cb.output for cb in page.callbacks] == [DEPS[0]["output"], DEPS[1]["output"]]  # no clientside
    assert [cb.output for cb in page.initial()] == [DEPS[0]["output"]]  # the chart waits for the state
    posted = []

    def post(cb, body):
        posted.append(body)
        if cb.output.startswith(".."):
            return {"multi": True, "response": {"state": {"data": {"region": page.get("region", "value")}}}}
        return {"multi": True, "response": {"chart": {"figure": {"__dash_patch_update": 1, "operations": []}}}}

    assert cascade(page, post, [page.set("region", "value", "southwest")]) == 2
    first, second = posted
    assert first["outputs"] == [{"id": "region", "property": "value"}, {"id": "state", "property": "data"}]
    assert first["inputs"] == [{"id": "region", "property": "value", "value": "southwest"}]
    assert first["changedPropIds"] == ["region.value"] and "state" not in first
    assert second["outputs"] == {"id": "chart", "property": "figure@abc"} and second["changedPropIds"] == ["state.data"]
    assert second["state"] == [{"id": "region", "property": "value", "value": "southwest"}]
    assert page.get("chart", "figure") == {}  # a Patch is the browser's to apply
