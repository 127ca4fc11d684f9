"""Statements: an official actor takes a public position, found from the words alone.

News reports say who said what in a few fixed shapes: "X said (that) ...", "..., X said",
"\"...,\" said X, a spokesman", "according to X". These are matched on the sentence's words,
without a parse (a third of all news sentences have a verb of saying; parsing them all would
cost more than the rest of the build).

A statement is kept when:

- its speaker speaks for a state, a body, a company or an armed group (a role such as
  "minister" or "spokesman", words such as "officials", "police", a country or an acronym),
  not a witness, a relative, an expert or the press (:func:`geo.events.actors.is_official`);
  "he said" continues the statement of the speaker named before;
- it takes a position: a verb of stance ("warned", "urged", "denied", "condemned") or, after a
  plain "said", words of stance in what is said (a modal "would", "should", a "we", a verdict
  such as "unacceptable"). A plain report of facts ("police said two men were arrested") is not
  a statement: the fact is the event.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from geo.events.actors import INSTITUTIONS, KINDS, TITLE_WORDS, is_official, text_actor
from geo.events.dates import TimeMention
from geo.models import Actor, Toponym
from geo.text.inflect import WordHint, inflections

_NEUTRAL = "say tell state add note comment stress emphasise emphasize explain write respond reply continue " \
           "confirm announce read declare"
_STANCE = "warn urge appeal plead complain condemn criticise criticize praise insist claim accuse deny describe " \
          "express reiterate pledge promise vow demand ask request welcome reject dismiss threaten blame defend " \
          "hail slam propose suggest advise encourage order refuse recommend assure apologise apologize " \
          "acknowledge admit argue charge rule warn lament regret deplore applaud congratulate thank"
_NEUTRAL_FORMS = frozenset(f for lemma in _NEUTRAL.split() for f in inflections(lemma))
_STANCE_FORMS = frozenset(f for lemma in _STANCE.split() for f in inflections(lemma)) - {"charges", "orders"}
_DECIDING_FORMS = frozenset(f for lemma in "order refuse rule defend admit acknowledge charge".split()
                            for f in inflections(lemma))
"""Verbs of stance that need not be said aloud ("scrapped a plan and ordered a review")."""
_ALLEGING_FORMS = frozenset(inflections("claim")) | frozenset(inflections("allege"))
"""Verbs that tell what a party says happened ("claimed there were attacks"): the event is the news."""
_VERB = re.compile(r"\b(" + "|".join(sorted(_NEUTRAL_FORMS | _STANCE_FORMS, key=len, reverse=True)) + r")\b")
_SAYING = WordHint(f for f in _NEUTRAL.split() + _STANCE.split() + "call weigh voice issue release send publish "
                   "launch post seek".split()) | WordHint(
    forms={"according"})
"""A cheap test before the patterns: any form of a verb of saying."""
_CALLED_FOR = re.compile(r"\bcall(?:s|ed|ing)?\s+(?:on\s+\w+\s+)?for\b|\bweigh(?:s|ed)?\s+in\b|\bvoic(?:e|es|ed)\b|"
                         r"\bcall(?:s|ed)?\s+(?:[\w'’-]+\s+){1,4}?(?:a|an|the)\s+\w+|"
                         r"\bs(?:ought|eeks?|eeking)\s+(?:an?\s+|the\s+)?(?:[\w\"“'’-]+\s+){0,3}?(?:investigation|inquiry|"
                         r"probe|explanation|clarification|assurances?|apology)\b")
"""Verbs of stance in several words: "called for talks", "weighed in", "voiced concern", "called
the death a blow", "sought an independent investigation"."""
_ISSUED = re.compile(r"\b(?:issu|releas|sen[dt]|publish|launch|post)(?:e|es|ed|ing|s)?\s+(?:a|an)\s+"
                     r"(?:[\w-]+\s+){0,2}?(?:statement|communiqu[eé]|appeal|declaration)\b")
