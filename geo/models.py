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


PlacePrecision = Literal["stated", "dateline", "document", "none"]
"""Where an event's place comes from: its own clause (or "there", "where" naming a place just
before), the article's dateline, or only the article's main place; or no place at all."""
Side = Literal["by", "on"]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who takes part in an event: a name without its title, the title as ``role``
    ("President"), what kind of party the text says it is (``state``, ``military``,
    ``armed group``, ``civilians``, ``protesters``, ``company``, ``organisation``), and for a
    directed event (an attack, a sanction) whether it acts (``by``) or is aimed at (``on``)."""

    name: str
    role: str | None = None
    kind: str | None = None
    side: Side | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is planned) at a place and time, as an article tells it.

    ``sentence`` is the sentence that first tells it in the document; ``sentences`` every
    sentence of the document that tells it (the first included). ``planned`` marks an event
    the text schedules for later ("to be held next week"). ``fatalities``, ``injuries`` and
    ``crowd_size`` are numbers the text states; ``measure`` is ``imposed`` or ``lifted`` for a
    sanction.
    """

    event_id: str
    doc_id: str
    document: str
    type: str
    interval: Interval
    place: Toponym | None
    actors: tuple[Actor, ...]
    sentence: str
    confidence: float
    place_precision: PlacePrecision = "stated"
    planned: bool = False
    sentences: tuple[str, ...] = ()
    fatalities: int | None = None
    injuries: int | None = None
    crowd_size: int | None = None
    measure: str | None = None

    @property
    def actor_names(self) -> tuple[str, ...]:
        return tuple(actor.name for actor in self.actors)

    def actor_columns(self) -> dict[str, list[str]]:
        """The actors as the store and the events CLI write them: names, roles, kinds, and who acts on whom."""
        return {
            "actors": list(self.actor_names),
            "actor_roles": [a.role or "" for a in self.actors],
            "actor_kinds": [a.kind or "" for a in self.actors],
            "by": [a.name for a in self.actors if a.side == "by"],
            "on": [a.name for a in self.actors if a.side == "on"],
        }


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
