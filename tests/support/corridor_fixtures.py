"""Hand-made places and toponyms for the corridor unit tests.

The corridor code consumes resolved toponyms; these tests fix the geoparser's output by hand
(approximate coordinates of real places) so pattern extraction and assembly are tested on
their own. End-to-end behaviour with the real gazetteer is tested where it is available.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from geo.models import Document, Place, Toponym

PLACES: dict[str, Place] = {
    p.name: p
    for p in (
        Place("cc:CN", "China", "country", "CN", 35.0, 105.0),
        Place("cc:IR", "Iran", "country", "IR", 32.0, 53.0),
        Place("cc:IQ", "Iraq", "country", "IQ", 33.0, 44.0),
        Place("cc:SY", "Syria", "country", "SY", 35.0, 38.0),
        Place("cc:RU", "Russia", "country", "RU", 60.0, 100.0),
        Place("cc:AZ", "Azerbaijan", "country", "AZ", 40.5, 47.5),
        Place("cc:TR", "Turkey", "country", "TR", 39.0, 35.0),
        Place("cont:AS", "Asia", "continent", None, 29.8, 89.3),
        Place("cont:EU", "Europe", "continent", None, 48.7, 9.1),
        Place("cur:mediterranean", "Mediterranean Sea", "water", None, 35.0, 18.0),
        Place("gn:1", "Kermanshah", "city", "IR", 34.31, 47.07),
        Place("gn:2", "Baghdad", "city", "IQ", 33.34, 44.40),
        Place("gn:3", "Khorramshahr", "city", "IR", 30.44, 48.17),
        Place("gn:4", "Basra", "city", "IQ", 30.51, 47.78),
        Place("gn:5", "Kurdistan Province", "admin", "IR", 35.95, 47.10),
        Place("gn:6", "Sulaymaniyah", "city", "IQ", 35.56, 45.44),
        Place("gn:7", "Nakhchivan", "city", "AZ", 39.21, 45.41),
        Place("gn:8", "Rasht", "city", "IR", 37.28, 49.59),
        Place("gn:9", "Astara", "city", "AZ", 38.46, 48.87),
        Place("gn:10", "Tehran", "city", "IR", 35.69, 51.39),
        Place("gn:11", "Moscow", "city", "RU", 55.75, 37.62),
        Place("gn:12", "Chabahar", "city", "IR", 25.29, 60.64),
        Place("gn:13", "Zahedan", "city", "IR", 29.50, 60.86),
        Place("gn:14", "Astrakhan", "city", "RU", 46.35, 48.04),
        Place("gn:15", "Bandar Anzali", "city", "IR", 37.47, 49.46),
        Place("gn:16", "Baku", "city", "AZ", 40.38, 49.89),
        Place("gn:17", "Aktau", "city", "KZ", 43.66, 51.17),
        Place("gn:18", "Lobito", "city", "AO", -12.35, 13.55),
        Place("gn:19", "Kolwezi", "city", "CD", -10.71, 25.47),
        Place("gn:20", "Bandar Abbas", "city", "IR", 27.19, 56.28),
    )
}
# Surface forms that differ from the canonical name.
SURFACES: dict[str, str] = {"Kurdistan": "Kurdistan Province", "Mediterranean": "Mediterranean Sea"}


def toponyms_in(text: str, names: Iterable[str] | None = None) -> list[Toponym]:
    """Every occurrence of the known place names in ``text`` as resolved toponyms."""
    wanted = set(names) if names is not None else set(PLACES) | set(SURFACES)
    found: list[Toponym] = []
    for surface in sorted(wanted, key=len, reverse=True):
        place = PLACES[SURFACES.get(surface, surface)]
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if any(t.start < match.end() and match.start() < t.end for t in found):
                continue
            found.append(
                Toponym(
                    match.start(),
                    match.end(),
                    surface,
                    place.name,
                    place.kind,
                    place.country_code,
                    place.lat,
                    place.lon,
                    0.9,
                    place.place_id,
                )
            )
    return sorted(found, key=lambda t: t.start)


def document(text: str, name: str = "a.txt", published: date | None = date(2024, 1, 15)) -> Document:
    return Document(
        doc_id=f"id-{name}",
        file_name=name,
        title=name,
        text=text,
        published=published,
        date_precision="day" if published else "unknown",
    )


def fake_resolver(name: str, country_code: str) -> Place | None:
    """Resolve registry waypoints against :data:`PLACES` (names and country must match)."""
    place = PLACES.get(name)
    return place if place is not None and place.country_code == country_code else None


TEST_REGISTRY = """
corridors:
  - id: caspian-link
    name: Caspian Link Corridor
    aliases: [Caspian Link, CLC, North-South Link]
    weak_aliases: [northern route]
    sources: [written for the tests]
    routes:
      - label: land and sea
        path: Tehran (IR) -> Rasht (IR) -> Bandar Anzali (IR) ~> Astrakhan (RU) -> Moscow (RU)
      - label: western branch
        path: Rasht (IR) -> Astara (AZ) -> Baku (AZ)
  - id: gulf-line
    name: Gulf Line
    aliases: [China Corridor]
    routes:
      - path: Tehran (IR) -> Kermanshah (IR) -> Baghdad (IQ)
"""
