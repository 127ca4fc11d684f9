"""Triggers: the words of a parsed sentence that tell an event, and of which type.

A trigger is a word in its grammatical context, never a bare keyword: "met" with a person,
"arrived at" a place, "held talks", "exercises took place", a verb "stationed" that has a
subject (not "forces stationed in"), "opened a factory", "signed an agreement", gunmen who
"killed" people (not a storm that did), a noun "meeting" introduced by "during"/"in"/"at".

Each trigger has a modality. Conditional, wished, refused or denied events ("would meet",
"rejected invitations for a visit", "did not sign") and habits ("she visits him when") are
left out; planned ones ("will meet", "plans to visit", "talks scheduled for tomorrow", "the
planned protests") are kept and marked ``planned``.

Statements are found without a parse (:mod:`geo.events.statements`); the cheap word test
:func:`may_tell_event` decides which sentences are worth parsing for the other types.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from geo.events.actors import INSTITUTIONS, KINDS, NOT_OFFICIAL, RANKS
from geo.events.types import EVENT_TYPES, NOUN_ORDER, EventType
from geo.text.inflect import WordHint, words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Modality = Literal["actual", "planned", "unreal"]

_BY = {t.name: t for t in EVENT_TYPES}
_SUPPORT_VERBS = frozenset({"hold", "conduct", "stage", "carry", "host", "organize", "organise", "convene", "launch",
                            "begin", "start", "attend", "join", "give", "deliver", "make", "draw", "spark", "lead",
                            "mount", "pay", "resume", "continue", "arrange", "call", "have", "plan", "schedule",
                            "trigger", "provoke", "prompt", "face", "disperse", "weather", "endure", "witness",
                            "experience"})
"""Verbs that tell whatever event their object names ("held talks", "attended the summit")."""
_DELIVERY_VERBS = frozenset({"give", "deliver", "make"})
"""The only support verbs that tell a speech ("gave a speech"; "held a speech" is no English)."""
_TAKING_PART = frozenset({"engage", "hold", "participate", "join"})
"""Verbs that tell the event named after "in" ("engaged in talks")."""
_OCCURRING = frozenset({"commence", "open", "begin", "start", "convene", "close", "occur", "happen", "erupt",
                        "continue", "resume", "end", "break", "rage", "intensify", "escalate"})
"""Verbs whose subject is an event that takes place ("the forum opened", "fighting erupted")."""
_CASUALTY_VERBS = frozenset({"kill", "leave", "wound", "injure", "claim", "hit", "destroy", "damage", "target",
                             "rock", "shake", "devastate"})
"""Verbs whose subject is an event that harmed ("the blast killed 20", "fighting left six dead")."""
_QUANTITIES = frozenset({"wave", "series", "string", "spate", "round", "rounds", "day", "days", "week", "weeks",
                         "night", "nights", "hour", "hours", "month", "months", "year", "years", "number", "scene",
                         "scenes", "outbreak", "flurry", "bout", "episode", "kind", "type", "sort", "thousands",
                         "hundreds", "dozens", "scores", "busload", "group", "groups", "crowd", "crowds", "band",
                         "couple", "handful", "lot", "lots", "some", "many", "most", "all", "both", "one", "two"})
"""Nouns that only count or frame the event after "of" ("a wave of protests", "three days of fighting")."""
_ABSTRACT_DESTINATIONS = frozenset({"arrangement", "conclusion", "decision", "agreement", "solution", "consensus",
                                    "compromise", "figure", "number", "result", "total", "understanding", "deal",
                                    "verdict", "estimate", "point", "settlement", "scrutiny", "pressure",
                                    "criticism", "threat", "investigation", "review", "control"})
_NOT_MET = frozenset({"need", "demand", "requirement", "target", "criterion", "criteria", "standard",
                      "expectation", "deadline", "obligation", "goal", "condition", "fate", "end", "resistance",
                      "aspiration", "challenge", "threshold", "quota", "cost", "payment", "approval", "applause",
                      "budget", "shortfall", "obstacle", "criticism", "skepticism", "scepticism", "opposition",
                      "protest", "silence", "response"})
_UNREAL = frozenset({"want", "hope", "refuse", "decline", "try", "propose", "proposal", "invitation", "invite",
                     "offer", "reject", "deny", "threaten", "consider", "call", "urge", "if", "unless", "prevent",
                     "ban", "bar", "forbid", "stop", "avoid", "cancel", "postpone", "opportunity", "chance",
                     "approval", "permission", "able", "unable", "willing", "need", "seek", "aim", "wish", "fail",
                     "demand", "ask", "suggest", "possibility", "risk", "fear", "warn", "whether", "plot", "avert",
                     "favor", "favour", "support", "oppose", "push", "press", "about", "discuss", "dream", "idea",
                     "apply", "hire", "raise", "afford", "money", "fund", "funding", "loan", "bid", "attempt",
                     "effort", "solution", "way"})
"""Words above an event that make it not (yet) happen: wishes, refusals, conditions, plots."""
_PLANNING = frozenset({"plan", "schedule", "due", "expect", "intend", "set", "arrange", "announce",
                       "slate", "prepare", "preparation", "agree", "decide", "vow", "pledge", "promise"})
"""Words above an event that schedule it: it is planned, not hypothetical."""
_PROMISING = frozenset({"vow", "pledge", "promise"})
"""Planning words that schedule nothing without a time ("pledged to visit Baku next week" is planned)."""
_PLANNED_MODIFIERS = frozenset({"planned", "upcoming", "scheduled", "forthcoming", "next", "proposed", "future",
                                "coming", "expected"})
_DIRECTING = frozenset({"tell", "ask", "advise", "order", "allow", "force", "encourage", "urge", "instruct",
                        "permit", "invite", "need", "have"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_FREQUENCY = frozenset({"frequently", "often", "regularly", "routinely", "usually", "sometimes", "always",
                        "typically", "commonly", "repeatedly", "generally", "periodically", "occasionally",
                        "customarily", "habitually"})
"""Adverbs that make a verb in the present tell a habit ("militants frequently bomb buses")."""
_REPORTING_VERBS = _BY["statement"].verbs | {"confirm", "indicate", "report"}
_UNREAL_AUX = frozenset({"would", "should", "could", "may", "might", "must", "wo", "ca", "can"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_DESCRIPTIVE_DEPS = frozenset({"acl", "amod", "relcl"})
_STATE_VERBS = _BY["deployment"].object_verbs
"""Verbs that, describing a noun (``_DESCRIPTIVE_DEPS``), tell a state: "forces stationed in"."""
VISIT_WORDS = _BY["visit"].verbs
_TRAVEL = VISIT_WORDS | (_BY["visit"].motion_verbs - _BY["deployment"].motion_verbs)
"""Verbs of travel: describing a noun ("a student visiting Peru", "buses travelling to Iran") they
tell no official visit (but "helicopters landing in the town" may be a deployment)."""
_SINGLE_OCCASIONS = frozenset({"visit", "trip", "tour", "meeting", "conference", "summit", "forum", "speech"})
_ANAPHORIC_NOUNS = frozenset({"official", "side", "leader", "minister", "delegation", "counterpart"})

_ATTACK = _BY["attack"]
_ANIMALS = frozenset("""bee bees dog dogs shark sharks bear bears snake snakes wolf wolves lion lions tiger tigers
    leopard leopards elephant elephants crocodile crocodiles alligator alligators animal animals hornet hornets wasp
    wasps cat cats horse horses cow cows bull bulls pitbull""".split())
_NOT_TARGETS = frozenset("""policy policies plan plans decision decisions idea ideas proposal proposals bill bills
    law laws remark remarks comment comments statement statements report reports record problem problems issue
    issues budget deal rule rules reform reforms measure measures approach strategy claim claims film films movie
    movies video videos photo photos picture pictures scene scenes footage basket baskets hoop hoops goal goals
    ball puck shot shots question questions market markets""".split())
"""Objects that make "attacked", "shot" or "sanctioned" words, pictures or sport, not violence."""
_KIN = frozenset("""relative relatives family families friend friends parent parents mother father son daughter
    grandmother grandfather grandparents sister brother wife husband child children cousin""".split())
"""People one visits privately: no official visit."""
_NOT_VIOLENT = frozenset({"heart", "panic", "asthma", "anxiety", "cyber", "verbal", "personal", "political"})
"""Words that make an "attack" an illness or words ("a heart attack", "a verbal attack")."""
_EXPLOSIVES = frozenset("""bomb bombs device devices explosive explosives mine mines landmine landmines ied ieds
    grenade grenades rocket rockets shell shells mortar mortars missile missiles bomber bombers car""".split())
_EXPLODING = {"explode": (), "detonate": (), "blow": ("up",), "go": ("off",)}
"""Verbs (with their particle) that tell a blast when a bomb does it ("a car bomb exploded")."""
_ACCIDENTS = frozenset("""accident accidents crash crashes collision fire fires blaze flood floods flooding storm
    storms tornado tornadoes hurricane earthquake quake avalanche landslide lightning overdose disease virus flu
    outbreak illness cancer drowning heat wreck derailment typhoon cyclone tsunami eruption""".split())
"""Causes of death that are no attack ("killed in a car crash")."""
_PEOPLE = KINDS["civilians"] | KINDS["protesters"] | frozenset(
    """thousands hundreds dozens crowds crowd supporters members opponents followers men youths group""".split())
_ARMED_PARTIES = KINDS["military"] | KINDS["armed group"] | frozenset({"police", "policemen", "officers"})

_KILLING = frozenset({"kill", "murder", "slay", "wound", "injure"})
_UNDER_FIRE = frozenset({"fire", "bombardment", "assault"})
_TALKING = frozenset({"speak", "talk", "confer"})
HINT_VERBS: frozenset[str] = frozenset(
    word for t in EVENT_TYPES if t.name != "statement" for word in (*t.verbs, *t.motion_verbs)
) | _KILLING | _TALKING
"""Verb lemmas a rule looks for: the registry's, the killing rule's and the talking rule's."""
_ACTS_ON_OBJECTS = {"opening": "facility_opening", "inauguration": "facility_opening", "signing": "agreement",
                    "conclusion": "agreement", "ratification": "agreement"}
