"""Reject rules: general evidence that a gazetteer match in a text is not a place mention.

The recogniser (``geo.parse.recognise``) finds every capitalised word sequence the gazetteer
knows; each match becomes a :class:`Candidate`, and the rules of :data:`RULES` are applied in
order: the first that fires rejects it, and its name says why (``bench/geoparse_bench.py
--explain`` counts them). A match no rule rejects is a place mention whose confidence starts
at :data:`PLACE_CONFIDENCE` or :data:`SINGLE_WORD_CONFIDENCE` and is lowered by the
:data:`CAUTIONS` that apply.

Each rule is one small function reading the candidate; thresholds are the named constants
below. Rules are about the shape of English text (titles, glued capitalised words, common
words, outlets, firms), never about particular names.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from geo.gazetteer.index import Entry, gazetteer
from geo.parse.tokens import Token, gap_ok, sentence_initial, zipf
from geo.parse.variants import demonyms, short_form_of_main_name, spelling_of_main_name
from geo.parse.words import (
    AFTER_NUMBER,
    CALENDAR,
    CLUB_PREFIXES,
    CONNECTORS,
    DATELINE,
    DESCRIPTORS,
    DISEASE_AFTER,
    ERAS,
    FUNCTION_WORDS,
    GENERIC_FEATURE_WORDS,
    INSTITUTION_HEADS,
    INSTITUTION_OF,
    LEVEL_WORD,
    LOCAL_INSTITUTION,
    LOCATIVE_BEFORE,
    LOCATIVE_DIRECT,
    LOCATIVE_WORDS,
    MEDIA_AFTER,
    MEDIA_BEFORE,
    NOT_A_POINT_AFTER,
    NOT_OF_THE_PLACE,
    OF_THE_BEFORE,
    PATRON_AFTER,
    PRESIDENCY_AFTER,
    ROAD_WORDS,
    SPEECH_AFTER,
    SPORTS,
    TITLES,
    context_cue,
)

# -- how common a word is (wordfreq Zipf: log10 of its frequency per billion words) ------------
COMMON_WORD_ZIPF = 4.6
"""Above this a word is common English ("Media", "March", "Along")."""
VERY_COMMON_WORD_ZIPF = 5.0
"""Above this only a state or a very large city may bear the word as its name."""
RARE_PLACE_WORD_ZIPF = 4.0
"""Above this a word is English often enough that a small place needs a locative cue."""
SENTENCE_START_ZIPF = 4.0
"""A word at least this common, capitalised only because it opens a sentence, needs a cue."""
DOUBTFUL_WORD_ZIPF = 4.0
"""A single-word place this common in English keeps only :data:`DOUBTFUL_CONFIDENCE`."""

# -- populations that decide how much evidence a place needs ------------------------------------
ALTERNATE_MIN_POPULATION = 300_000
"""A city matched only through an unrelated alternate name must be at least this big."""
STATE_MIN_POPULATION = 1_000_000
"""A first-level region this big reads as a state ("Texas", "Georgia")."""
TOWN_MAX_POPULATION = 100_000
"""Below this a place is a town: an organisation's name, a common phrase or capitals can hide it."""
VERY_COMMON_WORD_MIN_POPULATION = 3_000_000
COMMON_WORD_MIN_POPULATION = 200_000
RARE_WORD_MIN_POPULATION = 20_000
SPEAKER_MAX_POPULATION = 100_000
"""A one-word town smaller than this that the text has say something ("Ardmore said") is a person
(a town, as :data:`TOWN_MAX_POPULATION`: it takes a capital or a city to "say" something)."""

# -- recognition confidence (is the match a place mention at all) -------------------------------
PLACE_CONFIDENCE = 0.95
"""A multi-word name, or a country, continent, region or water body."""
SINGLE_WORD_CONFIDENCE = 0.85
DOUBTFUL_CONFIDENCE = 0.7
"""A place that is also an English word, or whose name starts a local institution's."""

