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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_TALK = frozenset({"talk", "talks", "meeting", "discussion", "negotiation", "consultation", "summit"})
_GATHERING = frozenset({"conference", "summit", "forum", "expo", "exhibition", "congress", "symposium",
                        "assembly", "convention", "fair", "session", "dialogue"})
_EXERCISE = frozenset({"exercise", "drill", "manoeuvre", "maneuver", "manoeuvres", "maneuvers", "wargame", "game"})
_AGREEMENT = frozenset({"agreement", "deal", "treaty", "accord", "memorandum", "pact", "contract", "protocol",
                        "mou", "roadmap", "declaration", "charter"})
_FACILITY = frozenset({"factory", "plant", "port", "terminal", "base", "office", "embassy", "consulate", "centre",
                       "center", "railway", "railroad", "line", "bridge", "station", "road", "highway", "pipeline",
                       "airport", "hospital", "school", "university", "branch", "facility", "refinery", "hub",
                       "mine", "checkpoint", "crossing", "warehouse", "shipyard", "complex", "museum", "route"})
_FORCE = frozenset({"troop", "troops", "force", "forces", "ship", "warship", "destroyer", "frigate", "submarine",
                    "vessel", "fleet", "missile", "system", "aircraft", "jet", "fighter", "bomber", "drone",
                    "battalion", "brigade", "unit", "soldier", "personnel", "corvette", "boat", "tank",
                    "battery", "carrier", "squadron", "contingent", "peacekeeper"})
_MILITARY = frozenset({"military", "naval", "navy", "army", "joint", "war", "troop", "force", "fleet", "warship",
                       "commander", "air", "defence", "defense", "missile", "combat", "tactical", "armed",
                       "marine", "soldier", "strategic", "drill", "submarine", "destroyer", "frigate"})
_ABSTRACT_DESTINATIONS = frozenset({"arrangement", "conclusion", "decision", "agreement", "solution", "consensus",
                                    "compromise", "figure", "number", "result", "total", "understanding", "deal",
                                    "verdict", "estimate", "point", "settlement"})
_SPEECH = frozenset({"speech", "address", "lecture", "remark", "remarks", "keynote"})
_REPORTING = frozenset({"say", "announce", "declare", "warn", "state", "tell", "write", "add", "emphasize",
                        "emphasise", "stress", "underline", "note", "claim", "insist", "pledge", "vow", "urge"})
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
_AROUND = frozenset({"during", "after", "before", "following", "amid"})
_NOUN_PREPOSITIONS = {
    "visit": _AROUND | {"on", "for"},  # "on a two-day visit to Moscow", "there for a one-day visit"
    "meeting": _AROUND | {"in", "at"},
    "press_conference": _AROUND | {"in", "at"},
    "conference": _AROUND | {"at"},  # not "on a forum" (a web forum)
    "military_exercise": _AROUND | {"in"},
    "speech": _AROUND | {"in", "at"},
}
"""Prepositions that make an event noun tell an event ("during a meeting", "at the summit")."""
VISIT_WORDS = frozenset({"visit", "tour"})
_SINGLE_OCCASIONS = frozenset({"visit", "trip", "tour", "meeting", "conference", "summit", "forum", "speech"})
_ANAPHORIC_NOUNS = frozenset({"official", "side", "leader", "minister", "delegation", "counterpart"})
TRIGGER_HINT = re.compile(
    r"\b(?:met\b|meet|visit(?:s|ed|ing)?\b|arriv|travel|tour(?:s|ed|ing)?\b|talks|discussion|negotiat|consultation|"
    r"conference|briefing|summit|forum|expos?\b|exhibition|congress(?:es)?\b|assembl(?:y|ies)\b|symposi|exercise|"
    r"drill|manoeuv|maneuv|war ?games|sign(?:s|ed|ing)?\b|agree|accords?\b|treat(?:y|ies)\b|deals?\b|pact|"
    r"memorand|speech|address|lecture|remarks|announc|declar|sat down|land(?:s|ed|ing)?\b|trips?\b|fl(?:y|ies|ew|own|ying)\b|"
    r"spoke|speak)",
    re.I,
)
"""Words that may tell an event other than a statement whatever else the sentence says.
Every word form a trigger rule accepts matches; forms no rule accepts ("visitors", "metro",
"according") do not. Whether the word tells an event in its context is decided on the parse."""
_EVENT_NOUN_HINT = re.compile(
    r"\b(?:exercise|drill|manoeuv|maneuv|wargame|game|conference|briefing|summit|forum|expo|exhibition|congress|"
    r"symposi|assembl|convention|fairs?\b|session|dialog|talk|meeting|discussion|negotiation|consultation|agreement|"
    r"deals?\b|treat(?:y|ies)\b|accords?\b|memorand|pact|contract|protocol|mous?\b|roadmap|declaration|charter|"
    r"speech|address|lecture|remark|keynote)",
    re.I,
)
"""Nouns that name an event (any verb may hold, attend, start or sign one)."""
_OPENING_HINT = re.compile(
    r"\b(?:open(?:s|ed|ing)?\b|launch|commission(?:s|ed|ing)?\b|inaugurat|unveil)", re.I)
_FACILITY_HINT = re.compile(
    r"\b(?:factory|plant|port|terminal|base|office|embass|consulate|centre|center|railway|railroad|line|"
    r"bridge|station|road|highway|pipeline|airport|hospital|school|universit|branch|facilit|refiner|hub|mine|"
    r"checkpoint|crossing|warehouse|shipyard|complex|museum|route)",
    re.I,
)
"""Verbs that tell an opening only with a facility as their object ("opened a port")."""
_SENDING_HINT = re.compile(
    r"\b(?:station(?:s|ed|ing)?\b|deploy|dispatch(?:es|ed|ing)?\b|sent\b|send|position)", re.I)
"""Verbs that tell a deployment only with forces as their object."""
_FORCE_HINT = re.compile(
    r"\b(?:troop|force|ship|warship|destroyer|frigate|submarine|vessel|fleet|missile|system|aircraft|jet|fighter|"
    r"bomber|drone|battalion|brigade|unit|soldier|personnel|corvette|boat|tank|batter(?:y|ies)|carrier|squadron|"
    r"contingent|peacekeeper)",
    re.I,
)


def may_tell_event(text: str) -> bool:
    """Can a trigger other than a statement be found in this sentence (a cheap test on words)?"""
    return bool(TRIGGER_HINT.search(text) or _EVENT_NOUN_HINT.search(text)
                or (_OPENING_HINT.search(text) and _FACILITY_HINT.search(text))
                or (_SENDING_HINT.search(text) and _FORCE_HINT.search(text)))


REPORTING_HINT = re.compile(
    r"\b(?:said|says?|saying|told|added|noted|wrote|written|stated|stress|emphasi|underlin|claim|insist|pledg|vow|urged|"
    r"warn|according)",
    re.I,
)
"""Words of a statement. A statement becomes an event only when its sentence names a place or a
date, so a sentence with only these words needs a parse only when it does."""
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


def _lemmas(tokens: Iterable[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}


def _objects(token: Token) -> list[Token]:
    direct = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
    return direct + [conj for obj in direct for conj in obj.conjuncts]


def _prep_objects(token: Token, *words: str) -> list[Token]:
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in words
            for g in c.children if g.dep_ == "pobj"]


def _kind_of_noun(nouns: Iterable[Token]) -> str | None:
    """Event type named by a noun ("talks", "summit", "exercises"...), most specific first."""
    nouns = list(nouns)
    words = _lemmas(nouns)
    if any(_is_press_conference(n) for n in nouns):
        return "press_conference"
    for vocabulary, kind in ((_EXERCISE, "military_exercise"), (_GATHERING, "conference"), (_TALK, "meeting"),
                             (_AGREEMENT, "agreement"), (_SPEECH, "speech")):
        if words & vocabulary and (kind != "military_exercise" or _military_context(nouns)):
            return kind
    return None


def _military_context(nouns: list[Token]) -> bool:
    """"Exercise" is military only among military words ("contact-tracing exercise" is not)."""
    return any(t.lemma_.lower() in _MILITARY for noun in nouns for t in noun.doc)


def _is_press_conference(noun: Token) -> bool:
    return noun.lemma_.lower() in {"conference", "briefing"} and any(
        c.lower_ in {"press", "news", "media"} for c in noun.children)


def _verb_trigger(token: Token) -> str | None:  # noqa: C901 - split into a rule table next
    lemma = token.lemma_.lower()
    objects = _objects(token)
    object_words = _lemmas(objects)
    if lemma == "meet" and not _lemmas(t for obj in objects for t in obj.subtree) & _NOT_MET:
        return "meeting"
    if lemma in VISIT_WORDS and token.dep_ not in {"amod", "compound"}:
        return "visit"
    if lemma in {"arrive", "land"} and (places := _prep_objects(token, "in", "at")) \
            and not _lemmas(places) & _ABSTRACT_DESTINATIONS:
        return "visit"  # not "arrive at an arrangement"
    if lemma in {"travel", "fly"} and _prep_objects(token, "to"):
        return "visit"
    if lemma == "sit" and any(c.lower_ == "down" for c in token.children) and _prep_objects(token, "with"):
        return "meeting"
    if lemma in {"engage", "hold", "participate", "join"} and (kind := _kind_of_noun(_prep_objects(token, "in"))):
        return _gathering_or(kind, _prep_objects(token, "in"))
    if lemma == "take" and "place" in object_words:
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return _kind_of_noun(subjects)
    if lemma == "take" and "part" in object_words:
        return _gathering_or(_kind_of_noun(_prep_objects(token, "in")), _prep_objects(token, "in"))
    if lemma in {"hold", "conduct", "stage", "carry", "host", "organize", "organise", "convene", "launch",
                 "begin", "start", "attend", "join", "give", "deliver", "make"}:
        kind = _kind_of_noun(objects)
        if kind in {"speech"} and (lemma not in {"give", "deliver", "make"}
                                   or any(o.lemma_.lower() == "address" and o.tag_ == "NNS" for o in objects)):
            return None  # "gave addresses in the 700 block" are street addresses
        if kind and (kind != "agreement"):
            return _gathering_or(kind, objects)
    if lemma in {"tell", "brief", "address"} and _kind_of_noun(objects) == "press_conference":
        return "press_conference"  # "told a news conference in Moscow"
    if lemma in {"commence", "open", "begin", "start", "convene", "close"} and (
            kind := _kind_of_noun(c for c in token.children if c.dep_ == "nsubj")) == "conference":
        return kind
    if lemma in {"sign", "conclude", "reach", "ink", "announce", "finalize", "finalise", "seal"} and object_words & _AGREEMENT:
        return "agreement"
    if lemma == "agree" and (_prep_objects(token, "on", "to") or any(c.dep_ == "xcomp" for c in token.children)) \
            and _parties(token):
        return "agreement"
    if lemma in {"open", "inaugurate", "unveil", "commission", "launch"} and object_words & _FACILITY:
        return "facility_opening"
    if lemma in {"station", "deploy", "dispatch", "send", "position"} and object_words & _FORCE \
            and token.dep_ not in {"acl", "amod", "relcl"}:
        return "deployment"
    if lemma == "speak" and _prep_objects(token, "at", "before"):
        return "speech"
    if lemma == "address" and object_words & (_GATHERING | {"parliament", "rally", "meeting", "crowd", "nation"}):
        return "speech"
    if lemma in _REPORTING and token.dep_ in {"ROOT", "conj"} and token.tag_ in {"VBD", "VBN"} \
            and _named_subject(token):
        return "statement"  # "X announced", not the running commentary of "X says"
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
        if any(t.lemma_.lower() in _GATHERING and t.text[:1].isupper() for t in noun.subtree):
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
    kind = (_kind_of_noun([token]) if lemma not in {"visit", "trip", "tour"} else "visit")
    if kind in {"agreement"} or (kind == "speech" and lemma == "address"):
        return None
    if kind == "conference" and lemma in {"session", "dialogue", "assembly"}:
        return None
    return kind if kind is not None and preposition.lower_ in _NOUN_PREPOSITIONS[kind] else None


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