"""A statement or appeal issued ("sent a separate statement", "issued a joint appeal"):
a public communication whatever the sentence quotes of it."""
_ACCORDING = re.compile(r"\baccording to\b", re.I)
_STATEMENT_NOUNS = frozenset("statement statements report release letter communique communiqué message".split())
_PRONOUNS = frozenset("he she they it we i".split())
_SKIPPED = frozenset("""has have had also then later earlier again further previously reportedly recently once
    repeatedly has not already still now publicly officially separately yesterday today tonight all both each
    jointly""".split())
_NP_LINKS = frozenset("of the and for 's ’s - de van von bin ibn al el da di du der den la le abu".split())
_AMBIGUOUS_FORMS = frozenset("state states claim claims report reports charge charges order orders comment comments "
                             "note notes appeal appeals request requests demand demands plea pleas promise promises "
                             "pledge pledges warning warnings statement".split())
"""Forms that are nouns as often as verbs: a verb of saying only before "that" or a quote."""
_STANCE_WORDS = re.compile(
    r"\b(?:will|would|should|must|cannot|can't|won't|wouldn't|shouldn't|need to|have to|"
    r"we|our|us|i|my|me|you|your|hope|believe|important|necessary|unacceptable|concern|concerned|regret|welcome|"
    r"unfair|threat|victory|tragedy|justified|wrong|right|responsib\w*|blame|condemn\w*|support|oppose|"
    r"commit\w*|determin\w*|ready|prepared|willing|call\w* for|urge\w*|demand\w*|insist\w*|refus\w*|reject\w*|"
    r"imperative|essential|unlikely|likely|too early|time for|time to|neither|never)\b",
    re.I,
)
_FACT_WORDS = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundreds|"
    r"thousands)\b[^.;]{0,40}\b(?:killed|killing|dead|died|deaths|injured|wounded|hurt|arrested|detained|cases|infected|"
    r"confirmed|missing|evacuated|people|victims|percent|per cent)\b",
    re.I,
)
MAX_SPEAKER_WORDS = 12
MAX_TAIL_WORDS = 8
"""Words after a closing verb of saying that say nothing ("..., the minister said in Rome on Monday")."""
_CLOSING = re.compile(r"\s*(?:[.!?]|$|(?:on|in|at|from|to|via|during|after|before|late|early|last|this|yesterday|"
                      r"today|tonight|earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
                      re.I)
"""What may follow a verb of saying that closes the sentence: its end, a time or a place."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement found in a sentence: the verb's span, who spoke (``None`` for a pronoun to
    resolve), the span of what was said, whether it takes a position, and the place and time
    mention of the act of speaking (not of what was said). ``reaction``: the verb itself takes
    the position ("condemned", "denied", "accused"), so the statement stands even when what it
    is about is an event told in the same sentence. ``joined``: the verb is joined by "and" to
    the verb before, and its speaker is the sentence's subject."""

    start: int
    end: int
    speaker: Actor | None
    pronoun: bool
    content: tuple[int, int]
    stance: bool
    place: Toponym | None
    time: TimeMention | None
    reaction: bool = False
    joined: bool = False


def find_statements(sentence: str, base: int, toponyms: Sequence[Toponym], times: Sequence[TimeMention],
                    known: Mapping[str, Actor] | None = None) -> list[Statement]:
    """Statements told by ``sentence`` (which starts at document offset ``base``), speakers
    not yet checked for being official (see :func:`official_statements`). ``known`` are the
    people the article titles (:func:`geo.events.actors.known_people`)."""
    if not _SAYING.search(sentence):
        return []
    found = []
    lower = sentence.lower()
    for match in [*_VERB.finditer(lower), *_CALLED_FOR.finditer(lower), *_ISSUED.finditer(lower)]:
        if _inside_quotation(sentence, match.start()):
            continue  # '"Armenia seeks ...," the expert said': the quote's words are not the act
        statement = _statement_at(sentence, base, match, toponyms, times, known or {})
        if statement is not None:
            found.append(statement)
    for match in _ACCORDING.finditer(sentence):
        speaker_text, _ = _speaker_after(sentence, match.end())
        if speaker_text:
            actor = text_actor(speaker_text, toponyms, base + match.end(), known)
            content = (0, match.start())
            found.append(Statement(match.start(), match.end(), actor, False, content,
                                   _stance(sentence, content, neutral=True), None, None))
    found.sort(key=lambda s: s.start)
    kept: list[Statement] = []
    for statement in found:
        if statement.joined and kept:  # "X says ... and declared last year ...": X's statement, dated
            if kept[-1].time is None and statement.time is not None:
                kept[-1] = replace(kept[-1], time=statement.time)
            continue
        kept.append(statement)
    return kept


