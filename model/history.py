"""Hubs through time: each hub's dated history, its status in any year, and one place per record.

The hub tables say what a hub is today; ``data/hubs/history.csv`` says how it got there: dated
events (approved, named, launched, evaluated, upgraded, revoked), each setting the hub's status
from that date on. A hub without history rows has had today's status since its ``established``
year. A hub with history rows has them complete: it exists from its first event, its status in a
year is that of its last event up to the end of that year, and its last event's status is today's
``status`` (checked here, so the two cannot drift apart).

One place, one record: a row whose ``same_place_as`` names another record is another designation
of that place (Yangling's agricultural S&T park beside its demonstration zone; a park beside the
zone it was upgraded to). Each designation keeps its row, counted in its layer; the place is drawn
once, under the first of its designations that the view shows (the record first).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from model.schema import DataValidationError, Issue

# Statuses that only a dated event can give: a hub cannot simply *be* revoked or upgraded.
NEEDS_EVENT = frozenset({"revoked", "upgraded"})


def event_year(date: str) -> int:
    """The year of a history date ('2019', '2019-11' or '2019-11-08')."""
    return int(date[:4])


def check(hubs: pd.DataFrame, history: pd.DataFrame, name: str, hub_files: Mapping[str, str]) -> None:
    """Check the history against the hubs and the hubs' ``same_place_as`` links.

    ``hubs``: every hub (columns id, layer, place_adcode, status, established, same_place_as);
    ``history``: the rows of ``name`` (data/hubs/history.csv) in file order; ``hub_files``: layer ->
    the hub file named in errors. Raises DataValidationError naming file, row and column.
    """
    issues: list[Issue] = []
    by_id = hubs.set_index("id", drop=False)
    last: dict[str, tuple[str, str]] = {}  # hub id -> (date, status) of its latest event so far
    first_year: dict[str, int] = {}
    for n, row in enumerate(history.itertuples(index=False), start=2):
        if row.hub_id not in by_id.index:
            issues.append(Issue(name, n, "hub_id", f"{row.hub_id!r} is no hub"))
            continue
        hub = by_id.loc[row.hub_id]
        if row.hub_id in last and is_before(row.date, last[row.hub_id][0]):
            msg = f"{row.date} is before the hub's previous event ({last[row.hub_id][0]})"
            issues.append(Issue(name, n, "date", msg))
        last[row.hub_id] = (row.date, row.status)
        first_year.setdefault(row.hub_id, event_year(row.date))
        if row.event == "upgraded":
            successor = row.successor if _given(row.successor) else None
            if successor is None:
                issues.append(Issue(name, n, "successor", "an upgrade names the designation it led to"))
            elif successor not in by_id.index:
                issues.append(Issue(name, n, "successor", f"{successor!r} is no hub"))
            elif place_key(by_id, successor) != place_key(by_id, row.hub_id):
                issues.append(Issue(name, n, "successor", f"{successor!r} is not the same place (same_place_as)"))
            if row.status != "upgraded":
                issues.append(Issue(name, n, "status", "an upgrade leaves the hub 'upgraded'"))
        elif _given(row.successor):
            issues.append(Issue(name, n, "successor", "only an upgrade has a successor"))
        if row.event == "approved" and pd.notna(hub["established"]) and event_year(row.date) != hub["established"]:
            msg = f"approved in {row.date} but established is {hub['established']} in {hub_files[hub['layer']]}"
            issues.append(Issue(name, n, "date", msg))
    for hid, (date, status) in last.items():
        hub = by_id.loc[hid]
        if status != hub["status"]:
            msg = f"{hid}: its last event ({date}) leaves it {status!r}, its status is {hub['status']!r}"
            issues.append(Issue(hub_files[hub["layer"]], "row", "status", msg, "hub"))
    for row in hubs.itertuples(index=False):
        if row.status in NEEDS_EVENT and row.id not in last:
            msg = f"{row.id} is {row.status!r}: say when and by which document in data/hubs/history.csv"
            issues.append(Issue(hub_files[row.layer], "row", "status", msg, "hub"))
        target = row.same_place_as
        if not _given(target):
            continue
        if target not in by_id.index:
            issues.append(Issue(hub_files[row.layer], "row", "same_place_as", f"{row.id}: {target!r} is no hub", "hub"))
        elif _given(by_id.at[target, "same_place_as"]):
            msg = f"{row.id}: {target!r} is itself another designation; name its record"
            issues.append(Issue(hub_files[row.layer], "row", "same_place_as", msg, "hub"))
        elif by_id.at[target, "place_adcode"] != row.place_adcode:
            msg = f"{row.id}: placed at {row.place_adcode}, its record {target} at {by_id.at[target, 'place_adcode']}"
            issues.append(Issue(hub_files[row.layer], "row", "same_place_as", msg, "hub"))
    if issues:
        raise DataValidationError(issues)


def is_before(date: str, other: str) -> bool:
    """Whether ``date`` is surely before ``other``, comparing as far as both are exact ('2022' is
    not before '2022-06-16', nor after it).
    """
    n = min(len(date), len(other))
    return date[:n] < other[:n]


def _given(value) -> bool:
    """Whether a cell holds text (empty cells are read as None or NaN)."""
    return isinstance(value, str) and bool(value)


def place_key(by_id: pd.DataFrame, hub_id: str) -> str:
    """The id of the record of ``hub_id``'s place (itself, or the record its same_place_as names)."""
    target = by_id.at[hub_id, "same_place_as"]
    return target if _given(target) else hub_id


def timelines(history: pd.DataFrame) -> dict[str, tuple[tuple[int, str], ...]]:
    """Hub id -> its status changes as ((year, status), ...), in date order (the file's order)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for hid, date, status in zip(history["hub_id"], history["date"], history["status"]):
        out.setdefault(hid, []).append((event_year(date), status))
    return {k: tuple(v) for k, v in out.items()}


def status_in(timeline: tuple[tuple[int, str], ...], year: int) -> str | None:
    """The status a timeline gives at the end of ``year``; None before its first event."""
    status = None
    for y, s in timeline:
        if y > year:
            break
        status = s
    return status


def event_in_place(merged: dict, key: tuple, record: dict) -> dict:
    """``merged`` (history rows by (hub, date, event)) with a new event among its hub's events:
    before the first of them it is surely earlier than, else after the hub's last (a hub's first
    event goes at the end). Other rows keep their order.
    """
    hub, date = key[0], key[1]
    keys = list(merged)
    own = [i for i, k in enumerate(keys) if k[0] == hub]
    later = [i for i in own if is_before(date, keys[i][1])]
    at = later[0] if later else (own[-1] + 1 if own else len(keys))
    keys.insert(at, key)
    return {k: (record if k == key else merged[k]) for k in keys}
