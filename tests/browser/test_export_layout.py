"""An exported chart, as a reader sees it: its parts do not cover each other.

The SVG the export service makes is opened in Chromium and the boxes of its axis labels, its legend
and its footer (source, boundary note, date) are compared, as a presenter's eye would.
"""

from __future__ import annotations

import pytest

from export.render import PRESETS, export
from model.prepared import current
from view.state import ViewState

BOXES = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const footer = [...document.querySelectorAll('.annotation')].find(a => /Exported|导出/.test(a.textContent));
  return {
    ticks: [...document.querySelectorAll('.xtick text')].filter(t => t.textContent).map(box),
    legend: document.querySelector('.legend') ? box(document.querySelector('.legend')) : null,
    footer: footer ? box(footer) : null,
  };
}"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("what", ["hubs", "approvals", "ranking", "scatter"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_exported_charts_labels_legend_and_footer_do_not_cover_each_other(page, what, lang):
    _, svg = export(current(), ViewState(lang=lang), what, "svg", PRESETS["slide-16x9"])
    page.set_content(svg.decode("utf-8"))
    found = page.evaluate(BOXES)
    assert found["footer"] and found["ticks"], found
    for tick in found["ticks"]:
        assert not _overlap(tick, found["footer"]), (what, tick, found["footer"])
        if found["legend"]:
            assert not _overlap(tick, found["legend"]), (what, tick, found["legend"])
    if found["legend"]:
        assert not _overlap(found["legend"], found["footer"]), found
