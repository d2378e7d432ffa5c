"""The hub table's component: AG Grid Community driven by assets/atlas-grid.js.

The page loads a bundle of AG Grid with only the modules the table uses
(assets/ag-grid-atlas.min.js, built by scripts/build_aggrid.py); assets/atlas-grid.js registers
this component in the browser as ``window.atlas_components.AtlasGrid``.
"""

from __future__ import annotations

from dash.development.base_component import Component

from view.i18n import DEFAULT_LANG

PROPS = [
    "id",
    "style",
    "rowData",
    "columnDefs",
    "localeText",
    "rowMask",
    "rowStatus",
    "selectedIds",
    "lang",
    "ticked",
    "activated",
]


class AtlasGrid(Component):
    """A grid of rows sent once, with a tick box per row, showing the rows the server's mask passes.

    The grid filters nothing of its own (no search, no column filter menus): every filter, the
    search included, is part of the view state, so that the table, its count and the downloads
    always hold the same rows.

    Set by callbacks:

    - ``rowData``: every row, once per page. A row's ``id`` is its row id (the ``row-id`` attribute
      of its element), ``i`` its bit in ``rowMask``.
    - ``columnDefs``: AG Grid column definitions, data only (no functions). A column with
      ``labels`` shows and sorts ``labels[code]`` for the code(s) in its ``field``; with
      ``fitLabels`` it is never narrower than its longest label. No column is narrower than its
      header (``minWidth`` is raised to it in the browser); the columns share the table's width in
      proportion to ``minWidth`` times ``flex``.
    - ``localeText``: AG Grid's own words ({} keeps its English). A change of ``columnDefs`` or
      ``localeText`` rebuilds the grid with its sort, filters, ticks, column order and scroll; a
      width the user set by dragging a column's edge holds (widened if the new header needs more),
      the other widths are made anew for the new words and share the rest of the table's width.
    - ``rowMask``: the rows that pass, a base64 bitset (bit i = row i); None shows every row.
    - ``rowStatus``: ``{status: [row's i, ...]}`` for the rows whose status in the chosen year is
      not today's (a park revoked since); None or {} shows every row's own.
    - ``selectedIds``: the ids of the rows to show ticked (a shared link's ticks).
    - ``lang``: the page's language (view.i18n.LANGS): text sorts in its order (pinyin for
      zh-Hans, strokes for zh-Hant), labels of coded columns included; the grid's element carries
      it as its ``lang`` attribute, so that its font is that language's (assets/lang.css).

    Set by the grid:

    - ``ticked``: the ids of the ticked rows after each change made by the user (box, click,
      Space), never after a change made through ``selectedIds``.
    - ``activated``: ``{"id": row id, "n": count}`` when the user opens a row (Enter on it);
      ``n`` grows with each opening, so the same row opened again is a new value.

    Keyboard: the grid is one stop in the page's Tab order (its header, then its rows, then out);
    arrow keys move inside.
    """

    _namespace = "atlas_components"
    _type = "AtlasGrid"
    _prop_names = PROPS
    _valid_wildcard_attributes: list[str] = []
    available_properties = PROPS
    available_wildcard_properties: list[str] = []

    def __init__(
        self,
        id: str,
        columnDefs: list[dict],
        localeText: dict[str, str],
        style: dict | None = None,
        lang: str = DEFAULT_LANG,
    ) -> None:
        super().__init__(id=id, columnDefs=columnDefs, localeText=localeText, style=style or {}, lang=lang)
