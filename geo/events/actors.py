"""Actors: who takes part in an event, as a name, a role and a kind of party.

"President Hassan Rouhani" is the actor ``Hassan Rouhani`` with the role ``President``: titles
and honorifics go to the role, so "Rouhani", "President Hassan Rouhani" and "Hassan Rouhani"
can become one actor (:func:`canonical`). The kind of party (state, military, armed group,
civilians, protesters, company, organisation) is read from the words the text uses for it
("Georgian forces", "the separatists", "riot police", "Exxon Corp."); a bare name has none.

No named-entity recogniser is used: the sentence parse (proper nouns, compounds, appositions),
title words, the geoparser's toponyms and word frequencies tell names, bodies and places apart,
at a small part of the recogniser's cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geo.models import Actor, Toponym
from geo.text.calendar import CALENDAR_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

RANKS = frozenset(
    """president premier minister secretary general admiral major lieutenant colonel brigadier
    commander chairman chairwoman chair chairperson ambassador envoy king queen prince princess sheikh emir
    leader speaker mayor governor director adviser advisor spokesman spokeswoman spokesperson senator mr mrs ms
    dr sir captain marshal sergeant officer chief chancellor commissioner coordinator representative
    lawmaker legislator mp deputy head official officials diplomat diplomats attorney prosecutor judge
    sen rep gen lt col maj capt adm sgt gov pres parliamentarian congressman congresswoman councillor councilor
    councilman councilwoman""".split()
)
"""Words that are a title on their own ("Admiral Sayyari", "Minister Lavrov")."""
HONORIFICS = frozenset("mr mrs ms miss dr sir".split())
"""Titles of courtesy: stripped from a name like ranks, but no sign of public office ("Mrs Smith said")."""
TITLE_WORDS = RANKS | frozenset(
    """vice prime deputy first rear foreign defence defense interior economy economic finance
    roads labor labour energy oil trade transport health justice security state senior supreme
    crown head navy army air force then-president former acting district county city regional
    special top chief executive managing assistant permanent national federal provincial
    parliamentary opposition party""".split()
)
"""Rank words and the words that qualify them ("Deputy Foreign Minister")."""
INSTITUTIONS = frozenset(
    """assembly council committee staff court parliament congress senate ministry office corps command
    army navy force forces guard department agency bank fund party union organization organisation
    commission board cabinet government administration kremlin police military embassy authority
    authorities secretariat mission opposition delegation""".split()
)
"""Words that end the name of a body, not of a person ("General Assembly", "Joint Chiefs of Staff")."""
KINDS: dict[str, frozenset[str]] = {
    "military": frozenset("""army armies troop troops soldier soldiers military force forces navy marine marines
        peacekeeper peacekeepers battalion brigade unit units artillery airforce commander commanders
        paratroopers sailors airmen garrison""".split()),
    "armed group": frozenset("""militant militants rebel rebels insurgent insurgents gunman gunmen separatist
        separatists fighter fighters militia militias militiamen guerrilla guerrillas terrorist terrorists jihadist
        jihadists bomber bombers attacker attackers assailant assailants hitmen hitman pirates kidnappers
        extremists extremist""".split()),
    "protesters": frozenset("""protester protesters protestor protestors demonstrator demonstrators marcher
        marchers activist activists strikers picketers rioters""".split()),
    "civilians": frozenset("""civilian civilians resident residents villager villagers people children women
        families family passengers student students worker workers farmers pilgrims tourists patients
        shoppers worshippers refugees victims citizens""".split()),
    "company": frozenset("""company companies firm firms corporation corp inc ltd llc plc co bank banks airline
        airlines operator manufacturer carmaker retailer""".split()),
    "state": frozenset("""government governments ministry ministries minister ministers president premier
        official officials authorities authority administration cabinet parliament kremlin state department
        police policemen policeman embassy council mayor governor senator lawmakers legislators diplomat
        diplomats spokesman spokeswoman spokesperson regime junta king queen""".split()),
    "organisation": frozenset("""organisation organization organisations organizations agency agencies
        committee commission union alliance coalition association foundation institute campaign ngo
        charity""".split()),
}
"""The kinds of party, each with the head words that say it ("forces" → military)."""
NOT_OFFICIAL = frozenset(
    """witness witnesses eyewitness eyewitnesses resident residents neighbour neighbor neighbours neighbors
    relative relatives mother father wife husband son daughter brother sister friend friends lawyer lawyers
    attorney expert experts analyst analysts professor researcher researchers scientist journalist journalists
    reporter reporters correspondent newspaper paper television media source sources
    survivor survivors victim victims owner customer customers fan fans student students marcher
    teacher doctor doctors nurse undertaker drummer singer passenger passengers villager villagers news
    employee bystander bystanders onlooker onlookers shopper shoppers""".split()
)
"""Speakers whose words are not a public statement (witnesses, relatives, experts, the press)."""
_ORGANISATION_WORDS = frozenset(
    """international watch organization organisation foundation institute association union committee council
    party front movement group bank fund agency campaign coalition alliance network federation league society
    center centre corporation company borders rights without nations commission office ministry department
    service services court tribunal program programme initiative""".split()
)
_DETERMINERS = frozenset("the a an its their his her our this that these those some".split())
_ROLE_LINKS = frozenset("of for to at in on with".split())
_LEADING = frozenset("as and but so yet or if when while after before since because although though in on at "
                     "for with by from to".split())
"""Words that open a clause, not a name ("As supreme leader, Khamenei said")."""
_SAYING = frozenset("said says say added adds told tells wrote writes stated according to".split())
_FILLER = frozenset("""however meanwhile also instead separately moreover furthermore still yet then now later earlier
    yesterday today tonight last this next in a an on at statement statements interview remarks response""".split())
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3}|-)$")  # "Mikheil", "bin", "de", "al-"


def kind_of(words: Iterable[str]) -> str | None:
    """The kind of party a phrase's words say ("Georgian forces" → military), last word first."""
    for word in reversed([w.lower().strip(".,") for w in words]):
        for kind, heads in KINDS.items():
            if word in heads:
                return kind
    return None