# -- how far around a name the rules read (characters) ------------------------------------------
LINE_WINDOW = 80
"""Enough for "Tehran-Moscow-Baku corridor" after a name."""
OUTLET_WINDOW = 20
ORGANISATION_WINDOW = 40
LOCATIVE_WINDOW = 16
DIRECT_LOCATIVE_WINDOW = 12
SPEECH_WINDOW = 12
FIRM_WINDOW = 3
DISEASE_WINDOW = 20
SENTENCE_WINDOW = 300
QUOTE_WINDOW = 60
TITLE_CASE_SHARE = 0.8
"""A quoted phrase whose words are this often capitalised is a title ("Midnight in Paris")."""


@dataclass(frozen=True, slots=True)
class TextFacts:
    """What the whole text says about its capitalised words."""

    name_parts: frozenset[str]  # second words of multi-word names ("Henry" in "Marta Henry")
    located: frozenset[str]  # words the text puts after "in", "near", "from"...
    speakers: frozenset[str] = frozenset()  # words the text puts before "said", "told"... (people)


def text_facts(text: str, tokens: list[Token]) -> TextFacts:
    speakers = frozenset(t.text for t in tokens if t.capitalised and SPEECH_AFTER.match(text[t.end : t.end + SPEECH_WINDOW]))
    return TextFacts(name_parts=_name_parts(text, tokens), located=_located_words(text, tokens), speakers=speakers)


def _located_words(text: str, tokens: list[Token]) -> frozenset[str]:
    """Capitalised words that the text puts after "in", "near", "from"... or before ", <state or
    country>" ("Tulsa, Oklahoma"): read as places."""
    after = {right.text for left, right in itertools.pairwise(tokens)
             if right.capitalised and left.text in LOCATIVE_WORDS and text[left.end : right.start] == " "}
    return frozenset(after | _before_a_state(text))


_COMMA_NAME = re.compile(r", (?=[A-Z])")
_WORD = re.compile(r"[A-Z][\w'’.-]*")


def _before_a_state(text: str) -> set[str]:
    """Capitalised words before ", <state or country>" standing alone ("Tulsa, Oklahoma"; not
    the first name in "C.J. Ardmore, Jordan Pike"). Read from the commas: they are few."""
    found = set()
    for comma in _COMMA_NAME.finditer(text):
        at = comma.start()
        town = text[max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1 : at].lstrip("(\"'“‘")
        state = _WORD.match(text, at + 2)
        if not town[:1].isupper() or state is None:
            continue
        name, end = state.group(), state.end()
        if not name.endswith(".") and text[end : end + 1] == " " and text[end + 1 : end + 2].isupper():
            continue  # "Jordan Pike"
        if names_a_state(gazetteer().lookup(name)) or (name.endswith(".") and  # "Kent, England."
                                                       names_a_state(gazetteer().lookup(name[:-1]))):
            found.add(town)
    return found


def _name_parts(text: str, tokens: list[Token]) -> frozenset[str]:
    """Words that this text uses inside multi-word proper names (people, organisations).

    The second word of a pair of capitalised words whose first is not a descriptor: "Marta
    Henry" gives "Henry", so a later bare "Henry" is the person. Only the second word, since
    organisations put their place first ("Tabriz Public Schools"). A middle initial counts as
    the first word ("Anna K. Ardmore"), a compass initial does not ("in E. Lansing").
    """
    parts: set[str] = set()
    for k, (left, right) in enumerate(itertools.pairwise(tokens)):
        gap = text[left.end : right.start]
        initial = (gap == ". " and len(left.text) == 1 and k > 0 and tokens[k - 1].capitalised
                   and text[tokens[k - 1].end : left.start] == " ")
        if (
            left.capitalised
            and right.capitalised
            and (gap == " " or initial)
            and left.lower not in DESCRIPTORS
            and left.lower not in FUNCTION_WORDS
            and left.lower not in CONNECTORS
            and (not left.text.isupper() or len(left.text.rstrip(".")) == 1)  # "Anna K. Ardmore"
            and not right.text.isupper()
        ):
            parts.add(right.text)
    return frozenset(parts)


