"""Every path, environment variable, size limit and cache folder of Corridor Atlas, in one place.

Paths default to the repository's own ``data/`` folder whatever the working directory, so
``python -m geo build`` run from anywhere and the app read and write the same files. Each can
be moved with an environment variable (tests and deployments do), read when asked for, never
at import time, so a test that sets one sees it.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository: the engine ships its curated data beside the code."""
DATA_DIR = ROOT / "data"
STATIC_DIR = ROOT / "static"
"""Vendored JavaScript and CSS (Leaflet and plugins), served by Streamlit at ``/app/static/``."""

# Curated data that travels with the code (read-only at run time).
CURATED_GAZETTEER_DIR = DATA_DIR / "gazetteer"
BASEMAP_DIR = DATA_DIR / "basemap"
CORRIDOR_REGISTRY = DATA_DIR / "corridors.yaml"
GEOPARSE_MODEL = DATA_DIR / "parse" / "model.json"
"""The geoparser's fitted ranking and calibration weights (written by ``bench/train_geoparse.py``)."""

# Environment variables that move the working data.
CACHE_ENV = "CORRIDOR_ATLAS_CACHE"
STORE_ENV = "CORRIDOR_ATLAS_STORE"
CORPUS_ENV = "CORRIDOR_ATLAS_CORPUS"
CORRECTIONS_ENV = "CORRIDOR_ATLAS_CORRECTIONS"
BRIEFINGS_ENV = "CORRIDOR_ATLAS_BRIEFINGS"

_MB = 1024 * 1024
MAX_UPLOAD_BYTES = 5 * _MB
"""Size limit for uploaded articles (untrusted input)."""
MAX_CORPUS_BYTES = 10 * _MB
"""Size limit for files in a corpus folder: far above any article, below what would stall parsing."""
MAX_UPLOAD_FILES = 50
"""Files taken in one upload; the rest are refused with a reason."""
UPLOAD_TIMEOUT_SECONDS = 300
"""Time an upload may take to be checked and parsed (in a child process) before it is stopped."""
MAX_HTML_DEPTH = 512
"""HTML tags nested deeper than this are ignored (their text is kept), as browsers do (Blink
stops nesting at 512): parsing 100,000 nested tags would otherwise take minutes."""
MAX_PLACE_NAMES = 5_000
"""Place names read in one text; a text naming more (a gazetteer dump, a list of towns) is read
up to this many and the rest is reported as skipped (``geo.parse.geoparser.geoparse_document``)."""
MAX_EVENT_SENTENCES = 3_000
"""Sentences of one article read for events (news articles have a few hundred at most; events
cost about 4 ms of CPU per sentence, so 3,000 take about 12 s). Beyond it the rest of the
article is still geoparsed, and the skipped sentences are reported (``geo.events.budget``)."""


def _from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value) if value else default


def cache_dir() -> Path:
    """Built indexes and caches (gazetteer index, sea lanes): ``~/.cache/corridor-atlas``."""
    return _from_env(CACHE_ENV, Path.home() / ".cache" / "corridor-atlas")


def store_dir() -> Path:
    """The GeoParquet store the app reads: ``data/processed``."""
    return _from_env(STORE_ENV, DATA_DIR / "processed")


def corpus_dir() -> Path:
    """The articles folder the build reads and uploads are added to: ``data/corpus``."""
    return _from_env(CORPUS_ENV, DATA_DIR / "corpus")


def corrections_path(store: str | Path | None = None) -> Path:
    """The analyst's corrections: ``corrections.csv`` beside the store folder (``data/corrections.csv``).

    Beside the store, not in it: the store is generated, the corrections are the analyst's work.
    For another store than the default one (``build --out DIR``) the file beside that store;
    for the default store ``CORRIDOR_ATLAS_CORRECTIONS`` or the file beside it.
    """
    if store is not None and Path(store).resolve() != store_dir().resolve():
        return Path(store).resolve().parent / "corrections.csv"
    return _from_env(CORRECTIONS_ENV, store_dir().resolve().parent / "corrections.csv")


def briefings_dir() -> Path:
    """Saved briefings, one YAML file each: ``data/briefings``."""
    return _from_env(BRIEFINGS_ENV, DATA_DIR / "briefings")


def log_path() -> Path:
    """The app's log file (errors with their tracebacks): ``~/.cache/corridor-atlas/logs/app.log``."""
    return cache_dir() / "logs" / "app.log"


def format_size(size: int) -> str:
    """A byte count as people read limits: ``10 MiB``, ``2.4 MiB``, ``812 KiB``."""
    if size >= _MB:
        return f"{size / _MB:.1f}".rstrip("0").rstrip(".") + " MiB"
    return f"{max(size, 1) / 1024:.0f} KiB"