def split_role(words: Sequence[str]) -> tuple[str | None, str]:
    """``("Georgian President", "Mikheil Saakashvili")`` from the words of a titled name.

    Title words (and the nationality or place before them) go to the role, up to the last
    title word; the rest is the name. A phrase of title words only ("the UN chief", "the
    president of France") is all role and has no name (``""``).
    """
    last_title = max((i for i, w in enumerate(words) if w.lower().strip(".,") in TITLE_WORDS), default=-1)
    if last_title < 0:
        return None, " ".join(words)
    role, name = words[: last_title + 1], list(words[last_title + 1 :])
    if name and (name[0].lower() in _ROLE_LINKS or is_organisation_name(name)):
        return " ".join(words), ""  # "the president of France", "the chief of the World Health Organisation"
    if not any(w[:1].isupper() for w in name):
        return " ".join(words), ""
    return " ".join(role), " ".join(name)


def is_organisation_name(words: Sequence[str]) -> bool:
    """Does a capitalised name name a body ("Human Rights Watch", "Amnesty International")?"""
    lower = [w.lower().strip(".,") for w in words]
    return bool(_ORGANISATION_WORDS.intersection(lower)) or (len(words) == 1 and words[0].isupper()
                                                                 and len(words[0]) >= 2)


def phrase_actor(head: Token, toponyms: Sequence[Toponym] = (), base: int = 0) -> Actor | None:
    """The actor a noun phrase names, from the parse: its head and what modifies it.

    ``toponyms`` are the sentence's resolved places (document offsets, the sentence starting at
    ``base``): a phrase that is a place is a state ("Georgia accuses..."). An appositive name
    wins over a role noun ("Georgia's top official, Temur Iakobashvili" is Iakobashvili).
    """
    if head.pos_ == "PRON" or calendar_word(head.text):
        return None
    apposition = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if apposition is not None and head.pos_ == "NOUN":
        named = phrase_actor(apposition, toponyms, base)
        if named is not None:
            return replace(named, role=named.role or _words_text([*_modifier_words(head), head.text]))
    place = _place_at(head, toponyms, base)
    if place is not None:
        return Actor(place.name, None, "state")
    words = [*_modifier_words(head), head.text]
    words = [w for w in words if w.lower() not in _DETERMINERS and not w.lower().endswith(("'s", "’s"))]
    if not words:
        return None
    if head.pos_ == "PROPN":
        role, name = split_role(words)
        kind = kind_of(words) or ("organisation" if is_organisation_name(name.split()) else None)
        return Actor(_tidy(name), role, kind)
    kind = kind_of([head.text])
    if kind is None:
        return None  # "the decision", "a car": not a party to an event
    return Actor(_tidy(" ".join(words)), None, kind)