def _inside_quotation(sentence: str, position: int) -> bool:
    """Is the position inside quoted words? A straight quote after a comma or a full stop closes a
    quotation begun in the sentence before ('... tragic," the spokesman told reporters')."""
    before = sentence[:position]
    last = before.rfind('"')
    closing = last > 0 and before[last - 1] in ",.!?"
    return before.count("“") > before.count("”") or (before.count('"') % 2 == 1 and not closing)


_FORMAL = re.compile(r"\b(?:in|issued|released|sent|published)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
                     r"(?:statement|communiqu[eé]|press release)\b|\b(?:statement|communiqu[eé])\s+(?:from|by|"
                     r"issued by|released by)\b|\b(?:on|via)\s+(?:his|her|its|their)?\s*(?:twitter|facebook)\b|"
                     r"\bin\s+a\s+tweet\b", re.I)
"""A formal statement ("said in a written statement", "a statement from X", "said on Twitter"):
whoever issues one speaks in public for themselves or a body."""
_RESPONSIBILITY = re.compile(r"\bclaim(?:s|ed|ing)?\s+(?:\w+\s+)?responsibility\b", re.I)
"""A claim of responsibility: the claimant is a party to the act, whoever it is."""


def official_statements(statements: Sequence[Statement], sentence: str) -> list[Statement]:
    """The statements whose speaker is official (or who issues a formal statement or claims
    responsibility) and that take a position; a pronoun's statement is kept for the caller to
    resolve."""
    public = bool(_FORMAL.search(sentence) or _RESPONSIBILITY.search(sentence))
    return [s for s in statements if s.stance and (s.pronoun or (s.speaker is not None and (public or is_official(
        s.speaker, sentence[max(0, s.start - 80) : s.start].split()[-MAX_SPEAKER_WORDS:]))))]


def _statement_at(sentence: str, base: int, match: re.Match[str], toponyms: Sequence[Toponym],
                  times: Sequence[TimeMention], known: Mapping[str, Actor]) -> Statement | None:
    verb = match.group().split()[0]
    if _is_noun_use(sentence, match):
        return None
    before = sentence[: match.start()].rstrip()
    speaker_text, speaker_start, speaker_end = "", 0, 0
    if verb.endswith("ing") and not before.endswith(","):
        return None  # "warning signs", "a meeting": not a verb of saying
    if verb.endswith("ing"):  # "X skipped the meeting, saying that ..."
        speaker_text, speaker_start = _sentence_subject(sentence, times)
        speaker_end = speaker_start + len(speaker_text)
        content = (match.end(), len(sentence))
    elif before.endswith((",", '"', "”", "'", "’")) and not before.endswith(("'s", "’s")):
        speaker_text, speaker_start = _speaker_after(sentence, match.end())  # '"...," said X'
        speaker_end = speaker_start + len(speaker_text)
        content = (0, match.start())
    if not speaker_text:
        speaker_text, speaker_start = _speaker_before(sentence, match.start(), times)
        speaker_end = match.start()
        content = _content(sentence, speaker_start, match.end())
    joined = not speaker_text and verb not in _DECIDING_FORMS and bool(_COORDINATED.search(before))
    if joined:  # "X has been sending aid and has launched an appeal": X's, unless X's verb before said it
        speaker_text, speaker_start = _sentence_subject(sentence, times)
        speaker_end = speaker_start + len(speaker_text)
    if not speaker_text or _object_relative(sentence, speaker_start) or _LEAKED.search(
            sentence[max(0, speaker_start - 60) : speaker_start + len(speaker_text)]):
        return None
    pronoun = speaker_text.lower() in _PRONOUNS or _only_statement_noun(speaker_text)
    actor = None if pronoun else _party(_without_statement_noun(speaker_text), toponyms, base + speaker_start, known)
    if actor is None and not pronoun:
        return None
    responding = bool(_IN_RESPONSE.match(sentence, match.end()))
    declaring = verb.startswith("declar") and bool(re.match(r"\s+(?:a|an)\s", sentence[match.end():]))
    # "declared a ceasefire", "declared a state of emergency": a decision announced takes a position
    directing = verb in _TELLING and bool(_TOLD_TO.match(sentence, match.end()))
    stance = _stance(sentence, content, neutral=verb in _NEUTRAL_FORMS and not (responding or declaring or directing))
    place = _place_of_saying(sentence, base, match.end(), toponyms)
    time = _time_of_saying(times, content, (min(speaker_start, match.start()), max(speaker_end, match.end())))
    return Statement(match.start(), match.end(), actor, pronoun, content, stance, place, time,
                     reaction=verb not in _NEUTRAL_FORMS | _ALLEGING_FORMS
                     or bool(_RESPONSIBILITY.match(sentence, match.start())),  # a claim of responsibility
                     joined=joined)


