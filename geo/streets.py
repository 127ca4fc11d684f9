"""Street and road mentions ("Memphis Street", "County Road 35", "Highway 19").

No offline gazetteer lists streets, yet local news names them constantly and annotation
schemes such as LGL count them as toponyms. A street is recognised by its shape (capitalised
name + street-type word, or a numbered road) and placed at the town it lies in: the town
after a comma ("2517 Memphis St., Alexandria"), else the document's most mentioned town.
It comes out as kind ``facility`` with a low score, so maps can leave streets out by score or
kind. A street is never output when the document names no town to place it in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from geo.gazetteer import normalize
from geo.models import Toponym

# Score of a street relative to the town it is placed in.
STREET_SCORE_FACTOR = 0.4
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


def place_streets(text: str, streets: Sequence[tuple[int, int]], toponyms: Sequence[Toponym]) -> list[Toponym]:
    """One facility toponym per street, placed at its town (see the module docstring)."""
    towns = [t for t in toponyms if t.kind == "city"]
    if not streets or not towns:
        return []
    counts = Counter(t.place_id for t in towns)
    first = {}
    for t in towns:
        first.setdefault(t.place_id, t)
    home = max(first.values(), key=lambda t: (counts[t.place_id], -t.start))
    by_start = sorted(towns, key=lambda t: t.start)
    out = []
    for start, end in streets:
        town = home
        after = next((t for t in by_start if t.start >= end), None)
        if after is not None and re.fullmatch(r"\.?,\s*", text[end : after.start]):
            town = after  # "2517 Memphis St., Alexandria"
        surface = text[start:end]
        out.append(
            Toponym(
                start=start,
                end=end,
                text=surface,
                name=f"{surface}, {town.name}",
                kind="facility",
                country_code=town.country_code,
                lat=town.lat,
                lon=town.lon,
                score=round(STREET_SCORE_FACTOR * town.score, 3),
                place_id=f"street:{town.place_id}:{re.sub(r'[^a-z0-9]+', '-', normalize(surface)).strip('-')}",
            )
        )
    return out
