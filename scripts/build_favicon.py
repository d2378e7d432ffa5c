"""Draw assets/favicon.ico: a hub ringed on the atlas's blue, 16 and 32 px.

    python -m scripts.build_favicon      (make favicon; needs Pillow, a dev dependency)

Without a favicon in assets/, Dash serves its own (15 KB) on every first visit.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from model.paths import ROOT

OUT = ROOT / "assets" / "favicon.ico"
BLUE = "#2c7fb8"  # --accent in assets/style.css
RED = "#d7301f"  # --sel: a selected hub
SIZES = (16, 32)


def icon(size: int) -> Image.Image:
    """Drawn 8x larger, then reduced: smooth edges at the small sizes."""
    big = size * 8
    im = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=BLUE)
    ring = big * 0.22
    c = big / 2
    draw.ellipse((c - ring, c - ring, c + ring, c + ring), outline="white", width=max(big // 12, 1))
    dot = big * 0.09
    draw.ellipse((c - dot, c - dot, c + dot, c + dot), fill=RED)
    return im.resize((size, size), Image.Resampling.LANCZOS)


def build() -> Path:
    images = [icon(s) for s in SIZES]
    images[-1].save(OUT, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    return OUT


if __name__ == "__main__":
    print(build())
