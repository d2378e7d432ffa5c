"""Build assets/ag-grid-atlas.min.js: AG Grid Community with only the modules the hub table uses.

    python -m scripts.build_aggrid              (make aggrid; needs Node.js and npm, dev only)
    python -m scripts.build_aggrid --validation (adds AG Grid's ValidationModule: never commit it)

dash-ag-grid shipped the whole of AG Grid Community and, loaded with it, a second bundle of
parsers for its function strings (592 KB gzipped together). The hub table (assets/atlas-grid.js,
components/grid.py) needs a small part of it: this bundle is about 230 KB gzipped. It exposes
``window.agGrid = {createGrid, themeQuartz}``.

A grid option or column property whose module is missing is silently ignored in this build. After
changing the table or the modules, build with ``--validation``, use the page (sort, ticks, language
switch) and read the browser console: AG Grid names every missing module
there. Then build again without it. A test checks the committed file's version and modules.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from model.paths import ROOT
from scripts._esbuild import bundle

VERSION = "35.3.1"
MODULES = (
    "ClientSideRowModelModule",  # rows held in the browser: sorting is part of it
    "RowSelectionModule",  # checkboxes, click and Space to tick
    "ExternalFilterModule",  # the server's bitset of the rows that pass the atlas's filters
    # no filter menus and no quick filter: every filter, the search included, is the server's, so
    # that the table, its count and the downloads hold the same rows (components/grid.py)
    "LocaleModule",  # AG Grid's own words in the page's language
    "ColumnAutoSizeModule",  # columns fitted to the table's width
    "GridStateModule",  # sort, ticks and widths kept when the language changes
    "RowApiModule",  # the rows, to tick those of a shared link
)
OUT = ROOT / "assets" / "ag-grid-atlas.min.js"
BANNER = (
    "/* AG Grid Community {version} ({modules}); MIT licence, Copyright AG GRID LTD."
    " Built by scripts/build_aggrid.py */"
)


def entry(modules: tuple[str, ...]) -> str:
    names = ", ".join(modules)
    return (
        f"import {{ createGrid, themeQuartz, ModuleRegistry, {names} }} from 'ag-grid-community';\n"
        f"ModuleRegistry.registerModules([{names}]);\n"
        "window.agGrid = { createGrid: createGrid, themeQuartz: themeQuartz };\n"
    )


def build(validation: bool = False) -> Path:
    modules = (*MODULES, "ValidationModule") if validation else MODULES
    banner = BANNER.format(version=VERSION, modules=", ".join(modules))
    return bundle([f"ag-grid-community@{VERSION}"], entry(modules), banner, OUT)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--validation", action="store_true", help="add ValidationModule (console warnings; dev only)")
    print(build(ap.parse_args().validation))