"""Nouns of an act that tell an event with what they act on ("the opening of an embassy", "the
signing of two treaties")."""


HINT_NOUNS: frozenset[str] = frozenset(word for t in EVENT_TYPES for word in t.nouns) | _UNDER_FIRE | _EXPLOSIVES | {
    "street", "responsibility"} | frozenset(_ACTS_ON_OBJECTS)
"""Noun lemmas a rule looks for: the registry's, "came under fire", the bombs of a blast,
"took to the streets", "claimed responsibility for a blast" and "the signing of a treaty"."""
_EVENT_WORDS = WordHint(HINT_VERBS) | WordHint(HINT_NOUNS, "noun")
_ALL_NOUNS = frozenset(word for t in NOUN_ORDER for word in t.nouns)
_NOUN_HEADS = frozenset(word.split()[-1] for word in _ALL_NOUNS)
"""The last word of every event noun: a token that is none of these names no event."""
"""Any form of a verb or noun that may tell an event other than a statement whatever else the
sentence says; whether it does in its context is decided on the parse."""
_OBJECT_HINTS = tuple((WordHint(t.object_verbs), WordHint(t.objects or t.nouns, "noun"))
                      for t in EVENT_TYPES if t.object_verbs)
"""Verbs that tell an event only with one of their objects ("opened a port"), with those objects."""


