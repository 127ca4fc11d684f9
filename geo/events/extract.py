"""Events: who did what, where and when, as the sentences of an article tell it.

Which words tell an event is :mod:`geo.events.triggers`' job (on a parse) and
:mod:`geo.events.statements`' (on the words); this module gives each event its place
(:mod:`geo.events.places`), its interval (:mod:`geo.events.dates`), its actors
(:mod:`geo.events.actors`) and its figures (:mod:`geo.events.figures`), all from the event's
own clause, and merges the sentences of one article that tell the same event again.

What is carried over between sentences is only what the text points back to: "he" or "the
two officials" (the people named just before), "there" (the place named just before) and
"the same day". A place or date is never borrowed from a neighbouring sentence otherwise.

:func:`extract_events` is a pure function of a document and its already-resolved toponyms.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from geo.events import figures
from geo.events.actors import canonical, known_people, people_in, phrase_actor, surname
from geo.events.dates import TimeMention, inferred_anchor, pick_interval, resolve_dates
from geo.events.merge import merge_mentions
from geo.events.places import (
    Sentence,
    anaphoric_place,
    clause_of,
    dateline_place,
    main_place,
    refine,
    seat_of_government,
    stated_place,
    strong_places,
    titled,
)
from geo.events.statements import find_statements, official_statements
from geo.events.triggers import (
    Trigger,
    event_nouns,
    find_triggers,
    governing_verb,
    may_tell_event,
    referent_noun,
)
from geo.events.types import BY_NAME
from geo.models import Actor, Document, Event, Interval, PlacePrecision, Precision, Side, Toponym
from geo.text.language import language_model
from geo.text.sentences import one_line, split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PRONOUNS = frozenset("he she they it we i you this that these those there".split())
HEADLINE_WORDS = 14
"""A first sentence of at most this many words may be a headline run into the text."""
CONTEXT_SENTENCES = 3
"""How many sentences back "he", "there" or "the same day" may point."""
MAX_CONFERENCE_DAYS = 14
CONFIDENCE = {"stated": 0.3, "dateline": 0.15, "document": 0.0, "none": -0.1}
"""What the source of the place adds to a trigger's strength."""
STATEMENT_STRENGTH = 0.45
_DATELINE = re.compile(r"(?:[A-Z]{2}[A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*"
                       r"(?:\([\w .]+\)\s*)?|\([A-Z][\w .]+\)\s*)(?:—|–|--|-|:)\s+")
"""A dateline: a place in capitals (with its state or country), a news agency in brackets, a dash."""
MIN_DATELINED = 20
"""Characters a sentence keeps after its dateline (else it is no sentence with a dateline)."""
_SAME_DAY = re.compile(r"\b(?:on\s+)?the\s+same\s+day\b|\bthat\s+(?:same\s+)?day\b", re.I)
_HERE = re.compile(r"\bin\s+(?:this\s+(?:[a-z-]+\s+){0,2})?(?:town|city)\b(?!\s+of\b)", re.I)
"""Words that place an event where the article is written from: "in this small town", "in town
for meetings"."""
_VIOLENCE = frozenset({"attack", "clash"})
_HARMED = frozenset({"kill", "wound", "injure", "shoot", "murder", "slay", "stab"})
_SAID = frozenset({"statement", "speech", "press_conference"})
_AGENT_DEPS = frozenset({"nsubj", "agent"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "prep"})
_OBJECT_IS_NO_ACTOR = frozenset({"visit", "deployment", "facility_opening", "military_exercise", "conference",
                                 "press_conference", "speech", "agreement", "protest"})
"""Types whose object is a place, a thing or the event itself ("visited the university",
"attended the forum"), not a party to it."""
_PARTNER_PREPOSITIONS = frozenset({"with", "between", "among", "against", "on"})


