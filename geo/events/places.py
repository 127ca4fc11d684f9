"""Where an event happened: a place syntactically tied to its trigger, or the dateline, or the
article's main place, or none. Never a place from an unrelated clause or sentence.

In the trigger's own clause a toponym counts when a place preposition introduces it ("met in
Baku", "sent troops into Lebanon", "the capital of Dushanbe"), when it is what a visit or an
attack is aimed at ("visited Georgia", "shelled Tskhinvali", "Prisi came under attack"), or
when it modifies the event noun ("the Dvani attack", "a Moscow rally"). "There" and "where"
stand for the place named just before them. An event whose clause names no place takes the
article's dateline place ("LAHORE, Pakistan —") with precision ``dateline``, else the
article's main place with precision ``document`` and a lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.gazetteer.index import gazetteer
from geo.geodesy import distance_km
from geo.models import Document, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FACILITY_CITY_KM = 60.0
"""An airport or port stands for the city it serves when that city is this close."""
HEADLINE_WEIGHT = 3
EVENT_WEIGHT = 2
MODIFIER_WEIGHT = 0.25
LEAD_CHARS = 200
"""A mention within this many characters after the headline is in the lead and counts twice."""
DATELINE_CHARS = 80
"""A dateline place stands within the first characters of the article body."""

PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "into", "near", "inside", "outside", "across", "towards", "toward",
                                "throughout", "around", "within", "onto", "through", "along"})
_TOPIC_PREPOSITIONS = frozenset({"on", "about", "regarding", "concerning", "over", "against"})
SIDE_CLAUSES = frozenset({"advcl", "ccomp", "parataxis", "relcl", "acl", "xcomp", "csubj"})
_AIMED_AT = frozenset({"visit", "tour", "attack", "bomb", "shell", "raid", "storm", "hit", "target", "strike",
                       "invade", "enter", "reach", "leave", "besiege"})
"""Verbs whose object is the place of the event ("visited Georgia", "shelled Tskhinvali")."""
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west", "outside"})
"""Words that place an event by its bearing from a place ("north of the capital", "outside of Kabul")."""
_FACILITY_HEADS = frozenset({"airport", "port", "harbour", "harbor", "station", "base", "terminal", "seaport"})
_LOCATED_HEADS = _FACILITY_HEADS | frozenset({
    "market", "square", "capital", "city", "town", "village", "province", "region", "district", "neighbourhood",
    "neighborhood", "suburb", "outskirts", "centre", "center", "street", "streets", "embassy", "consulate",
    "parliament", "mosque", "church", "hotel", "stadium", "prison", "hospital", "university", "camp"})
"""Nouns of places and buildings a possessive place locates: "in Moscow's main square", "at the
city's hospital"; unlike "Iran's envoy", where the place qualifies a person."""
_KIND_RANK = {"facility": 0, "city": 1, "admin": 2, "water": 3, "country": 4, "region": 5, "continent": 6}
_TEXT_INTRODUCED = re.compile(r"\b(?:in|at|to|into|near)\s+(?:the\s+)?$", re.I)
_AGENCY = re.compile(r"^\(\w[\w .]*\)\s*")
"""A news agency in brackets after a dateline city: "Cairo (CNN) --"."""
_DATELINE_END = re.compile(r"^[\s,]*(?:[A-Z][\w.]*\s*){0,3}(?:\(\w+\))?\s*(?:--|—|–|-|:|\()")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text (soft line breaks as spaces), where it starts in the document,
    its paragraph, its parse (only for sentences with a possible trigger) and its toponyms
    (document offsets)."""

    text: str
    base: int
    paragraph: int
    parsed: Doc | None
    toponyms: Sequence[Toponym]

    def token_at(self, toponym: Toponym) -> Token | None:
        """The last token of a toponym: the head of a multi-word name."""
        if self.parsed is None:
            return None
        offset = toponym.end - 1 - self.base
        span = self.parsed.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def local_start(self, toponym: Toponym) -> int:
        return toponym.start - self.base


def clause_of(sentence: Doc, head: Token, others: Sequence[Token]) -> set[Token]:
    """The trigger's clause: the subtree of its verb without the clauses hanging off it and
    without the subtrees of the other triggers inside it."""
    region = set(head.subtree)
    for token in list(region):
        if token.i == head.i or token not in region:
            continue
        if token.dep_ in SIDE_CLAUSES or (token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"}
                                          and token.head.i == head.i):
            region -= set(token.subtree)  # "a company that is drilling in the Caspian": another clause
    for other in others:
        if other.i != head.i and other in region:
            region -= set(other.subtree)
    return region


def stated_place(here: Sentence, trigger: Token, region: set[Token], targets: frozenset[str] = frozenset()
                 ) -> Toponym | None:
    """The place the trigger's own clause gives, the most specific of the nearest phrase.
    ``targets`` are the type's own place prepositions ("sanctions on Iran")."""
    own = [t for t in here.toponyms if here.token_at(t) in region and (_tied(here, t, trigger)
                                                                        or _target(here, t, trigger, targets))]
    if not own:
        return None
    return _nearest(here, own, trigger.idx)


