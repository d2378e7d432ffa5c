"""Validate all bundled data and print a coverage report.

    python -m scripts.validate

Exits with status 1 and the list of errors (file, row, column) when any file is invalid.
"""

from __future__ import annotations

import sys

import pandas as pd

from model import coverage, source_check
from model.hub_layers import stale_layers
from model.loader import load_atlas
from model.paths import DATA
from model.regions import PROVINCES
from model.schema import DataValidationError


def report() -> str:
    atlas = load_atlas()
    out = []
    with pd.option_context("display.width", 200, "display.max_columns", 40, "display.max_rows", 200):
        out.append(
            f"Hubs: {len(atlas.hubs)} points in {atlas.hubs['layer'].nunique()} layers; "
            f"{len(atlas.links)} east–west links; {len(atlas.areas)} area records (named, site not published); "
            f"{len(atlas.sources)} sources."
        )
        out.append("\n## Hubs per layer and western province\n" + coverage.hubs_by_layer_province(atlas).to_string())
        out.append("\n## Location precision per layer\n" + coverage.hubs_by_precision(atlas).to_string())
        out.append("\n## Missing fields per layer\n" + coverage.missing_fields(atlas).to_string())
        out.append("\n## Each designation beside its official count\n" + official_lines(atlas))
        out.append(
            "\n## Indicators: latest year (units with a value that year, of 32; western provinces, of 12), "
            "and the default year where it is another (docs/data.md, Indicators: the default year)\n"
            + coverage.latest_years(atlas).to_string()
        )
        out.append(
            "\n## Indicator coverage (units with a value, of 32 = 31 provinces + national)\n"
            + coverage.indicator_coverage(atlas).to_string()
        )
        gaps = coverage.indicator_gaps(atlas)
        lines = [
            f"  {ind} {year}: no value for " + ", ".join(PROVINCES.get(a, ("全国",))[0] for a in miss)
            for ind, year, miss in gaps
        ]
        out.append("\n## Indicator gaps inside each series\n" + ("\n".join(lines) if lines else "  none"))
        unused = coverage.unused_sources(atlas)
        out.append("\n## Sources cited by no row\n" + ("  " + ", ".join(unused) if unused else "  none"))
        out.append("\n## Source addresses (sources per host)\n" + source_check.domains(atlas.sources).to_string())
        found = source_check.problems(atlas.sources)
        out.append(
            "\n## Sources that break the source rule (docs/data.md, Sources), by problem\n"
            + (found.groupby("problem").size().to_string() if len(found) else "  none")
        )
    return "\n".join(out)


def official_lines(atlas) -> str:
    """The official-count table as lines: designation, the atlas's count, the official one and its source."""
    lines = []
    for r in coverage.official_counts(atlas).itertuples(index=False):
        scope = {"national": "China", "west": "the west", "document": "named in 336号"}[r.scope]
        official = f"{int(r.official)} ({scope}, {r.as_of})" if pd.notna(r.official) else f"none published ({scope})"
        areas = f" + {r.areas} at an area, site not published" if r.areas else ""
        lines.append(f"  {r.designation:<26} atlas {r.atlas:>3} (all {r.atlas_all:>3}){areas}  official {official}")
        if r.source:
            lines.append(f"    source: {r.source}")
        lines.append(f"    {r.note}")
    return "\n".join(lines)


def unreviewed_sources() -> list[str]:
    """Problem sources not listed in data/source_review.csv (new ones: an error)."""
    atlas = load_atlas()
    review = pd.read_csv(DATA / "source_review.csv", dtype=str, keep_default_na=False)
    listed = dict(zip(review["source_id"], review["problem"]))
    found = source_check.problems(atlas.sources)
    return [
        f"{s}: {p} ({h})" for s, p, h in zip(found["source_id"], found["problem"], found["host"]) if listed.get(s) != p
    ]


def main(argv: list[str] | None = None) -> int:
    import argparse

    argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="ATLAS_DATA_DIR=DIR validates another data directory."
    ).parse_args(argv)
    try:
        text = report()
    except DataValidationError as e:
        print(e, file=sys.stderr)
        return 1
    print(text)
    try:
        stale = stale_layers(DATA)
    except DataValidationError as e:
        print(e, file=sys.stderr)
        return 1
    if stale:
        print(f"\nMap layers not rebuilt from their tables (run: make hubs): {', '.join(stale)}", file=sys.stderr)
        return 1
    new = unreviewed_sources()
    if new:
        print("\nSources that break the source rule and are not in data/source_review.csv:", file=sys.stderr)
        print("\n".join("  " + line for line in new), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