@dataclass(slots=True)
class _Context:
    """What the sentences before pointed at: people for "he", places for "there", the last
    stated date for "the same day", the last statement's speaker for "he added"."""

    actors: list[tuple[int, tuple[Actor, ...]]] = field(default_factory=list)
    places: list[Toponym] = field(default_factory=list)
    mentioned: list[tuple[int, str, Toponym]] = field(default_factory=list)
    """(sentence, type, place) of event nouns told with a place, events or not ("plans for
    exercises in the Caspian Sea"): what "the exercises" points back to."""
    interval: tuple[int, Interval] | None = None
    speaker: tuple[int, Actor] | None = None
    strong: tuple[int, list[Toponym]] = (-1, [])
    """The places a preposition introduced in the last sentence that had any, and its index."""
    gatherings: dict[str, Toponym] = field(default_factory=dict)
    """Named gatherings told with their place ("the World Economic Forum in Dar es Salaam"), for
    the rest of the article."""

    def recent_actors(self, index: int) -> tuple[Actor, ...]:
        for sentence, actors in reversed(self.actors):
            if index - sentence <= CONTEXT_SENTENCES:
                return actors
        return ()

    def recent_speaker(self, index: int) -> Actor | None:
        if self.speaker is not None and index - self.speaker[0] <= CONTEXT_SENTENCES:
            return self.speaker[1]
        return None


# --------------------------------------------------------------------------- public API


def extract_events(doc: Document, toponyms: Sequence[Toponym]) -> list[Event]:
    """Events told by ``doc``, placed on its ``toponyms`` (resolved mentions in ``doc.text``).

    One event per occurrence the article tells: sentences that tell it again are listed in
    its ``sentences``. A headline tells an event only when the body does not tell it again.
    """
    return extract_events_batch([(doc, toponyms)])[0]


def extract_events_batch(items: Sequence[tuple[Document, Sequence[Toponym]]]) -> list[list[Event]]:
    """:func:`extract_events` of several documents, their sentences parsed in one spaCy batch.

    Only sentences with a word that may tell an event are parsed, without the named-entity
    recogniser (the dearest step of the pipeline: names are read from the parse instead).
    """
    plans = [_Plan.of(doc, toponyms) for doc, toponyms in items]
    keys = [(n, index) for n, plan in enumerate(plans) for index in plan.eager]
    nlp = language_model()
    parsed: list[dict[int, Doc]] = [{} for _ in plans]
    docs = nlp.pipe([plans[n].texts[index] for n, index in keys], disable=["ner"])
    for (n, index), parse in zip(keys, docs, strict=True):
        parsed[n][index] = parse
    return [plan.events(doc, toponyms, parses)
            for (doc, toponyms), plan, parses in zip(items, plans, parsed, strict=True)]


def event_id(doc_id: str, sentence: tuple[int, int], event_type: str, trigger: int) -> str:
    """Stable id: the same event of the same text always gets the same id."""
    key = f"{doc_id}:{sentence[0]}:{sentence[1]}:{event_type}:{trigger}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]  # noqa: S324 - an id, not security


@dataclass(frozen=True, slots=True)
class _Plan:
    """A document cut into sentences, each with its toponyms and dates, and which to parse."""

    spans: list[tuple[int, int]]
    texts: list[str]
    placed: list[Sequence[Toponym]]
    dates: list[list[TimeMention]]
    eager: list[int]
    headline: int | None
    anchor: tuple[date | None, Precision]

    @classmethod
    def of(cls, doc: Document, toponyms: Sequence[Toponym]) -> _Plan:
        spans = [_after_dateline(doc.text, span) for span in split_sentences(doc.text).spans]
        headline = 0 if spans and titled(doc) and spans[0][1] <= len(doc.title) else None
        texts = [one_line(doc.text[start:end]) for start, end in spans]
        if headline is None and len(texts) > 1 and _looks_like_headline(texts[0]):
            headline = 0
        ordered = sorted(toponyms, key=lambda t: t.start)
        starts = [t.start for t in ordered]
        placed: list[Sequence[Toponym]] = [
            ordered[bisect_left(starts, start) : bisect_right(starts, end - 1)] for start, end in spans]
        anchor = _anchor(doc)
        dates = [resolve_dates(text, *anchor) for text in texts]
        eager = [index for index, text in enumerate(texts) if may_tell_event(text)]
        return cls(spans, texts, placed, dates, eager, headline, anchor)

    def events(self, doc: Document, toponyms: Sequence[Toponym], parsed: dict[int, Doc]) -> list[Event]:
        """The document's events, given the parses of the sentences that may tell one."""
        newlines = [i for i, char in enumerate(doc.text) if char == "\n"]
        known = known_people(doc.text)
        context = _Context()
        found: list[Event] = []
        dated: set[str] = set()
        referring: set[str] = set()
        new: set[str] = set()
        before: set[str] = set()  # the types of the events the sentence before told
        for index, (start, end) in enumerate(self.spans):
            here = Sentence(self.texts[index], start, bisect_left(newlines, start), parsed.get(index),
                            self.placed[index])
            triggered = _parsed_events(doc, here, self.dates[index], index, (start, end), context,
                                       headline=index == self.headline, anchor=self.anchor) \
                if here.parsed is not None else []
            told = [event for event, _ in triggered]
            if here.parsed is not None:
                _noun_places(here, index, context)
            for event, offset in triggered:
                token = next(t for t in here.parsed or () if t.idx == offset)
                own_date = event.interval != pick_interval([], offset, *self.anchor, future=event.planned)
                if _refers_back(event, token, here, bool(self.dates[index])) or (
                        not self.dates[index] and token.pos_ == "VERB" and _detail(event, here.text, before)):
                    referring.add(event.event_id)
                elif event.type in _VIOLENCE and _indefinite(token):
                    new.add(event.event_id)
                if own_date:
                    dated.add(event.event_id)
            before = {event.type for event in told}
            told += _statements(doc, here, self.dates[index], index, (start, end), context,
                                [offset for _, offset in triggered], known, self.anchor)
            _remember(context, index, here, self.dates[index], told, known)
            found.extend(told)
        headline = self.texts[self.headline] if self.headline is not None else None
        events = merge_mentions(_canonical_actors(found, known), headline, dated=dated, referring=referring,
                                new=new)
        lead = self.spans[self.headline] if self.headline is not None else None
        dateline = dateline_place(doc, toponyms)
        main = main_place(doc, toponyms, [e.place for e in events if e.place is not None and e.type not in _SAID],
                          lead, dateline)  # where things happen, not where they were said
        return _fallback_places(events, main, dateline)


