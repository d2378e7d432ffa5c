"""Screenshots of the page at the sizes officials use it, in 简体 and English, for a before/after.

    python -m scripts.screenshots test-output/after [--url http://127.0.0.1:8050]

Without ``--url`` it serves this checkout's app on a free port. It writes
``<lang>-<width>x<height>.png`` for 1920x1080, 1366x768 and 390x844 (a phone, at 3x) in zh and en,
each once the map has drawn and the charts have answered.
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

SIZES = ((1920, 1080, 1), (1366, 768, 1), (390, 844, 3))
LANGS = ("zh", "en")


def shoot(url: str, out: Path) -> list[Path]:
    """Write the six screenshots under ``out``; returns their paths."""
    from playwright.sync_api import sync_playwright

    from bench.browser import ARGS, CHROMIUM

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for lang in LANGS:
            for w, h, scale in SIZES:
                context = browser.new_context(viewport={"width": w, "height": h}, device_scale_factor=scale)
                page = context.new_page()
                page.goto(f"{url}/?lang={lang}" if lang != "zh" else f"{url}/")
                page.wait_for_selector("#map .choroplethlayer path", timeout=60_000)
                page.wait_for_function("!document.querySelector('[data-dash-is-loading]')", timeout=60_000)
                page.wait_for_timeout(800)  # the last relayout and the fonts
                path = out / f"{lang}-{w}x{h}.png"
                page.screenshot(path=str(path))
                written.append(path)
                context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--url", help="a running atlas; default: serve this checkout on a free port")
    args = parser.parse_args()
    if args.url:
        paths = shoot(args.url.rstrip("/"), args.out)
    else:
        import logging

        from werkzeug.serving import make_server

        import app

        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no request lines

        server = make_server("127.0.0.1", 0, app.server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            paths = shoot(f"http://127.0.0.1:{server.server_port}", args.out)
        finally:
            server.shutdown()
    for path in paths:
        print(path)


if __name__ == "__main__":
    main()