_TELLING = frozenset(inflections("tell"))
_TOLD_TO = re.compile(r"\s+(?!reporters\b|journalists\b)(?:[\w'’-]+\s+){1,4}?to\s+(?!be\b)[a-z]+")
""""told restaurants to close", "has told residents to stay indoors": an instruction takes a position."""
_LEAKED = re.compile(r"\b(?:obtained|seen)\s+by\b|\bleaked\b", re.I)
""""a UN report obtained by the agency has suggested": a document that was not made public speaks to no one."""
_IN_RESPONSE = re.compile(r"\s+(?:\w+\s+)?in\s+(?:response|reaction|reply)\s+to\b", re.I)
""""said in response to the shelling that ...": words said as a reaction take a position, whatever they say."""
_COORDINATED = re.compile(r"\band(?:\s+(?:has|have|had|also|then|later)){0,2}$", re.I)
"""A verb joined to the one before: its speaker is the sentence's subject."""
def _party(text: str, toponyms: Sequence[Toponym], offset: int, known: Mapping[str, Actor]) -> Actor | None:
    """The speaker a phrase names; of several parties named together ("Canada, Australia and the UK
    have refused"), the first that is a state or a body."""
    actor = text_actor(text, toponyms, offset, known)
    if actor is None or actor.kind is not None or not _NAME_LIST.fullmatch(text):
        return actor
    for part in re.finditer(r"[^,]+?(?=\s*,|\s+and\s+|$)", text):
        words = re.sub(r"^\s*(?:and\s+)?", "", part.group())
        member = text_actor(words, toponyms, offset + part.end() - len(words), known) if words else None
        if member is not None and member.kind is not None:
            return member
    return actor


_NAME = r"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_NAME_LIST = re.compile(rf"{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+and\s+{_NAME}")
"""Names joined by commas and "and" ("Canada, Australia and the UK"), nothing else."""


_INTRODUCTION = re.compile(r"^(?:(?:[A-Z]\w*ly|However|Meanwhile|Instead|Separately|Also|Then|Now|Earlier|Later|"
                           r"(?:In|On|At|After|Before|During|Following|Despite|With|For|Amid)\b[^,]{0,80}),\s*)")


def _object_relative(sentence: str, speaker_start: int) -> bool:
    """"a strike which the union had threatened": the verb's object is the noun before, no words said."""
    return bool(re.search(r"\b(?:which|whom|(?:allegations?|accusations?|claims?|charges?)(?:,)?)\s+$",
                          sentence[:speaker_start], re.I))  # "claims the ministry denies"


def _sentence_subject(sentence: str, times: Sequence[TimeMention]) -> tuple[str, int]:
    """The noun phrase opening the sentence, after an introductory phrase ("In response, X ...")."""
    intro = _INTRODUCTION.match(sentence)
    start = intro.end() if intro else 0
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence, start)]
    end = 0
    for position, (_, token_end, word) in enumerate(tokens):
        if not (_np_word(word) or (word == "," and position and _head_like(tokens[position - 1][2]))):
            break
        end = token_end
    phrase = sentence[start:end].rstrip(" ,")
    return (phrase, start) if phrase and _head_like(phrase.split()[-1]) else ("", 0)