def _after_dateline(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence without the dateline that opens it ("MOSCOW — ", "KARACHI, Pakistan (Reuters) - "):
    parsed with it, the city becomes the sentence's root and the verb that tells the event hangs
    from it as a mere modifier."""
    found = _DATELINE.match(text, *span)
    return (found.end(), span[1]) if found and span[1] - found.end() >= MIN_DATELINED else span


def _looks_like_headline(sentence: str) -> bool:
    """A first sentence that is the title run into the text ("Gainesville residents march in
    protest of Charter Amendment 1."): short, telling in the present ("-ed" is for the body),
    and not opening on a pronoun (a title names who it is about)."""
    words = sentence.split()
    return len(words) <= HEADLINE_WORDS and words[0].lower() not in _PRONOUNS and \
        not any(w.lower().strip(".,'\"").endswith("ed") for w in words)


def _anchor(doc: Document) -> tuple[date | None, Precision]:
    """What relative dates are resolved against: the publication date, else a coarse date
    inferred from the dates the article states."""
    if doc.published is not None and doc.date_precision != "unknown":
        return doc.published, doc.date_precision
    return inferred_anchor(doc.text)


# --------------------------------------------------------------------------- parsed sentences


def _parsed_events(doc: Document, here: Sentence, mentions: list[TimeMention], index: int,
                   span: tuple[int, int], context: _Context, *, headline: bool,
                   anchor: tuple[date | None, Precision]) -> list[tuple[Event, int]]:
    """The sentence's events with the offsets of their triggers."""
    parsed = here.parsed
    assert parsed is not None  # noqa: S101 - only parsed sentences are given
    triggers = find_triggers(parsed, dated=bool(mentions), headline=headline)
    heads = [_head(parsed[t.token]) for t in triggers]
    nouns = event_nouns(parsed) if triggers else []
    events: list[tuple[Event, int]] = []
    for trigger, head in zip(triggers, heads, strict=True):
        region = clause_of(parsed, head, [h for h in heads if h.i != head.i])
        place = stated_place(here, parsed[trigger.token], region, BY_NAME[trigger.type].place_prepositions) \
            or anaphoric_place(
            here, head, region, context.places[-CONTEXT_SENTENCES:]) or _purpose_place(here, head, heads) \
            or _antecedent_place(parsed[trigger.token], region, nouns, index, context, trigger.type) \
            or _casualty_place(here, trigger.type, head, heads)
        if place is not None:
            place = refine(here, place, context.places)
        interval, planned = _interval(trigger, region, mentions, doc, here, index, context, anchor)
        if place is None and not _explicit(region, mentions) and _generic(parsed[trigger.token], head):
            continue  # "drone strikes kill civilians", "clashes are frequent": a habit, no occurrence
        actors = _actors(parsed, trigger, head, here, index, context, nouns)
        kind = BY_NAME[trigger.type]
        text = here.text
        events.append((Event(
            event_id=event_id(doc.doc_id, span, trigger.type, trigger.offset),
            doc_id=doc.doc_id, document=doc.file_name, type=trigger.type, interval=interval, place=place,
            actors=actors, sentence=text,
            confidence=_confidence(trigger.strength, "stated" if place else "none", explicit=_explicit(region, mentions)),
            place_precision="stated" if place else "none", planned=planned, sentences=(text,),
            fatalities=figures.fatalities(text) if kind.name in {"attack", "clash"} else None,
            injuries=figures.injuries(text) if kind.name in {"attack", "clash"} else None,
            crowd_size=figures.crowd_size(text) if kind.name == "protest" else None,
            measure=_measure(parsed[trigger.token]) if kind.name == "sanction" else None,
        ), trigger.offset))
    return _one_per_type(events)


def _generic(token: Token, head: Token) -> bool:
    """A bare plural event noun in the present ("drone strikes kill civilians", "clashes are
    frequent", "protests have become common"), told with no place or time of its own, names a
    kind of event, not an occurrence."""
    noun = referent_noun(token)
    if noun is None or noun.tag_ not in {"NNS", "NNPS"} or any(c.dep_ in {"det", "poss", "nummod"}
                                                                for c in noun.children):
        return False
    frame = noun.head.head if noun.head.lower_ == "of" else None
    if frame is not None and any(c.dep_ in {"det", "poss", "nummod"} for c in frame.children):
        return False  # "has endured two months of protests": counted, not a kind of event
    verb = head if head.pos_ in {"VERB", "AUX"} else None
    return verb is not None and (verb.tag_ in {"VBZ", "VBP"} or any(
        c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} for c in verb.children))


def _definite(token: Token) -> bool:
    """"the attack", "Saturday's protests": an event noun that points back to one told before."""
    if any(c.tag_ == "JJS" or c.lower_ in {"first", "last", "latest", "next", "new"} for c in token.children):
        return False  # "the fiercest fighting in years", "the latest attack": a new one
    return token.pos_ in {"NOUN", "PROPN"} and any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"}) or c.dep_ == "poss"
        for c in token.children)


def _indefinite(token: Token) -> bool:
    """"claimed responsibility for a blast": an attack or a fight named with "a" or "an" is one not
    told before ("for a one-day visit" may well be the visit just told, an attack is news)."""
    return token.pos_ in {"NOUN", "PROPN"} and token.dep_ == "pobj" and any(
        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children)


def _refers_back(event: Event, token: Token, here: Sentence, dated: bool) -> bool:
    """Does the sentence tell again an event told before: "the attack", "the attacks happened",
    "confirmed the assault but said seven people were killed", "a guard was also killed"?"""
    if _definite(referent_noun(token) or token):
        return True
    nouns = [noun for noun, kind in event_nouns(here.parsed) if kind == event.type] if here.parsed else []
    if event.type in _VIOLENCE | {"protest"} and nouns and all(_definite(noun) for noun in nouns):
        return True  # "the protests", "the attack" (but "the killings came after an attack on Tuesday" is new)
    return _casualty(event, token) and not here.toponyms and not dated


