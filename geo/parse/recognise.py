"""Toponym recognition: which spans of a text name places.

Why a gazetteer-driven recogniser instead of a statistical NER model: spaCy's small English
model tags ~20 articles/s on this machine, five times short of the speed target, and its
GPE/LOC labels still need the gazetteer to say *what* place. Here every capitalised
word sequence is looked up in the gazetteer (longest match first), then general evidence
decides whether the match is a place mention:

- shape: a match glued to other capitalised words ("Vladimir Putin", "Shanghai Cooperation
  Organization", "Zangezur Corridor", "Kerman Road") is part of a longer name, not a place;
- commonness: a name that is also a frequent English word ("Media", "March", "Along",
  "Central") must be an important place (country, region, large city) or carry a locative cue;
- abbreviations ("U.S.", "Ga.") count only when written exactly as the alias list says;
- unknown capitalised names after a locative cue ("port of Salianka") or before a facility
  word ("Astra Khan International Airport") are matched to spelling variants, with lower
  confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.gazetteer.index import Entry, Gazetteer, gazetteer
from geo.gazetteer.names import normalize
from geo.parse.rules import COMMON_WORD_ZIPF, Candidate, Rule, rejection, text_facts
from geo.parse.tokens import Token, gap_ok, initial_gap, title_case_line, tokenize, zipf
from geo.parse.variants import demonyms, variant_entries
from geo.parse.words import (
    CALENDAR,
    CUE_AFTER,
    DESCRIPTORS,
    ELIDED_NAME,
    FUNCTION_WORDS,
    GENERIC_FEATURE_WORDS,
    NAME_PARTICLES,
    NOT_A_POINT_AFTER,
    TITLES,
    context_cue,
)

MAX_WORDS = 6
"""Longest name looked up, in words ("Bosnia and Herzegovina", "Democratic Republic of the Congo")."""
REGION_CONFIDENCE = 0.85
"""Recognition confidence of "central Asia": a region named with a lower-case compass word."""
DEMONYM_CONFIDENCE = 0.6
HYPHEN_PLACE_MIN_POPULATION = 10_000
"""After a hyphen ("Baku-Tbilisi-Kars") a town this big, by its main name, starts a place."""
NOTABLE_PLACE_MIN_POPULATION = 100_000
"""A town this big starts a place of its own after another place's name ("Paris London")."""
SHORT_FORM_MAX_ZIPF = 4.4
"""A short form ("Rio") must be rarer in English than this ("Santa", "Fort", "Sea" are not)."""
SHORT_FORM_CONFIDENCE = 0.85
MIN_VARIANT_LENGTH = 4
MAX_VARIANT_WORDS = 3


@dataclass(slots=True)
class Span:
    """A recognised place mention before resolution."""

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    confidence: float  # how sure we are that this is a place mention at all
    cue: str | None = None  # kind hinted by the context ("city", "admin", "water", "facility")
    similarity: dict[str, float] = field(default_factory=dict)  # place_id -> fuzzy ratio (variants)
    demonym: bool = False



@dataclass(frozen=True, slots=True)
class Rejection:
    """A gazetteer match that a rule of ``geo.parse.rules`` turned down (for ``--explain``)."""

    start: int
    end: int
    text: str
    rule: str


