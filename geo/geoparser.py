"""Public entry points of the geoparser: text -> resolved place mentions.

``geoparse`` recognises place spans (``geo.toponyms``) and resolves each to one gazetteer
place (``geo.resolve``). ``resolve_name`` and ``candidates`` serve callers that already
have a bare place name (the corridor registry, the Places page).
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.gazetteer import Entry, gazetteer, get_place
from geo.models import Place, Toponym
from geo.resolve import rank_entries, resolve_spans
from geo.streets import find_features, find_streets, place_streets
from geo.toponyms import FUZZY_MIN_RATIO, recognise

__all__ = ["candidates", "geoparse", "get_place", "resolve_name"]


def geoparse(text: str, *, demonyms: bool = False) -> list[Toponym]:
    """Every place mention in ``text``, resolved, sorted by start offset.

    ``demonyms=True`` also returns country adjectives ("Russian" -> Russia), which some
    annotation schemes (LGL) count as toponyms; the map does not want them by default.
    Offsets refer to ``text`` exactly as given (HTML or odd Unicode are read as they are).
    Street and road names come out as kind ``facility`` with a low score, placed at the town
    they lie in (``geo.streets``); filter on kind or score to leave them off a map.
    """
    if not isinstance(text, str):
        raise TypeError(f"geoparse expects str, got {type(text).__name__}")
    if not text.strip():
        return []
    streets = find_streets(text)
    spans = recognise(text, demonyms=demonyms)
    if streets:  # "Memphis Street" names a street, not Memphis
        spans = [s for s in spans if not any(s.start < end and start < s.end for start, end in streets)]
    # Rivers, lakes, islands the gazetteer does not know ("Neches River") name the feature, not
    # the town inside their name, so that town is dropped. The feature itself is not output: with
    # no point of its own it would go to the main town, which was more often than not >161 km off
    # on the LGL training part. A name the gazetteer knows whole ("Lake Charles") stays as it is.
    known = {(s.start, s.end) for s in spans}
    features = [f for f in find_features(text) if (f[0], f[1]) not in known
                and not any(f[0] < end and start < f[1] for start, end in streets)
                and not any(s.start <= f[0] and f[1] <= s.end for s in spans)]
    if features:
        spans = [s for s in spans if not any(s.start < f[1] and f[0] < s.end for f in features)]
    toponyms = resolve_spans(text, spans)
    toponyms += place_streets(text, streets, toponyms)
    return sorted(toponyms, key=lambda t: (t.start, t.end))


def _ranked(name: str, context_countries: Iterable[str] = ()) -> list[tuple[float, Entry]]:
    gaz = gazetteer()
    entries = gaz.lookup(name)
    if entries:
        return rank_entries(entries, context_countries=context_countries)
    # Spelling variants (same consonant skeleton, rapidfuzz ratio above the recogniser's bar).
    from rapidfuzz import fuzz

    from geo.gazetteer import normalize

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
