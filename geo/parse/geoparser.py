"""Public entry points of the geoparser: text -> resolved place mentions.

``geoparse`` recognises place spans (``geo.parse.recognise``) and resolves each to one gazetteer
place (``geo.parse.resolve``). ``resolve_name`` and ``candidates`` serve callers that already
have a bare place name (the corridor registry, the Places page).
"""

from __future__ import annotations

import logging
import re
import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from geo.gazetteer.index import Entry, gazetteer, get_place
from geo.geodesy import distance_km
from geo.models import Place, Toponym
from geo.parse.model import Model
from geo.parse.recognise import recognise
from geo.parse.resolve import rank_entries, resolve_spans
from geo.parse.streets import find_features, find_streets, place_streets
from geo.parse.variants import FUZZY_MIN_RATIO
from geo.parse.words import GENERIC_FEATURE_WORDS
from geo.settings import MAX_PLACE_NAMES

logger = logging.getLogger(__name__)

# "the Gulf", "the Sea": a generic feature word used as a name, with nothing glued to it.
_GENERIC = re.compile(
    r"(?<![\w’'-])[Tt]he\s+(?P<word>" + "|".join(sorted(w.capitalize() for w in GENERIC_FEATURE_WORDS)) + r")\b"
    r"(?![-’'])(?!\s+(?:of\b|[A-Z]))"
)
# A bare "the Gulf" is read as the nearest water body of that kind only if it lies this close
# (median distance) to the document's other places.
GENERIC_MAX_KM = 2000.0
GENERIC_SCORE = 0.6

__all__ = ["GeoparseResult", "candidates", "geoparse", "geoparse_document", "get_place", "resolve_name"]


@dataclass(frozen=True, slots=True)
class GeoparseResult:
    """The place mentions of one text, and how many candidate names the budget left unread."""

    toponyms: list[Toponym]
    names_skipped: int = 0


def geoparse(text: str, *, demonyms: bool = False, model: Model | None = None) -> list[Toponym]:
    """Every place mention in ``text``, resolved, sorted by start offset.

    ``demonyms=True`` also returns country adjectives ("Russian" -> Russia), which some
    annotation schemes (LGL) count as toponyms; the map does not want them by default.
    Offsets refer to ``text`` exactly as given (HTML or odd Unicode are read as they are).
    Street and road names come out as kind ``facility`` with a low score, placed at the town
    they lie in (``geo.parse.streets``); filter on kind or score to leave them off a map.
    ``score`` is the probability that the place is right. ``model`` replaces the shipped
    weights (``geo.parse.model``; the bench's cross-corpus check uses it).
    A text naming more than ``settings.MAX_PLACE_NAMES`` places is read up to that many (see
    :func:`geoparse_document`, which says how many were skipped); a warning is logged.
    """
    return geoparse_document(text, demonyms=demonyms, model=model).toponyms


def geoparse_document(text: str, *, demonyms: bool = False, model: Model | None = None,
                      max_names: int | None = None) -> GeoparseResult:
    """:func:`geoparse`, with the number of candidate names skipped by the per-text budget.

    Why a budget: a hostile or broken input (a gazetteer dump, a 1 MB list of towns) would
    otherwise hold a worker for minutes; the text is still parsed, up to ``max_names`` names
    (``settings.MAX_PLACE_NAMES``) in reading order, and the rest is reported, not lost silently.
    """
    if not isinstance(text, str):
        raise TypeError(f"geoparse expects str, got {type(text).__name__}")
    if not text.strip():
        return GeoparseResult([])
    budget = MAX_PLACE_NAMES if max_names is None else max_names
    streets = _Intervals(find_streets(text))
    spans = recognise(text, demonyms=demonyms)
    skipped = max(0, len(spans) - budget)
    if skipped:
        logger.warning("text of %d characters names %d places; the last %d are skipped (budget %d)",
                       len(text), len(spans), skipped, budget)
        spans = spans[:budget]
    # "Toledo Street" names a street, not Toledo.
    spans = [s for s in spans if not streets.overlaps(s.start, s.end)]
    # Rivers, lakes, islands the gazetteer does not know ("Lufkin River") name the feature, not
    # the town inside their name, so that town is dropped. The feature itself is not output: with
    # no point of its own it would go to the document's main town; measured that way, it gained
    # F1 0.005 on LGL and TUD-Loc-2013 and cost accuracy@161 on both (0.002-0.005).
    # A name the gazetteer knows whole ("Lake Charles") stays as it is.
    recognised = _Intervals([(s.start, s.end) for s in spans])
    features = _Intervals([(f[0], f[1]) for f in find_features(text)
                           if not streets.overlaps(f[0], f[1]) and not recognised.covers(f[0], f[1])])
    spans = [s for s in spans if not features.overlaps(s.start, s.end)]
    toponyms = resolve_spans(text, spans, model)
    toponyms += place_streets(text, streets.items, toponyms)
    toponyms += _generic_mentions(text, toponyms)
    return GeoparseResult(sorted(toponyms, key=lambda t: (t.start, t.end)), skipped)