def _modifier_words(head: Token) -> list[str]:
    """Words of a phrase before its head that belong to the name or role (compounds,
    adjectives, possessive places), in order."""
    keep: list[str] = []
    for child in head.lefts:
        if child.dep_ in {"compound", "amod", "nmod", "poss"} and child.pos_ in {"PROPN", "NOUN", "ADJ"}:
            keep.extend(t.text for t in child.subtree if t.dep_ != "case" and t.pos_ != "PUNCT")
    return keep


def _place_at(head: Token, toponyms: Sequence[Toponym], base: int) -> Toponym | None:
    start = head.idx + base
    return next((t for t in toponyms if t.start <= start < t.end), None)


def _words_text(words: list[str]) -> str:
    return " ".join(w for w in words if w.lower() not in _DETERMINERS)


def text_actor(phrase: str, toponyms: Sequence[Toponym] = (), start: int = 0,
               known: Mapping[str, Actor] | None = None) -> Actor | None:
    """The actor a phrase of raw text names, without a parse ("Kenya's livestock minister,
    Mohammed Kuti", "the agency spokesman, Lund", "Mexican officials", "Human Rights Watch").

    The phrase's parts (split at commas and brackets) are a name, possibly titled ("Czech
    Foreign Minister Karel Schwarzenberg"), and roles ("the president of France"). ``toponyms``
    hold document offsets (the phrase starts at ``start``): a place is a state. ``known``
    (see :func:`known_people`) gives the role of a person the article titles elsewhere.
    """
    end = start + len(phrase)
    for toponym in toponyms:
        if start <= toponym.start and toponym.end <= end and _whole_part(phrase, toponym.text):
            return Actor(toponym.name, None, "state")
    parts = [_clean_words(p) for p in re.split(r"[,()]", phrase)]
    parts = [p for p in parts if p and not _filler(p)]
    if not parts:
        return None
    if is_organisation_name(parts[0]) and not split_role(parts[0])[0] and " and " in f" {phrase} ":
        return Actor(_tidy(" ".join(parts[0])), None, "organisation")  # "The EU, NATO and UN": the first
    split = [(words, *split_role(words)) for words in parts]
    named = [(words, role, name) for words, role, name in split
             if any(w[:1].isupper() for w in name.split()) and not is_organisation_name(name.split())]
    if named:
        words, role, name = named[0]
        others = [r or " ".join(w) for w, r, n in split if w is not words and (r or is_organisation_name(w))]
        role = role or (others[0] if others else None)
        actor = Actor(_tidy(name), _tidy(role) if role else None, kind_of(words) or kind_of((role or "").split()))
        return _with_known_role(actor, known)
    words = parts[0]
    if is_organisation_name(words) or all(w[:1].isupper() for w in words):
        return Actor(_tidy(" ".join(words)), None, "organisation" if is_organisation_name(words) else None)
    kind = kind_of(words)
    return Actor(_tidy(" ".join(words)), None, kind) if kind or _has_rank(" ".join(words)) else None


