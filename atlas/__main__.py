"""Command line of the atlas.

python -m atlas export --url-state "lang=en&p=510000" --what slide --format pdf --preset a4-landscape -o out.pdf
python -m atlas export --url-state "..." --format png --width 1200 --height 800 -o out.png
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas import model
from atlas.data import atlas
from atlas.export import FORMATS, PRESETS, WHATS, Exporter, ExportError, custom_preset, export
from atlas.state import from_query


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m atlas", description="West China Innovation Atlas tools")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export", help="export the figure of a saved view (a URL query string)")
    ex.add_argument("--url-state", default="", help="the part of the atlas URL after '?'")
    ex.add_argument("--what", choices=WHATS, default="map")
    ex.add_argument("--format", choices=FORMATS, default=None, help="default: from the output file's extension")
    ex.add_argument("--preset", choices=[*PRESETS, "custom"], default="slide-16x9")
    ex.add_argument("--width", type=int, default=1600, help="with --preset custom")
    ex.add_argument("--height", type=int, default=900, help="with --preset custom")
    ex.add_argument("-o", "--output", type=Path, help="file to write (default: a name from the content)")
    args = ap.parse_args(argv)

    state = from_query(args.url_state.split("?", 1)[-1], model.vocab())
    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "png")
    preset = custom_preset(args.width, args.height) if args.preset == "custom" else PRESETS[args.preset]
    try:
        name, content = export(atlas(), state, args.what, fmt, preset)
    except ExportError as e:
        print(f"export failed: {e}", file=sys.stderr)
        return 1
    finally:
        Exporter.stop()
    out = args.output or Path(name)
    out.write_bytes(content)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