def _target(here: Sentence, toponym: Toponym, trigger: Token, targets: frozenset[str]) -> bool:
    """"imposed sanctions on Iran": the toponym follows one of the type's place prepositions,
    attached to the trigger or its object."""
    token = here.token_at(toponym)
    if token is None or token.dep_ != "pobj" or token.head.lower_ not in targets:
        return False
    holder = token.head.head
    return holder.i == trigger.i or holder.head.i == trigger.i


def _tied(here: Sentence, toponym: Toponym, trigger: Token) -> bool:
    """Is the toponym where the event happens: introduced by a place preposition, aimed at by
    the verb, or a modifier of the event noun; and not a person's or a topic's place?"""
    token = here.token_at(toponym)
    if token is None or (_possessive(here, toponym) and not _owns_facility(here, toponym)
                         and token.head.i != trigger.i):
        return False
    if token.head.i == trigger.i and token.dep_ in {"compound", "nmod", "amod", "poss"}:
        return True  # "the Dvani attack", "a Moscow rally"
    return introducer(here, toponym) is not None


def introducer(here: Sentence, toponym: Toponym) -> Token | None:
    """The preposition (in/at/to...) or the verb that makes the toponym a place of action
    ("visited Georgia", "Prisi came under attack"), if any, following "the capital of X",
    "Moscow's airport", compounds and appositions up to it."""
    token = here.token_at(toponym)
    for _ in range(8):
        if token is None:
            return None
        if token.dep_ == "pobj":
            preposition = token.head
            if preposition.lower_ in PLACE_PREPOSITIONS:
                return None if _about(preposition) else preposition
            if preposition.lower_ != "of":
                return None
            if preposition.head.lower_ in _DIRECTIONS:
                return preposition.head  # "a shootout north of the capital"
            token = preposition.head  # "the capital of Dushanbe", "the village of Prisi"
        elif token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in _AIMED_AT:
            return token.head
        elif token.dep_ == "nsubj" and any(c.dep_ == "prep" and c.lower_ == "under" for c in token.head.children):
            return token.head  # "Kelso also came under fire"
        elif token.dep_ == "poss" and token.head.lemma_.lower() in _LOCATED_HEADS:
            token = token.head  # "at Moscow's Sheremetyevo Airport"
        elif token.dep_ in {"compound", "nmod", "amod"} and _inside_a_name(token, here, toponym):
            return None  # "the 6th China International Import Expo": part of another name
        elif token.dep_ in {"compound", "conj", "appos", "nmod", "amod"} and token.head.i != token.i:
            token = token.head
        else:
            return None
    return None


def _about(preposition: Token) -> bool:
    """"discussions on security in the region": the place is part of a topic, not where."""
    return any(a.dep_ == "prep" and a.lower_ in _TOPIC_PREPOSITIONS for a in preposition.ancestors)


def _inside_a_name(token: Token, here: Sentence, toponym: Toponym) -> bool:
    """Does the toponym modify a proper noun that is not a place or a facility named for it?"""
    head = token.head
    inside = toponym.start - here.base <= head.idx < toponym.end - here.base
    return head.pos_ == "PROPN" and not inside and head.lemma_.lower() not in _FACILITY_HEADS


def _owns_facility(here: Sentence, toponym: Toponym) -> bool:
    """"Moscow's Sheremetyevo Airport", "in Baku's old market": a possessive that locates a
    facility or a part of the place."""
    token = here.token_at(toponym)
    return token is not None and token.dep_ == "poss" and token.head.lemma_.lower() in _LOCATED_HEADS


def _locates_by_words(here: Sentence, toponym: Toponym) -> bool:
    """"in Baku's old market" read from the words: a possessive before a place noun."""
    after = re.match(r"(?:['’]s)?\s+([a-z-]+)(?:\s+([a-z]+))?", here.text[toponym.end - here.base :])
    return after is not None and bool({after.group(1), after.group(2)} & _LOCATED_HEADS)


def _possessive(here: Sentence, toponym: Toponym) -> bool:
    """"Iran's First Vice President": the place qualifies a person, it is not where things happen."""
    after = here.text[toponym.end - here.base :]
    return bool(re.match(r"['’]s?\b", after)) or toponym.text.endswith(("'s", "’s"))


