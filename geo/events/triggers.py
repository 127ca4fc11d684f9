"""Triggers: the words of a parsed sentence that tell an event, and of which type.

A trigger is a word in its grammatical context, never a bare keyword: "met" with a person,
"arrived at" a place, "held talks", "exercises took place", a verb "stationed" that has a
subject (not "forces stationed in"), "opened a factory", "signed an agreement", a noun
"meeting" introduced by "during"/"in"/"at". Hypothetical, habitual or denied events ("will
meet", "plans for exercises", "rejected invitations for a visit", "she visits him when")
are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.events.types import EVENT_TYPES, NOUN_ORDER, EventType
from geo.text.inflect import WordHint, words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_BY = {t.name: t for t in EVENT_TYPES}
_SUPPORT_VERBS = frozenset({"hold", "conduct", "stage", "carry", "host", "organize", "organise", "convene", "launch",
                            "begin", "start", "attend", "join", "give", "deliver", "make"})
"""Verbs that tell whatever event their object names ("held talks", "attended the summit")."""
_DELIVERY_VERBS = frozenset({"give", "deliver", "make"})
"""The only support verbs that tell a speech ("gave a speech"; "held a speech" is no English)."""
_TAKING_PART = frozenset({"engage", "hold", "participate", "join"})
"""Verbs that tell the event named after "in" ("engaged in talks")."""
_OPENING_VERBS = frozenset({"commence", "open", "begin", "start", "convene", "close"})
"""Verbs whose subject is a gathering that takes place ("the forum opened")."""
_ABSTRACT_DESTINATIONS = frozenset({"arrangement", "conclusion", "decision", "agreement", "solution", "consensus",
                                    "compromise", "figure", "number", "result", "total", "understanding", "deal",
                                    "verdict", "estimate", "point", "settlement"})
_NOT_MET = frozenset({"need", "demand", "requirement", "target", "criterion", "criteria", "standard",
                      "expectation", "deadline", "obligation", "goal", "condition", "fate", "end", "resistance",
                      "aspiration", "challenge", "threshold", "quota", "cost", "payment", "approval", "applause",
                      "budget", "shortfall", "obstacle"})
_INTENT = frozenset({"plan", "want", "hope", "expect", "intend", "seek", "refuse", "decline", "aim", "try",
                     "propose", "proposal", "invitation", "invite", "offer", "reject", "deny", "threaten",
                     "prepare", "preparation", "consider", "call", "urge", "if", "unless", "prevent", "ban",
                     "bar", "forbid", "stop", "avoid", "cancel", "postpone", "opportunity", "chance", "approval",
                     "permission", "able", "unable", "willing", "ready", "schedule", "due", "need"})
_DIRECTING = frozenset({"tell", "ask", "advise", "order", "allow", "force", "encourage", "urge", "instruct",
                        "permit", "invite", "need", "have"})
_HYPOTHETICAL_AUX = frozenset({"will", "would", "should", "could", "may", "might", "shall", "must", "'ll", "wo"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_DESCRIPTIVE_DEPS = frozenset({"acl", "amod", "relcl"})
_STATE_VERBS = _BY["deployment"].object_verbs
"""Verbs that, describing a noun (``_DESCRIPTIVE_DEPS``), tell a state: "forces stationed in"."""
VISIT_WORDS = _BY["visit"].verbs
_SINGLE_OCCASIONS = frozenset({"visit", "trip", "tour", "meeting", "conference", "summit", "forum", "speech"})
_ANAPHORIC_NOUNS = frozenset({"official", "side", "leader", "minister", "delegation", "counterpart"})

_STATEMENT = _BY["statement"]
_EVENT_WORDS = WordHint(
    word for t in EVENT_TYPES if t is not _STATEMENT for word in (*t.verbs, *t.motion_verbs)
) | WordHint((word for t in EVENT_TYPES for word in t.nouns), "noun")
"""Any form of a verb or noun that may tell an event other than a statement whatever else the
sentence says; whether it does in its context is decided on the parse."""
_OBJECT_HINTS = tuple((WordHint(t.object_verbs), WordHint(t.objects or t.nouns, "noun"))
                      for t in EVENT_TYPES if t.object_verbs)
"""Verbs that tell an event only with one of their objects ("opened a port"), with those objects."""
REPORTING_HINT = WordHint(_STATEMENT.verbs)
"""Words of a statement. A statement becomes an event only when its sentence names a place or a
date, so a sentence with only these words needs a parse only when it does."""


def may_tell_event(text: str) -> bool:
    """Can a trigger other than a statement be found in this sentence (a cheap test on words)?
    Never false for a sentence :func:`find_triggers` accepts."""
    words = words_of(text)
    return _EVENT_WORDS.found_in(words) or any(
        verbs.found_in(words) and objects.found_in(words) for verbs, objects in _OBJECT_HINTS)


CONTEXT_HINT = re.compile(
    r"\b(?:met|meet|visit|arriv|travel|tour|talks|discussion|negotiat|consultation|conference|summit|forum|expo|"
    r"exhibition|congress|assembly|symposium|exercise|drill|manoeuv|maneuv|war ?games|sign|agree|accord|treaty|"
    r"deal|pact|memorandum|open|inaugurat|unveil|commission|launch|station|deploy|dispatch|sent|send|speech|"
    r"address|lecture|remarks|press|said|say|announc|declar|warn|stated|told|wrote|added|emphasi|stress|underlin|"
    r"noted|claim|insist|pledg|vow|urged|took place|take place|held|hold|sat down|attend|particip|part in|land)",
    re.I,
)
"""The broad net of earlier versions: a sentence it catches, though it tells no event, still
gives its people and places to the sentences after it as its parse reads them."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word: its type, token index and character offset in the sentence, how much it
    alone says an event happened, and whether its doer is a pronoun ("he met")."""

    type: str
    token: int
    offset: int
    strength: float
    subject_is_pronoun: bool = False



def find_triggers(sentence: Doc, *, dated: bool) -> list[Trigger]:
    """Event words of a sentence. A verb in the simple present ("she visits him when...") tells
    a habit, not news, unless the sentence dates it (a caption: "X meets Y in Z, May 3, 2024").

    On a sentence parsed without names, tests on names say "maybe": the triggers found then
    include every one the full parse would give, so finding none means the sentence tells none.
    """
    found = []
    for token in sentence:
        if token.pos_ in {"VERB", "AUX"}:
            if token.tag_ in {"VBZ", "VBP"} and not dated:
                continue
            kind, strength = _verb_trigger(token), 0.55
        elif token.pos_ in {"NOUN", "PROPN"}:
            kind, strength = _noun_trigger(token), 0.45
        else:
            continue
        if kind is None or _hypothetical(token):
            continue
        if kind == "statement":
            strength = 0.35
        found.append(Trigger(kind, token.i, token.idx, strength, _anaphoric_subject(token)))
    return found


def _anaphoric_subject(token: Token) -> bool:
    """Is the doer a pronoun or "the two officials", i.e. people named before?"""
    verb = token if token.pos_ in {"VERB", "AUX"} else next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if verb is not None else None
    if subject is None:
        return False
    if subject.pos_ == "PRON":
        return True
    determiners = {c.lower_ for c in subject.children if c.dep_ in {"det", "nummod", "predet"}}
    return subject.lemma_.lower() in _ANAPHORIC_NOUNS and bool(determiners & {"the", "both", "two", "these", "those"})


def _noun_words(tokens: Iterable[Token]) -> set[str]:
    """Lemmas and lower-case forms of the nouns among ``tokens``: what event nouns are looked
    for in, so that :data:`_EVENT_WORDS` (noun forms) is sure to hold every one found."""
    return _lemmas(t for t in tokens if t.pos_ in _NOMINAL)


def _lemmas(tokens: Iterable[Token]) -> set[str]:
    return {word for t in tokens for word in (t.lemma_.lower(), t.lower_)}


def _objects(token: Token) -> list[Token]:
    direct = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
    return direct + [conj for obj in direct for conj in obj.conjuncts]


def _prep_objects(token: Token, *words: str) -> list[Token]:
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in words
            for g in c.children if g.dep_ == "pobj"]


def _kind_of_noun(nouns: Iterable[Token], *, held: bool = True) -> str | None:
    """Event type named by a noun ("talks", "summit", "exercises"...): the first type of
    :data:`~geo.events.types.NOUN_ORDER` that one of the nouns names; with ``held``, only a
    type whose events are held ("held talks", not "held a visit")."""
    nouns = list(nouns)
    words = _noun_words(nouns)
    for kind in NOUN_ORDER:
        if held and not kind.held:
            continue
        if kind.modifiers:
            if any(_modified(noun, kind) for noun in nouns):
                return kind.name
        elif words & kind.nouns and (not kind.context or _in_context(nouns, kind.context)):
            return kind.name
    return None


def _modified(noun: Token, kind: EventType) -> bool:
    """"press conference": a noun of ``kind`` with one of its modifiers."""
    return bool(_noun_words([noun]) & kind.nouns) and any(c.lower_ in kind.modifiers for c in noun.children)


def _in_context(nouns: list[Token], context: frozenset[str]) -> bool:
    """"Exercise" is military only among military words ("contact-tracing exercise" is not)."""
    return any(t.lemma_.lower() in context for noun in nouns for t in noun.doc)


@dataclass(frozen=True, slots=True)
class _Verb:
    """A verb with what the rules ask of it: its lemma, its objects and their words."""

    token: Token
    lemma: str
    objects: list[Token]
    object_words: set[str]

    @classmethod
    def of(cls, token: Token) -> _Verb:
        objects = _objects(token)
        return cls(token, token.lemma_.lower(), objects, _lemmas(objects))

    def subjects(self) -> list[Token]:
        return [c for c in self.token.children if c.dep_ in {"nsubj", "nsubjpass"}]


def _meet(verb: _Verb) -> str | None:
    """"met with X"; not "met the requirements"."""
    if verb.lemma in _BY["meeting"].verbs and not _lemmas(t for o in verb.objects for t in o.subtree) & _NOT_MET:
        return "meeting"
    return None


def _visit(verb: _Verb) -> str | None:
    """"visited Baku"; not "a visiting professor"."""
    return "visit" if verb.lemma in VISIT_WORDS and verb.token.dep_ not in {"amod", "compound"} else None


def _motion(verb: _Verb) -> str | None:
    """"arrived in Baku", "flew to Paris", "sat down with", "spoke at": a verb of motion with its
    preposition, towards a place (not "arrived at an arrangement")."""
    for kind in EVENT_TYPES:
        for phrase, prepositions in kind.motion.items():
            head, *particles = phrase.split()
            if head != verb.lemma or not all(any(c.lower_ == p for c in verb.token.children) for p in particles):
                continue
            places = _prep_objects(verb.token, *prepositions)
            if places and not _lemmas(places) & _ABSTRACT_DESTINATIONS:
                return kind.name
    return None


def _engaged_in(verb: _Verb) -> str | None:
    """"engaged in talks", "participated in the forum"."""
    if verb.lemma in _TAKING_PART:
        nouns = _prep_objects(verb.token, "in")
        return _gathering_or(_kind_of_noun(nouns), nouns)
    return None


def _took_place(verb: _Verb) -> str | None:
    """"the exercises took place"."""
    return _kind_of_noun(verb.subjects()) if verb.lemma == "take" and "place" in verb.object_words else None


def _took_part(verb: _Verb) -> str | None:
    """"took part in the summit"."""
    if verb.lemma == "take" and "part" in verb.object_words:
        nouns = _prep_objects(verb.token, "in")
        return _gathering_or(_kind_of_noun(nouns), nouns)
    return None


def _held(verb: _Verb) -> str | None:
    """"held talks", "attended the summit", "gave a speech" (but "gave addresses in the 700
    block" are street addresses, and an agreement is signed, not held)."""
    if verb.lemma not in _SUPPORT_VERBS:
        return None
    kind = _kind_of_noun(verb.objects)
    if kind == "speech" and (verb.lemma not in _DELIVERY_VERBS
                             or any(o.lemma_.lower() == "address" and o.tag_ == "NNS" for o in verb.objects)):
        return None
    return _gathering_or(kind, verb.objects) if kind != "agreement" else None


def _gathering_opened(verb: _Verb) -> str | None:
    """"the forum opened on Sunday"."""
    if verb.lemma in _OPENING_VERBS and _kind_of_noun(c for c in verb.token.children if c.dep_ == "nsubj") \
            == "conference":
        return "conference"
    return None


def _agreed(verb: _Verb) -> str | None:
    """"both sides agreed on a ceasefire"; not "the suspect agreed to surrender"."""
    token = verb.token
    if verb.lemma in _BY["agreement"].verbs and _parties(token) and (
            _prep_objects(token, "on", "to") or any(c.dep_ == "xcomp" for c in token.children)):
        return "agreement"
    return None


def _acted_on_object(verb: _Verb) -> str | None:
    """"signed an agreement", "opened a port", "deployed troops", "told a news conference",
    "addressed parliament": a verb that tells an event only through its object."""
    if verb.token.dep_ in _DESCRIPTIVE_DEPS and verb.lemma in _STATE_VERBS:
        return None  # "forces stationed in": a state, not a deployment
    for kind in EVENT_TYPES:
        if verb.lemma not in kind.object_verbs:
            continue
        if kind.objects and _noun_words(verb.objects) & kind.objects:
            return kind.name
        if not kind.objects and any(_names(o, kind) for o in verb.objects):
            return kind.name
    return None


def _names(noun: Token, kind: EventType) -> bool:
    """Does ``noun`` name an event of ``kind`` (with the modifier the kind needs)?"""
    return _modified(noun, kind) if kind.modifiers else bool(_noun_words([noun]) & kind.nouns)


def _stated(verb: _Verb) -> str | None:
    """"X announced", not the running commentary of "X says"."""
    token = verb.token
    if verb.lemma in _STATEMENT.verbs and token.dep_ in {"ROOT", "conj"} and token.tag_ in {"VBD", "VBN"} \
            and _named_subject(token):
        return "statement"
    return None


_VERB_RULES: tuple[Callable[[_Verb], str | None], ...] = (
    _meet, _visit, _motion, _engaged_in, _took_place, _took_part, _held, _gathering_opened, _agreed,
    _acted_on_object, _stated,
)
"""The verb rules in order: the first that names a type decides."""


def _verb_trigger(token: Token) -> str | None:
    verb = _Verb.of(token)
    for rule in _VERB_RULES:
        if (kind := rule(verb)) is not None:
            return kind
    return None


def _parties(token: Token) -> bool:
    """Is the subject of "agreed" two or more parties (countries, bodies, "both sides"), not one
    person agreeing to something ("the suspect agreed to surrender")?"""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if not _has_entities(token):
        return True
    return (subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)
            or subject.ent_type_ in {"GPE", "ORG", "NORP"})


