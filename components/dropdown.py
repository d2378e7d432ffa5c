"""The page's dropdowns: dcc.Dropdown with its own words in the page's language.

Dash 4's dropdown writes English of its own (the search box's placeholder, Select All and Deselect
All, "3 selected", the clear buttons' names, "No options found") unless given ``labels``; every
dropdown of the page is made here, and the text catalogue relabels the ones in ``ids.DROPDOWNS``
when the language changes.
"""

from __future__ import annotations

from dash import dcc

from view.widgets import dropdown_labels

# px an open menu may take (Dash caps it at calc(100vh - 100px) too): Dash's default, 200 px, less its
# search box and Select All row, left three 40 px options of a multiple choice on view; 420 px shows
# about eight, and the menu opens upward where the room below is short (Radix's collision check)
MENU_PX = 420


def dropdown(component_id: str, lang: str, **props) -> dcc.Dropdown:
    """A dcc.Dropdown ``component_id`` whose own words are in ``lang``; ``props`` are Dash's (an
    open menu at most ``MENU_PX`` high unless ``maxHeight`` is given).
    """
    return dcc.Dropdown(id=component_id, labels=dropdown_labels(lang), **{"maxHeight": MENU_PX, **props})
