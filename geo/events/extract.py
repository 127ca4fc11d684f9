"""Events: who did what, where and when, as one sentence of an article tells it.

Which words tell an event is :mod:`geo.events.triggers`' job; this module gives each trigger its
place, interval and actors, carrying them over between sentences the way a reader does.

The place of an event is one of the sentence's resolved toponyms, preferring one introduced
by "in", "at" or "to" next to the trigger; a sentence without one ("the exercises took place
from July 8-12") takes the place of the sentences just before it. The interval is the nearest
temporal expression (see :mod:`geo.events.dates`), anchored on the document date.

:func:`extract_events` is a pure function of a document and its already-resolved toponyms.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING, cast

from geo.events.actors import canonical_names, people
from geo.events.dates import TimeMention, pick_interval, resolve_dates
from geo.events.triggers import (
    CONTEXT_HINT,
    REPORTING_HINT,
    VISIT_WORDS,
    Trigger,
    find_triggers,
    may_tell_event,
)
from geo.events.types import specificity
from geo.geodesy import distance_km
from geo.models import Document, Event, Interval, Toponym
from geo.text.language import language_model
from geo.text.sentences import split_sentences

if TYPE_CHECKING:
    from spacy.pipeline import Pipe
    from spacy.tokens import Doc, Token

CONTEXT_SENTENCES = 3
"""How many sentences back a place or actors may be carried over to a sentence that names none."""
MAX_CONFERENCE_DAYS = 14
FACILITY_CITY_KM = 60.0
"""An airport or port stands for the city it serves when that city is this close."""

_PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "into", "near", "inside", "outside", "across", "towards", "toward"})
_TOPIC_PREPOSITIONS = frozenset({"on", "about", "regarding", "concerning", "over", "against"})
_SIDE_CLAUSES = frozenset({"advcl", "ccomp", "parataxis", "relcl", "acl", "xcomp"})
_SAME_DAY = re.compile(r"\b(?:on\s+)?the\s+same\s+day\b|\bthat\s+(?:same\s+)?day\b", re.I)
_FACILITY_HEADS = frozenset({"airport", "port", "harbour", "harbor", "station", "base", "terminal", "seaport"})
_KIND_RANK = {"facility": 0, "city": 1, "admin": 2, "water": 3, "country": 4, "region": 5, "continent": 6}


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence: its text, where it starts in the document, its parse (only for
    sentences with a possible trigger) and its toponyms (document offsets)."""

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


@dataclass(slots=True)
class _Context:
    """What the preceding sentences established: carried over to sentences that omit it."""

    place: Toponym | None = None
    place_sentence: int = -10
    interval: Interval | None = None
    interval_sentence: int = -10
    interval_paragraph: int = -1
    actors: tuple[str, ...] = ()
    actors_sentence: int = -10
    event_places: list[Toponym] = field(default_factory=list)
    actor_places: dict[str, Toponym] = field(default_factory=dict)
    unnamed: list[tuple[int, _Sentence]] = field(default_factory=list)
    """Sentences after ``actors_sentence`` left unparsed, that may name people."""
    unplaced: list[tuple[int, _Sentence]] = field(default_factory=list)
    """Sentences after ``place_sentence`` left unparsed, whose toponyms may be strong."""
    parses: dict[int, Doc] = field(default_factory=dict)

    def defer(self, index: int, here: _Sentence) -> None:
        """Remember an unparsed sentence: its parse may be needed by the sentences after it."""
        self.unnamed.append((index, here))
        if here.toponyms:
            self.unplaced.append((index, here))

    def _parse(self, index: int, here: _Sentence) -> Doc:
        if index not in self.parses:
            self.parses[index] = language_model()(here.text)
        return self.parses[index]

    def _parsed(self, index: int, here: _Sentence) -> _Sentence:
        return replace(here, parsed=self._parse(index, here))

    def recent_actors(self, index: int) -> tuple[str, ...]:
        """The people of the latest sentence that named some, within reach of sentence ``index``.

        Deferred sentences are parsed now, latest first, and only as far back as needed.
        """
        for sentence, here in reversed(self.unnamed):
            if index - sentence > CONTEXT_SENTENCES:
                break  # out of reach, and so is anything named before it
            names = tuple(name for _, name in people(self._parse(sentence, here)))
            if names:
                self.actors, self.actors_sentence = names, sentence
                break
        self.unnamed.clear()  # the later ones named nobody; the earlier ones are superseded
        return self.actors if index - self.actors_sentence <= CONTEXT_SENTENCES else ()

    def recent_place(self, index: int) -> Toponym | None:
        """The place the latest sentences established, within reach of sentence ``index``."""
        for sentence, here in reversed(self.unplaced):
            if index - sentence > CONTEXT_SENTENCES:
                break
            parsed = self._parsed(sentence, here)
            strong = [t for t in parsed.toponyms if _introduced(parsed, t)]
            if strong:
                self.place, self.place_sentence = strong[0], sentence
                break
        self.unplaced.clear()
        if self.place is not None and index - self.place_sentence <= CONTEXT_SENTENCES:
            return self.place
        return None