class _Intervals:
    """Sorted, non-overlapping ``[start, end)`` intervals, tested in O(log n) (long texts)."""

    def __init__(self, items: Iterable[tuple[int, int]]) -> None:
        self.items = sorted(items)
        self._ends = [end for _, end in self.items]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self._ends, start)
        return k < len(self.items) and self.items[k][0] < end

    def covers(self, start: int, end: int) -> bool:
        k = bisect_right(self._ends, start)
        return k < len(self.items) and self.items[k][0] <= start and end <= self.items[k][1]


@lru_cache(maxsize=1)
def _water_places() -> tuple[Place, ...]:
    return tuple(p for p in gazetteer().places_of_kind(["water"]) if p.lat is not None and p.lon is not None)


def _generic_mentions(text: str, toponyms: list[Toponym]) -> list[Toponym]:
    """"the Gulf" as the gulf the document names elsewhere ("Persian Gulf"), else as the water
    body of that kind nearest to the document's places (within ``GENERIC_MAX_KM``), else nothing.

    Never an admin area or a town that happens to bear the generic word (Gulf Province, PNG).
    """
    out: list[Toponym] = []
    taken = [(t.start, t.end) for t in toponyms]
    for match in _GENERIC.finditer(text):
        start, end = match.span("word")
        if any(s < end and start < e for s, e in taken):
            continue
        word = re.compile(rf"\b{match.group('word')}\b", re.IGNORECASE)
        named = Counter(t.place_id for t in toponyms if t.kind == "water" and word.search(t.name))
        place: Place | None = None
        if named:
            place = get_place(min(named, key=lambda pid: (-named[pid], pid)))
        else:
            points = [(t.lon, t.lat) for t in toponyms if t.kind in ("city", "admin", "country")]
            options = [p for p in _water_places() if word.search(p.name)]
            if points and options:
                distance = {p.place_id: statistics.median(distance_km((p.lon, p.lat), point) for point in points)
                            for p in options}
                best = min(options, key=lambda p: (distance[p.place_id], p.place_id))
                if distance[best.place_id] <= GENERIC_MAX_KM:
                    place = best
        if place is None:
            continue
        out.append(Toponym.of(place, start, end, text[start:end], GENERIC_SCORE))
    return out


def _ranked(name: str, context_countries: Iterable[str] = ()) -> list[tuple[float, Entry]]:
    gaz = gazetteer()
    entries = gaz.lookup(name)
    if entries:
        return rank_entries(entries, context_countries=context_countries)
    # Spelling variants (same consonant skeleton, rapidfuzz ratio above the recogniser's bar).
    from rapidfuzz import fuzz

    from geo.gazetteer.names import normalize

    key = normalize(name).replace(" ", "")
    similarity: dict[str, float] = {}
    found: dict[str, Entry] = {}
    joined = gaz.lookup(key)
    for entry in joined:
        similarity[entry.place.place_id], found[entry.place.place_id] = 90.0, entry
    for variant, entry in gaz.variants(name):
        ratio = fuzz.ratio(key, variant.replace(" ", ""))
        if ratio >= FUZZY_MIN_RATIO and entry.place.place_id not in found:
            similarity[entry.place.place_id], found[entry.place.place_id] = ratio, entry
    return rank_entries(found.values(), context_countries=context_countries, similarity=similarity)


def resolve_name(
    name: str, *, context_countries: Iterable[str] = (), kinds: Iterable[str] | None = None
) -> Place | None:
    """The best gazetteer place for a bare name ("Astrakhan", "Mediterranean Sea"), or None.

    ``context_countries`` (ISO alpha-2) favour places in or next to those countries;
    ``kinds`` restricts the answer to those place kinds. Deterministic.
    """
    wanted = set(kinds) if kinds is not None else None
    for _, entry in _ranked(name, context_countries):
        if wanted is None or entry.place.kind in wanted:
            return entry.place
    return None


def candidates(name: str, limit: int = 10) -> list[Place]:
    """Ranked gazetteer candidates for ``name`` (exact names first, else spelling variants)."""
    return [entry.place for _, entry in _ranked(name)[:limit]]
