"""One event, many mentions: sentences and articles that tell the same occurrence again.

Inside an article, a later sentence that tells an event of the same type at a compatible place
and time with the same (or unnamed) actors is the same occurrence told again ("arrived in
Dushanbe ... He is there for a one-day visit"); a statement continued ("he added") is the same
statement. Across articles, reports are one event when they have the same type, places within
:data:`MERGE_KM`, overlapping dates and an actor in common: ten articles on one summit draw one
meeting, "reported by 10 articles".
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence, Set
from dataclasses import dataclass, replace
from datetime import date

from geo.events.actors import RANKS, TITLE_WORDS, canonical
from geo.geodesy import distance_km
from geo.models import Actor, Event, Interval, Toponym

_SEPARATE = re.compile(r"^\W*(?:elsewhere|separately|in (?:an?other|a separate|a different|an unrelated)\b|"
                       r"in separate\b|on another\b)", re.I)
"""Openings that say the sentence tells another occurrence ("Elsewhere in the country on Monday",
"In another incident", "Separately")."""
_OCCASION = re.compile(r"\b(?:statement|interview|letter|tweet|twitter|press release|communiqu[eé]|"
                       r"(?:news|press) conference|briefing|told reporters)\b")
"""Words that name the occasion of a statement."""
MERGE_KM = 50.0
"""Reports of one event name places at most this far apart (a city and its airport, a region
and its capital)."""
_FAR = date.max
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "approximate": 3, "unknown": 4}


def merge_mentions(events: Sequence[Event], headline: str | None = None, *, dated: Set[str] = frozenset(),
                   referring: Set[str] = frozenset(), new: Set[str] = frozenset()) -> list[Event]:
    """The events of one article, each occurrence once with all the sentences that tell it.

    ``dated`` are the ids of events whose own clause states a date; ``referring`` those told
    by a definite noun ("the attack", "the battle") that points back to an event told before;
    ``new`` those told by an indefinite noun ("claimed a blast"), never one told before.
    A headline event told again by the body keeps the body's sentence as its own.
    """
    merged: list[Event] = []
    for event in events:
        twin = None if event.event_id in new else _twin(merged, event, dated, referring, headline)
        if twin is None:
            merged.append(event)
        else:
            merged[twin] = _combine(merged[twin], event)
            if event.event_id in dated:
                dated = dated | {merged[twin].event_id}
    return [_body_first(e, headline) for e in merged]


def _twin(merged: list[Event], event: Event, dated: Set[str], referring: Set[str], headline: str | None
          ) -> int | None:
    """The earlier event this one tells again, if any (the latest such); an event only the
    headline told is told again by the body's first event of its type at a compatible place
    and time."""
    for index in range(len(merged) - 1, -1, -1):
        first = merged[index]
        if first.sentences == (headline,) and not _SEPARATE.match(event.sentence):
            if first.type == event.type and _compatible_places(first, event) and \
                    _overlap(first.interval, event.interval) and (
                    first.type != "statement" or _shared(first, event)):
                return index
        elif _same_occurrence(first, event, dated, referring):
            return index
    return None


def _compatible_places(first: Event, again: Event) -> bool:
    """Do the places not tell two occurrences apart (unknown, the same, near or one inside the other)?"""
    a, b = first.place, again.place
    return a is None or b is None or _near(a, b) or _within(a, b)


def _same_occurrence(first: Event, again: Event, dated: Set[str], referring: Set[str]) -> bool:
    """Is ``again`` the occurrence ``first`` told? A statement is the same when its speaker is
    (a speech or press conference of the same speaker takes the statements that quote it);
    another event when it points back ("the attack") or shares a place or a stated date, with
    nothing against it: a place further than :data:`MERGE_KM`, dates apart, other actors, a
    sentence that says it tells another ("Elsewhere", "In another incident")."""
    if _SEPARATE.match(again.sentence):
        return False
    if first.type != again.type:
        return again.type == "statement" and first.type in {"speech", "press_conference"} and _shared(first, again)
    if first.type == "statement":
        return _shared(first, again) and not _new_occasion(first, again)
    if not _overlap(first.interval, again.interval):
        return False
    if first.place is not None and again.place is not None and first.place.place_id != again.place.place_id \
            and not (again.event_id in referring and _within(first.place, again.place)):
        return False  # each stop of a tour told with its own place is its own event
    if _named(first) and _named(again) and not _nested(first, again):
        return again.event_id in referring
    if again.event_id in referring:
        return True
    if first.place is not None and again.place is not None:
        return True
    return first.event_id in dated and again.event_id in dated


def _new_occasion(first: Event, again: Event) -> bool:
    """"X said ... A statement from X said ...": the same speaker on another occasion (a
    statement, an interview, a letter, a press conference) says something new; "he added" does not."""
    told = {word for sentence in first.sentences for word in _OCCASION.findall(sentence.lower())}
    return bool(set(_OCCASION.findall(again.sentence.lower())) - told)


def _named(event: Event) -> bool:
    """Does the event name its actors (people, bodies), not only describe them ("gunmen")?"""
    return any(a.kind is None or a.name[:1].isupper() for a in event.actors)


def _nested(first: Event, again: Event) -> bool:
    """Are the named parties of one the same as or part of the other's (a meeting with other
    counterparts is another meeting)?"""
    a, b = _names_of(first), _names_of(again)
    return a <= b or b <= a


def _names_of(event: Event) -> set[str]:
    return {a.name for a in event.actors if a.kind is None or a.name[:1].isupper()}


def _shared(first: Event, again: Event) -> bool:
    """Do both name a party in common, or is one told only by its office ("the UN chief") where the
    other names the holder of that office ("Maria Lind, the head of the UN's refugee agency")?"""
    return bool(set(first.actor_names) & set(again.actor_names)) or any(
        _holds(a, b) or _holds(b, a) for a in first.actors for b in again.actors)


def _holds(described: Actor, other: Actor) -> bool:
    """Is ``described`` only an office and acronyms ("UN chief", "OSCE envoy") that ``other``'s name
    and role hold?"""
    words = described.name.replace("’", "'").split()
    if described.role or not any(w.lower() in RANKS for w in words) or not all(
            w.isupper() or w.lower() in RANKS | TITLE_WORDS for w in words):
        return False
    holder = {w.strip("(),.").lower() for w in f"{other.name} {other.role or ''}".replace("'s", "").split()}
    return {w.lower() for w in words} <= holder and described.name != other.name


def _combine(first: Event, again: Event) -> Event:
    """The event as both mentions tell it: the first sentence, every sentence, all actors,
    the more precise place and date, the larger figures."""
    interval = min((first.interval, again.interval), key=lambda i: _PRECISION_RANK[i.precision])
    place, precision = (first.place, first.place_precision) if first.place is not None and not (
        again.place is not None and first.place.kind == "country" and _within(first.place, again.place)) else \
        (again.place, again.place_precision)
    return replace(
        first, interval=interval, place=place, place_precision=precision,
        actors=tuple(dict.fromkeys(first.actors + again.actors)),
        sentences=tuple(dict.fromkeys(first.sentences + again.sentences)),
        confidence=max(first.confidence, again.confidence), planned=first.planned and again.planned,
        fatalities=_larger(first.fatalities, again.fatalities), injuries=_larger(first.injuries, again.injuries),
        crowd_size=_larger(first.crowd_size, again.crowd_size), measure=first.measure or again.measure,
    )


def _body_first(event: Event, headline: str | None) -> Event:
    if headline is None or event.sentence != headline:
        return event
    body = [s for s in event.sentences if s != headline]
    return replace(event, sentence=body[0]) if body else event


def _larger(a: int | None, b: int | None) -> int | None:
    return max(a, b) if a is not None and b is not None else a if a is not None else b


def _overlap(a: Interval, b: Interval) -> bool:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return True  # an unknown date contradicts nothing
    return a.start <= b.end and b.start <= a.end


def _within(a: Toponym, b: Toponym) -> bool:
    """Is one place a country and the other inside it ("shot dead in Afghanistan", "in eastern
    Laghman province"): the same place told more or less precisely."""
    return a.country_code is not None and a.country_code == b.country_code and "country" in {a.kind, b.kind}


def _near(a: Toponym, b: Toponym) -> bool:
    return a.place_id == b.place_id or distance_km((a.lon, a.lat), (b.lon, b.lat)) <= MERGE_KM


# --------------------------------------------------------------------------- across articles


@dataclass(frozen=True, slots=True)
class ReportKey:
    """What merging reports across articles looks at, from an :class:`Event` or a store row."""

    event_id: str
    doc_id: str
    document: str
    type: str
    place_id: str | None
    lon: float | None
    lat: float | None
    start: date | None
    end: date | None
    actors: tuple[Actor, ...]

    @classmethod
    def of(cls, event: Event) -> ReportKey:
        place = event.place
        return cls(event.event_id, event.doc_id, event.document, event.type, place.place_id if place else None,
                   place.lon if place else None, place.lat if place else None, event.interval.start,
                   event.interval.end, event.actors)


@dataclass(frozen=True, slots=True)
class Report:
    """One event reported by one or more articles: its id and its mentions (earliest first)."""

    event_id: str
    mentions: tuple[int, ...]


def merge_reports(keys: Sequence[ReportKey]) -> list[Report]:
    """Group the events of many articles into reports of one occurrence each.

    Two events are one when their type is the same, both are placed within :data:`MERGE_KM`,
    their dates overlap and they share an actor (names canonical across the articles).
    Events without a place or a date are never merged across articles. A group of one keeps
    its event's id; a larger group gets an id derived from its earliest mention (by date,
    then document), which stays the same when later reports join.
    """
    mapping = canonical(a for key in keys for a in key.actors)
    names = [frozenset(mapping[a.name].name for a in key.actors) for key in keys]
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for group in _candidates(keys).values():
        for n, i in enumerate(group):
            for j in group[n + 1 :]:
                if root(i) != root(j) and _same_report(keys[i], keys[j], names[i] & names[j]):
                    parent[root(j)] = root(i)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        clusters[root(i)].append(i)
    reports = []
    for members in clusters.values():
        members.sort(key=lambda i: (keys[i].start or _FAR, keys[i].document, keys[i].event_id))
        first = keys[members[0]].event_id
        merged_id = first if len(members) == 1 else "m" + hashlib.sha1(first.encode()).hexdigest()[:15]  # noqa: S324
        reports.append(Report(merged_id, tuple(members)))
    return sorted(reports, key=lambda r: min(r.mentions))


def _candidates(keys: Sequence[ReportKey]) -> dict[tuple[str, int, int], list[int]]:
    """Placed, dated events with actors, grouped by type and 1° cell (with the neighbouring
    cells' events, so places across a cell edge meet)."""
    cells: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key.lat is None or key.lon is None or key.start is None or not key.actors:
            continue
        cells[(key.type, int(key.lat // 1), int(key.lon // 1))].append(i)
    return {(kind, lat, lon): sorted({i for dlat in (-1, 0, 1) for dlon in (-1, 0, 1)
                                      for i in cells.get((kind, lat + dlat, lon + dlon), [])})
            for (kind, lat, lon) in cells}


def _same_report(a: ReportKey, b: ReportKey, shared: frozenset[str]) -> bool:
    if a.doc_id == b.doc_id or not shared or a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    near = a.place_id == b.place_id or distance_km((a.lon, a.lat), (b.lon, b.lat)) <= MERGE_KM
    return near and _overlap(Interval(a.start, a.end, "day"), Interval(b.start, b.end, "day"))