def names_a_state(entries: tuple[Entry, ...]) -> bool:
    """A country, or a big first-level region whose name is not also its own city's
    ("Texas", "Georgia"; not "Vladimir" or "Astrakhan", which are cities too)."""
    if any(e.place.kind == "country" for e in entries):
        return True
    cities = {(e.place.country_code, e.place.admin1) for e in entries if e.place.kind == "city"}
    return any(
        e.feature == "ADM1" and e.place.population >= STATE_MIN_POPULATION
        and (e.place.country_code, e.place.admin1) not in cities
        for e in entries
    )


def own_name_entries(surface: str, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """A common phrase ("White House") counts only as a place's own name (or its short form: "New
    York" for New York City), not as the translation of another name that a city also carries
    (Casablanca)."""
    if zipf(surface.lower()) < COMMON_WORD_ZIPF:
        return entries
    return tuple(e for e in entries if e.primary or e.place.kind != "city" or spelling_of_main_name(surface, e)
                 or short_form_of_main_name(surface, e))


T = TypeVar("T")


class _cached(Generic[T]):  # noqa: N801 - reads as a decorator
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first read,
    and a long article builds thousands of candidates, each read by several rules)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__

    @overload
    def __get__(self, obj: None, owner: type) -> _cached[T]: ...
    @overload
    def __get__(self, obj: object, owner: type) -> T: ...
    def __get__(self, obj: object, owner: type) -> T | _cached[T]:
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value