def may_tell_event(text: str) -> bool:
    """Can a trigger be found in this sentence (a cheap test on words)? Never false for a
    sentence :func:`find_triggers` accepts."""
    words = words_of(text)
    return _EVENT_WORDS.found_in(words) or any(
        verbs.found_in(words) and objects.found_in(words) for verbs, objects in _OBJECT_HINTS)


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word: its type, token index and character offset in the sentence, how much it
    alone says an event happened, whether its doer is a pronoun ("he met"), and whether the
    event is planned rather than done."""

    type: str
    token: int
    offset: int
    strength: float
    subject_is_pronoun: bool = False
    planned: bool = False


def find_triggers(sentence: Doc, *, dated: bool, headline: bool = False) -> list[Trigger]:
    """Event words of a sentence. A verb in the simple present ("she visits him when...") tells
    a habit, not news, unless the sentence dates it (a caption: "X meets Y in Z, May 3, 2024")
    or is a headline ("Minister visits Georgia")."""
    found = []
    for token in sentence:
        if token.pos_ in {"VERB", "AUX"}:
            if token.tag_ in {"VBZ", "VBP"} and not (dated or headline) and not _future(token):
                continue
            kind, strength = _verb_trigger(token), 0.55
        elif token.pos_ in {"NOUN", "PROPN"} and token.dep_ != "compound":  # not "meeting rooms"
            kind, strength = _noun_trigger(token), 0.45
        else:
            continue
        if kind is None:
            continue
        modality = modality_of(token)
        if modality == "unreal":
            continue
        found.append(Trigger(kind, token.i, token.idx, strength, _anaphoric_subject(token), modality == "planned"))
    if any(t.type == "clash" for t in found):  # "killed in a shootout as rustlers attacked": one fight
        found = [t for t in found if t.type != "attack"]
    found = [t for t in found if not (t.type == "visit" and _to_protest(sentence[t.token], found, sentence))
             and not (t.planned and _CALLED_OFF.search(sentence.text, t.offset))]
    if any(_in_several_places(sentence[t.token]) for t in found if t.type in {"attack", "clash"}):
        found = [t for t in found if t.type not in {"attack", "clash"}]
    return [t for t in found if not (_in_a_series(sentence[t.token]) and any(
        o.type == t.type and o.token != t.token for o in found))]


_CALLED_OFF = re.compile(r"\bbut\b[^.;]*?\b(?:(?:would|will|did|could)\s+not|won't|didn't|refused\s+to|declined\s+to|"
                         r"no\s+longer)\s+(?:\w+\s+)?(?:participate|attend|take\s+part|come|join|go\s+ahead|take\s+place)"
                         r"\b|\bbut\b[^.;]*?\b(?:was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:cancell?ed|called\s+off|"
                         r"postponed|derailed)\b", re.I)
"""A plan undone in the same sentence ("talks were scheduled, but the rebels said they would not
participate"): the planned event is not told as happening."""
_PLACE_NOUNS = frozenset("""city cities town towns village villages province provinces region regions country
    countries district districts state states area areas place places location locations""".split())
_SEVERAL = frozenset("two three four five six seven eight nine ten several many various multiple".split())


def _in_several_places(token: Token) -> bool:
    """"64 people died in shootings in three towns": violence told across several places at
    once sums up occurrences (told one by one, or not at all), it is not one."""
    verb = governing_verb(token) or token
    return any(t.dep_ == "pobj" and t.head.lower_ in {"in", "across"} and t.lemma_.lower() in _PLACE_NOUNS
               and t.tag_ == "NNS" and any(c.lower_ in _SEVERAL or (c.like_num and c.lower_ not in {"1", "one"})
                                           for c in t.children if c.dep_ in {"nummod", "amod"})
               for t in verb.subtree)


def _to_protest(token: Token, found: list[Trigger], sentence: Doc) -> bool:
    """"students paid visits to the offices of oil firms to protest the price rises": a visit made to
    protest is the protest."""
    verb = governing_verb(token) or token
    return any(t.type == "protest" and sentence[t.token].head.i == verb.i and sentence[t.token].dep_ in
               {"advcl", "xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in sentence[t.token].children)
               for t in found)


_SERIES = frozenset("""first second third fourth fifth sixth seventh eighth ninth tenth latest another previous
    last""".split())


def _in_a_series(token: Token) -> bool:
    """"exploded ..., in the third deadly attack this week": a noun that ranks the event the
    sentence tells among others, not a second event ("The first attack was a suicide bombing"
    still tells one)."""
    return token.pos_ in _NOMINAL and token.dep_ == "pobj" and any(c.dep_ == "amod" and (c.lower_ in _SERIES or c.tag_ == "JJS")
                                          for c in token.children)


def _future(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in token.children)


def _anaphoric_subject(token: Token) -> bool:
    """Is the doer a pronoun or "the two officials", i.e. people named before?"""
    verb = governing_verb(token)
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if verb is not None else None
    if subject is None:
        return False
    if subject.pos_ == "PRON":
        return True
    determiners = {c.lower_ for c in subject.children if c.dep_ in {"det", "nummod", "predet"}}
    return subject.lemma_.lower() in _ANAPHORIC_NOUNS and bool(determiners & {"the", "both", "two", "these", "those"})


def event_nouns(sentence: Doc) -> list[tuple[Token, str]]:
    """Every noun of the sentence that names an event, told as happening or not ("plans for
    joint exercises in the Caspian Sea"): what a later "the exercises" may point back to."""
    kinds = [(token, _kind_of_noun([token], held=False)) for token in sentence
             if token.pos_ in _NOMINAL and (token.lower_ in _NOUN_HEADS or token.lemma_.lower() in _NOUN_HEADS)]
    return [(token, kind) for token, kind in kinds if kind is not None]


def referent_noun(token: Token) -> Token | None:
    """The event noun a trigger is told by: the trigger itself, or the subject or object its
    verb takes the event from ("the exercises took place")."""
    if token.pos_ in _NOMINAL:
        return token
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and _kind_of_noun([_framed(child)], held=False):
            return _framed(child)
    return None


def governing_verb(token: Token) -> Token | None:
    """The token itself if it is a verb, else the nearest verb above it."""
    if token.pos_ in {"VERB", "AUX"}:
        return token
    return next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)


def _noun_words(tokens: Iterable[Token]) -> set[str]:
    """Lemmas and lower-case forms of the nouns among ``tokens``, and of the two-word nouns they
    head ("air strike"): what event nouns are looked for in, so that :data:`_EVENT_WORDS`
    (noun forms) is sure to hold every one found."""
    words: set[str] = set()
    for token in tokens:
        if token.pos_ not in _NOMINAL:
            continue
        own = (token.lemma_.lower(), token.lower_)
        words.update(own)
        words.update(f"{c.lower_} {w}" for c in token.children if c.dep_ in {"compound", "amod"} for w in own)
    return words


def _lemmas(tokens: Iterable[Token]) -> set[str]:
    return {word for t in tokens for word in (t.lemma_.lower(), t.lower_)}


def _framed(token: Token) -> Token:
    """"a wave of protests" → "protests": through nouns that only count or frame the event."""
    for _ in range(3):
        if token.lemma_.lower() not in _QUANTITIES and token.lower_ not in _QUANTITIES:
            break
        inner = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if inner is None:
            break
        token = inner
    return token


def _objects(token: Token) -> list[Token]:
    direct = [_framed(c) for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}
              and c.lower_ not in _RELATIVES]
    if not direct and token.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in token.children):
        direct = [_framed(c) for c in token.head.children if c.dep_ == "nsubj"]  # "the talks are to be held"
    if not direct and (noun := _relative_object(token)) is not None:
        direct = [_framed(noun)]
    if not direct and token.tag_ == "VBG":  # a gerund read as a noun: "approval to signing of three accords"
        direct = _prep_objects(token, "of")
    if not direct and token.tag_ == "VBN" and token.dep_ == "conj" and not any(
            c.dep_ == "aux" for c in token.children) and any(c.dep_ == "auxpass" for c in token.head.children):
        direct = _subjects(token)  # "the city has been sealed off and extra police brought in": a passive
    return direct + [conj for obj in direct for conj in obj.conjuncts]


