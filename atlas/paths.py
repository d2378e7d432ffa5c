"""Paths to the bundled data, built from this file's location (never the working directory)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GEO = DATA / "geo"
HUBS = DATA / "hubs"
INDICATORS = DATA / "indicators"
POLICY = DATA / "policy"
SOURCES = DATA / "sources.csv"