def _whole_part(phrase: str, text: str) -> bool:
    return any(_clean_words(part) == _clean_words(text) for part in re.split(r"[,()]", phrase))


def _clean_words(text: str) -> list[str]:
    words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[\w'’.&-]+", text)]
    while words and words[0].lower() in _LEADING:
        words.pop(0)  # "As supreme leader ...", "But the ministry"
    return [w for w in words if w and w.lower() not in _DETERMINERS]


def _filler(words: list[str]) -> bool:
    """A part of a speaker phrase that names no one: "However", "Friday", "in a statement"."""
    return all(w.lower() in _FILLER or calendar_word(w) for w in words)


def _with_known_role(actor: Actor, known: Mapping[str, Actor] | None) -> Actor:
    if not known or actor.role:
        return actor
    found = known.get(surname(actor.name))
    if found is None or not found.name.endswith(actor.name):
        return actor
    return Actor(found.name, found.role, actor.kind or found.kind)


_NAME_RUN = re.compile(
    r"(?<![\w'’])(?:(?:[A-Z][a-z]{0,2}\.|[A-Z][\w'’-]*|(?:de|van|von|bin|ibn|al|el|da|di|du|der|den|la|le|abu)"
    r"(?=\s+[A-Z]))\s+){0,6}[A-Z][\w'’-]*[a-z][\w'’-]*")
_APPOSITION = re.compile(r"^,\s*((?:the|a|an|former|then)\s+)?([^,.;:\"“”]{2,80}?)\s*(?=[,.;:]|$)")


def known_people(text: str) -> dict[str, Actor]:
    """People the article titles somewhere, by surname: "President Jan Novak",
    "Tomas Varga, former defence minister," or "the agency spokesman, Lund," tell who
    "Novak", "Varga" and "Lund" are wherever else they appear."""
    found: dict[str, Actor] = {}
    for match in _NAME_RUN.finditer(text):
        words = match.group().split()
        role, name = split_role(words)
        if not role:
            role = _role_around(text, match.start(), match.end())
        if role and name and not is_organisation_name(name.split()) and _has_rank(role):
            found.setdefault(surname(name), Actor(_tidy(name), _tidy(role), kind_of(role.split())))
    return found


def people_in(text: str, known: Mapping[str, Actor]) -> tuple[Actor, ...]:
    """The titled people of the article (see :func:`known_people`) a sentence names, in order."""
    found = []
    for match in _NAME_RUN.finditer(text):
        person = known.get(surname(split_role(match.group().split())[1] or match.group()))
        if person is not None:
            found.append(person)
    return tuple(dict.fromkeys(found))


def _role_around(text: str, start: int, end: int) -> str | None:
    """A role in apposition after a name (", a leader of the movement,") or before it
    ("the agency spokesman, Lund")."""
    after = _APPOSITION.match(text[end : end + 90])
    if after and _has_rank(after.group(2)):
        return _role_words(after.group(2))
    before = re.search(r"(?:^|[.;:\"“”]\s*|,\s*)([^,.;:\"“”]{2,80}?),\s*$", text[max(0, start - 90) : start])
    if before and _has_rank(before.group(1)):
        return _role_words(before.group(1))
    return None


def _role_words(text: str) -> str:
    """A role phrase from its first determiner, title or capitalised word ("said the WHO
    spokesman" → "WHO spokesman")."""
    words = text.split()
    while words and words[0].lower() in _DETERMINERS | _SAYING:
        words.pop(0)
    return " ".join(words)


def _has_rank(text: str) -> bool:
    return bool(set(_lower_words(text)) & (RANKS | INSTITUTIONS))


def is_official(actor: Actor, words: Iterable[str] = ()) -> bool:
    """Does the actor speak for a state, a body, a company or an armed group (so that what
    it says is a public statement), going by its role, kind and the words around it?"""
    if _rank_head(actor.role):
        return True  # "media coordinator", "secretary-general": the head of the role is an office
    if _ordinary_member(actor.role):
        return False  # "a member of the youth movement": belongs to a body, does not speak for it
    body = actor.kind in {"organisation", "company", "state"} and actor.name[:1].isupper()
    said = {w.lower().strip(".,") for w in words} | set(_lower_words(actor.role)) | (
        set() if body else set(_lower_words(actor.name)))
    if said & NOT_OFFICIAL:
        return False  # "Reporters Without Borders" is a body; "reporters" are the press
    if _unnamed(actor):
        return False  # "officials said": an unnamed source
    if actor.kind in {"state", "military", "organisation", "company", "armed group"}:
        return True
    own = set(_lower_words(actor.role)) | set(_lower_words(actor.name))
    return bool(own & (RANKS - HONORIFICS | INSTITUTIONS)) or (actor.name.isupper() and len(actor.name) >= 2)


_UNNAMED = frozenset("official officials".split())
_VAGUE = frozenset("a an the some several many two three other senior top unnamed unidentified".split())


def _unnamed(actor: Actor) -> bool:
    """"Officials", "a senior official": who speaks is not said (no body, country or name)."""
    words = _lower_words(actor.name) + _lower_words(actor.role)
    return bool(words) and words[-1] in _UNNAMED and set(words[:-1]) <= _VAGUE


_MEMBERS = frozenset("member members supporter supporters follower followers".split())
_ASSEMBLIES = frozenset("""parliament congress senate assembly council cabinet committee board politburo presidium
    bureau commission duma legislature""".split())
"""Bodies whose members hold an office ("a member of parliament")."""


def _ordinary_member(role: str | None) -> bool:
    """Is the role membership of a body that is not an assembly ("a member of the youth movement")?"""
    head, _, body = " ".join(_lower_words(role)).partition(" of ")
    return bool(head.split()) and head.split()[-1] in _MEMBERS and not set(body.split()) & _ASSEMBLIES


def _rank_head(role: str | None) -> bool:
    """Is the head of the role an office ("deputy ambassador to the UN", "secretary-general Dr")?"""
    words = re.split(r"\s(?:to|for|of|at|in|on)\s", " ".join(_lower_words(role)), maxsplit=1)[0].split()
    words = [w for w in words if w not in HONORIFICS]
    return bool(words) and any(part in RANKS - HONORIFICS for part in words[-1].split("-"))


def calendar_word(word: str) -> bool:
    return word.lower().strip(".,") in CALENDAR_WORDS


def _lower_words(text: str | None) -> list[str]:
    return [w.lower().strip(".,") for w in (text or "").split()]


def surname(name: str) -> str:
    """The last word of a name, the key by which a story refers to a person again."""
    words = name.split()
    return words[-1].lower() if words else ""


def canonical(actors: Iterable[Actor]) -> dict[str, Actor]:
    """Map each actor name to its fullest form: "Rouhani" and "Hassan Rouhani" to "Hassan
    Rouhani" (when no other known name ends in "Rouhani"), keeping the first role and kind
    seen. Names of bodies and groups map to themselves."""
    actors = list(actors)
    by_surname: dict[str, set[str]] = {}
    for actor in actors:
        if actor.kind is None and len(actor.name.split()) >= 2:
            by_surname.setdefault(surname(actor.name), set()).add(actor.name)
    mapping: dict[str, Actor] = {}
    for actor in actors:
        fullest = actor.name
        if actor.kind is None:
            candidates = by_surname.get(surname(actor.name), set())
            longer = [c for c in candidates if c.endswith(actor.name) and c != actor.name]
            if len({c.split()[0] for c in longer}) == 1:
                fullest = max(longer, key=len)
        known = mapping.get(fullest)
        mapping[actor.name] = Actor(fullest, (known.role if known else None) or actor.role,
                                    (known.kind if known else None) or actor.kind)
        mapping.setdefault(fullest, mapping[actor.name])
    return mapping


def _tidy(name: str) -> str:
    return " ".join(name.replace(" - ", "-").replace("’s", "").replace("'s", "").split()).strip(" ,.")