def _gathering_or(kind: str | None, nouns: Iterable[Token]) -> str | None:
    """"attended a meeting ... for the Conference on ...": a named gathering makes it a conference."""
    if kind != "meeting":
        return kind
    for noun in nouns:
        if any(t.lemma_.lower() in _BY["conference"].nouns and t.text[:1].isupper() for t in noun.subtree):
            return "conference"
    return kind


def _noun_trigger(token: Token) -> str | None:
    """A noun names an event only inside a phrase like "during a meeting", "on a visit"."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.head.pos_ not in {"VERB", "AUX"}:
        return None  # "a key issue in the meetings": about meetings, not one taking place
    lemma = token.lemma_.lower()
    if token.tag_ == "NNS" and lemma in _SINGLE_OCCASIONS:
        return None  # "during his visits to different places": a summary of events told one by one
    kind = _kind_of_noun([token], held=False)
    if kind is None or lemma in _BY[kind].verb_only_nouns:
        return None
    return kind if preposition.lower_ in _BY[kind].noun_prepositions else None


def _has_entities(token: Token) -> bool:
    """Were names recognised in this sentence? Without them, a test on names says "maybe"."""
    return token.doc.has_annotation("ENT_IOB")


def _named_subject(token: Token) -> bool:
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if not _has_entities(token):
        return True
    return any(t.ent_type_ == "PERSON" for t in subject.subtree)


def _hypothetical(token: Token) -> bool:
    """Planned, wished, refused or denied: not (yet) an event."""
    chain = [token, *list(token.ancestors)[:3]]
    if any(t.lemma_.lower() in _INTENT for t in chain[1:]):
        return True
    if token.dep_ == "acl" and token.tag_ in {"VBG", "VBN"}:
        return True  # "a tourist visiting Mexico", "forces stationed in": a description, not news
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _DIRECTING:
        return True  # "was told to visit a doctor"
    if token.tag_ == "VB" and not any(c.dep_ in {"aux", "nsubj"} for c in token.children) and token.dep_ == "ROOT":
        return True  # imperative: "please visit your doctor"
    if token.lemma_.lower() == "meet" and any(c.dep_ == "auxpass" for c in token.children):
        return True  # "was met with applause"
    verb = token if token.pos_ in {"VERB", "AUX"} else next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    for governing in _clause_chain(verb):  # "he would fly to the US and meet experts"
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _HYPOTHETICAL_AUX for c in governing.children):
            return True
    return False


def _clause_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it depends on as a purpose, a coordinated or an adverbial clause."""
    chain = [verb]
    while chain[-1].dep_ in {"xcomp", "advcl", "conj"} and len(chain) < 4 and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain
