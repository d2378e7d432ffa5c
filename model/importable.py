"""The tables ``python -m atlas data import`` can update, and which one a planner's file is for.

Each table has a path inside the data directory, a schema, and the columns that identify a row
(its key, for the upsert and the diff): values by indicator, adcode and year; indicators, sources,
each hub layer's table and the east–west links by id; the hubs' history by hub, date and event. A
file is matched to its table by its header (the hub layers share one: their rows' ``layer`` column
says which); a file of rows to delete by its key columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layers import REGISTRY
from model import hub_layers, intake
from model.loader import id_prefix_issue
from model.schema import DataValidationError, Issue, Schema, read_csv_records
from model.tables import AREA_RECORDS, INDICATORS, SOURCES, VALUES
from model.tables import HISTORY as HUB_HISTORY


@dataclass(frozen=True)
class Table:
    """A table ``atlas data import`` can update: its path under the data directory, its schema and
    the columns that identify a row (``key``, for the upsert and the diff). A hub layer's table
    (``layer``) has a ``derived`` file, its map layer, rebuilt and written with it.
    """

    name: str
    path: str  # inside the data directory
    schema: Schema
    key: tuple[str, ...]
    layer: str | None = None
    derived: str | None = None


def _layer_tables() -> dict[str, Table]:
    out = {}
    for key in REGISTRY:
        table, built = hub_layers.layer_file(key)
        out[key] = Table(key, table, hub_layers.table_schema(key), ("id",), layer=key, derived=built)
    return out


TABLES = {
    "values": Table("values", "indicators/values.csv", VALUES, ("indicator", "adcode", "year")),
    "indicators": Table("indicators", "indicators/indicators.csv", INDICATORS, ("indicator",)),
    "sources": Table("sources", "sources.csv", SOURCES, ("source_id",)),
    **_layer_tables(),
    "history": Table("history", "hubs/history.csv", HUB_HISTORY, ("hub_id", "date", "event")),
}


def detect(header: list[str], path: Path, records: list[dict] = (), rows: list[int] = ()) -> Table:
    """The table a file updates, from its header (the same columns, in order, as the bundled file);
    the hub layers' tables share one header, so for them the rows' ``layer`` column says which.
    """
    header = [h.strip() for h in header]
    found = [t for t in TABLES.values() if header == list(t.schema.names)]
    if len(found) == 1:
        return found[0]
    if found:
        return _layer_table({t.layer: t for t in found}, records, rows or range(2, len(records) + 2), path)
    raise DataValidationError([Issue(str(path), 1, "*", header_advice(header))])


def header_advice(header: list[str], table: Table | None = None) -> str:
    """Why a header is not ``table``'s (default: the table it is closest to, with the most columns
    in common): the columns missing, those it has in excess, or the order expected.
    """
    if set(AREA_RECORDS.names) <= set(header) and "area" in header:  # edited by hand, not imported
        return (
            "the header is data/hubs/area_records.csv's (places named whose site is not published): "
            "that file is edited by hand and checked by make validate (docs/data.md, Area records)"
        )
    headers: dict[tuple, list[str]] = {}
    for t in TABLES.values():
        name = "a hub layer's table (hubs/<layer>.csv)" if t.layer and t.layer != "east_west" else t.path
        headers.setdefault(tuple(t.schema.names), [])
        if name not in headers[tuple(t.schema.names)]:
            headers[tuple(t.schema.names)].append(name)
    if table is not None:
        cols, names = tuple(table.schema.names), [table.path]
    else:
        cols, names = max(headers.items(), key=lambda item: len(set(item[0]) & set(header)))
    if not set(cols) & set(header):
        known = "; ".join(f"{' / '.join(n)}: {','.join(c)}" for c, n in headers.items())
        return f"the header (row 1) matches no importable table; use the columns of one, in order ({known})"
    missing = [c for c in cols if c not in header]
    extra = [c for c in header if c not in cols]
    table = " / ".join(names)
    if missing or extra:
        said = [f"lacks {', '.join(missing)}" if missing else "", f"has extra {', '.join(extra)}" if extra else ""]
        problems = " and ".join(s for s in said if s)
        return f"the header is closest to {table}'s but {problems}; its columns are: {','.join(cols)}"
    return f"the header has {table}'s columns in another order; put them in this order: {','.join(cols)}"


def _layer_table(tables: dict[str, Table], records: list[dict], rows, path: Path) -> Table:
    """The one hub layer the rows are of (a file updates one layer, so that a typo in ``layer``
    cannot move a zone to another layer unseen).
    """
    if not records:
        raise DataValidationError([Issue(str(path), "file", "layer", "no rows say which hub layer: use --table")])
    first = records[0].get("layer", "")
    for n, rec in zip(rows, records):
        layer = rec.get("layer", "")
        if layer not in tables:
            msg = f"{layer!r} is not a hub layer; one of: {', '.join(tables)}"
            raise DataValidationError([Issue(str(path), n, "layer", msg)])
        if layer != first:
            msg = (
                f"a file updates one hub layer: the first row is {first!r}, this one {layer!r}; make one file per layer"
            )
            raise DataValidationError([Issue(str(path), n, "layer", msg)])
    return tables[first]


def tables_of_rows(removing: intake.TextTable, path: Path, data_dir: Path) -> list[tuple[Table, intake.TextTable]]:
    """The tables a file of rows to delete is for, each with its rows: the one whose key columns
    its header holds (the longest key: (indicator, adcode, year) is values', not indicators'); where
    several have them (every hub layer is keyed by ``id``), each row goes to the table that holds
    its key (or that its ``layer`` column names). Raises DataValidationError for a header that
    holds no table's key, and for a row that no table holds.
    """
    found = [t for t in TABLES.values() if all(k in removing.header for k in t.key)]
    longest = max((len(t.key) for t in found), default=0)
    found = [t for t in found if len(t.key) == longest]
    if not found:
        raise DataValidationError([Issue(str(path), 1, "*", "its header holds the key columns of no table")])
    if len(found) == 1:
        return [(found[0], removing)]
    held = {t.name: _keys_of(t, data_dir) for t in found}
    groups: dict[str, tuple[list[dict], list[int]]] = {}
    issues = []
    for n, rec in zip(removing.rows, removing.records):
        key = tuple(rec.get(k) for k in found[0].key)
        named = TABLES.get(rec.get("layer") or "")
        owners = [named] if named in found else [t for t in found if key in held[t.name]]
        if not owners or key not in held[owners[0].name]:
            issues.append(Issue(str(path), n, found[0].key[0], f"{' '.join(key)} is in no table: nothing to delete"))
            continue
        recs, rows = groups.setdefault(owners[0].name, ([], []))
        recs.append(rec)
        rows.append(n)
    if issues:
        raise DataValidationError(issues)
    return [
        (TABLES[name], intake.TextTable(removing.header, recs, rows, removing.notes if i == 0 else []))
        for i, (name, (recs, rows)) in enumerate(groups.items())
    ]


def _keys_of(spec: Table, data_dir: Path) -> set[tuple]:
    target = data_dir / spec.path
    if not target.exists():
        return set()
    return {tuple(r.get(k) for k in spec.key) for r in read_csv_records(target)[1]}


def check_ids(spec: Table, parsed: list[dict], rows: list[int], path: Path, data_dir: Path) -> None:
    """The ids of a hub layer's new rows (``parsed``, at the file's ``rows``): unique across the
    layers, and beginning as the layer's do (the loader's rule, ``id_prefix_issue``), named at
    the file's rows. Raises DataValidationError.
    """
    others = {}
    for t in TABLES.values():
        if t.layer and t.layer != spec.layer and (data_dir / t.path).exists():
            others.update({r.get("id"): t.layer for r in read_csv_records(data_dir / t.path)[1]})
    issues = []
    for n, row in zip(rows, parsed):
        if row["id"] in others:
            msg = f"{row['id']} is a hub of {others[row['id']]} already: an id names one hub in all layers"
            issues.append(Issue(str(path), n, "id", msg))
        elif (bad := id_prefix_issue(row["id"], REGISTRY[spec.layer])) is not None:
            issues.append(Issue(str(path), n, "id", bad))
    if issues:
        raise DataValidationError(issues)