class Recogniser:
    """Finds place spans in text using one gazetteer."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or gazetteer()

    # -- public -----------------------------------------------------------------------------
    def spans(self, text: str, *, demonyms: bool = False, rejected: list[Rejection] | None = None) -> list[Span]:
        """Place spans of ``text``; matches that a rule rejects are appended to ``rejected``."""
        tokens = tokenize(text)
        spans: list[Span] = []
        i = 0
        title_lines: dict[int, bool] = {}
        # Per-text facts are locals, not attributes: one recogniser serves many threads.
        facts = text_facts(text, tokens)
        starts = [t.start for t in tokens]
        while i < len(tokens):
            token = tokens[i]
            if not token.capitalised:
                span = self._lower_descriptor_region(text, tokens, i) if token.lower in DESCRIPTORS else None
                if span is not None:
                    spans.append(span)
                i += 1 if span is None else 2
                continue
            found = self._longest_match(text, tokens, i)
            if found is None:
                span, width = self._unknown_name(text, tokens, i, demonyms=demonyms)
                if span is not None:
                    spans.append(span)
                i += width
                continue
            width, entries = found
            line = text.rfind("\n", 0, token.start)
            if line not in title_lines:
                title_lines[line] = title_case_line(tokens, starts, text, i)
            candidate = Candidate(text, tokens, i, width, entries, title_lines[line], facts,
                                  spans[-1].end if spans else -1, self._starts_place)
            rule = rejection(candidate)
            if rule is None:
                spans.append(Span(candidate.first.start, candidate.last.end, candidate.surface, candidate.entries,
                                  candidate.confidence, candidate.cue))
                i += width
            else:
                _note(rejected, candidate, rule)
                # A rejected long match may hide a shorter name inside ("Ardmore County Fire").
                i += width if width > 1 and self._glued_right(text, tokens, i + width - 1) else 1
        # Spelling variants and "central Asia"-style regions pass the same line/body test.
        spans = _with_short_forms(text, tokens, spans)
        return [s for s in spans if not NOT_A_POINT_AFTER.match(text[s.end : s.end + 80])]

    def _unknown_name(self, text: str, tokens: list[Token], i: int, *, demonyms: bool) -> tuple[Span | None, int]:
        """A capitalised word the gazetteer does not know: a spelling variant, a demonym, or nothing."""
        fuzzy = self._variant(text, tokens, i)
        if fuzzy is not None:
            return fuzzy
        if not demonyms:
            return None, 1
        if self._glued_right(text, tokens, i) and text[tokens[i].end : tokens[i + 1].start] == " ":
            pair = self._demonym(text, tokens[i], tokens[i + 1])  # "Sri Lankan"
            if pair is not None:
                return pair, 2
        return self._demonym(text, tokens[i], tokens[i]), 1

    # -- matching ---------------------------------------------------------------------------
    def _lower_descriptor_region(self, text: str, tokens: list[Token], i: int) -> Span | None:
        """"central Asia", "southern Caucasus": a region named with a lower-case compass word."""
        if i + 1 >= len(tokens) or not tokens[i + 1].capitalised or text[tokens[i].end : tokens[i + 1].start] != " ":
            return None
        surface = text[tokens[i].start : tokens[i + 1].end]
        entries = tuple(e for e in self._usable(surface, self.gaz.lookup(surface)) if e.place.kind in ("region", "water"))
        if not entries:
            return None
        return Span(tokens[i].start, tokens[i + 1].end, surface, entries, REGION_CONFIDENCE, None)
    def _longest_match(self, text: str, tokens: list[Token], i: int) -> tuple[int, tuple[Entry, ...]] | None:
        last = i
        limit = min(len(tokens), i + MAX_WORDS)
        ends = [i]
        while last + 1 < limit and (
            gap_ok(text, tokens[last], tokens[last + 1]) or initial_gap(text, tokens[last], tokens[last + 1])
        ):
            last += 1
            ends.append(last)
            word = tokens[last]
            if not word.capitalised and word.lower not in NAME_PARTICLES and text[word.start - 1] != "-" \
                    and not _elided(word.text):
                break  # a lower-case word ends the name; it can only be its level word ("region")
        for end in reversed(ends):
            tail = tokens[end]
            # "the West Asian region": a macro-region the gazetteer knows with its lower-case level word.
            region_tail = end > i and tail.text == "region"
            if not tail.capitalised and not region_tail and not _elided(tail.text):
                continue
            surface = text[tokens[i].start : tail.end]
            entries = self._usable(surface, self.gaz.lookup(surface))
            if region_tail:
                entries = tuple(e for e in entries if e.place.kind in ("region", "water"))
            if entries:
                return end - i + 1, entries
        return None

    @staticmethod
    def _usable(surface: str, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
        """Drop matches that need an exact abbreviation the surface does not have."""
        if not entries:
            return ()
        letters = re.sub(r"[^\w]", "", surface)
        short = len(letters) <= 3 or ("." in surface and len(letters) <= 4) or (surface.isupper() and len(letters) <= 4)
        return tuple(e for e in entries if surface in e.exact or (not short and e.any_case))

    def _starts_place(self, text: str, tokens: list[Token], j: int, hyphen: bool = False) -> bool:
        """A notable place starts at token ``j``; after a hyphen ("Baku-Tbilisi-Kars") any town
        known by that main name will do, provided the chain of names ends there."""
        found = self._longest_match(text, tokens, j)
        if found is None:
            return False
        if hyphen:
            end = j + found[0] - 1
            if self._glued_right(text, tokens, end) and text[tokens[end].end : tokens[end + 1].start] != "-":
                return False
            return any(e.place.kind != "city" or (e.primary and e.place.population >= HYPHEN_PLACE_MIN_POPULATION)
                       for e in found[1])
        return any(e.place.kind != "city" or e.place.population >= NOTABLE_PLACE_MIN_POPULATION for e in found[1])

    @staticmethod
    def _glued_right(text: str, tokens: list[Token], j: int) -> bool:
        return j + 1 < len(tokens) and tokens[j + 1].capitalised and gap_ok(text, tokens[j], tokens[j + 1])

    # -- variants ---------------------------------------------------------------------------
    def _variant(self, text: str, tokens: list[Token], i: int) -> tuple[Span, int] | None:
        """An unknown capitalised name in a place-like context, matched to a spelling variant.

        The cheap tests come first: most capitalised words fail one of them."""
        first = tokens[i]
        # Glued to a preceding capitalised word by a space or hyphen: part of a longer name. A
        # possessive ("Russia's Astra Khan Airport") separates two names instead.
        if i > 0 and tokens[i - 1].capitalised and text[tokens[i - 1].end : first.start] in (" ", "-"):
            return None
        if first.lower in CALENDAR or zipf(first.lower) >= COMMON_WORD_ZIPF or first.text in demonyms():
            return None
        j = i
        while j + 1 < len(tokens) and j - i < MAX_VARIANT_WORDS - 1 and self._glued_right(text, tokens, j):
            j += 1
        # Words that are a place-level cue themselves end the name ("Astra Khan International Airport").
        end = j
        while end > i and (CUE_AFTER.match(" " + tokens[end].text) or tokens[end].lower == "international"):
            end -= 1
        last = tokens[end]
        surface = text[first.start : last.end]
        if len(normalize(surface)) < MIN_VARIANT_LENGTH:
            return None
        cue = context_cue(text, first.start, last.end)
        if cue is None:
            return None
        found = variant_entries(self.gaz, surface)
        if found is None:
            return None
        entries, similarity, confidence = found
        return Span(first.start, last.end, surface, entries, confidence, cue, similarity), end - i + 1

    # -- demonyms ---------------------------------------------------------------------------
    def _demonym(self, text: str, first: Token, last: Token) -> Span | None:
        """"Russian", "Russians", "Sri Lankan": a country's demonym, as a mention of the country."""
        surface = text[first.start : last.end]
        place_id = demonyms().get(surface)
        entry = self.gaz.entry(place_id) if place_id is not None else None
        if entry is None:
            return None
        return Span(first.start, last.end, surface, (entry,), DEMONYM_CONFIDENCE, demonym=True)