# --------------------------------------------------------------------------- public API


def extract_events(doc: Document, toponyms: Sequence[Toponym]) -> list[Event]:
    """Events told by ``doc``, placed on its ``toponyms`` (resolved mentions in ``doc.text``).

    An event's place is the toponym of its own sentence or, when the sentence names none, the
    earlier mention it was carried over from. A headline on its own line tells no event of its
    own (the article body tells it again, with the details).
    """
    return extract_events_batch([(doc, toponyms)])[0]


def extract_events_batch(items: Sequence[tuple[Document, Sequence[Toponym]]]) -> list[list[Event]]:
    """:func:`extract_events` of several documents, their sentences parsed in one spaCy batch.

    One batch for many short documents parses about a tenth faster than a call per document.
    """
    plans = [_SentencePlan.of(doc, toponyms) for doc, toponyms in items]
    parses = _parse_eager(plans)
    return [plan.events(doc, parsed) for (doc, _), plan, parsed in zip(items, plans, parses, strict=True)]


def _parse_eager(plans: Sequence[_SentencePlan]) -> list[dict[int, Doc]]:
    """Parse the plans' eager sentences; keep those where an event word was found.

    Names are recognised last, and only in sentences where a trigger may be: the entity
    recogniser is the dearest step of the pipeline, and a trigger test without entities is
    generous (see :func:`geo.events.triggers.find_triggers`), so no event is lost. A sentence without
    a trigger is treated like a lazy one: parsed again, fully, only if a later sentence needs it.
    """
    nlp = language_model()
    keys = [(n, index) for n, plan in enumerate(plans) for index in plan.eager]
    docs = nlp.pipe([plans[n].texts[index] for n, index in keys], disable=["ner"])
    hopeful = [
        (key, doc) for key, doc in zip(keys, docs, strict=True)
        if find_triggers(doc, dated=bool(plans[key[0]].dates[key[1]]))
    ]
    recogniser = cast("Pipe", nlp.get_pipe("ner"))
    for _ in recogniser.pipe(doc for _, doc in hopeful):
        pass  # annotates the docs in place
    parsed: list[dict[int, Doc]] = [{} for _ in plans]
    for (n, index), doc in hopeful:
        parsed[n][index] = doc
    return parsed


@dataclass(frozen=True, slots=True)
class _SentencePlan:
    """A document cut into sentences, each with its toponyms and dates, and which to parse."""

    spans: list[tuple[int, int]]
    texts: list[str]
    placed: list[Sequence[Toponym]]
    dates: list[list[TimeMention]]
    eager: list[int]
    lazy: set[int]

    @classmethod
    def of(cls, doc: Document, toponyms: Sequence[Toponym]) -> _SentencePlan:
        spans = list(split_sentences(doc.text).spans)
        if spans and doc.title and doc.text.startswith(doc.title + "\n") and spans[0] == (0, len(doc.title)):
            spans = spans[1:]
        ordered = sorted(toponyms, key=lambda t: t.start)
        starts = [t.start for t in ordered]
        texts = [doc.text[start:end] for start, end in spans]
        placed: list[Sequence[Toponym]] = [
            ordered[bisect_left(starts, start) : bisect_right(starts, end - 1)] for start, end in spans]
        dates = [resolve_dates(text, doc.published, doc.date_precision) for text in texts]
        eager, lazy = _parse_plan(texts, placed, dates)
        return cls(spans, texts, placed, dates, eager, lazy)

    def events(self, doc: Document, parsed: dict[int, Doc]) -> list[Event]:
        """The document's events, given the parses of the eager sentences that may tell one."""
        newlines = [i for i, char in enumerate(doc.text) if char == "\n"]
        context = _Context()
        events: list[Event] = []
        for index, (start, end) in enumerate(self.spans):
            here = _Sentence(self.texts[index], start, bisect_left(newlines, start), parsed.get(index), self.placed[index])
            mentions = self.dates[index]
            found = _sentence_events(doc, here, mentions, index, (start, end), context) if here.parsed else []
            deferred = index in self.lazy or (index in self.eager and index not in parsed)
            _update_context(context, index, here, mentions, found, deferred=deferred)
            events.extend(found)
        return _merge_duplicates(_canonical_actors(events))


