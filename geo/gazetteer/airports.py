"""Airports from ``airportsdata`` (MIT): commercial airports, by name, as facilities.

News names airports by their own names ("Schiphol", "Sheremetyevo", "Imam Khomeini
International Airport"); without them a name resolved to a town or to nothing. Only airports
with an IATA code (scheduled traffic) are taken. Their codes are not names: "SVO" or "AMS"
would fire on ordinary capitals and acronyms in running text.

Names: the full name, the name without "International", and the distinctive part left once
the airport words and the city's name are taken off ("Amsterdam Airport Schiphol" ->
"Schiphol"), the latter only when it is one rare word that names no town (a person's name
such as "Imam Khomeini" or "John F. Kennedy" stays the person's).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from importlib.metadata import version

from geo.gazetteer.names import normalize
from geo.gazetteer.sources import Row, package_file
from geo.models import Place

_AIRPORT_WORDS = re.compile(
    r"\b(?:international|intl\.?|regional|municipal|airport|airfield|aerodrome|air\s+base|airbase|"
    r"air\s+force\s+base|field)\b", re.IGNORECASE
)
MIN_BARE_LENGTH = 4
BARE_NAME_MAX_ZIPF = 3.5
"""A distinctive part more common than this in English ("Miles", "Memorial") is no name alone."""


def _aliases(name: str, city: str, taken: set[str], zipf: Callable[[str], float]) -> set[str]:
    aliases = {name}
    without = " ".join(re.sub(r"\binternational\b", "", name, flags=re.IGNORECASE).split())
    if without != name:
        aliases.add(without)
    core = " ".join(_AIRPORT_WORDS.sub(" ", name).replace("/", " ").split())
    for part in (city, *city.split("/")):
        part = part.strip()
        if part and core.lower().startswith(part.lower() + " "):
            core = core[len(part) :].strip(" -")
    if not core or normalize(core) == normalize(city):
        return aliases
    aliases.add(f"{core} Airport")
    if (" " not in core and "-" not in core and len(core) >= MIN_BARE_LENGTH and normalize(core) not in taken
            and zipf(core.lower()) < BARE_NAME_MAX_ZIPF):
        aliases.add(core)
    return aliases


def airport_rows(taken: set[str], zipf: Callable[[str], float]) -> Iterator[Row]:
    """One facility row per airport with an IATA code.

    ``taken``: normalized names of countries, regions and towns of some size, which an
    airport's bare name must not take (a hamlet's name may be shared: "Heathrow").
    ``zipf``: English word frequency (``wordfreq``), to keep common words from becoming names.
    """
    source = f"airportsdata {version('airportsdata')}"
    with package_file("airportsdata", "airports.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row.get("iata") or not row.get("name"):
                continue
            yield Row(
                Place(f"ap:{row['iata']}", row["name"], "facility", row["country"] or None,
                      float(row["lat"]), float(row["lon"])),
                "AIRP",
                frozenset(_aliases(row["name"], row.get("city") or "", taken, zipf)),
                f"{source} (IATA {row['iata']}, ICAO {row.get('icao') or '-'})",
            )
