"""The code's shape (docs/architecture.md): floors with arrows pointing down, no import circles,
modules a reader can hold in their head."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

from model.paths import ROOT

CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
PACKAGES = CONFIG["root_packages"]
MAX_LINES = 420  # "about 400": a module longer than this is two modules


def test_every_package_is_on_a_floor_and_every_floor_is_a_package():
    floors = CONFIG["contracts"][0]["layers"]
    assert sorted(floors) == sorted(PACKAGES)
    on_disk = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "scripts", "bench", "loadtest"}
    assert on_disk == set(PACKAGES)


def test_each_floor_imports_only_the_floors_below_it():
    """import-linter's layers contract, imports inside functions included."""
    out = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 kept, 0 broken" in out.stdout


@pytest.fixture(scope="module")
def graph():
    sys.path.insert(0, str(ROOT))
    return grimp.build_graph(*PACKAGES, include_external_packages=False)


def test_no_module_imports_itself_through_others(graph):
    """No import circle between modules, imports inside functions included (a circle hidden by an
    import in a function is still a circle)."""
    seen, stack, circles = set(), [], []

    def visit(module):
        if module in stack:
            circles.append(stack[stack.index(module) :] + [module])
            return
        if module in seen:
            return
        seen.add(module)
        stack.append(module)
        for other in sorted(graph.find_modules_directly_imported_by(module)):
            visit(other)
        stack.pop()

    for module in sorted(graph.modules):
        visit(module)
    assert circles == []


def test_no_module_is_longer_than_a_reader_holds():
    long = {
        str(path.relative_to(ROOT)): n
        for package in [*PACKAGES, "app.py"]
        for path in ([ROOT / package] if package.endswith(".py") else (ROOT / package).rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_page_scripts_use_only_plotlys_public_api():
    """The page's own scripts read the figure Plotly keeps (gd.layout, gd.data) and its events, not
    its private state (``gd._fullLayout``, ``gd._context``…), which a Plotly update may change
    without notice (the bundled builds, *.min.js, are Plotly's and AG Grid's own code)."""
    private = re.compile(r"\b(?:gd|div|graph|plot)\._[A-Za-z]")
    found = {
        str(path.relative_to(ROOT)): [
            line.strip() for line in path.read_text(encoding="utf-8").splitlines() if private.search(line)
        ]
        for path in sorted((ROOT / "assets").glob("*.js"))
        if not path.name.endswith(".min.js")
    }
    assert {name: lines for name, lines in found.items() if lines} == {}