def strong_places(here: Sentence) -> list[Toponym]:
    """Toponyms a place preposition introduces, read from the words when there is no parse:
    what "there" may stand for in the sentences after."""
    if here.parsed is None:
        return [t for t in here.toponyms if (not _possessive(here, t) or _locates_by_words(here, t))
                and _TEXT_INTRODUCED.search(here.text[: here.local_start(t)])]
    return [t for t in here.toponyms if introducer(here, t) is not None]


def anaphoric_place(here: Sentence, trigger: Token, region: set[Token], earlier: Sequence[Toponym]
                    ) -> Toponym | None:
    """"He is there for a visit", "Prague, where he met": the place named just before.

    ``earlier`` are the places the previous sentences introduced, latest last."""
    for token in region:
        if token.lower_ == "there" and token.dep_ == "advmod":
            before = [t for t in strong_places(here) if t.end - here.base <= token.idx]
            return before[-1] if before else (earlier[-1] if earlier else None)
    where = next((c for c in trigger.children if c.lower_ == "where" and c.dep_ == "advmod"), None)
    if where is not None and trigger.dep_ not in _QUESTION_DEPS:
        before = [t for t in here.toponyms if t.end - here.base <= where.idx]
        return _most_specific_of_chain(here, before) if before else None
    return None


_QUESTION_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "dobj", "csubj"})
"""Clause roles of an indirect question: "maps detailing where the army dropped bombs" names no place."""


def _most_specific_of_chain(here: Sentence, toponyms: Sequence[Toponym]) -> Toponym:
    """"in Lahore in Punjab, where", "in Lahore, Pakistan, where": "where" stands for the most
    specific place of the chain of places that ends just before it."""
    chosen = toponyms[-1]
    for earlier in reversed(toponyms[:-1]):
        gap = here.text[earlier.end - here.base : chosen.start - here.base]
        if not re.fullmatch(r"\s*(?:,|in|of)?\s*", gap) or earlier.country_code != chosen.country_code:
            break
        if _KIND_RANK.get(earlier.kind, 9) < _KIND_RANK.get(chosen.kind, 9):
            chosen = earlier
    return chosen


def _nearest(here: Sentence, toponyms: Sequence[Toponym], offset: int) -> Toponym:
    """The toponym whose phrase is closest to the trigger (after it before before it); within
    one phrase the most specific ("in New York City, U.S." is New York City)."""
    def key(t: Toponym) -> tuple[int, int, int]:
        found = introducer(here, t)
        anchor = found.idx if found is not None else here.local_start(t)
        distance = abs(anchor - offset) + (0 if anchor >= offset else 15)
        return distance, _KIND_RANK.get(t.kind, 9), here.local_start(t)

    return min(toponyms, key=key)


def refine(here: Sentence, place: Toponym, earlier: Sequence[Toponym]) -> Toponym:
    """"During his stay in China" refers to the trip already told: use that trip's place in
    China. A country stands for the one place inside it that the sentence names. An airport or
    port stands for its city when the text names a city next to it."""
    if place.kind == "country" and _narrative_reference(here, place):
        inside = [p for p in reversed(earlier)
                  if p.country_code == place.country_code and _KIND_RANK.get(p.kind, 9) < _KIND_RANK["country"]]
        if inside:
            return inside[0]
    if place.kind == "country":
        named = {t.place_id: t for t in here.toponyms
                 if t.country_code == place.country_code and _KIND_RANK.get(t.kind, 9) < _KIND_RANK["country"]}
        if len(named) == 1:  # "Elsewhere in Afghanistan, the police chief for Nimruz province was killed"
            return next(iter(named.values()))
    if place.kind == "facility":
        cities = [t for t in (*here.toponyms, *earlier) if t.kind == "city" and km(t, place) <= FACILITY_CITY_KM]
        if cities:
            return min(cities, key=lambda t: km(t, place))
    return place


_GOVERNMENT = re.compile(r"\b(?:government|cabinet|parliament(?:ary)?|ministers?|ministry|president|prime\s+minister|"
                         r"officials|congress|senate|embassy|ambassador)\b", re.I)
"""Words that make the state a party to talks: a meeting with them is held at the seat of government."""
_IN_TOWN = re.compile(r"\bin\s+town\b(?!\s+of\b)", re.I)
"""A visitor "in town for meetings" is in the capital of the country the article is about."""
_EMBASSY = re.compile(r"\bembass(?:y|ies)\b", re.I)
_THE_CAPITAL = re.compile(r"\b(?:the|country's|country’s|nation's|nation’s)\s+capital\b(?!\s+(?:of|city\s+of)\b)", re.I)
""""The capital has been sealed off": the capital of the country the event is placed in."""
_GATHERINGS = frozenset({"meeting", "conference"})


