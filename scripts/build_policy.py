"""Quote the sixteen measures of 国科发区〔2020〕336号 into data/policy/measures.csv.

    python -m scripts.build_policy PATH/TO/western-development-st-innovation-2020.zh-Hans.txt

`provinces_named` lists the province-level units whose names appear in a measure.
The text is the Simplified conversion of the MOST notice (2020-12-04). Each measure's words are
quoted as published; the English titles and texts (scripts/policy_en.py) are the atlas's own,
unofficial translations.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from model.paths import POLICY, ROOT
from model.regions import PROVINCES
from model.terms import MEASURE_REFS
from scripts.policy_en import TEXTS_EN

DEFAULT_TEXT = ROOT.parent / "shared" / "policy" / "western-development-st-innovation-2020.zh-Hans.txt"
SOURCE_ID = "most-2020-336"

TITLES_EN = (
    "Support the Chengdu–Chongqing S&T innovation centre",
    "Support Xi'an as a national centre of research, science and education",
    "Build distinctive regional innovation highlands",
    "Grow S&T-based enterprises",
    "Drive high-quality development of high-tech zones",
    "Upgrade innovation and entrepreneurship in the west",
    "Transfer and commercialise S&T achievements",
    "Innovation for rural revitalisation",
    "S&T for people's livelihoods",
    "S&T support for a beautiful west (ecology)",
    "East–west S&T cooperation",
    "Belt-and-Road S&T cooperation",
    "Deepen S&T system reform",
    "Attract talent",
    "Increase investment in innovation",
    "Coordinate implementation; regional monitoring and evaluation",
)
ABBREVIATIONS = {
    "宁": "640000",
    "滇": "530000",
    "蒙": "150000",
    "疆": "650000",
    "藏": "540000",
    "青": "630000",
}
NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    return NUMERALS[n - 1] if n <= 10 else "十" + NUMERALS[n - 11]


def provinces_named(text: str) -> str:
    """Adcodes of the province-level units whose name appears in the measure's words.

    Besides short names, measure (十一) names provinces by one-character abbreviations in the
    programme names 科技支宁, 科技入滇, 科技兴蒙, 科技援疆, 科技援藏, 科技援青.
    """
    abbreviated = {ABBREVIATIONS[c] for c in re.findall(r"科技[支入兴援]([宁滇蒙疆藏青])", text)}
    return ";".join(a for a, (short, _) in PROVINCES.items() if short in text or a in abbreviated)


def parse(text: str) -> list[dict[str, str]]:
    rows, section = [], ""
    for line in (ln.strip() for ln in text.splitlines()):
        if m := re.match(r"^([二三四五六])、(.+)$", line):
            section = f"{m.group(1)}、{m.group(2)}"
            continue
        m = re.match(r"^\((十[一二三四五六]|[一二三四五六七八九十])\)(.+)$", line)
        if m and section:
            n = len(rows) + 1
            assert m.group(1) == numeral(n), (m.group(1), n)
            body = m.group(2)
            rows.append(
                {
                    "ref": MEASURE_REFS[n - 1],
                    "number": str(n),
                    "section_zh": section,
                    "title_zh": body.split("。", 1)[0],
                    "title_en": TITLES_EN[n - 1],
                    "text_zh": f"({m.group(1)}){body}",
                    "text_en": TEXTS_EN[n - 1],
                    "provinces_named": provinces_named(body),
                    "source_id": SOURCE_ID,
                }
            )
    if len(rows) != 16:
        raise SystemExit(f"expected 16 measures, found {len(rows)}")
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text", type=Path, nargs="?", default=DEFAULT_TEXT)
    ap.add_argument("--out", type=Path, default=POLICY / "measures.csv")
    args = ap.parse_args(argv)
    rows = parse(args.text.read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{args.out}: {len(rows)} measures")


if __name__ == "__main__":
    main()