def _content(sentence: str, speaker_start: int, verb_end: int) -> tuple[int, int]:
    """What is said: after the verb ("X said that ..."), or what comes before the speaker when
    nothing is said after the verb: a quotation ('"...," X said on Tuesday.') or a clause closed
    by a comma ("The talks will resume, the minister said.")."""
    tail = sentence[verb_end:]
    before = sentence[:speaker_start]
    if not re.search(r"\bthat\b|[\"“:]", tail) and (re.search(r"[\"“”]", before) or (
            before.rstrip().endswith(",") and _CLOSING.match(tail) and len(tail.split()) <= MAX_TAIL_WORDS)):
        return (0, speaker_start)
    that = re.match(r"[^\"“:;]{0,60}?\bthat\b", tail)  # "said in Moscow on Monday that ...": what is said
    return (verb_end + that.end(), len(sentence)) if that else (verb_end, len(sentence))


def _is_noun_use(sentence: str, match: re.Match[str]) -> bool:
    """"the state", "a report", "his claims": the word is a noun here, not a verb of saying;
    "a nurse praised as a hero", "urged by": a participle, not a statement."""
    after = sentence[match.end() :]
    if re.match(r"\s+(?:by|as)\b", after) or (match.group().startswith(("accus", "charg", "suspect")) and
                                              re.match(r"\s+of\b", after)):
        return True  # "urged by", "hailed as", "party accused of rigging": the speaker is not the subject
    if match.group().lower() in _AMBIGUOUS_FORMS and not re.match(r"\s*(?:that\b|[:,]?\s*[\"“])", after):
        return True
    if match.group().startswith("appeal") and re.match(r"\s+(?:the|a|an|his|her|their|its|this)\s", after):
        return True  # "appealed the death penalty": a court appeal, not a plea
    before = sentence[: match.start()].lower().split()[-2:]
    owner = before[-1:] if before[-1:] and before[-1] not in _NOUN_ADJECTIVES else before[-2:-1]
    if owner and owner[0].endswith(("'s", "’s")):
        return True  # "the council's repeated pledge that ...": a noun with its owner, not a verb
    return bool(before) and before[-1] in {"the", "a", "an", "his", "her", "their", "its", "our", "of", "this",
                                           "that", "these", "those", "in", "to", "no", "any", "such", "united"}


_NOUN_ADJECTIVES = frozenset("earlier latest recent previous initial first last new own repeated public formal "
                             "written official".split())
"""Adjectives between an owner and a noun of saying ("the ministry's recent pledge")."""


def _speaker_before(sentence: str, end: int, times: Sequence[TimeMention]) -> tuple[str, int]:
    """The noun phrase right before a verb of saying, skipping adverbs, auxiliaries and times,
    with an apposition ("The agency on Tuesday stated", "Lind also warned", "The president of
    France, Nicolas Sarkozy, said")."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence[:end])]
    index = len(tokens) - 1
    while index >= 0 and _skipped(tokens[index], times):
        index -= 1
    apposition_end = None
    if index >= 0 and tokens[index][2] == ",":  # "X, the minister, said"
        found = _apposition(tokens, index)
        if found is None:
            return "", 0
        index, apposition_end = found
    if index < 0 or not _head_like(tokens[index][2]):
        return "", 0
    if tokens[index][2].lower() in _PRONOUNS and apposition_end is None:
        return tokens[index][2], tokens[index][0]
    first = index
    while first > 0 and index - first < MAX_SPEAKER_WORDS and _extends_back(tokens, first):
        first -= 1
    if first > 1 and tokens[first - 1][2] == "," and apposition_end is None and tokens[first][2][:1].isupper():
        first = _role_before(tokens, first - 1)  # "UN envoy for the region, Karl Weber described"
    while first <= index and tokens[first][2].lower() in {"and", "of", "-"}:
        first += 1
    start = tokens[first][0]
    stop = tokens[apposition_end][0] if apposition_end is not None else tokens[index][1]
    return sentence[start:stop], start


def _apposition(tokens: list[tuple[int, int, str]], comma: int) -> tuple[int, int | None] | None:
    """Before a comma closing an apposition: the head of the phrase before it and the comma
    ("X, the minister, said"); or, when that phrase is a role, the name inside the apposition
    ("The minister for relief, Joseph Malok, has said": no apposition end, the role is found
    before the name)."""
    index = comma - 1
    while index >= 0 and tokens[index][2] not in _BREAKS and tokens[index][2] != ",":
        index -= 1
    if index < 0 or tokens[index][2] != "," or comma - index > MAX_SPEAKER_WORDS:
        return None
    if index > 0 and not _head_like(tokens[index - 1][2]) and tokens[index + 1][2][:1].isupper() and \
            all(_np_word(w) for _, _, w in tokens[index + 1 : comma]):
        return comma - 1, None
    return index - 1, comma


def _extends_back(tokens: list[tuple[int, int, str]], first: int) -> bool:
    """Does the word before ``first`` belong to the speaker's phrase ("ambassador to the UN")?"""
    word = tokens[first - 1][2]
    return _np_word(word) or (word.lower() == "to" and first > 1 and tokens[first - 2][2].lower() in TITLE_WORDS)


def _role_before(tokens: list[tuple[int, int, str]], comma: int) -> int:
    """Where a role in apposition before a name starts, if the words before the comma are one
    ("the UN coordinator for South Sudan, X said"); else the name's own start."""
    start = comma
    while start > 0 and comma - start < MAX_SPEAKER_WORDS and tokens[start - 1][2] not in _BREAKS | {","}:
        start -= 1
    words = [w.lower() for _, _, w in tokens[start:comma]]
    if set(words) & (TITLE_WORDS | INSTITUTIONS) and not any(w.endswith(("ed", "ing")) for w in words):
        return start
    return comma + 1


_TOKEN = re.compile(r"[\w'’.&-]+|[,\"“”;:()]")
_BREAKS = frozenset({'"', "“", "”", ";", ":", "(", ")"})


def _skipped(token: tuple[int, int, str], times: Sequence[TimeMention]) -> bool:
    """Adverbs, auxiliaries and times (with their preposition) between a speaker and the verb."""
    word = token[2].lower()
    return word in _SKIPPED or (word.endswith("ly") and word not in {"italy"}) or any(
        t.start <= token[0] < t.end or (word in {"on", "in", "at", "late", "early"} and 0 < t.start - token[1] <= 2)
        for t in times)


def _head_like(word: str) -> bool:
    lower = word.lower().strip(".")
    return word[:1].isupper() or lower in _PRONOUNS or lower in TITLE_WORDS | INSTITUTIONS | _STATEMENT_NOUNS or \
        any(lower in heads for heads in KINDS.values())


def _np_word(word: str) -> bool:
    lower = word.lower().strip(".")
    if "-" in lower and all(part in TITLE_WORDS for part in lower.split("-")):
        return True  # "secretary-general"
    return word[:1].isupper() or lower in _NP_LINKS or lower in TITLE_WORDS | INSTITUTIONS or \
        lower.endswith(("'s", "’s")) or any(lower in heads for heads in KINDS.values()) or \
        lower in {"health", "livestock", "media", "humanitarian", "human", "rights", "government's", "country's",
                  "local", "central", "international", "western", "eastern", "northern", "southern"}