@dataclass
class Candidate:
    """One gazetteer match in its text: everything the rules read, computed when first asked."""

    text: str
    tokens: list[Token]
    i: int  # index of the first token
    width: int  # number of tokens
    matched: tuple[Entry, ...]  # the gazetteer's entries for the surface
    title_line: bool  # the match is on a headline (every word capitalised)
    facts: TextFacts
    prev_place_end: int  # end offset of the place recognised just before, or -1
    starts_place: Callable[[str, list[Token], int, bool], bool]  # does a notable place start at token j?

    @_cached
    def first(self) -> Token:
        return self.tokens[self.i]

    @_cached
    def last(self) -> Token:
        return self.tokens[self.i + self.width - 1]

    @_cached
    def surface(self) -> str:
        return self.text[self.first.start : self.last.end]

    @_cached
    def entries(self) -> tuple[Entry, ...]:
        return own_name_entries(self.surface, self.matched) if self.width > 1 else self.matched

    @_cached
    def exact_abbr(self) -> bool:
        """Written exactly as a listed abbreviation ("U.S.", "Ga.")."""
        return any(self.surface in e.exact for e in self.entries)

    @_cached
    def major(self) -> bool:
        """A country, continent, region or water body, not a town or an administrative area."""
        return any(e.place.kind in ("country", "continent") or e.feature not in ("PPL", "PPLC", "ADM1", "ADM2")
                   for e in self.entries)

    @_cached
    def population(self) -> int:
        return max((e.place.population for e in self.entries), default=0)

    @_cached
    def state_like(self) -> bool:
        return any(e.feature == "ADM1" and e.place.population >= STATE_MIN_POPULATION for e in self.entries)

    @_cached
    def has_country(self) -> bool:
        return any(e.place.kind == "country" for e in self.entries)

    @_cached
    def prev(self) -> Token | None:
        return self.tokens[self.i - 1] if self.i > 0 else None

    @_cached
    def next(self) -> Token | None:
        j = self.i + self.width
        return self.tokens[j] if j < len(self.tokens) else None

    @_cached
    def cue(self) -> str | None:
        return context_cue(self.text, self.first.start, self.last.end)

    @_cached
    def word_zipf(self) -> float:
        """How common the single word is in English."""
        return zipf(self.first.lower)

    @_cached
    def locative(self) -> bool:
        """A cue word or a locative preposition ("in", "near the") says a place follows."""
        return self.cue is not None or bool(LOCATIVE_BEFORE.search(self.before(LOCATIVE_WINDOW)))

    @property
    def located(self) -> bool:
        """The text puts this word after "in", "from"... somewhere."""
        return self.surface in self.facts.located

    @_cached
    def sentence(self) -> str:
        """The sentence around the match (up to ``SENTENCE_WINDOW`` characters each side)."""
        window = max(0, self.first.start - SENTENCE_WINDOW)
        start = max(self.text.rfind(mark, window, self.first.start) for mark in ".!?\n")
        start = window - 1 if start < 0 else start
        ends = [self.text.find(mark, self.last.end, self.last.end + SENTENCE_WINDOW) for mark in ".!?\n"]
        end = min([e for e in ends if e >= 0], default=min(len(self.text), self.last.end + SENTENCE_WINDOW))
        return self.text[start + 1 : end]

    def before(self, chars: int) -> str:
        return self.text[max(0, self.first.start - chars) : self.first.start]

    def after(self, chars: int) -> str:
        return self.text[self.last.end : self.last.end + chars]

    @property
    def checks_glue(self) -> bool:
        """Glue to neighbouring capitalised words means something: not on a headline, and not
        an abbreviation written exactly so."""
        return not self.title_line and not self.exact_abbr

    @property
    def confidence(self) -> float:
        base = PLACE_CONFIDENCE if self.width > 1 or self.major else SINGLE_WORD_CONFIDENCE
        return min([base, *(caution.confidence for caution in CAUTIONS if caution.test(self))])

    # -- glue to the following words -----------------------------------------------------------
    @_cached
    def glued_to_next_name(self) -> bool:
        """A capitalised word follows ("Paris Hilton", "Kerman Road") and starts no place itself."""
        nxt = self.next
        if nxt is None or not nxt.capitalised:
            return False
        gap = self.text[self.last.end : nxt.start]
        return (
            gap in (" ", "-")
            and nxt.lower not in CONNECTORS
            and not LEVEL_WORD.search(self.last.text)
            and nxt.lower not in CALENDAR
            and not self.starts_place(self.text, self.tokens, self.i + self.width, gap == "-")
        )

    @_cached
    def names_its_place(self) -> bool:
        """Is "<place> <Words>" an institution of that place ("Kerman Arts Council", "Texas Forest
        Service", "Tabriz Police")? Then the place is mentioned. Not so for an international body,
        a road or a newspaper ("Shanghai Cooperation Organization", "Kerman Road", "Washington
        Post"), nor for other pairs ("Vladimir Putin", "Paris Hilton"): the words must end in the
        head noun of an institution, unless the place is known to be meant: names that start with
        a state or a country ("Georgia Power"), or with a town the text places things in ("in
        Kerman" ... "Kerman Singers"), are that place's bodies and firms, seldom people.
        """
        j = self.i + self.width
        chunk = [self.tokens[j]]
        while j + 1 < len(self.tokens) and self.tokens[j + 1].capitalised and gap_ok(self.text, self.tokens[j],
                                                                                        self.tokens[j + 1]):
            j += 1
            chunk.append(self.tokens[j])
        words = [t.lower for t in chunk]
        if words[0] in LOCAL_INSTITUTION:
            return True
        if words[-1] in INSTITUTION_HEADS and not any(w in NOT_OF_THE_PLACE and w not in ROAD_WORDS for w in words):
            return not any(t.text.isupper() for t in chunk)  # "Texas Highway Patrol": a road word inside
        if any(w in NOT_OF_THE_PLACE for w in words) or any(t.text.isupper() for t in chunk):
            return False
        return names_a_state(self.entries) or self.located


# -- the rules ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """A named test; ``test(candidate)`` is True when the rule rejects the candidate."""

    name: str
    test: Callable[[Candidate], bool]


@dataclass(frozen=True, slots=True)
class Caution:
    """A named test that keeps a candidate but caps its confidence."""

    name: str
    test: Callable[[Candidate], bool]
    confidence: float


def _another_citys_phrase(c: Candidate) -> bool:
    """A common phrase that only a city's unrelated alternate name matches (see own_name_entries)."""
    return not c.entries


def _calendar_or_generic_word(c: Candidate) -> bool:
    """"March", "Central", "Gulf" alone: a month, a compass word or a feature word, not a name."""
    word = c.first.lower
    return c.width == 1 and (word in CALENDAR or word in DESCRIPTORS or word in GENERIC_FEATURE_WORDS)


