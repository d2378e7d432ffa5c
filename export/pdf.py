"""PDFs a reader can search and cite: the text layer repaired, and the document described.

Chromium's PDF backend (Skia) writes each font's ToUnicode map from the font's own cmap, taking
the lowest code point that reaches a glyph. CJK fonts (Noto Sans CJK) give a Kangxi radical and
its ideograph one glyph, so 甘 (U+7518) is written as ⽢ (KANGXI RADICAL SWEET, U+2F62), 青 as ⻘
(CJK RADICAL BLUE, U+2ED8): searching the PDF for 甘肃 or 青海 finds nothing. :func:`finish`
rewrites every ToUnicode map so that a radical reads as its unified ideograph (Unicode's
Equivalent_Unified_Ideograph: NFKC for the Kangxi radicals, export/radicals.py for the CJK
Radicals Supplement), and replaces Kaleido's metadata ("Kaleido-fier") with the figure's own.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from export.radicals import SUPPLEMENT

CREATOR = "West China Innovation Atlas (西部科技创新地图)"


def ideograph(ch: str) -> str:
    """The unified ideograph a radical stands for in text; any other character unchanged."""
    code = ord(ch)
    if 0x2F00 <= code <= 0x2FDF:
        return unicodedata.normalize("NFKC", ch)
    if code in SUPPLEMENT:
        return chr(SUPPLEMENT[code])
    return ch


def _text(hex_digits: bytes) -> str | None:
    """A ToUnicode destination (hex UTF-16BE) as text; None if it is not UTF-16."""
    try:
        return bytes.fromhex(hex_digits.decode("ascii")).decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return None


def _hex(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _fixed(token: bytes) -> bytes:
    """A destination token ``<....>`` with its radicals read as ideographs."""
    text = _text(token[1:-1])
    if text is None:
        return token
    new = "".join(ideograph(c) for c in text)
    return token if new == text else _hex(new)


_TOKEN = rb"<[0-9A-Fa-f]*>"
_SECTION = re.compile(rb"(beginbf(char|range))(.*?)(endbf\2)", re.S)
_CHAR = re.compile(rb"(" + _TOKEN + rb")(\s*)(" + _TOKEN + rb")")
_RANGE = re.compile(rb"(" + _TOKEN + rb")(\s*)(" + _TOKEN + rb")(\s*)(" + _TOKEN + rb"|\[[^\]]*\])")


def _range(m: re.Match) -> bytes:
    lo, sp1, hi, sp2, dst = m.groups()
    if dst.startswith(b"["):
        return lo + sp1 + hi + sp2 + re.sub(_TOKEN, lambda t: _fixed(t[0]), dst)
    text = _text(dst[1:-1])
    count = int(hi[1:-1] or b"0", 16) - int(lo[1:-1] or b"0", 16) + 1
    if not text or count < 1 or count > 0x10000:
        return m[0]
    # "<lo> <hi> <dst>": the last UTF-16 unit of dst counts up; written out when a radical is in it
    first, unit = text[:-1], ord(text[-1])
    items = [first + chr(unit + i) for i in range(count) if unit + i <= 0xFFFF]
    if all(ideograph(c) == c for item in items for c in item):
        return m[0]
    return lo + sp1 + hi + sp2 + b"[" + b" ".join(_fixed(_hex(item)) for item in items) + b"]"


def fix_cmap(cmap: bytes) -> bytes:
    """A ToUnicode CMap program with every destination radical read as its ideograph."""

    def section(m: re.Match) -> bytes:
        begin, kind, body, end = m.groups()
        if kind == b"char":
            body = _CHAR.sub(lambda p: p[1] + p[2] + _fixed(p[3]), body)
        else:
            body = _RANGE.sub(_range, body)
        return begin + body + end

    return _SECTION.sub(section, cmap)


def _fonts(resources, seen: set[int]):
    """Every font dict under a resources dict, forms' and Type 3 fonts' resources included."""
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        yield font
        yield from _fonts(font.get("/Resources", {}).get_object() if "/Resources" in font else None, seen)
        for child in font.get("/DescendantFonts") or []:
            yield child.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if "/Resources" in xobject:
            yield from _fonts(xobject["/Resources"].get_object(), seen)


def finish(pdf: bytes, title: str, subject: str, lang: str, created: dt.datetime) -> bytes:
    """``pdf`` (Kaleido's bytes) with its text searchable and its metadata set: Title, Subject
    (the filters), Creator, the creation date (``created``, timezone-aware) and the document's
    language (``lang``, a BCP 47 tag such as "zh-Hans").
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    seen: set[int] = set()
    done: set[int] = set()
    for page in writer.pages:
        for font in _fonts(page.get("/Resources", DictionaryObject()).get_object(), seen):
            if "/ToUnicode" not in font:
                continue
            stream = font["/ToUnicode"].get_object()
            if id(stream) in done:
                continue
            done.add(id(stream))
            stream.set_data(fix_cmap(stream.get_data()))
    stamp = created.strftime("D:%Y%m%d%H%M%S") + _offset(created)
    writer.add_metadata(
        {"/Title": title, "/Subject": subject, "/Creator": CREATOR, "/CreationDate": stamp, "/ModDate": stamp}
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _offset(moment: dt.datetime) -> str:
    """The PDF date's zone: +08'00' for Beijing time."""
    delta = moment.utcoffset() or dt.timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
