"""Names written differently from the gazetteer: spelling variants, transliterations, demonyms.

Why a consonant skeleton checked with rapidfuzz: news spells foreign names many ways
("Teheran", "Astra Khan"); the skeleton index (``geo.gazetteer.names.skeleton``) finds the
candidates in one lookup, and the edit-distance ratio keeps only close ones, with a lower
confidence than an exact name.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from geo.gazetteer.index import Entry, Gazetteer, gazetteer
from geo.gazetteer.names import normalize

FUZZY_MIN_RATIO = 74.0
"""A spelling variant must be at least this close (rapidfuzz ratio, 0-100) to a main name."""
SPELLING_MIN_RATIO = 85.0
"""An alternate name this close to the main name is a spelling of it, as good as the main name."""
JOINED_RATIO = 90.0
"""Similarity given to a name found once its words are joined ("Astra Khan" -> "Astrakhan")."""
JOINED_CONFIDENCE = 0.75
VARIANT_CONFIDENCE = 0.6
"""Recognition confidence of a name found only as a spelling variant."""


def spelling_of_main_name(surface: str, entry: Entry) -> bool:
    """The alternate name is a transliteration of the place's main name ("Bandar Anzali" for
    Bandar-e Anzali), not an unrelated word that happens to be listed ("Hamas" for Hamm)."""
    return fuzz.ratio(normalize(surface), normalize(entry.place.name)) >= SPELLING_MIN_RATIO


def short_form_of_main_name(surface: str, entry: Entry) -> bool:
    """The name is the place's main name without "City": "New York" for New York City."""
    return normalize(entry.place.name) == f"{normalize(surface)} city"


def variant_entries(gaz: Gazetteer, surface: str) -> tuple[tuple[Entry, ...], dict[str, float], float] | None:
    """Places an unknown name is a variant of: (entries, place id -> similarity, confidence).

    First the words joined ("Astra Khan"), then main names with the same consonant skeleton
    that rapidfuzz finds close enough.
    """
    joined = normalize(surface).replace(" ", "")
    entries = gaz.lookup(joined) if " " in surface else ()
    if entries:
        return entries, {e.place.place_id: JOINED_RATIO for e in entries}, JOINED_CONFIDENCE
    best: list[tuple[float, Entry]] = []
    for name, entry in gaz.variants(surface):
        ratio = fuzz.ratio(joined, name.replace(" ", ""))
        if ratio >= FUZZY_MIN_RATIO:
            best.append((ratio, entry))
    if not best:
        return None
    return tuple(e for _, e in best), {e.place.place_id: r for r, e in best}, VARIANT_CONFIDENCE


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Country adjectives and plural nouns ("Russian", "Russians") -> country place id."""
    table: dict[str, str] = {}
    for word, place_id in gazetteer().demonyms().items():
        table[word] = place_id
        table[word + "s"] = place_id
    return table