def _line_or_body(c: Candidate) -> bool:
    """"Zangezur Corridor", "the Warsaw pact": a line or a body named after the place."""
    return bool(NOT_A_POINT_AFTER.match(c.after(LINE_WINDOW)))


def _news_outlet(c: Candidate) -> bool:
    """"the news agency Fars", "Fars news agency": an outlet named after a place."""
    return not c.has_country and bool(
        MEDIA_BEFORE.search(c.before(OUTLET_WINDOW)) or MEDIA_AFTER.match(c.after(OUTLET_WINDOW))
    )


def _firm(c: Candidate) -> bool:
    """"Harper & Lowe": a firm."""
    around = c.before(FIRM_WINDOW) + "|" + c.after(FIRM_WINDOW)
    return " & " in around or "|&" in around


def _inside_organisation(c: Candidate) -> bool:
    """"International Committee of the Red Cross": a town's name inside an organisation's."""
    return not c.major and c.population < TOWN_MAX_POPULATION and bool(OF_THE_BEFORE.search(c.before(ORGANISATION_WINDOW)))


def _named_institution(c: Candidate) -> bool:
    """"the University of Texas", "the District Court of Maryland", "the Times of India": the
    place names an institution or a publication."""
    return bool(INSTITUTION_OF.search(c.before(ORGANISATION_WINDOW)))


def _club_prefix(c: Candidate) -> bool:
    """"Real Madrid", "Inter Milan", "AC Milan": a sports club."""
    prev = c.prev
    return (prev is not None and prev.capitalised and prev.lower in CLUB_PREFIXES
            and c.text[prev.end : c.first.start] == " ")


def _sports_team(c: Candidate) -> bool:
    """In a sentence about sport, a place glued to a following capitalised word names a club or
    a team ("Manchester City beat ...", "the Minnesota Vikings' coach")."""
    nxt = c.next
    return (
        nxt is not None
        and nxt.capitalised
        and c.text[c.last.end : nxt.start] == " "
        and nxt.lower not in CONNECTORS
        and nxt.lower not in CALENDAR
        and not LEVEL_WORD.search(c.last.text)
        and not LEVEL_WORD.match(nxt.text)
        and bool(SPORTS.search(c.sentence))
    )


def _quoted_title(c: Candidate) -> bool:
    """Inside a quoted or starred title-case phrase: the title of a work ("“Midnight in Paris”")."""
    line_start = c.text.rfind("\n", 0, c.first.start) + 1
    before = c.text[max(line_start, c.first.start - QUOTE_WINDOW) : c.first.start]
    opening = max(before.rfind(q) for q in "“\"*")
    if opening < 0:
        return False
    quote = before[opening]
    closing_mark = "”" if quote == "“" else quote
    after = c.text[c.last.end : c.last.end + QUOTE_WINDOW]
    closing = after.find(closing_mark)
    if closing < 0 or "\n" in after[:closing]:
        return False
    content = before[opening + 1 :] + c.surface + after[:closing]
    words = [w for w in content.split() if w.lower() not in FUNCTION_WORDS]
    if content.strip() == c.surface or len(content.split()) < 2 or any(m in content for m in ".;:!?"):
        return False
    return sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _patron_saint(c: Candidate) -> bool:
    """"St. Mary's Hospital", "St John's College": a saint's name on an institution."""
    return c.first.text in ("St.", "St", "Saint", "Ste.") and bool(PATRON_AFTER.match(c.after(OUTLET_WINDOW)))


def _person_pair(c: Candidate) -> bool:
    """Glued to a following word that the text uses alone as a speaker: a person's first name
    ("Paris Hilton" ... "Hilton said")."""
    nxt = c.next
    return (nxt is not None and nxt.capitalised and c.text[c.last.end : nxt.start] == " "
            and nxt.text in c.facts.speakers and c.width == 1)


def _presidency(c: Candidate) -> bool:
    """"the Bush administration", "Bush-era": a town sharing a president's name is not meant
    (a country's, a capital's or a great city's administration is its government: still a place)."""
    return (bool(PRESIDENCY_AFTER.match(c.after(OUTLET_WINDOW))) and not c.major
            and c.population < STATE_MIN_POPULATION and not any(e.feature == "PPLC" for e in c.entries))


def _era(c: Candidate) -> bool:
    """"300 B.C.": an era after a number, not British Columbia."""
    return c.surface in ERAS and bool(AFTER_NUMBER.search(c.before(FIRM_WINDOW)))


def _demonym(c: Candidate) -> bool:
    """"Iranian" is an adjective; demonyms are returned only on request."""
    return c.width == 1 and c.first.text in demonyms()


def _minor_alternate_name(c: Candidate) -> bool:
    """Only a minor town's unrelated alternate name ("Hamas" for Hamm): too weak."""
    return not any(
        e.primary or e.place.kind != "city" or e.place.population >= ALTERNATE_MIN_POPULATION
        or spelling_of_main_name(c.surface, e)
        for e in c.entries
    )


def _glued_to_next(c: Candidate) -> bool:
    """Glued to a following capitalised word that is not an institution of the place:
    part of a longer name ("Paris Hilton", "Kerman Road")."""
    return c.checks_glue and c.glued_to_next_name and not c.names_its_place


def _glued_to_previous(c: Candidate) -> bool:
    """Glued to a preceding capitalised word that is not a descriptor: a person or an
    organisation ("Vladimir Putin"), unless the text also puts the name after "in"/"from"...
    elsewhere. "Baku-Tbilisi-Kars": hyphen-joined places are each a place of their own. A
    country or a state after the word that opens the sentence is that country ("Neighbouring
    Chad", "Introducing Peru"): the word is capitalised only because it comes first."""
    prev = c.prev
    if not c.checks_glue or prev is None or not prev.capitalised:
        return False
    if (c.has_country or c.state_like) and sentence_initial(c.text, prev):
        return False
    gap = c.text[prev.end : c.first.start]
    return (
        (gap == " " or (gap == "-" and len(prev.text) > 1))
        and prev.lower not in DESCRIPTORS
        and prev.lower not in FUNCTION_WORDS
        and prev.lower not in CALENDAR
        and not c.located
        and not (gap == "-" and prev.end == c.prev_place_end)
    )


def _after_a_title(c: Candidate) -> bool:
    """"President Vladimir Putin", "Gov. Jordan", "Mr. Jordan": a title makes the name a person's."""
    prev = c.prev
    return (prev is not None and prev.lower in TITLES
            and (gap_ok(c.text, prev, c.first) or c.text[prev.end : c.first.start] == ". "))


def _currency(c: Candidate) -> bool:
    """"Hong Kong$", "Singapore$": a currency."""
    return c.after(1) == "$"


def _disease(c: Candidate) -> bool:
    """"Marburg virus", "West Nile fever": a disease or strain named after a place."""
    return not c.major and not c.state_like and bool(DISEASE_AFTER.match(c.after(DISEASE_WINDOW)))


def _part_of_a_name_elsewhere(c: Candidate) -> bool:
    """The same word is part of a longer name elsewhere in the text ("John Ardmore" ... "Ardmore"),
    or, for a small town, the text has it say something ("Ardmore said")."""
    word = c.first.text
    return (
        c.width == 1
        and not c.major
        and not c.located
        and ((word in c.facts.name_parts and c.population < STATE_MIN_POPULATION)
             or (word in c.facts.speakers and c.population < SPEAKER_MAX_POPULATION))
    )


def _acronym(c: Candidate) -> bool:
    """ALL-CAPS words in running text are mostly acronyms or shouting, not small towns
    (a dateline, "KERMAN —", is the exception)."""
    return (
        c.surface.isupper()
        and len(c.surface) > 4
        and not c.title_line
        and not c.major
        and c.population < TOWN_MAX_POPULATION
        and not DATELINE.match(c.text, c.first.start)
    )