_RELATIVES = frozenset({"that", "which", "whom"})


def _relative_object(token: Token) -> Token | None:
    """The noun a relative clause takes as the verb's object: "a deal that he struck with them",
    "the accords that Ruritania plans to sign" (not "the man who signed", whose subject it is)."""
    clause = token
    while clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "relcl" or clause.head.pos_ not in _NOMINAL:
        return None
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return clause.head if subjects and all(s.lower_ not in _RELATIVES | {"who"} for s in subjects) else None


def _subjects(token: Token) -> list[Token]:
    direct = [_framed(c) for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return direct + [conj for subject in direct for conj in subject.conjuncts]


def _prep_objects(token: Token, *words: str) -> list[Token]:
    return [_framed(g) for c in token.children if c.dep_ == "prep" and c.lower_ in words
            for g in c.children if g.dep_ == "pobj"]


def _kind_of_noun(nouns: Iterable[Token], *, held: bool = True) -> str | None:
    """Event type named by a noun ("talks", "summit", "exercises"...): the first type of
    :data:`~geo.events.types.NOUN_ORDER` that one of the nouns names; with ``held``, only a
    type whose events are held ("held talks", not "held a visit")."""
    nouns = list(nouns)
    if _noun_words(nouns).isdisjoint(_ALL_NOUNS):
        return None
    for kind in NOUN_ORDER:
        if held and not kind.held:
            continue
        if any(_names(noun, kind) for noun in nouns):
            return kind.name
    return None


def _names(noun: Token, kind: EventType) -> bool:
    """Does ``noun`` name an event of ``kind`` (with the modifier or context the kind needs)?"""
    words = _noun_words([noun]) & kind.nouns
    if not words:
        return False
    if kind.modifiers and not any(c.lower_ in kind.modifiers for c in noun.children):
        return False
    if kind is _ATTACK and _animal_attack(noun):
        return False
    if words & kind.ambiguous and not _in_context(noun, kind.context):
        return False
    return not _lowercase_only(noun, kind)


def _lowercase_only(token: Token, kind: EventType) -> bool:
    """"March" mid-sentence is the month, "Rally" a name: protest words count in lower case."""
    return kind.name == "protest" and token.text[:1].isupper() and token.i > token.sent.start


def _in_context(token: Token, context: frozenset[str]) -> bool:
    """Is a word of ``context`` in the token's sentence ("military exercise", "clashed with troops")?"""
    return any((t.lemma_.lower() in context or t.lower_ in context) and t.i != token.i for t in token.sent)


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
        """The doers: the subject, or the noun a participle or relative clause describes
        ("helicopters landing in Kalam", "residents who had travelled")."""
        if self.token.dep_ in {"acl", "relcl"}:
            return [self.token.head]
        return _subjects(self.token)

    def particle(self, *words: str) -> bool:
        return all(any(c.dep_ == "prt" and c.lower_ == w for c in self.token.children) for w in words)

    def head_words(self, tokens: Iterable[Token]) -> set[str]:
        return _lemmas(tokens)


def _meet(verb: _Verb) -> str | None:
    """"met with X"; not "met the requirements"."""
    if verb.lemma in _BY["meeting"].verbs and not _lemmas(t for o in verb.objects for t in o.subtree) & _NOT_MET:
        return "meeting"
    return None


def _talked(verb: _Verb) -> str | None:
    """"Aliyev spoke with Erdogan by phone", "the envoy and the deputy minister had spoken": named
    parties or officials talking with each other meet (a minister speaking with reporters does not)."""
    if verb.lemma not in _TALKING or verb.objects or verb.token.dep_ in {"amod", "compound"}:
        return None
    partners = _prep_objects(verb.token, "with")
    subjects = verb.subjects()
    people = partners or (subjects if len(subjects) >= 2 else [])
    words = _lemmas([*people, *subjects])
    if not people or words & (NOT_OFFICIAL | KINDS["civilians"] | KINDS["protesters"]):
        return None
    return "meeting" if all(p.pos_ == "PROPN" or p.lemma_.lower() in RANKS | INSTITUTIONS for p in people) else None


def _visit(verb: _Verb) -> str | None:
    """"visited Baku"; not "a visiting professor", police who "visited" a house, or someone
    visiting relatives."""
    return "visit" if verb.lemma in VISIT_WORDS and verb.token.dep_ not in {"amod", "compound"} \
        and _public_figure(verb) and not verb.object_words & _KIN else None


def _motion(verb: _Verb) -> str | None:
    """"arrived in Baku", "flew to Paris", "sat down with", "spoke at": a verb of motion with its
    preposition, towards a place (not "arrived at an arrangement")."""
    for kind in EVENT_TYPES:
        for phrase, prepositions in kind.motion.items():
            head, *particles = phrase.split()
            if head != verb.lemma or not all(any(c.lower_ == p for c in verb.token.children) for p in particles):
                continue
            places = _prep_objects(verb.token, *prepositions) if prepositions else verb.objects
            if places and not _lemmas(places) & _ABSTRACT_DESTINATIONS and _MOVERS.get(kind.name, _anyone)(verb):
                return kind.name
    return None


def _anyone(verb: _Verb) -> bool:
    return True


def _forces(verb: _Verb) -> bool:
    """"troops entered the town", "bombers flew to within 200 km": armed forces on the move."""
    words = _noun_words(verb.subjects())
    return bool(words & (_BY["deployment"].objects | KINDS["military"]))


def _public_figure(verb: _Verb) -> bool:
    """A visit is made by officials, delegations, public figures; not by residents who travelled,
    troops who arrived (a deployment) or police who "visited" a house (a search)."""
    words = _lemmas(verb.subjects())
    words |= {word + "s" for word in words}  # "a patient who had visited Mexico": the plural is listed
    return not words & (KINDS["civilians"] | KINDS["protesters"] | KINDS["military"] | _BY["deployment"].objects
                        | {"police", "policeman", "policemen", "officer", "officers", "investigator", "investigators",
                           "boy", "girl", "man", "woman", "nurse", "nurses", "doctor", "doctors", "tourist", "six",
                           "five", "four", "three", "two", "couples", "classes", "airline", "airlines", "flights"})


_MOVERS: dict[str, Callable[[_Verb], bool]] = {"deployment": _forces, "visit": _public_figure}
"""Who must move for a motion to tell the type: forces deploy, public figures visit."""


def _engaged_in(verb: _Verb) -> str | None:
    """"engaged in talks", "participated in the forum"."""
    if verb.lemma in _TAKING_PART:
        nouns = _prep_objects(verb.token, "in")
        return _gathering_or(_kind_of_noun(nouns), nouns)
    return None


def _happened(verb: _Verb) -> str | None:
    """"the exercises took place", "fighting erupted", "the forum opened on Sunday", "the
    attack occurred": a verb of occurring whose subject names the event."""
    if (verb.lemma == "take" and "place" in verb.object_words) or verb.lemma in _OCCURRING:
        return _kind_of_noun(verb.subjects(), held=False)
    return None


def _took_part(verb: _Verb) -> str | None:
    """"took part in the summit"."""
    if verb.lemma == "take" and "part" in verb.object_words:
        nouns = _prep_objects(verb.token, "in")
        return _gathering_or(_kind_of_noun(nouns), nouns)
    return None


def _held(verb: _Verb) -> str | None:
    """"held talks", "attended the summit", "gave a speech", "staged a protest", "made an
    official visit" (but "gave addresses in the 900 block" are street addresses, and an
    agreement is signed, not held)."""
    if verb.lemma not in _SUPPORT_VERBS:
        return None
    kind = _kind_of_noun(verb.objects, held=verb.lemma not in {"make", "pay"})
    if verb.lemma == "call" and kind not in {"meeting", "conference", "press_conference"}:
        return None  # "called a meeting", not "calling it the worst attack"
    if kind == "speech" and (verb.lemma not in _DELIVERY_VERBS
                             or any(o.lemma_.lower() == "address" and o.tag_ == "NNS" for o in verb.objects)):
        return None
    if kind == "visit" and (verb.lemma not in {"make", "pay"} or not _public_figure(verb)):
        return None
    return _gathering_or(kind, verb.objects) if kind != "agreement" else None


def _caused_harm(verb: _Verb) -> str | None:
    """"the blast killed 20", "fighting left six dead": the subject names the event that harmed."""
    if verb.lemma in _CASUALTY_VERBS:
        kind = _kind_of_noun(verb.subjects(), held=False)
        return kind if kind in {"attack", "clash", "protest"} else None
    return None


def _killed(verb: _Verb) -> str | None:
    """"gunmen killed eleven people", "six aid workers were killed on Saturday": a killing by
    people or weapons is an attack; one by a storm, a crash or a disease is not."""
    if verb.lemma not in _KILLING or verb.token.dep_ in {"amod", "compound"}:
        return None
    sentence_words = _lemmas(verb.token.sent)
    if sentence_words & _ACCIDENTS:
        return None
    agents = verb.subjects() if verb.token.dep_ != "auxpass" and not _passive(verb.token) else \
        _prep_objects(verb.token, "by")
    words = _lemmas(agents)
    victims_words = _lemmas(verb.subjects() if _passive(verb.token) else verb.objects)
    if (words | victims_words) & _ANIMALS or words & _ACCIDENTS:
        return None
    if verb.lemma in {"wound", "injure"} and not words & (_ARMED_PARTIES | _EXPLOSIVES):
        return None  # "injured in a fall": only armed hands or bombs make wounds an attack
    victims = victims_words
    if _passive(verb.token) and not agents:  # "were killed": an attack, unless a fight killed them
        if verb.lemma not in {"kill", "murder", "slay"} or sentence_words & _BY["clash"].nouns or \
                victims & KINDS["armed group"]:
            return None
        return "attack"
    if words & _ARMED_PARTIES and victims & (KINDS["armed group"] | KINDS["military"]):
        return "clash"  # "army personnel killed the gunmen": armed parties fighting
    if any(a.pos_ in {"PROPN", "PRON"} for a in agents) or words & (_ARMED_PARTIES | _EXPLOSIVES | _PEOPLE) \
            or words & {"man", "woman", "teen", "teenager", "boy", "suspect", "shooter", "sniper", "assailant"}:
        return "attack"
    return None


def _passive(token: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children) or (token.tag_ == "VBN" and \
        token.dep_ in {"acl", "relcl"})


def _exploded(verb: _Verb) -> str | None:
    """"a car bomb exploded", "was blown up by a mine", "the device went off"."""
    particles = _EXPLODING.get(verb.lemma)
    if particles is None or not verb.particle(*particles):
        return None
    tokens = verb.subjects() + verb.objects + _prep_objects(verb.token, "on", "by")
    return "attack" if _noun_words(tokens) & _EXPLOSIVES else None


def _under_attack(verb: _Verb) -> str | None:
    """"came under fire", "were under attack"."""
    targets = _prep_objects(verb.token, "under")
    return "attack" if _lemmas(targets) & (_ATTACK.nouns | _UNDER_FIRE) else None


def _typed_verb(verb: _Verb) -> str | None:
    """"attacked a village", "clashed with troops", "protested against the decision",
    "sanctioned the bank": a verb of the new kinds of event, in its own context."""
    for kind, check in _VERB_CHECKS.items():
        if verb.lemma in _BY[kind].verbs and check(verb):
            return kind
    return None


def _violent(verb: _Verb) -> bool:
    """Not a word fight, a picture or an animal: "attacked the plan", "shot a film", "a bee attacked"."""
    subjects, objects = _lemmas(verb.subjects()), verb.object_words
    if subjects & _ANIMALS or objects & _NOT_TARGETS or verb.token.dep_ in {"amod", "compound"}:
        return False
    if verb.lemma == "storm":
        return bool(verb.objects)  # "stormed a village", not "stormed out"
    if verb.lemma == "gun":
        return verb.particle("down")  # "gunned down a judge"
    if verb.lemma == "shoot":
        return bool(verb.objects) or bool(_prep_objects(verb.token, "at")) or verb.particle("dead")
    return True


def _armed(verb: _Verb) -> bool:
    """"clashed with police", "battled rebels"; a fight over a budget is no clash."""
    if verb.token.dep_ in {"amod", "compound"}:
        return False
    if not _in_context(verb.token, _BY["clash"].context):
        return False
    return not (verb.lemma == "fight" and _prep_objects(verb.token, "against", "for", "over"))


def _demonstrated(verb: _Verb) -> bool:
    """"residents marched", "protested against the decision"; soldiers marching are no protest."""
    if verb.token.dep_ in {"amod", "compound"} or _lowercase_only(verb.token, _BY["protest"]):
        return False
    subjects = _lemmas(verb.subjects())
    if subjects & _ARMED_PARTIES:
        return False
    if verb.lemma == "gather":  # protesters gathered; investigators "gather evidence"
        crowd = subjects & (KINDS["protesters"] | {"crowd", "crowds", "thousands", "hundreds"}) or (
            subjects & _PEOPLE and _in_context(verb.token, _BY["protest"].context))  # "supporters gathered"
        return bool(crowd) and not verb.objects
    if verb.lemma == "occupy":  # protesters occupy a square; troops occupying a town do not protest
        return bool(subjects & KINDS["protesters"])
    if verb.lemma in {"march", "rally", "demonstrate"}:
        return bool(subjects & _PEOPLE) or any(s.pos_ == "NUM" or any(c.pos_ == "NUM" for c in s.children)
                                                for s in verb.subjects()) \
            or _in_context(verb.token, _BY["protest"].context)
    return True


def _took_to_the_streets(verb: _Verb) -> str | None:
    """"Thousands took to the streets": the idiom of a protest."""
    streets = {t.lemma_.lower() for t in _prep_objects(verb.token, "to")}
    return "protest" if verb.lemma == "take" and streets & {"street", "streets"} else None


def _sanctioned(verb: _Verb) -> bool:
    """"sanctioned the bank", not "a UN-sanctioned vote" or "sanctioned the plan" (approved it)."""
    return verb.token.dep_ not in {"amod", "compound"} and bool(verb.objects) and not verb.object_words & _NOT_TARGETS


_VERB_CHECKS: dict[str, Callable[[_Verb], bool]] = {
    "attack": _violent, "clash": _armed, "protest": _demonstrated, "sanction": _sanctioned,
}


def _agreed(verb: _Verb) -> str | None:
    """"both sides agreed on a ceasefire", "agreed to a deal": parties agree on an accord; one
    side agreeing to do something ("Pakistan agreed to reinstate...") is a concession."""
    token = verb.token
    if verb.lemma in _BY["agreement"].verbs and _parties(token) and \
            _noun_words(_prep_objects(token, "on", "to") + verb.objects) & _BY["agreement"].nouns:
        return "agreement"
    return None


def _acted_on_object(verb: _Verb) -> str | None:
    """"signed an agreement", "opened a port", "deployed troops", "told a news conference",
    "addressed parliament", "opened fire", "imposed sanctions": a verb that tells an event
    only through its object."""
    if verb.token.dep_ in _DESCRIPTIVE_DEPS and verb.lemma in _STATE_VERBS:
        return None  # "forces stationed in": a state, not a deployment
    for kind in EVENT_TYPES:
        if verb.lemma not in kind.object_verbs:
            continue
        if any(_names(o, kind) for o in verb.objects) or (kind.objects and _noun_words(verb.objects) & kind.objects):
            return kind.name
        if kind.name == "deployment" and _noun_words(verb.objects) & _TEAMS and \
                _noun_words(verb.subjects()) & _ARMED_PARTIES:
            return kind.name  # "the army dispatched teams to the village"; aid agencies sending teams do not deploy
    return None


_TEAMS = frozenset({"team", "teams", "unit", "units", "patrol", "patrols", "squad", "squads"})
"""Groups that are forces only when armed forces send them."""


_VERB_RULES: tuple[Callable[[_Verb], str | None], ...] = (
    _meet, _talked, _visit, _motion, _engaged_in, _happened, _took_part, _held, _caused_harm, _killed, _exploded,
    _under_attack, _typed_verb, _took_to_the_streets, _agreed, _acted_on_object,
)
"""The verb rules in order: the first that names a type decides."""


def _verb_trigger(token: Token) -> str | None:
    verb = _Verb.of(token)
    for rule in _VERB_RULES:
        if (kind := rule(verb)) is not None:
            return _protest_or("clash" if kind == "attack" and _fired_back(verb) else kind, token)
    return None


def _fired_back(verb: _Verb) -> bool:
    """"police shot four men who ... began shooting": the targets fired too, so it was a fight."""
    return any(c.dep_ == "relcl" and any(t.lemma_.lower() in {"shoot", "fire"} and t.pos_ == "VERB"
                                         for t in c.subtree)
               for target in verb.objects for c in target.children)


def _protest_or(kind: str | None, token: Token) -> str | None:
    """Street fights of protesters or supporters with police are protests, not clashes
    ("protesters clashed with riot police", "his followers fought running battles with riot police");
    crowds storming an embassy "in protest" protest, they do not attack."""
    if kind == "attack" and _in_protest(token):
        return "protest"
    if kind != "clash":
        return kind
    words = _lemmas(token.sent)
    if words & (KINDS["protesters"] | {"protest", "rally", "demonstration", "riot"}):
        return "protest"
    if "police" in words and words & (KINDS["civilians"] | {"supporters", "crowd", "youths"}) \
            and not words & (KINDS["armed group"] | KINDS["military"]):
        return "protest"
    return kind


def _in_protest(token: Token) -> bool:
    verb = governing_verb(token)
    if verb is None:
        return False
    crowd = _lemmas(_subjects(verb)) & (KINDS["protesters"] | {"crowd", "crowds", "mob", "mobs"})
    return bool(crowd) or any(t.dep_ == "pobj" and t.lemma_.lower() == "protest" and t.head.lower_ == "in"
                              for t in verb.subtree)


def _parties(token: Token) -> bool:
    """Is the subject of "agreed" two or more parties (countries, bodies, "both sides"), not one
    person agreeing to something ("the gunman agreed to give himself up")?"""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children) or bool(
        _prep_objects(token, "with")) or subject.lower_ in {"sides", "both", "parties"}