def _parse_plan(texts: Sequence[str], placed: Sequence[Sequence[Toponym]],
                dates: Sequence[list[TimeMention]]) -> tuple[list[int], set[int]]:
    """Which sentences to parse now, and which only if a later sentence needs their people or place.

    Only sentences the broad net (``CONTEXT_HINT``) catches are parsed at all. Of those, parsed
    now: a sentence with words that may tell an event, and one with a word of saying that names
    a place or a date (a statement without either tells no event). The others tell no event:
    they are parsed only when a later sentence needs the people they name ("he met...") or the
    place they give ("the talks were held there").
    """
    eager: list[int] = []
    lazy: set[int] = set()
    for index, text in enumerate(texts):
        if not CONTEXT_HINT.search(text):
            continue
        if may_tell_event(text) or ((placed[index] or dates[index]) and REPORTING_HINT.search(text)):
            eager.append(index)
        else:
            lazy.add(index)
    return eager, lazy


def event_id(doc_id: str, sentence: tuple[int, int], event_type: str, trigger: int) -> str:
    """Stable id: the same event of the same text always gets the same id."""
    key = f"{doc_id}:{sentence[0]}:{sentence[1]}:{event_type}:{trigger}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]  # noqa: S324 - an id, not security


# --------------------------------------------------------------------------- one sentence


def _sentence_events(doc: Document, here: _Sentence, mentions: list[TimeMention],
                     index: int, span: tuple[int, int], context: _Context) -> list[Event]:
    parsed = here.parsed
    if parsed is None:
        return []
    triggers = find_triggers(parsed, dated=bool(mentions))
    if any(t.type != "statement" for t in triggers):
        triggers = [t for t in triggers if t.type != "statement"]  # a statement only when nothing happened
    persons = people(parsed, exclude=[(t.start - here.base, t.end - here.base) for t in here.toponyms])
    results: list[tuple[Trigger, Toponym | None, Interval, float, tuple[str, ...]]] = []
    for trigger in triggers:
        actors = _actors_for(trigger, persons, parsed, index, context)
        place, place_score = _choose_place(here, trigger, triggers, index, context, actors)
        interval, explicit = _choose_interval(trigger, mentions, doc, index, context, here)
        if trigger.type == "statement" and place is None and not explicit:
            continue  # a quote becomes an event only when the text anchors it in place or time
        confidence = trigger.strength + place_score + (0.1 if explicit else 0.0)
        results.append((trigger, place, interval, round(min(0.99, max(0.05, confidence)), 2), actors))
    kept = _one_per_place_and_time(results)
    events = []
    for trigger, place, interval, confidence, actors in kept:
        events.append(Event(
            event_id=event_id(doc.doc_id, span, trigger.type, trigger.offset),
            doc_id=doc.doc_id,
            document=doc.file_name,
            type=trigger.type,
            interval=interval,
            place=place,
            actors=actors,
            sentence=parsed.text,
            confidence=confidence,
        ))
    return events


_Candidate = tuple[Trigger, Toponym | None, Interval, float, tuple[str, ...]]


def _one_per_place_and_time(results: list[_Candidate]) -> list[_Candidate]:
    """Two triggers of one sentence at the same place and time tell one event: keep the most
    specific type ("arrived in Tehran, where he met" is a visit; "speaks during a press
    conference" is a press conference). One sentence tells at most one event of each type."""
    kept: list[_Candidate] = []
    for result in sorted(results, key=lambda r: (specificity(r[0].type), r[0].offset)):
        trigger, place, interval, _, _ = result
        same_time_and_place = any(_place_key(k[1]) == _place_key(place) and _overlap(k[2], interval) for k in kept)
        if not same_time_and_place and all(k[0].type != trigger.type for k in kept):
            kept.append(result)
    return sorted(kept, key=lambda r: r[0].offset)


# --------------------------------------------------------------------------- place


def _choose_place(here: _Sentence, trigger: Trigger, triggers: list[Trigger], index: int,
                  context: _Context, actors: tuple[str, ...]) -> tuple[Toponym | None, float]:
    """The event's place and how much it adds to the confidence.

    Order: a toponym introduced by in/at/to in the trigger's own clause; one anywhere in the
    sentence; where the event's actors were last placed; the place of the sentences just
    before; any other toponym of the sentence.
    Statements take only a place of their own clause (what is said is not where it was said).
    """
    region = _region(here, trigger, triggers)
    strong = [t for t in here.toponyms if _introduced(here, t) and not _in_side_clause(here, t, trigger)]
    own = [t for t in strong if here.token_at(t) in region]
    if trigger.type == "statement":  # "said in Moscow", not "said that ... in Moscow"
        own = [t for t in own if (p := _introducer(here, t)) is not None and p.head.i == trigger.token]
        return (_nearest(here, own, trigger), 0.25) if own else (None, -0.1)
    if own:
        return _refine(here, _nearest(here, own, trigger), context), 0.3
    if strong:
        return _refine(here, _nearest(here, strong, trigger), context), 0.2
    known = [context.actor_places[key] for key in _actor_keys(actors) if key in context.actor_places]
    if known:
        return known[-1], 0.15  # where these people were last seen in the story
    if (recent := context.recent_place(index)) is not None:
        return recent, 0.1
    weak = [t for t in here.toponyms if not _possessive(here, t)]
    if weak:
        return _nearest(here, weak, trigger), 0.0
    return None, -0.2


def _region(here: _Sentence, trigger: Trigger, triggers: list[Trigger]) -> set[Token]:
    """The trigger's clause: its subtree without the subtrees of other triggers inside it."""
    assert here.parsed is not None  # noqa: S101 - only parsed sentences have triggers
    head = here.parsed[trigger.token]
    region = set(head.subtree)
    for other in triggers:
        token = here.parsed[other.token]
        if other is not trigger and token in region and token.i != head.i:
            region -= set(token.subtree)
    return region


def _in_side_clause(here: _Sentence, toponym: Toponym, trigger: Trigger) -> bool:
    """Is the toponym in a clause hanging off the trigger ("participated in discussions ...,
    addressing ... the landscape in the region")? Such a clause says more, not where."""
    token = here.token_at(toponym)
    if token is None:
        return False
    path: list[Token] = []
    for ancestor in [token, *token.ancestors]:
        if ancestor.i == trigger.token:
            return any(t.dep_ in _SIDE_CLAUSES for t in path)
        path.append(ancestor)
    return False


def _owns_facility(here: _Sentence, toponym: Toponym) -> bool:
    """"Moscow's Sheremetyevo Airport": a possessive that locates a facility."""
    token = here.token_at(toponym)
    return token is not None and token.dep_ == "poss" and token.head.lemma_.lower() in _FACILITY_HEADS


def _possessive(here: _Sentence, toponym: Toponym) -> bool:
    """"Iran's First Vice President": the place qualifies a person, it is not where things happen."""
    after = here.text[toponym.end - here.base :]
    return bool(re.match(r"['’]s?\b", after)) or toponym.text.endswith(("'s", "’s"))


_TEXT_INTRODUCED = re.compile(r"\b(?:in|at|to|into|near)\s+(?:the\s+)?$", re.I)


def _introduced(here: _Sentence, toponym: Toponym) -> bool:
    """Is the toponym introduced by in/at/to (possibly via "the capital of"), or the object of
    a visit, and not the topic of talk ("discussions on ... in the region")?"""
    if here.parsed is None:  # sentences without a trigger are not parsed: look at the words before
        return not _possessive(here, toponym) and bool(_TEXT_INTRODUCED.search(here.text[: here.local_start(toponym)]))
    if _possessive(here, toponym) and not _owns_facility(here, toponym):
        return False
    introducer = _introducer(here, toponym)
    return introducer is not None and not any(
        a.dep_ == "prep" and a.lower_ in _TOPIC_PREPOSITIONS for a in introducer.ancestors)


def _introducer(here: _Sentence, toponym: Toponym) -> Token | None:
    """The preposition (in/at/to...) or visit verb that introduces the toponym, if any."""
    token = here.token_at(toponym)
    for _ in range(8):
        if token is None:
            return None
        if token.dep_ == "pobj":
            preposition = token.head
            if preposition.lower_ in _PLACE_PREPOSITIONS:
                return preposition
            if preposition.lower_ != "of":
                return None
            token = preposition.head  # "the capital of Dushanbe", "the port of Salianka"
        elif token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in VISIT_WORDS:
            return token.head
        elif token.dep_ == "poss" and token.head.lemma_.lower() in _FACILITY_HEADS:
            token = token.head  # "at Moscow's Sheremetyevo Airport"
        elif token.dep_ in {"compound", "nmod", "amod"} and _inside_a_name(token, here, toponym):
            return None  # "the 6th China International Import Expo": part of another name
        elif token.dep_ in {"compound", "conj", "appos", "nmod", "amod"} and token.head.i != token.i:
            token = token.head
        else:
            return None
    return None


def _inside_a_name(token: Token, here: _Sentence, toponym: Toponym) -> bool:
    """Does the toponym modify a proper noun that is not a place or a facility named for it?"""
    head = token.head
    inside = toponym.start - here.base <= head.idx < toponym.end - here.base
    return head.pos_ == "PROPN" and not inside and head.lemma_.lower() not in _FACILITY_HEADS


def _nearest(here: _Sentence, toponyms: Sequence[Toponym], trigger: Trigger) -> Toponym:
    """The toponym whose phrase is closest to the trigger (after it before before it); within
    one phrase the most specific ("in New York City, U.S." is New York City)."""
    def key(t: Toponym) -> tuple[int, int, int]:
        introducer = _introducer(here, t) if here.parsed is not None else None
        anchor = introducer.idx if introducer is not None else here.local_start(t)
        distance = abs(anchor - trigger.offset) + (0 if anchor >= trigger.offset else 15)
        return distance, _KIND_RANK.get(t.kind, 9), here.local_start(t)

    return min(toponyms, key=key)


def _refine(here: _Sentence, place: Toponym, context: _Context) -> Toponym:
    """"During his stay in China" refers to the trip already told: use that trip's place in
    China. An airport or port stands for its city when the text names a city next to it."""
    if place.kind == "country" and _narrative_reference(here, place):
        earlier = [p for p in reversed(context.event_places)
                   if p.country_code == place.country_code and _KIND_RANK.get(p.kind, 9) < _KIND_RANK["country"]]
        if earlier:
            return earlier[0]
    if place.kind == "facility":
        cities = [t for t in (*here.toponyms, *context.event_places)
                  if t.kind == "city" and _km(t, place) <= FACILITY_CITY_KM]
        if cities:
            return min(cities, key=lambda t: _km(t, place))
    return place


def _narrative_reference(here: _Sentence, place: Toponym) -> bool:
    token = here.token_at(place)
    if token is None or token.dep_ != "pobj":
        return False
    noun = token.head.head
    return noun.lemma_.lower() in {"stay", "visit", "trip", "tour"} and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def _km(a: Toponym, b: Toponym) -> float:
    return distance_km((a.lon, a.lat), (b.lon, b.lat))


def _place_key(place: Toponym | None) -> str | None:
    return place.place_id if place is not None else None


# --------------------------------------------------------------------------- time


def _choose_interval(trigger: Trigger, mentions: list[TimeMention], doc: Document, index: int,
                     context: _Context, here: _Sentence) -> tuple[Interval, bool]:
    """The event's interval and whether the sentence itself stated it.

    A sentence without a date takes the one of the sentence just before in the same paragraph
    ("In January 2013, X travelled to Iran. Both countries agreed on a pact."), or any earlier
    one when it says "the same day"."""
    if mentions:
        interval = pick_interval(mentions, trigger.offset, doc.published, doc.date_precision)
        if trigger.type == "conference":
            interval = _conference_span(mentions, interval)
        return interval, True
    recent = index - context.interval_sentence <= 2 and context.interval_paragraph == here.paragraph
    if context.interval is not None and (_SAME_DAY.search(here.text) or recent):
        return context.interval, False
    return pick_interval([], trigger.offset, doc.published, doc.date_precision), False


def _conference_span(mentions: list[TimeMention], nearest: Interval) -> Interval:
    """A gathering lasts days: "attend the forum on Sunday, which commenced on Thursday" spans both."""
    days = [m.interval for m in mentions if m.interval.precision == "day" and m.interval.start and m.interval.end]
    if len(days) < 2 or nearest.precision != "day":
        return nearest
    start = min(i.start for i in days if i.start)
    end = max(i.end for i in days if i.end)
    if end - start > timedelta(days=MAX_CONFERENCE_DAYS):
        return nearest
    return Interval(start, end, "day")


def _overlap(a: Interval, b: Interval) -> bool:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return a.start is None and b.start is None
    return a.start <= b.end and b.start <= a.end


# --------------------------------------------------------------------------- actors and context


def _actors_for(trigger: Trigger, persons: list[tuple[int, str]], sentence: Doc, index: int,
                context: _Context) -> tuple[str, ...]:
    if trigger.type == "statement":
        subject = next((c for c in sentence[trigger.token].children if c.dep_ == "nsubj"), None)
        if subject is not None:
            inside = {t.idx for t in subject.subtree}
            persons = [p for p in persons if p[0] in inside or any(abs(p[0] - i) < 40 for i in inside)][:1]
    names = tuple(dict.fromkeys(name for _, name in persons))
    if not names and trigger.subject_is_pronoun:
        return context.recent_actors(index)
    return names


def _update_context(context: _Context, index: int, here: _Sentence, mentions: list[TimeMention],
                    events: list[Event], *, deferred: bool = False) -> None:
    """Remember this sentence's place, date and people for the sentences that follow.

    A ``deferred`` sentence (left unparsed, telling no event) gives its place and people only
    if a later sentence asks for them (see :class:`_Context`).
    """
    placed = [e.place for e in events if e.place is not None]
    for event in events:
        if event.place is not None and event.place.kind in {"city", "facility", "admin"}:
            context.actor_places.update(dict.fromkeys(_actor_keys(event.actors), event.place))
    strong = [] if deferred else [t for t in here.toponyms if _introduced(here, t)]
    if placed or strong:
        context.place, context.place_sentence = (placed or strong)[0], index
        context.unplaced.clear()
    context.event_places.extend(placed)
    closed = [m for m in mentions if not m.open_ended and m.interval.start is not None]
    if closed:
        context.interval, context.interval_sentence = closed[0].interval, index
        context.interval_paragraph = here.paragraph
    names = events[0].actors if events else ()
    if not names and here.parsed is not None:
        names = tuple(name for _, name in people(here.parsed))
    if names:
        context.actors, context.actors_sentence = names, index
        context.unnamed.clear()
    if deferred:
        context.defer(index, here)


def _actor_keys(actors: Iterable[str]) -> list[str]:
    """A person is known by surname across a story ("Rear Admiral Sayyari", "Sayyari")."""
    return [name.split()[-1].lower() for name in actors if name.split()]


def _canonical_actors(events: list[Event]) -> list[Event]:
    mapping = canonical_names(name for event in events for name in event.actors)
    return [replace(e, actors=tuple(dict.fromkeys(mapping[a] for a in e.actors))) for e in events]


def _nested(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    return set(first) <= set(second) or set(second) <= set(first)


def _merge_duplicates(events: list[Event]) -> list[Event]:
    """The same event told twice in a document ("arrived at Dushanbe ... He is there for a
    one-day visit") becomes one, with the actors of both and the higher confidence."""
    merged: list[Event] = []
    for event in events:
        twin = next((m for m in merged if m.type == event.type and m.place is not None and event.place is not None
                     and m.place.place_id == event.place.place_id and m.interval == event.interval
                     and _nested(m.actors, event.actors)), None)
        if twin is None:
            merged.append(event)
            continue
        position = merged.index(twin)
        merged[position] = replace(twin, actors=tuple(dict.fromkeys(twin.actors + event.actors)),
                                   confidence=max(twin.confidence, event.confidence))
    return merged