def _common_phrase(c: Candidate) -> bool:
    """"White House", "Red Cross": a common phrase that is also a hamlet's name."""
    return (
        c.width > 1
        and not c.major
        and c.population < TOWN_MAX_POPULATION
        and not LEVEL_WORD.match(c.last.text)
        and not LOCATIVE_DIRECT.search(c.before(DIRECT_LOCATIVE_WINDOW))
        and zipf(c.surface.lower()) >= COMMON_WORD_ZIPF
    )


def _plain_word(c: Candidate) -> bool:
    """A single word that needs the commonness tests: not a major place, not an abbreviation."""
    return c.width == 1 and not c.major and not c.exact_abbr


def _very_common_word(c: Candidate) -> bool:
    """"Media", "Along": only a state or a very large city may be meant."""
    return (_plain_word(c) and c.word_zipf >= VERY_COMMON_WORD_ZIPF
            and not (c.state_like or c.population >= VERY_COMMON_WORD_MIN_POPULATION))


def _common_word(c: Candidate) -> bool:
    """A common English word needs a locative cue unless the place is big."""
    return (_plain_word(c) and c.word_zipf >= COMMON_WORD_ZIPF
            and not (c.locative or c.state_like or c.population >= COMMON_WORD_MIN_POPULATION))


def _sentence_start_word(c: Candidate) -> bool:
    """An English word capitalised only because it opens a sentence."""
    return (_plain_word(c) and c.word_zipf >= SENTENCE_START_ZIPF and sentence_initial(c.text, c.first)
            and not (c.locative or c.population >= TOWN_MAX_POPULATION))


def _word_for_a_small_place(c: Candidate) -> bool:
    """A fairly common word that names only small places needs a locative cue."""
    return (_plain_word(c) and c.word_zipf >= RARE_PLACE_WORD_ZIPF
            and not (c.locative or c.population >= RARE_WORD_MIN_POPULATION))


RULES: tuple[Rule, ...] = (
    Rule("another-citys-phrase", _another_citys_phrase),
    Rule("calendar-or-generic-word", _calendar_or_generic_word),
    Rule("line-or-body", _line_or_body),
    Rule("news-outlet", _news_outlet),
    Rule("firm", _firm),
    Rule("inside-organisation", _inside_organisation),
    Rule("named-institution", _named_institution),
    Rule("club-prefix", _club_prefix),
    Rule("sports-team", _sports_team),
    Rule("quoted-title", _quoted_title),
    Rule("patron-saint", _patron_saint),
    Rule("person-pair", _person_pair),
    Rule("presidency", _presidency),
    Rule("era", _era),
    Rule("demonym", _demonym),
    Rule("minor-alternate-name", _minor_alternate_name),
    Rule("glued-to-next", _glued_to_next),
    Rule("glued-to-previous", _glued_to_previous),
    Rule("after-a-title", _after_a_title),
    Rule("currency", _currency),
    Rule("disease", _disease),
    Rule("part-of-a-name-elsewhere", _part_of_a_name_elsewhere),
    Rule("acronym", _acronym),
    Rule("common-phrase", _common_phrase),
    Rule("very-common-word", _very_common_word),
    Rule("common-word", _common_word),
    Rule("sentence-start-word", _sentence_start_word),
    Rule("word-for-a-small-place", _word_for_a_small_place),
)
"""Applied in order; the first that fires rejects the candidate."""


def _institution_of_the_place(c: Candidate) -> bool:
    """"Tabriz Police": the place is mentioned, but as part of a longer name."""
    return c.checks_glue and c.glued_to_next_name and c.names_its_place


def _english_word(c: Candidate) -> bool:
    return _plain_word(c) and c.word_zipf >= DOUBTFUL_WORD_ZIPF


CAUTIONS: tuple[Caution, ...] = (
    Caution("institution-of-the-place", _institution_of_the_place, DOUBTFUL_CONFIDENCE),
    Caution("english-word", _english_word, DOUBTFUL_CONFIDENCE),
)


def rejection(candidate: Candidate) -> Rule | None:
    """The first rule that rejects ``candidate``, or None when it is a place mention."""
    return next((rule for rule in RULES if rule.test(candidate)), None)
