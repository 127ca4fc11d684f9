"""People named in a sentence, with the titles written before their names.

"Rear Admiral Habibollah Sayyari" is more useful on a map popup than "Habibollah Sayyari",
so the title words just before a person's name are kept. A person named as a modifier
("a senior Putin adviser") is not an actor of the sentence's event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

RANKS = frozenset(
    """president premier minister secretary general admiral major lieutenant colonel brigadier
    commander chairman chairwoman chair ambassador envoy king queen prince princess sheikh emir
    leader speaker mayor governor director adviser advisor spokesman spokeswoman senator mr mrs ms
    dr sir captain marshal sergeant officer chief""".split()
)
"""Words that are a title on their own ("Admiral Sayyari")."""
TITLE_WORDS = RANKS | frozenset(
    """vice prime deputy first rear foreign defence defense interior economy economic finance
    roads labor labour energy oil trade transport health justice security state senior supreme
    crown head navy army air force then-president former acting""".split()
)
"""Rank words and the words that qualify them ("Deputy Foreign Minister")."""
INSTITUTIONS = frozenset(
    """assembly council committee staff court parliament congress senate ministry office corps command
    army navy force forces guard department agency bank fund party union organization organisation
    commission board cabinet government administration""".split()
)
"""Words that end the name of a body, not of a person ("General Assembly", "Joint Chiefs of Staff")."""
_CAPITALISED_TITLES = frozenset(word.capitalize() for word in TITLE_WORDS if word.isalpha())


def people(doc: Doc | Span, exclude: Sequence[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """``(char offset, name with title)`` of every person in ``doc`` acting in its own right.

    Offsets are relative to ``doc``. ``exclude`` holds character spans that are not people,
    such as place names the geoparser recognised.
    """
    base = getattr(doc, "start_char", 0)
    tokens = doc.doc
    found: list[tuple[int, str]] = []
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        end = entity.end
        while tokens[end - 1].dep_ == "compound" and tokens[end - 1].head.i == end and tokens[end].pos_ == "PROPN":
            end += 1  # the tagger sometimes stops early: "Ebrahim" + "Raisi"
        head = tokens[end - 1]
        if head.dep_ in {"compound", "amod", "nmod"} and head.head.pos_ == "NOUN" and head.head.i >= end:
            continue  # "a senior Putin adviser": Putin modifies the noun, he is not there
        start = _title_start(tokens, entity.start)
        span = tokens[start:end]
        if _overlaps(span.start_char - base, span.end_char - base, exclude) and start == entity.start:
            continue
        found.append((span.start_char - base, _tidy(span.text)))
    covered = {i for offset, name in found for i in range(offset, offset + len(name))}
    found.extend(p for p in _titled_names(tokens, base) if p[0] not in covered)
    return sorted(found)


def _titled_names(tokens: Doc, base: int) -> list[tuple[int, str]]:
    """Names the tagger missed but a capitalised title announces ("Rear Admiral Sayyari")."""
    found = []
    index = 0
    while index < len(tokens):
        if tokens[index].text not in _CAPITALISED_TITLES:
            index += 1
            continue
        start = index
        while index < len(tokens) and tokens[index].text in _CAPITALISED_TITLES:
            index += 1
        name_start = index
        # the tagger often swallows "Rear Admiral Sayyari" whole as an ORG: accept that ORG,
        # but not a title word inside a longer name ("the UN General Assembly")
        title_in_org = tokens[start].ent_type_ == "ORG" and tokens[start].ent_iob_ == "B"
        while index < len(tokens) and tokens[index].pos_ == "PROPN" and tokens[index].text[:1].isupper() \
                and tokens[index].ent_type_ not in {"GPE", "LOC", "NORP", "FAC"} \
                and (tokens[index].ent_type_ != "ORG" or title_in_org):
            index += 1
        is_head = index > name_start and tokens[index - 1].dep_ != "compound" \
            and tokens[index - 1].lemma_.lower() not in INSTITUTIONS
        if is_head and tokens[name_start - 1].text.lower() in RANKS:
            span = tokens[start:index]
            found.append((span.start_char - base, _tidy(span.text)))
    return found


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Map each short mention ("Rear Admiral Sayyari") to the fullest form with the same
    surname and title words ("Rear Admiral Habibollah Sayyari"), so one person is one actor."""
    names = list(names)
    fullest: dict[str, str] = {}
    for name in names:
        key = name.split()[-1].lower()
        if len(name) > len(fullest.get(key, "")):
            fullest[key] = name
    return {name: fullest[name.split()[-1].lower()] for name in names}


def _title_start(tokens: Doc, index: int) -> int:
    """Index of the first title word before a name ("Rear Admiral", "Vice-President")."""
    first = index
    while first > 0:
        word = tokens[first - 1].text.lower()
        hyphen_inside_title = word == "-" and first > 1 and tokens[first - 2].text.lower() in TITLE_WORDS
        if word not in TITLE_WORDS and not hyphen_inside_title:
            break
        first -= 1
    return first


def _tidy(name: str) -> str:
    return " ".join(name.replace(" - ", "-").replace("’s", "").split()).strip(" ,")


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)