def _detail(event: Event, sentence: str, before: set[str]) -> bool:
    """"A woman was shot dead in X on Monday. Two assailants on a motorbike gunned her down":
    an attack or a fight told by a verb with no place (in a sentence with no time), right after
    a sentence that told one of its kind, tells how that one happened, unless it says it is
    another."""
    return event.type in _VIOLENCE and event.type in before and event.place is None and \
        not _ANOTHER.search(sentence)


_ANOTHER = re.compile(r"\b(?:another|other|separate|second|third|new)\b", re.I)


def _casualty(event: Event, token: Token) -> bool:
    """"A guard was also killed", "He had been shot in the leg": a killing told by a sentence
    that names no party, place or time adds to the attack or fight told before."""
    return event.type in _VIOLENCE and token.lemma_.lower() in _HARMED and not any(
        a.kind is None or a.name[:1].isupper() for a in event.actors)


def _antecedent_place(token: Token, region: set[Token], event_words: list[tuple[Token, str]], index: int,
                      context: _Context, kind_of_trigger: str | None = None) -> Toponym | None:
    """"... plans for joint exercises in the Caspian Sea. The exercises took place in July",
    "a meeting on the sidelines of the forum": a definite event noun of the clause takes the
    place of the event of its kind named just before."""
    noun = referent_noun(token)
    nouns = [noun] if noun is not None else []
    nouns += [n for n, _ in event_words if n in region and n not in nouns]
    kinds = dict(event_words)
    if _it_subject(token):  # "... a blast in the market. It killed 7 people": what the sentence before told
        told = [place for sentence, kind, place in context.mentioned if sentence == index - 1 and kind == kind_of_trigger]
        if not told and token.lemma_.lower() in _HARMED and context.strong[0] == index - 1:
            told = context.strong[1]
        if told:
            return told[-1]
    for candidate in nouns:
        if not _definite(candidate):
            continue
        if (name := _gathering_name(candidate)) in context.gatherings:
            return context.gatherings[name]  # "in remarks to the Global Trade Forum": held where told before
        kind = kinds.get(candidate)
        for sentence, mentioned, place in reversed(context.mentioned):
            if index - sentence > CONTEXT_SENTENCES:
                break
            if mentioned == kind and sentence < index:
                return place
    return None


def _it_subject(token: Token) -> bool:
    """Is "it" the subject of the trigger's verb ("It killed 7 people")?"""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ == "it" for c in verb.children)


def _noun_places(here: Sentence, index: int, context: _Context) -> None:
    """Remember the event nouns of the sentence told with a place of their own."""
    assert here.parsed is not None  # noqa: S101 - only parsed sentences are read
    for noun, kind in event_nouns(here.parsed):
        region = set(noun.subtree)
        place = stated_place(here, noun, region)
        if place is not None:
            context.mentioned.append((index, kind, place))
            if (name := _gathering_name(noun)) is not None:
                context.gatherings.setdefault(name, place)


def _gathering_name(noun: Token) -> str | None:
    """The name of a gathering named by a proper noun ("the World Economic Forum"), else None."""
    if noun.pos_ != "PROPN" or not noun.text[:1].isupper():
        return None
    words = [c for c in noun.lefts if c.dep_ == "compound" and c.text[:1].isupper()] + [noun]
    return " ".join(w.text for w in words)


def _casualty_place(here: Sentence, event_type: str, head: Token, heads: list[Token]) -> Toponym | None:
    """"explosions killed 69 people and injured 100 in the city": the casualties of an attack or a
    fight, told by a verb joined to the trigger's with its subject shared, are where it happened."""
    assert here.parsed is not None  # noqa: S101 - only parsed sentences have triggers
    if event_type not in _VIOLENCE:
        return None
    for verb in head.conjuncts:
        if verb.lemma_.lower() in _HARMED and not any(c.dep_ in _AGENT_DEPS | {"nsubjpass"} for c in verb.children):
            region = clause_of(here.parsed, verb, [h for h in heads if h.i != verb.i])
            if (place := stated_place(here, verb, region)) is not None:
                return place
    return None


