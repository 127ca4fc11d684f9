"""Street and road mentions ("Toledo Street", "County Road 47", "Highway 7").

No offline gazetteer lists streets, yet local news names them constantly and annotation
schemes such as LGL count them as toponyms. A street is recognised by its shape (capitalised
name + street-type word, or a numbered road) and placed at the town it lies in: the town
after a comma ("41 Toledo St., Springdale"), else the document's most mentioned town.
It comes out as kind ``facility`` with a low score, so maps can leave streets out by score or
kind. A street is never output when the document names no town to place it in, nor (unless a
town follows it after a comma) when the document names more than two countries: international
news uses "Road" names for routes and metaphors ("a stopping point on the Silk Road").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from geo.gazetteer.names import normalize
from geo.models import Toponym

# Score of a street relative to the town it is placed in.
STREET_SCORE_FACTOR = 0.4
# Named streets are placed only in documents that name at most this many countries.
MAX_COUNTRIES_FOR_LOCAL = 2
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?|[A-Z]{2,}|[A-Z]\.|\d+(?:st|nd|rd|th)|Mc[A-Z][a-z]+|De[A-Z][a-z]+)"
_TYPE = (
    r"(?:Street|Avenue|Road|Drive|Lane|Boulevard|Parkway|Pike|Trail|Circle|Terrace|Expressway|Freeway|Turnpike"
    r"|St\.|Ave\.|Rd\.|Dr\.(?!\s+[A-Z])|Ln\.|Blvd\.|Pkwy\.|Hwy\.)"
)
_NAMED = re.compile(rf"(?<![\w.])({_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})\s{_TYPE}(?:\s(?:North|South|East|West|[NSEW]\.?))?(?![\w])")
_NUMBERED = re.compile(
    r"(?<![\w.])(?:(?:State|County|U\.S\.|US|Farm[- ]to[- ]Market)\s)?(?:Highway|Road|Route|Interstate|Hwy\.?)\s\d{1,4}[A-Z]?\b"
)
# Words that open a sentence or a phrase and are not part of the street's name.
_LEADING = frozenset(
    "the a an in on at of to from and or but near along off by for with on via into onto across "
    "this that its his her their our when while after before".split()
)
_NOT_A_NAME = frozenset("dr mr mrs ms st".split())
# What comes right before a street's name: a house number, a preposition, a list comma, or the
# start of a sentence or a line. Not an article: "the Silk Road" is a route, not a street.
_STREET_BEFORE = re.compile(
    r"(?:(?:^|[\n.!?:;(\"“,])\s*|\b\d+[A-Za-z]?\s+|\b(?:on|at|along|off|near|onto|to|from|of|in|into|across|between"
    r"|and|or|via|down|up|past|by|toward|towards|outside|north|south|east|west|block|intersection"
    r"|the|a|an|her|his|its|their|our|my|your)\s+|[’']s\s+)$",
    re.IGNORECASE,
)


def find_streets(text: str) -> list[tuple[int, int]]:
    """Character spans of street and road names in ``text``, sorted, not overlapping."""
    spans: list[tuple[int, int]] = []
    for match in _NAMED.finditer(text):
        start = match.start()
        words = match.group(1).split(" ")
        # Drop leading sentence words ("The", "On") captured by the capitalised-word pattern.
        while words and normalize(words[0]) in _LEADING and len(words) > 1:
            start += len(words[0]) + 1
            words = words[1:]
        if not words or normalize(words[0]) in _LEADING or normalize(words[-1]) in _NOT_A_NAME:
            continue
        if not _STREET_BEFORE.search(text, max(0, start - 24), start):
            continue  # "ancient Silk Road": an adjective before it, a route rather than a street
        spans.append((start, match.end()))
    spans.extend(m.span() for m in _NUMBERED.finditer(text))
    spans.sort()
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            if end - start > out[-1][1] - out[-1][0]:
                out[-1] = (start, end)
            continue
        out.append((start, end))
    return out


# Unlisted natural features of local news ("Lufkin River", "Lake Ardmore", "Kerman Island").
_WATER_AFTER = r"River|Creek|Lake|Bay|Bayou|Pond|Reservoir|Lagoon|Harbor|Harbour"
_LAND_AFTER = r"Island|Islands|Mountains|Mountain|Valley|Canyon|Peninsula|Hills"
_FEATURE_AFTER = re.compile(
    rf"(?<![\w.])({_NAME_WORD}(?:[\s-]{_NAME_WORD}){{0,2}})\s(?P<type>{_WATER_AFTER}|{_LAND_AFTER})(?![\w])"
)
_FEATURE_BEFORE = re.compile(rf"(?<![\w.])(?P<type>Lake|River)\s{_NAME_WORD}(?![\w])(?!\s[A-Z])")
_WATER_WORDS = frozenset(w.lower() for w in (_WATER_AFTER + "|Lake|River").split("|"))


def find_features(text: str) -> list[tuple[int, int, str]]:
    """Spans and kinds (``water`` or ``region``) of named rivers, lakes, islands and mountains."""
    found: list[tuple[int, int, str]] = []
    for match in _FEATURE_AFTER.finditer(text):
        start = match.start()
        words = match.group(1).split(" ")
        while words and normalize(words[0]) in _LEADING and len(words) > 1:
            start += len(words[0]) + 1
            words = words[1:]
        if normalize(words[0]) in _LEADING:
            continue
        found.append((start, match.end(), "water" if match["type"].lower() in _WATER_WORDS else "region"))
    found.extend(
        (match.start(), match.end(), "water" if match["type"].lower() in _WATER_WORDS else "region")
        for match in _FEATURE_BEFORE.finditer(text)
    )
    found.sort()
    out: list[tuple[int, int, str]] = []
    for item in found:
        if out and item[0] < out[-1][1]:
            if item[1] - item[0] > out[-1][1] - out[-1][0]:
                out[-1] = item
            continue
        out.append(item)
    return out


def place_streets(text: str, streets: Sequence[tuple[int, int]], toponyms: Sequence[Toponym]) -> list[Toponym]:
    """One facility toponym per street, placed at its town (see the module docstring)."""
    return place_local(text, [(start, end, "facility") for start, end in streets], toponyms)


def place_local(text: str, items: Sequence[tuple[int, int, str]], toponyms: Sequence[Toponym]) -> list[Toponym]:
    """One toponym of the given kind per (start, end, kind), placed at its town (module docstring)."""
    towns = [t for t in toponyms if t.kind == "city"]
    if not items or not towns:
        return []
    # A document about several countries is not local news: a named street there is more often
    # a route or a metaphor ("on the Silk Road") than a street of its main town.
    local = len({t.country_code for t in toponyms if t.kind == "country"}) <= MAX_COUNTRIES_FOR_LOCAL
    counts = Counter(t.place_id for t in towns)
    first: dict[str, Toponym] = {}
    for t in towns:
        first.setdefault(t.place_id, t)
    home = max(first.values(), key=lambda t: (counts[t.place_id], -t.start))
    by_start = sorted(towns, key=lambda t: t.start)
    starts = [t.start for t in by_start]
    out = []
    for start, end, kind in items:
        town = home
        k = bisect_left(starts, end)
        after = by_start[k] if k < len(by_start) else None
        if after is not None and re.fullmatch(r"\.?,\s*", text[end : after.start]):
            town = after  # "41 Toledo St., Springdale"
        elif not local and not _NUMBERED.fullmatch(text, start, end):
            continue
        surface = text[start:end]
        out.append(
            Toponym(
                start=start,
                end=end,
                text=surface,
                name=f"{surface}, {town.name}",
                kind=kind,  # type: ignore[arg-type]
                country_code=town.country_code,
                lat=town.lat,
                lon=town.lon,
                score=round(STREET_SCORE_FACTOR * town.score, 3),
                place_id=f"{'street' if kind == 'facility' else 'local'}:{town.place_id}:{re.sub(r'[^a-z0-9]+', '-', normalize(surface)).strip('-')}",
            )
        )
    return out