def _speaker_after(sentence: str, start: int) -> tuple[str, int]:
    """The noun phrase after an inverted verb of saying or "according to", with its apposition
    ("said Anna Berg, President of the European Commission")."""
    rest = sentence[start:]
    match = re.match(r"\s*((?:the\s+|a\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,7}?)(?=[,.;:!?]|\s+(?:in|on|at|to|that|adding|who|"
                     r"when|as|after|before|during|while|yesterday|today|last|this|from)\b|$)", rest)
    if match is None:
        return "", start
    phrase = match.group(1).strip()
    words = phrase.split()
    if not words or not all(_np_word(w) or w.lower() in {"a", "the"} for w in words):
        return "", start
    after = rest[match.end(1) :]
    apposition = re.match(r",\s*((?:the|a|an)\s+)?([^,.;]{3,80}?)(?=[,.;]|$)", after)
    if apposition and not re.match(r"\s*(?:adding|saying|who|which|in|on|at)\b", apposition.group(2)):
        phrase = f"{phrase}, {apposition.group(2).strip()}"
    return phrase, start + match.start(1)


def _only_statement_noun(text: str) -> bool:
    words = [w.lower() for w in text.split() if w.lower() not in {"the", "a", "an", "this", "that", "its"}]
    return bool(words) and all(w in _STATEMENT_NOUNS | {"earlier", "latest", "same"} for w in words)


def _without_statement_noun(text: str) -> str:
    """"A Ruritanian Foreign Ministry statement" → "Ruritanian Foreign Ministry"."""
    words = text.split()
    while words and words[-1].lower() in _STATEMENT_NOUNS:
        words.pop()
    return " ".join(words)


def _stance(sentence: str, content: tuple[int, int], *, neutral: bool) -> bool:
    """Does what was said take a position (not only report facts)? A verb of stance says so;
    after a plain "said", words of stance or a quotation do, unless it reports figures."""
    said = sentence[content[0] : content[1]]
    if not neutral:
        return True
    if _FACT_WORDS.search(said) and not re.search(r"\b(?:we|our|should|must|would|will)\b", said, re.I):
        return False
    return bool(_STANCE_WORDS.search(said)) or _direct_speech(said)


def _direct_speech(said: str) -> bool:
    """Words quoted as spoken ('"We will ...," he said'), also the end of a quotation begun in the
    sentence before ('... It is tragic," he said'); not a scare quote ('so-called "killer bees"')."""
    said = said.strip()
    return said[:1] in {'"', "“"} or bool(re.search(r"[\"“][^\"“”]{25,}", said)) or (
        said.endswith((',"', ",”", '."', ".”")) and not re.search(r"[\"“]", said[:-1]))


def _place_of_saying(sentence: str, base: int, after: int, toponyms: Sequence[Toponym]) -> Toponym | None:
    """"said in Moscow", "told reporters in Paris": a place introduced right after the verb,
    before what is said."""
    window_end = after + 60
    for toponym in toponyms:
        start = toponym.start - base
        if not after <= start <= window_end:
            continue
        between = sentence[after:start]
        if re.search(r"\b(?:in|at|from)\s+(?:the\s+)?$", between) and not re.search(r"\bthat\b|[\"“;]", between):
            return toponym
    return None


def _time_of_saying(times: Sequence[TimeMention], content: tuple[int, int], act: tuple[int, int]
                    ) -> TimeMention | None:
    """The time mention of the act of saying: next to the speaker or the verb, not inside what
    is said ("The agency on Tuesday stated that...", "said today that", "Friday, X urged")."""
    def outside(time: TimeMention) -> bool:
        return time.end <= content[0] or time.start >= content[1] or (
            content[0] == act[1] and time.start - act[1] <= 12 and not time.open_ended)

    near = [t for t in times if outside(t) and (abs(t.start - act[1]) <= 25 or abs(act[0] - t.end) <= 25
                                                or act[0] <= t.start < act[1] or t.start <= 12)]
    return min(near, key=lambda t: min(abs(t.start - act[1]), abs(act[0] - t.end)), default=None)