def _gathering_or(kind: str | None, nouns: Iterable[Token]) -> str | None:
    """"attended a meeting ... for the Conference on ...": a named gathering makes it a conference."""
    if kind != "meeting":
        return kind
    for noun in nouns:
        if any(t.lemma_.lower() in _BY["conference"].nouns and t.text[:1].isupper() for t in noun.subtree):
            return "conference"
    return kind


def _noun_trigger(token: Token) -> str | None:
    """A noun names an event only inside a phrase like "during a meeting", "on a visit",
    "killed in an attack", or after "there was" ("there were artillery attacks")."""
    if (kind := _told_outright(token)) is not None:
        return kind
    if _existential(token) or _between_parties(token) or _of_forces(token):
        kind = _kind_of_noun([token], held=False)
        return _protest_or(kind, token) if kind not in {None, "agreement", "speech"} else None
    if _animal_attack(token):
        return None
    if _claimed_blast(token):
        return "attack"
    preposition = token.head
    if token.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.head.pos_ not in {"VERB", "AUX"}:
        return None  # "a key issue in the meetings": about meetings, not one taking place
    lemma = token.lemma_.lower()
    if token.tag_ == "NNS" and lemma in _SINGLE_OCCASIONS:
        return None  # "during his visits to different places": a summary of events told one by one
    if preposition.lower_ == "of" and preposition.head.lemma_.lower() in _QUANTITIES:
        frame = preposition.head  # "after two days of talks"
        if frame.dep_ != "pobj" or frame.head.dep_ != "prep":
            return None
        preposition = frame.head
    kind = _kind_of_noun([token], held=False)
    if kind is None or (lemma in _BY[kind].verb_only_nouns and not _addressed_to(token)):
        return None
    if kind == "visit" and any(c.dep_ == "poss" and c.lower_ in {"your", "my"} for c in token.children):
        return None  # "on your Alpine trip": the reader's or the writer's travel, not an official's
    return _protest_or(kind, token) if preposition.lower_ in _BY[kind].noun_prepositions else None


_BLASTS = frozenset({"blast", "explosion", "bombing", "attack", "killing", "shooting"})


def _claimed_blast(token: Token) -> bool:
    """"claimed responsibility for a blast": a blast someone claims was deliberate, an attack."""
    preposition = token.head
    owner = preposition.head
    return token.lemma_.lower() in _BLASTS and token.dep_ == "pobj" and preposition.lower_ == "for" and \
        owner.lemma_.lower() == "responsibility" and owner.head.lemma_.lower() in {"claim", "admit", "accept"}


def _addressed_to(token: Token) -> bool:
    """"in an address to the nation": a noun that names its audience tells the speech itself."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children)
               for c in token.children)


def _told_outright(token: Token) -> str | None:
    """An event noun that tells its event wherever it stands: an act with its object ("the opening
    of an embassy") or words to an audience ("X, in comments to the forum, said")."""
    if (kind := _act_on_its_object(token)) is not None:
        return kind
    if token.dep_ == "pobj" and token.head.lower_ == "in" and _addressed_to(token) and \
            _kind_of_noun([token], held=False) == "speech":
        return "speech"
    return None


def _act_on_its_object(token: Token) -> str | None:
    """"praised the opening of the first embassy", "gave her approval to the signing of three
    accords": the act named with its object after "of" tells the event wherever it stands."""
    kind = _ACTS_ON_OBJECTS.get(token.lemma_.lower())
    if kind is None or token.pos_ not in _NOMINAL:
        return None
    objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj"]
    wanted = _BY[kind].objects or _BY[kind].nouns
    return kind if _noun_words(objects) & wanted else None


def _of_forces(token: Token) -> bool:
    """"announced a rotation of army units near Gori": a deployment noun with the forces
    moved tells the deployment wherever it stands in the sentence."""
    return token.lemma_.lower() in _BY["deployment"].nouns and any(
        c.dep_ == "prep" and c.lower_ == "of" and _lemmas(c.children) & _BY["deployment"].objects
        for c in token.children)


def _between_parties(token: Token) -> bool:
    """"a meeting Friday between Putin and Aliyev": an event noun with its parties named."""
    return any(c.dep_ == "prep" and c.lower_ == "between" and any(g.dep_ == "pobj" for g in c.children)
               for c in token.children)


def _animal_attack(token: Token) -> bool:
    """"a killer bee attack", "a heart attack": an animal or an illness, nobody with a weapon."""
    return bool(_lemmas(token.lefts) & (_ANIMALS | _NOT_VIOLENT) or
                _lemmas(t for c in token.lefts for t in c.subtree) & _ANIMALS)


def _existential(token: Token) -> bool:
    """"there were attacks": the noun is what the existential "there" says happened."""
    head = token.head
    return token.dep_ in {"attr", "nsubj"} and head.lemma_ == "be" and any(c.dep_ == "expl" for c in head.children)


def modality_of(token: Token) -> Modality:
    """Did the event happen (``actual``), is it scheduled (``planned``), or is it wished,
    refused, conditional or denied (``unreal``)?"""
    if _not_news(token) or ((noun := referent_noun(token)) is not None and noun is not token and _not_news(noun)):
        return "unreal"
    if any(c.lower_ in _PLANNED_MODIFIERS for c in token.children if c.dep_ in {"amod", "compound"}):
        return "planned"  # "the planned protests", "next week's talks"
    verb = governing_verb(token)
    if verb is not None and _infinitive_of_noun(verb) and not _ranked(verb.head) and \
            verb.head.lemma_.lower() not in _PLANNING | _DECIDED:
        return "unreal"  # "a lovely country to visit", "a good time to visit" (not "plans to visit")
    above = {t.lemma_.lower() for t in _governors(token)}
    if token.lemma_.lower() in _PLANNING:
        above.add(token.lemma_.lower())  # "plans a wave of protests": the plan is the trigger
    if above & _UNREAL:
        return "unreal"
    if verb is None:
        return "planned" if above & _PLANNING else "actual"
    if any(c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in {"whether", "if"}) for c in verb.children) or \
            _no_longer(verb) or _time_since(verb):  # "not", "no longer", "whether the driver murdered": not told as done
        return "unreal"
    planned = bool(above & _PLANNING)
    for governing in _clause_chain(verb):  # "he would fly to the US and meet experts"
        auxiliaries = {c.lower_ for c in governing.children if c.dep_ in {"aux", "auxpass"}}
        if auxiliaries & _UNREAL_AUX:
            if auxiliaries & {"would", "wo"} and _reported(governing) and _scheduled(governing):
                planned = True  # "she said she would visit Peru on Friday": a future told in the past
                continue
            return "unreal"
        if _unreal_clause(governing, token):
            return "unreal"
        planned = planned or bool(auxiliaries & _FUTURE_AUX) or _to_be_done(governing)
    return "planned" if planned else "actual"


_SETTING_PREPOSITIONS = frozenset({"at", "in", "on", "during", "near", "inside", "outside", "after", "before",
                                   "amid", "following", "throughout"})
_FACTUAL_MARKERS = frozenset({"as", "after", "when", "while", "because", "since", "before", "until", "where",
                              "though", "although", "whereas"})


def _governors(token: Token, reach: int = 3) -> list[Token]:
    """The words above the token that may make it wished, planned or denied: up to ``reach``
    heads, not across a clause that tells a fact of its own ("to avert war as fighting killed a
    dozen": the killing is no less real for the wish to avert war)."""
    found: list[Token] = []
    current = token
    while len(found) < reach and current.head.i != current.i:
        if (current.dep_ in {"relcl", "conj", "parataxis"} and not _infinitive_of_noun(current)) or (
                current.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in _FACTUAL_MARKERS for c in current.children)) or (
                current.dep_ == "prep" and current.lower_ in _SETTING_PREPOSITIONS):
            break  # "announced at the forum": the forum is where, not what was announced
        current = current.head
        found.append(current)
    return found


_DECIDED = frozenset({"decision", "order", "move", "agreement", "deal", "bid"})
"""Nouns whose infinitive is decided or under way ("the decision to send troops"); "bid" is unreal
by :data:`_UNREAL` anyway."""


def _ranked(noun: Token) -> bool:
    """"the first president to visit", "the last leader to sign": a noun ranked among those who did it."""
    return any(c.lower_ in _SERIES | {"only"} or c.tag_ == "JJS" for c in noun.children)


def _infinitive_of_noun(verb: Token) -> bool:
    """"the best way to reach an agreement", "a chance to visit": an infinitive that says what
    the noun is for; the noun decides whether it happens (unlike "a deal that they signed")."""
    return verb.dep_ == "relcl" and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                              for c in verb.children)


def _not_news(token: Token) -> bool:
    """A description, an order, an imperative, an idiom or a denial, not an event told."""
    if token.dep_ == "acl" and token.tag_ in {"VBG", "VBN"} and token.lemma_.lower() in _TRAVEL | _STATE_VERBS:
        return True  # "a student visiting Peru", "buses travelling to Iran", "forces stationed in"
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _DIRECTING:
        return True  # "was told to visit a clinic"
    if token.tag_ == "VB" and not any(c.dep_ in {"aux", "nsubj"} for c in token.children) and token.dep_ == "ROOT":
        return True  # imperative: "please visit your doctor"
    if token.lemma_.lower() == "meet" and any(c.dep_ == "auxpass" for c in token.children):
        return True  # "was met with applause"
    return any(c.lower_ in {"no", "without"} for c in token.children if c.dep_ in {"det", "neg"})  # "no clashes"


def _unreal_clause(verb: Token, token: Token) -> bool:
    """A condition ("would fly to Ankara if the doctors agreed"), a habit ("frequently bomb") or
    a promise with no time ("vowed to take to the streets": a threat, not a plan)."""
    if any(c.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in c.children) for c in verb.children):
        return True
    if _habitual(verb):
        return True
    return bool(_PROMISING & {t.lemma_.lower() for t in _governors(token)}) and not _scheduled(verb)


def _habitual(verb: Token) -> bool:
    """"frequently bomb", "have often clashed": a habit told in the present, not one occurrence
    (in the past, "repeatedly shelled the town on Monday" still tells what happened)."""
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.lower_ == "had" for c in verb.children)):
        return False
    return any(c.dep_ == "advmod" and c.lower_ in _FREQUENCY for c in verb.children)


def _time_since(verb: Token) -> bool:
    """"It has been two years since an attack claimed that many lives": the last such event is a
    yardstick for the time elapsed, not news."""
    head = verb.head
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children) and \
        head.lemma_.lower() == "be" and any(c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in head.children)


def _no_longer(verb: Token) -> bool:
    """"would no longer take part", "never met"."""
    return any(c.lower_ in {"never", "longer"} and c.dep_ in {"advmod", "neg"} for c in verb.children)


def _scheduled(verb: Token) -> bool:
    """Does the clause give a time ("on Wednesday", "next week", "in March")? A plan has one."""
    return any(t.ent_type_ == "DATE" or t.lower_ in _TIME_WORDS or t.like_num for t in verb.subtree)


_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december tomorrow tonight week month year weekend""".split())


def _reported(verb: Token) -> bool:
    """Is the clause what someone said or announced ("said he would visit")?"""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORTING_VERBS


def _to_be_done(verb: Token) -> bool:
    """"to be held", "is to visit": an infinitive of duty or arrangement."""
    return verb.dep_ == "xcomp" and verb.tag_ in {"VB", "VBN"} and verb.head.lemma_.lower() == "be" and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _clause_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it depends on as a purpose, a coordinated or an adverbial clause."""
    chain = [verb]
    while chain[-1].dep_ in {"xcomp", "advcl", "conj"} and len(chain) < 4 and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain
