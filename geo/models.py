"""Core records shared by every stage of the engine.

Plain frozen dataclasses: cheap to create, picklable for worker processes, and easy to
turn into table rows (``dataclasses.asdict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

PlaceKind = Literal["city", "admin", "country", "region", "water", "continent", "facility"]
Precision = Literal["day", "month", "year", "approximate", "unknown"]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``place_id`` is ``gn:<geonameid>``, ``cc:<ISO2>`` or ``cur:<slug>``."""

    place_id: str
    name: str
    kind: PlaceKind
    country_code: str | None
    lat: float
    lon: float
    population: int = 0
    admin1: str | None = None


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place mention in a text, resolved to one gazetteer place."""

    start: int
    end: int
    text: str
    name: str
    kind: PlaceKind
    country_code: str | None
    lat: float
    lon: float
    score: float
    place_id: str

    @classmethod
    def of(cls, place: Place, start: int, end: int, text: str, score: float) -> Toponym:
        """The mention ``text`` at ``[start, end)`` resolved to ``place``."""
        return cls(start, end, text, place.name, place.kind, place.country_code, place.lat, place.lon,
                   score, place.place_id)

    @property
    def place(self) -> Place:
        """The gazetteer place this mention resolves to (without its population)."""
        return Place(self.place_id, self.name, self.kind, self.country_code, self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class Document:
    """One cleaned article. Offsets of mentions and events refer to ``text``."""

    doc_id: str
    file_name: str
    title: str
    text: str
    published: date | None
    date_precision: Precision
    url: str | None = None
    # What a per-article budget left out while reading it (e.g. HTML nested too deep): the
    # article is kept, and the build reports these beside it.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Interval:
    """A date interval with its precision; both ends are ``None`` when unknown."""

    start: date | None
    end: date | None
    precision: Precision


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened at a place and time, as a sentence of an article tells it."""

    event_id: str
    doc_id: str
    document: str
    type: str
    interval: Interval
    place: Toponym | None
    actors: tuple[str, ...]
    sentence: str
    confidence: float


@dataclass(frozen=True, slots=True)
class CorridorMention:
    """Evidence that a document mentions a corridor."""

    doc_id: str
    document: str
    published: date | None
    sentence: str


@dataclass(frozen=True, slots=True)
class Corridor:
    """A transport or trade corridor drawn as a line through resolved waypoints.

    ``kind`` is ``named`` (from ``data/corridors.yaml``) or ``stated`` (a route in the text).
    ``legs`` holds one ``(mode, coordinates)`` pair per leg, mode ``land`` or ``sea``,
    coordinates as ``(lon, lat)`` tuples.
    """

    corridor_id: str
    name: str
    kind: Literal["named", "stated"]
    waypoints: tuple[Place, ...]
    legs: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]
    length_km: float
    mentions: tuple[CorridorMention, ...] = field(default=())
    # Other names the corridor goes by (registry aliases), so readers and filters find it.
    aliases: tuple[str, ...] = field(default=())
    # For a stated route: the corridor the text says it belongs to (e.g. one of the "China
    # Corridor"'s branches), or None when the route stands alone.
    part_of: str | None = None