def _purpose_place(here: Sentence, head: Token, heads: list[Token]) -> Toponym | None:
    """"were in Beijing on Sunday to attend the forum": a purpose clause happens where the
    clause it serves does."""
    assert here.parsed is not None  # noqa: S101 - only parsed sentences have triggers
    while head.dep_ in {"advcl", "xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        head = head.head
        region = clause_of(here.parsed, head, [h for h in heads if h.i != head.i])
        if (place := stated_place(here, head, region)) is not None:
            return place
    return None


def _head(token: Token) -> Token:
    """The clause head of a trigger: the trigger if it is a verb, else the verb it hangs from."""
    return governing_verb(token) or token


def _one_per_type(events: list[tuple[Event, int]]) -> list[tuple[Event, int]]:
    """One sentence tells one event of each type at each place (two triggers of one type are one
    occurrence told twice: "attacked ... in the attack"), but "visited Astrakhan on Monday and
    Baku on Tuesday" are two visits; a placed mention wins over an unplaced one."""
    kept: dict[str, list[tuple[Event, int]]] = {}
    for event, offset in events:
        same = kept.setdefault(event.type, [])
        unplaced = [pair for pair in same if pair[0].place is None]
        if not same or (event.place is not None and all(p[0].place != event.place for p in same)):
            for pair in unplaced:
                same.remove(pair)  # a placed mention of the type says more than an unplaced one
            same.append((event, offset))
    return sorted((pair for pairs in kept.values() for pair in pairs), key=lambda pair: pair[1])


def _explicit(region: set[Token], mentions: list[TimeMention]) -> bool:
    return any(_in_region(m, region) for m in mentions)


def _in_region(mention: TimeMention, region: set[Token]) -> bool:
    return any(mention.start <= t.idx < mention.end for t in region)


def _interval(trigger: Trigger, region: set[Token], mentions: list[TimeMention], doc: Document,
              here: Sentence, index: int, context: _Context, anchor: tuple[date | None, Precision]
              ) -> tuple[Interval, bool]:
    """The event's interval from the time expressions of its own clause (read forwards in
    time for a planned event), else "the same day" of the sentence before, else the
    article's date; and whether the event is planned (told as to come, or dated after the
    article)."""
    planned = trigger.planned
    own = [m for m in mentions if _in_region(m, region)] or _time_of_cause(here, trigger, mentions)
    if planned and own:
        future = resolve_dates(here.text, *anchor, future=True)
        own = [m for m in future if _in_region(m, region)]
    elif own and all(m.open_ended for m in own):
        own = own + _closed_time_above(here, trigger, mentions)
    if own:
        interval = pick_interval(own, trigger.offset, *anchor)
        if trigger.type == "conference":
            interval = _conference_span(own, interval)
    elif context.interval is not None and _SAME_DAY.search(here.text) and \
            index - context.interval[0] <= CONTEXT_SENTENCES:
        interval = context.interval[1]
    else:
        interval = pick_interval([], trigger.offset, *anchor, future=planned)
    after_publication = doc.published is not None and doc.date_precision == "day" and \
        interval.start is not None and interval.start > doc.published
    return interval, planned or after_publication


_CAUSING = frozenset({"spark", "trigger", "prompt", "provoke", "cause", "ignite", "unleash"})


def _time_of_cause(here: Sentence, trigger: Trigger, mentions: list[TimeMention]) -> list[TimeMention]:
    """"dismissed the mayor in 2007 ..., sparking a wave of protests": an event told as the consequence
    of a clause, with no time of its own, takes the time of the clause it follows from."""
    assert here.parsed is not None  # noqa: S101 - only parsed sentences have triggers
    head = _head(here.parsed[trigger.token])
    if head.lemma_.lower() not in _CAUSING or head.tag_ != "VBG" or head.dep_ != "advcl":
        return []
    for cause in list(head.ancestors)[:2]:
        region = clause_of(here.parsed, cause, [head])
        if found := [m for m in mentions if _in_region(m, region)]:
            return found
    return []


def _closed_time_above(here: Sentence, trigger: Trigger, mentions: list[TimeMention]) -> list[TimeMention]:
    """"In March 2015 she became the first minister to visit Ruritania since 1990": an open-ended
    time ("since 1990") bounds a comparison or a state, not the occurrence; a closed time of the
    clause the event's clause hangs from dates it."""
    assert here.parsed is not None  # noqa: S101 - only parsed sentences have triggers
    head = _head(here.parsed[trigger.token])
    verb = next((t for t in head.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return []
    region = clause_of(here.parsed, verb, [head])
    return [m for m in mentions if not m.open_ended and _in_region(m, region)]


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


def _actors(parsed: Doc, trigger: Trigger, head: Token, here: Sentence, index: int,
            context: _Context, event_words: list[tuple[Token, str]]) -> tuple[Actor, ...]:
    """Who does it (the subject, or the agent of a passive) and with or on whom (objects and
    "with"/"against"/"on" phrases); for a directed event the sides are marked."""
    directed = BY_NAME[trigger.type].directed
    roles = _ACTOR_DEPS if trigger.type not in _OBJECT_IS_NO_ACTOR else _ACTOR_DEPS - {"dobj"}
    found: list[Actor] = []
    nouns = {parsed[trigger.token], *(n for n, _ in event_words if n.head.head.i == head.i)} - {head}
    partners = [c for noun in nouns for c in noun.children if c.dep_ == "prep" and c.lower_ in {"with", "between"}]
    for child in [*head.children, *partners]:
        tokens = [child, *child.conjuncts] if child.dep_ in roles else []
        if child.dep_ in {"agent", "prep"}:
            if child.dep_ == "prep" and child.lower_ not in _PARTNER_PREPOSITIONS | {"by"}:
                continue
            tokens = [g for c in tokens for g in c.children if g.dep_ == "pobj"]
            tokens += [c for t in tokens for c in t.conjuncts]
        side = _side(child)
        for token in tokens:
            actor = phrase_actor(token, here.toponyms, here.base)
            if actor is not None and actor.name and (actor.kind is not None or token.pos_ == "PROPN"):
                found.append(replace(actor, side=side) if directed else actor)
    if trigger.subject_is_pronoun:  # "he met", "the two officials discussed": the people named before
        subject = {a.name for a in found if a.kind is not None and not a.name[:1].isupper()}
        found = list(context.recent_actors(index)) + [a for a in found if a.name not in subject]
    return tuple(dict.fromkeys(found))


def _side(child: Token) -> Side | None:
    if child.dep_ in _AGENT_DEPS or (child.dep_ == "prep" and child.lower_ == "by"):
        return "by"
    if child.dep_ in {"dobj", "nsubjpass"} or (child.dep_ == "prep" and child.lower_ in {"on", "against"}):
        return "on"
    return None


def _measure(token: Token) -> str:
    """Is a sanction imposed or lifted?"""
    lifting = {"lift", "ease", "remove", "end", "suspend", "drop", "scrap", "relax"}
    words = {token.lemma_.lower(), *(a.lemma_.lower() for a in token.ancestors)}
    return "lifted" if words & lifting else "imposed"


def _confidence(strength: float, precision: PlacePrecision, *, explicit: bool) -> float:
    value = strength + CONFIDENCE[precision] + (0.1 if explicit else 0.0)
    return round(min(0.99, max(0.05, value)), 2)


# --------------------------------------------------------------------------- statements


def _statements(doc: Document, here: Sentence, mentions: list[TimeMention], index: int,
                span: tuple[int, int], context: _Context, triggers: list[int], known: Mapping[str, Actor],
                anchor: tuple[date | None, Precision]) -> list[Event]:
    """The sentence's statements, one per speaker, unless what is plainly said is itself an event
    told here (then that event is the news: "police said gunmen killed two"); a reaction to it
    ("condemned the attack", "denied the deployment") is a statement of its own."""
    found = official_statements(find_statements(here.text, here.base, here.toponyms, mentions, known), here.text)
    events = []
    for statement in found:
        speaker = statement.speaker or context.recent_speaker(index)
        if speaker is None or (not statement.reaction and any(
                statement.content[0] <= offset < statement.content[1] for offset in triggers)):
            continue
        interval = statement.time.interval if statement.time else pick_interval([], statement.start, *anchor)
        place = statement.place or _speaking_city(here, speaker) or _gathering_place(here)
        events.append(Event(
            event_id=event_id(doc.doc_id, span, "statement", statement.start),
            doc_id=doc.doc_id, document=doc.file_name, type="statement", interval=interval, place=place,
            actors=(speaker,), sentence=here.text,
            confidence=_confidence(STATEMENT_STRENGTH, "stated" if place else "none", explicit=statement.time is not None),
            place_precision="stated" if place else "none", sentences=(here.text,),
        ))
        context.speaker = (index, speaker)
    return _one_per_speaker(events)


def _speaking_city(here: Sentence, speaker: Actor) -> Toponym | None:
    """"Tbilisi announced", "Moscow warned": a capital speaking for its government speaks there."""
    return next((t for t in here.toponyms if t.kind == "city" and t.text == speaker.name), None)


_AT_A_GATHERING = re.compile(r"\bat\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:conference|summit|forum|meeting|congress|"
                             r"assembly|session|talks)\s+in\s+(?:the\s+)?$", re.I)


def _gathering_place(here: Sentence) -> Toponym | None:
    """"refused to sign the treaty at a conference in Dubai": what is said at a gathering told
    with its place is said there."""
    return next((t for t in here.toponyms if _AT_A_GATHERING.search(here.text[max(0, t.start - here.base - 80):
                                                                            t.start - here.base])), None)


def _one_per_speaker(events: list[Event]) -> list[Event]:
    """"X said ... and warned ..." is one statement; "X announced ..., but Y said ..." are two."""
    first: dict[str, Event] = {}
    for event in events:
        first.setdefault(surname(event.actors[0].name), event)
    return list(first.values())


# --------------------------------------------------------------------------- context and fallbacks


def _remember(context: _Context, index: int, here: Sentence, mentions: list[TimeMention], told: list[Event],
              known: Mapping[str, Actor]) -> None:
    """Keep this sentence's people, places and date for the sentences after it that point back."""
    actors = tuple(a for event in told for a in event.actors if a.kind is None or a.kind == "state")
    actors = actors or people_in(here.text, known)
    if actors:
        context.actors.append((index, actors))
    context.places.extend(p for e in told if e.place is not None for p in [e.place])
    context.mentioned.extend((index, e.type, e.place) for e in told if e.place is not None)
    strong = strong_places(here)
    context.places.extend(strong)
    if strong:
        context.strong = (index, strong)
    closed = [m for m in mentions if not m.open_ended and m.interval.start is not None]
    if closed:
        context.interval = (index, closed[0].interval)


def _canonical_actors(events: list[Event], known: Mapping[str, Actor]) -> list[Event]:
    """One person, one name across the document ("Rouhani", "President Hassan Rouhani"), the
    people the article titles included."""
    mapping = canonical([*known.values(), *(a for event in events for a in event.actors)])
    return [replace(e, actors=tuple(dict.fromkeys(replace(mapping[a.name], side=a.side) for a in e.actors)))
            for e in events]


def _fallback_places(events: list[Event], main: Toponym | None, dateline: Toponym | None) -> list[Event]:
    """An event whose clause gives no place takes the article's main place, with precision
    ``dateline`` when the dateline names it and ``document`` otherwise (and a lower
    confidence). What someone said gets a place only where the text says it was said: for a
    speech or a press conference the dateline's, for any event "in this town" or "in town"
    (the reporter's place: the dateline's, else the article's). A country becomes its capital
    where the text implies the seat of government (:func:`seat_of_government`)."""
    placed = []
    for event in events:
        here = _HERE.search(event.sentence) is not None
        spoken = event.type in _SAID - {"statement"}
        place = (dateline or main) if here or spoken else main
        precision: PlacePrecision = "dateline" if place is not None and place == dateline else "document"
        if event.place is None and place is not None and (here or event.type not in _SAID or (
                spoken and precision == "dateline")):
            strength = event.confidence - CONFIDENCE["none"] + CONFIDENCE[precision]
            event = replace(event, place=place, place_precision=precision,
                            confidence=round(min(0.99, max(0.05, strength)), 2))
        if event.place is not None:
            event = replace(event, place=seat_of_government(event.type, event.sentence, event.place))
        placed.append(event)
    return placed
