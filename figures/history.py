"""A hub's history and its place's other designations, as short lines of text (hover, card).

Read from the prepared data (``Prepared.hubs``, ``Prepared.history``); the lines are plain
text, escaped by the caller where Plotly reads HTML.
"""

from __future__ import annotations

import pandas as pd

from layers import REGISTRY
from model.prepared import Prepared
from model.terms import EVENTS, STATUSES
from view.i18n import label, pick, t


def _year(value) -> str:
    return "" if value is None or pd.isna(value) else f" ({int(value)})"


def events(data: Prepared, hub_id: str, lang: str, notes: bool = False) -> list[str]:
    """The hub's history, one line per event: '2021-12-17 撤销 (国科办农〔2021〕149号)'; with
    ``notes``, each event's note follows (what the source says: an evaluation's result). [] for none.
    """
    rows = data.derived("history-by-hub", lambda: _by_hub(data.history))
    out = []
    for date, event, status, document, note in rows.get(hub_id, ()):
        text = f"{date} {label(*EVENTS[event], lang)}"
        if event == "named":  # named for upgrading: the status it gave is the point
            text += f" → {label(*STATUSES[status], lang)}"
        text += f" ({document})" if _text(document) else ""
        out.append(text + (f": {note}" if notes and _text(note) else ""))
    return out


def status_since(data: Prepared, hub_id: str) -> int | None:
    """The year since which the hub has had today's status, where its history changed it (None:
    no history, or today's status is the one it started with).
    """
    timeline = data.lookup.timelines.get(hub_id)
    if not timeline:
        return None
    today, since = timeline[-1][1], None
    for year, status in reversed(timeline):
        if status != today:
            break
        since = year
    return None if since == timeline[0][0] and today == "existing" else since


def _text(value) -> bool:
    return isinstance(value, str) and bool(value)


def _by_hub(history: pd.DataFrame) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for r in history.itertuples(index=False):
        out.setdefault(r.hub_id, []).append((r.date, r.event, r.status, r.document, r.note))
    return out


def other_designations(data: Prepared, hub_id: str, lang: str, year: int | None = None) -> list[str]:
    """The place's other designations (one place, one record: ``Lookup.place_of``), each as
    '<layer>: <name> (<year>)' with its status at the end of ``year`` (None: today) where not
    existing, or 'not yet designated' before it was; the name is left out where it is the hub's
    own. [] when the place has one designation.
    """
    lk = data.lookup
    own = lk.hub_index[hub_id]
    ranked = lk.place_of.get(own)
    if not ranked:  # most hubs: asked once per hub and language when hovers are made
        return []
    names_zh, names_en, layers, established = _columns(data)
    mine = pick(names_zh[own], names_en[own], lang)
    out = []
    for i in ranked:
        if i == own:
            continue
        layer = REGISTRY[layers[i]]
        name = pick(names_zh[i], names_en[i], lang)
        named = "" if name == mine else f": {name}"
        if not lk.present(i, year):
            status = f", {t('not_yet', lang).format(year=int(lk.first_year[i]))}"
        else:
            then = lk.status_of(i, year)
            status = "" if then in ("existing", None) else f", {label(*STATUSES[then], lang)}"
        out.append(f"{pick(layer.label_zh, layer.label_en, lang)}{named}{_year(established[i])}{status}")
    return out


def _columns(data: Prepared) -> tuple[list, list, list, list]:
    """The hubs' names, layers and years as lists in data order (once per data: a pandas row per
    designation cost 0.2 ms, and hovers of thousands of hubs are made on demand).
    """
    h = data.hubs
    return data.derived(
        "history-columns",
        lambda: (h["name_zh"].tolist(), h["name_en"].tolist(), h["layer"].tolist(), h["established"].tolist()),
    )


def hover_lines(data: Prepared, hub_id: str, lang: str) -> list[str]:
    """A hub's history and other designations as hover lines ('历程: …', '同址另有: …'), plain text."""
    out = []
    if found := events(data, hub_id, lang):
        out.append(f"{t('history', lang)}: " + "; ".join(found))
    if others := other_designations(data, hub_id, lang):
        out.append(f"{t('same_place', lang)}: " + "; ".join(others))
    return out