def seat_of_government(event_type: str, sentence: str, place: Toponym) -> Toponym:
    """The capital for a country place where the text implies the seat of government: talks or
    a session with the government or officials, an embassy opened in the country, a visitor
    "in town for meetings", "the capital" named without its name. Elsewhere a country stays a country (the events gold's rule)."""
    if place.kind != "country" or not place.country_code:
        return place
    implied = (event_type in _GATHERINGS and _GOVERNMENT.search(sentence)) or _IN_TOWN.search(sentence) or (
        event_type == "facility_opening" and _EMBASSY.search(sentence)) or _THE_CAPITAL.search(sentence)
    capital = gazetteer().capital(place.country_code) if implied else None
    return Toponym.of(capital, place.start, place.end, place.text, place.score) if capital is not None else place


def _narrative_reference(here: Sentence, place: Toponym) -> bool:
    token = here.token_at(place)
    if token is None or token.dep_ != "pobj":
        return False
    noun = token.head.head
    return noun.lemma_.lower() in {"stay", "visit", "trip", "tour"} and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def km(a: Toponym, b: Toponym) -> float:
    return distance_km((a.lon, a.lat), (b.lon, b.lat))


def dateline_place(doc: Document, toponyms: Sequence[Toponym]) -> Toponym | None:
    """The place of a dateline opening the article body ("LAHORE, Pakistan —",
    "MAKHACHKALA --", "BEIRUT:"): a toponym first on its line, written before a dash or colon."""
    body = _body_start(doc)
    for toponym in sorted(toponyms, key=lambda t: t.start):
        if toponym.start >= body + DATELINE_CHARS:
            break
        before = doc.text[body : toponym.start]
        after = doc.text[toponym.end : toponym.end + 40]
        if toponym.start >= body and re.fullmatch(r"[A-Z\s/,.'-]*", before) and _DATELINE_END.match(after) and \
                (toponym.text.isupper() or _AGENCY.sub("", after.lstrip(" ,")).startswith(("--", "—"))):
            return toponym
    return None


def titled(doc: Document) -> bool:
    """Does the text open with the document's title, followed by a line break or a space (some
    sources run the title into the first line: "Title. CAIRO (AP) - ...")?"""
    return bool(doc.title) and doc.text.startswith(doc.title) and doc.text[len(doc.title) : len(doc.title) + 1].isspace()


def _body_start(doc: Document) -> int:
    """Where the body begins: after the title."""
    body = len(doc.title) if titled(doc) else 0
    while body < len(doc.text) and doc.text[body].isspace():
        body += 1
    return body


def main_place(doc: Document, toponyms: Sequence[Toponym], event_places: Sequence[Toponym] = (),
               headline: tuple[int, int] | None = None, dateline: Toponym | None = None) -> Toponym | None:
    """The article's main place: the place it names most, where its events happen counting
    :data:`EVENT_WEIGHT` times, a mention in the headline or the dateline :data:`HEADLINE_WEIGHT`
    times and one in the lead twice; a place only qualifying a name ("French Army Officer",
    "Russia's envoy") counts little. Ties go to the more specific place, then the first mentioned."""
    lead = (headline[1] if headline else 0) + LEAD_CHARS
    score: dict[str, float] = {}
    first: dict[str, Toponym] = {}
    for toponym in sorted(toponyms, key=lambda t: t.start):
        first.setdefault(toponym.place_id, toponym)
        weight = MODIFIER_WEIGHT if _qualifies(doc.text, toponym) else 1.0
        if (headline is not None and headline[0] <= toponym.start < headline[1]) or toponym == dateline:
            weight *= HEADLINE_WEIGHT
        elif toponym.start < lead:
            weight *= 2
        score[toponym.place_id] = score.get(toponym.place_id, 0.0) + weight
    for place in event_places:
        first.setdefault(place.place_id, place)
        score[place.place_id] = score.get(place.place_id, 0.0) + EVENT_WEIGHT
    if not first:
        return None
    return min(first.values(), key=lambda t: (-score[t.place_id], _KIND_RANK.get(t.kind, 9), t.start))


def _qualifies(text: str, toponym: Toponym) -> bool:
    """Is the mention a modifier of a name after it ("U.S. Military", "Russia's envoy")?"""
    return bool(re.match(r"(?:['’]s)?\s+[A-Z]|['’]s\b", text[toponym.end : toponym.end + 3]))
