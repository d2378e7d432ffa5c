"""Write export/radicals.py: the unified ideograph of each CJK radical of the CJK Radicals
Supplement (U+2E80-U+2EFF), from the Unicode Character Database's EquivalentUnifiedIdeograph.txt
(Debian package unicode-data). The Kangxi radicals (U+2F00-U+2FDF) need no table: NFKC maps each
to its ideograph, as the same file does.

    python -m scripts.radicals [path of EquivalentUnifiedIdeograph.txt]
"""

from __future__ import annotations

import sys
from pathlib import Path

from model.paths import ROOT

UCD = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")


def table(path: Path) -> dict[int, int]:
    """{radical code point: ideograph code point} for the supplement's single code points."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) != 2 or ".." in fields[0]:
            continue
        radical, ideograph = (int(f.strip(), 16) for f in fields)
        if 0x2E80 <= radical <= 0x2EFF:
            out[radical] = ideograph
    return out


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else UCD
    version = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    rows = "".join(f"    0x{r:04X}: 0x{i:04X},  # {chr(r)} -> {chr(i)}\n" for r, i in sorted(table(path).items()))
    (ROOT / "export" / "radicals.py").write_text(
        f'"""The unified ideograph of each radical of the CJK Radicals Supplement (Unicode\'s\n'
        f"Equivalent_Unified_Ideograph property, {version}). Written by scripts/radicals.py.\n"
        f'"""\n\nSUPPLEMENT: dict[int, int] = {{\n{rows}}}\n',
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
