"""Browser bundles built with npm and esbuild in a temporary folder (dev only: Node.js and npm)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

ESBUILD = "0.28.2"


def bundle(packages: list[str], entry: str, banner: str, out: Path, *options: str) -> Path:
    """Install ``packages`` (pinned ``name@version``), bundle ``entry`` (JavaScript) minified for
    the page's browsers, and write it to ``out`` with ``banner`` as its first line.
    """
    with tempfile.TemporaryDirectory(prefix="atlas-bundle-") as tmp:
        work = Path(tmp)
        (work / "package.json").write_text('{"name": "atlas-bundle", "private": true}\n')
        npm = ["npm", "install", "--no-audit", "--no-fund", "--silent", *packages, f"esbuild@{ESBUILD}"]
        subprocess.run(npm, cwd=work, check=True)
        (work / "entry.js").write_text(entry)
        subprocess.run(
            [
                str(work / "node_modules" / ".bin" / "esbuild"),
                "entry.js",
                "--bundle",
                "--minify",
                "--format=iife",
                "--target=es2018",
                "--legal-comments=none",
                *options,
                f"--banner:js={banner}",
                f"--outfile={work / 'bundle.js'}",
                "--log-level=warning",
            ],
            cwd=work,
            check=True,
        )
        out.write_bytes((work / "bundle.js").read_bytes())
    return out
