"""Paths to the data, built from this file's location (never the working directory).

``ATLAS_DATA_DIR`` (an environment variable, read once at import) points the whole app at another
data directory with the same layout, e.g. the generated data of the scale benchmark
(bench/scale.py); by default it is the bundled ``data/``. Everything reads its paths from here.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ["ATLAS_DATA_DIR"]).expanduser().resolve() if os.environ.get("ATLAS_DATA_DIR") else ROOT / "data"
GEO = DATA / "geo"
HUBS = DATA / "hubs"
INDICATORS = DATA / "indicators"
POLICY = DATA / "policy"
SOURCES = DATA / "sources.csv"