def _short_forms(spans: list[Span]) -> dict[str, Span]:
    """First words that stand for a town's or a country's long name found in the text: "Rio" for
    "Rio de Janeiro", "Dar" for "Dar es Salaam" (a name, then a lower-case particle), when the
    word is rare in English and names no kind of feature ("Gulf of Mexico", "Isle of Man")."""
    out: dict[str, Span] = {}
    for span in spans:
        words = span.text.split()
        if len(words) < 3 or words[1] not in NAME_PARTICLES or not words[0].isalpha() or not words[0][0].isupper():
            continue
        head = words[0]
        if head.lower() in GENERIC_FEATURE_WORDS or head.lower() in DESCRIPTORS or head.lower() in TITLES \
                or zipf(head.lower()) >= SHORT_FORM_MAX_ZIPF:
            continue
        if any(e.place.kind in ("city", "country") for e in span.entries):
            out.setdefault(head, span)
    return out


def _with_short_forms(text: str, tokens: list[Token], spans: list[Span]) -> list[Span]:
    """``spans`` with the lone mentions of a long name's short form (``_short_forms``) added."""
    short = _short_forms(spans)
    if not short:
        return spans
    taken = [(s.start, s.end) for s in spans]
    added = []
    for j, token in enumerate(tokens):
        full = short.get(token.text)
        if full is None or any(a < token.end and token.start < b for a, b in taken):
            continue
        if not _glued_name(text, tokens, j):  # "Rio Tinto", "Rio Grande" are other names
            added.append(Span(token.start, token.end, token.text, full.entries, SHORT_FORM_CONFIDENCE, full.cue))
    return sorted(spans + added, key=lambda s: s.start) if added else spans


def _glued_name(text: str, tokens: list[Token], j: int) -> bool:
    """Is token ``j`` part of a longer capitalised name (not just after "In" or "The")?"""
    def joined(a: Token, b: Token) -> bool:
        return a.capitalised and b.capitalised and gap_ok(text, a, b)

    before = j > 0 and joined(tokens[j - 1], tokens[j]) and tokens[j - 1].lower not in FUNCTION_WORDS
    return before or (j + 1 < len(tokens) and joined(tokens[j], tokens[j + 1]))


def _elided(word: str) -> bool:
    """"d'Ivoire": a particle elided onto a capitalised word (the apostrophe test first: it is cheap)."""
    return ("'" in word or "’" in word) and bool(ELIDED_NAME.match(word))


def _note(rejected: list[Rejection] | None, candidate: Candidate, rule: Rule) -> None:
    if rejected is not None:
        rejected.append(Rejection(candidate.first.start, candidate.last.end, candidate.surface, rule.name))


_RECOGNISER: Recogniser | None = None


def recognise(text: str, *, demonyms: bool = False, rejected: list[Rejection] | None = None) -> list[Span]:
    """Place spans in ``text``, sorted by start (module-level recogniser, one per process).

    ``rejected``, when given, collects the gazetteer matches that a reject rule turned down.
    """
    global _RECOGNISER
    if _RECOGNISER is None:
        _RECOGNISER = Recogniser()
    return _RECOGNISER.spans(text, demonyms=demonyms, rejected=rejected)
