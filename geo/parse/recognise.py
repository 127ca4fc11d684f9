"""Toponym recognition: which spans of a text name places.

Why a gazetteer-driven recogniser instead of a statistical NER model: spaCy's small English
model tags ~20 articles/s on this machine, five times short of the speed target, and its
GPE/LOC labels still need the gazetteer to say *what* place. Here every capitalised
word sequence is looked up in the gazetteer (longest match first), then general evidence
decides whether the match is a place mention:

- shape: a match glued to other capitalised words ("Vladimir Putin", "Shanghai Cooperation
  Organization", "Zangezur Corridor", "Dublin Road") is part of a longer name, not a place;
- commonness: a name that is also a frequent English word ("Media", "March", "Along",
  "Central") must be an important place (country, region, large city) or carry a locative cue;
- abbreviations ("U.S.", "Ga.") count only when written exactly as the alias list says;
- unknown capitalised names after a locative cue ("port of Salianka") or before a facility
  word ("Astra Khan International Airport") are matched to spelling variants, with lower
  confidence.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from wordfreq import zipf_frequency

from geo.gazetteer.index import Entry, Gazetteer, gazetteer
from geo.gazetteer.names import normalize
from geo.text.calendar import CALENDAR_WORDS

MAX_WORDS = 6
# Zipf frequency (log10 per billion words) above which a word is "common English".
COMMON_WORD_ZIPF = 4.6
VERY_COMMON_WORD_ZIPF = 5.0
RARE_PLACE_WORD_ZIPF = 4.0
FUZZY_MIN_RATIO = 74.0
# An alternate name this close to the main name is a spelling of it, as good as the main name.
SPELLING_MIN_RATIO = 85.0
# A city matched only through an alternate name must be at least this big.
ALTERNATE_MIN_POPULATION = 300_000

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][^\W_]*(?:[’'][^\W\d_][^\W_]*)*\.?")
CONNECTORS = frozenset("of the de del da di la le al el upon on and y du des dos das van von".split())
# Capitalised words that describe part of a place rather than name something else.
DESCRIPTORS = frozenset(
    "north south east west northern southern eastern western central upper lower greater "
    "downtown metro metropolitan northeast northwest southeast southwest northeastern "
    "northwestern southeastern southwestern new old mid inner outer coastal rural suburban "
    "village city town port province county district region lake mount island".split()
)
# Capitalised words after a place name that make a local institution or office of that place
# ("Buffalo Fire Chief", "Texas Governor", "Alexandria Police"): the place is still mentioned.
LOCAL_INSTITUTION = frozenset(
    "police fire sheriff sheriff's public schools school governor mayor department council hospital board "
    "chamber court jail zoo library museum health transit city county state officials authorities "
    "residents area region regional metro township".split()
)
# Grammatical words: capitalised only at a sentence start or in a title ("In Paris", "Six Flags
# Over Texas"), so one of them before a name does not make the name a person's.
FUNCTION_WORDS = frozenset(
    "in at from to of the and for on near outside across around by with into since until while "
    "when as after before between during like via through throughout including both all many some "
    "every this that these those its his her their our my your a an but or nor so yet if because "
    "than then unlike within without about over under against toward towards beyond inside where "
    "whereas although though meanwhile also even only just not no both either neither each most "
    "more less several few other another such what which who whose whom how why".split()
)
CALENDAR = CALENDAR_WORDS
# Cues before a name that say "a place follows"; the value is the kind it hints at.
_CUE_BEFORE = re.compile(
    r"\b(?:(?P<city>port|city|town|village|capital|suburb|outskirts)|(?P<admin>province|region|state|"
    r"oblast|governorate|district|county|republic)|(?P<water>sea|gulf|river|lake|bay))\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|from|to|at|outside|via|into|across|towards?)\s+(?:the\s+)?$")
_CUE_AFTER = re.compile(
    r"^\s+(?:(?P<facility>(?:international\s+)?airport|seaport|port|harbou?r|terminal)|"
    r"(?P<admin>province|region|oblast|governorate|krai|county|district|state)|(?P<water>river|sea))\b(?!-)",
    re.IGNORECASE,
)
# After a place name, these make the pair the name of something that is not about the place.
NOT_OF_THE_PLACE = frozenset(
    "cooperation organization organisation treaty pact forum summit accord accords agreement declaration "
    "process format initiative corridor road street avenue drive lane boulevard highway pike way parkway "
    "times post journal herald tribune gazette telegraph chronicle daily weekly globe star observer "
    "club fc united rovers wanderers athletic".split()
)
# Head nouns that end the name of a place's institution ("Dublin Arts Council").
INSTITUTION_HEADS = frozenset(
    "council commission service services division center centre park project association department school "
    "schools college hospital clinic library museum authority agency office board committee district court "
    "society foundation institute chamber bureau airport station bridge church cathedral mosque temple zoo "
    "stadium arena mall market hall square plaza theater theatre festival fair fairgrounds "
    "administration coalition partnership alliance network program programme fund trust utilities utility "
    "academy jail prison corrections sheriff police fire rescue ems patrol county".split()
)
# A place name before these words names a disease or a strain ("Marburg virus", "West Nile fever").
_DISEASE_AFTER = re.compile(r"^[\s-]+(?:virus|viruses|fever|disease|flu|influenza|strain|ebolavirus|encephalitis)\b",
                            re.IGNORECASE)
# A name that ends in its level word is a place whatever follows ("Laurel County Clerk").
_LEVEL_WORD = re.compile(r"^(?:County|Parish|Borough|Province|Oblast|Governorate|Prefecture|Township)$")
# A news dateline: an upper-case town name opening a line or a sentence, then a dash or a comma
# ("TORRINGTON — City Council ...", "HURRICANE, W.Va. - ...").
_DATELINE = re.compile(r"(?:(?<=\n)|(?<=^)|(?<=\. ))[A-Z][A-Z.'’ -]+(?:,[^\n]{0,12}?)?\s+[-–—]{1,2}\s", re.MULTILINE)
# A locative word right before a name, without an article ("in Rock Hill", not "in the White House").
_LOCATIVE_DIRECT = re.compile(r"\b(?:in|near|from|to|at|outside|of)\s+$")
_SPEECH_AFTER = re.compile(r"^,?\s+(?:said|says|told|added|asked|explained|noted|stated|wrote|testified)\b")
_OF_THE_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+of\s+the\s+$")
# A name (or a hyphenated chain of names) before these words names a line or a body, not a point:
# "Zangezur Corridor", "the Aras corridor", "Tehran-Moscow corridor", "the Atlantic alliance",
# "the Warsaw pact". Corridors are drawn as lines by ``geo.corridors.assemble``.
_NOT_A_POINT_AFTER = re.compile(
    r"^(?:-[^\W\d_][\w’'.]*)*[\s-]+(?i:corridors?|alliance|pact|treaty)\b(?!-)"
)
# A news agency or outlet named after a place ("the news agency Fars", "Fars news agency").
_MEDIA_BEFORE = re.compile(r"\b(?i:news\s+agency|agency|newspaper|broadcaster|news\s+outlet|outlet)\s+$")
_MEDIA_AFTER = re.compile(r"^\s+(?i:news\s+agency|news\s+service)\b")
# Generic feature words: alone ("the Gulf", "the Sea") they name no place by themselves, however
# the gazetteer happens to list them (Gulf Province of Papua New Guinea, Bay Region of Somalia).
# ``geo.parse.geoparser`` reads them as the water body of that kind the document names elsewhere.
GENERIC_FEATURE_WORDS = frozenset(
    "gulf sea ocean bay strait straits channel lake river canal coast peninsula".split()
)
# Titles before a name make it a person ("President Vladimir Putin", "Gov. Jordan").
TITLES = frozenset(
    "mr mrs ms dr president minister gov governor sen senator rep representative judge mayor gen general "
    "col colonel capt captain lt sgt officer chief prime king queen prince princess pope sheikh ayatollah "
    "sir lord lady saint".split()
)


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
class _TextFacts:
    """What the whole text says about its capitalised words."""

    name_parts: frozenset[str]  # second words of multi-word names ("Henry" in "Chiquita Henry")
    located: frozenset[str]  # words the text puts after "in", "near", "from"...


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def lower(self) -> str:
        return self.text.rstrip(".").lower()


def tokenize(text: str) -> list[_Token]:
    """Word tokens with offsets; a possessive 's and a sentence-final dot are left out."""
    tokens = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        if word.endswith(("'s", "’s")):
            end -= 2
        elif word.endswith(".") and not _is_abbreviation(word):
            end -= 1
        if end > start:
            tokens.append(_Token(start, end, text[start:end]))
    return tokens


def _is_abbreviation(word: str) -> bool:
    """"U.S.", "Ga.", "St." keep their dot; "Moscow." or "Asia." at a sentence end do not."""
    return "." in word.rstrip(".") or word in _dotted_abbreviations()


@lru_cache(maxsize=1)
def _dotted_abbreviations() -> frozenset[str]:
    return frozenset({"St.", "Mt.", "Ft.", "Pt.", *(a for a in gazetteer().exact_names() if a.endswith("."))})


@lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def _gap_ok(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    # "People's Republic of China", "Martha's Vineyard": a possessive inside a name.
    return gap in (" ", "-", "'s ", "’s ")


def _initial_gap(text: str, left: _Token, right: _Token) -> bool:
    """"W.Va.", "W. Va.": an initial joined to an abbreviation (the tokenizer splits them);
    only a whole exact alias can then match."""
    return len(left.text) == 1 and left.text.isupper() and right.text.endswith(".") \
        and text[left.end : right.start] in (".", ". ")


def _title_case_line(tokens: list[_Token], starts: list[int], text: str, index: int) -> bool:
    """Headlines capitalise every word, so "glued to a capitalised word" means nothing there.

    Short words that title case may leave lower-case (of, the, in...) are not counted.
    """
    line_start = text.rfind("\n", 0, tokens[index].start) + 1
    line_end = text.find("\n", tokens[index].start)
    line_end = len(text) if line_end < 0 else line_end
    line_tokens = tokens[bisect_left(starts, line_start) : bisect_left(starts, line_end)]
    words = [t for t in line_tokens if not (t.lower in _TITLE_SMALL_WORDS and not t.capitalised)]
    if len(words) < 4:
        return False
    return sum(t.capitalised for t in words) / len(words) >= 0.95


_TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for by with from as but nor vs via".split())


def _sentence_initial(text: str, token: _Token) -> bool:
    before = text[max(0, token.start - 3) : token.start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n:"


def _names_a_state(entries: tuple[Entry, ...]) -> bool:
    """A country, or a big first-level region whose name is not also its own city's
    ("Texas", "Georgia"; not "Vladimir" or "Astrakhan", which are cities too)."""
    if any(e.place.kind == "country" for e in entries):
        return True
    cities = {(e.place.country_code, e.place.admin1) for e in entries if e.place.kind == "city"}
    return any(
        e.feature == "ADM1" and e.place.population >= 1_000_000 and (e.place.country_code, e.place.admin1) not in cities
        for e in entries
    )


def _spelling_of_main_name(surface: str, entry: Entry) -> bool:
    """The alternate name is a transliteration of the place's main name ("Bandar Anzali" for
    Bandar-e Anzali), not an unrelated word that happens to be listed ("Hamas" for Hamm)."""
    return fuzz.ratio(normalize(surface), normalize(entry.place.name)) >= SPELLING_MIN_RATIO


def _located_words(text: str, tokens: list[_Token]) -> frozenset[str]:
    """Capitalised words that the text puts after "in", "near", "from"...: read as places."""
    return frozenset(
        right.text for left, right in itertools.pairwise(tokens)
        if right.capitalised and left.text in _LOCATIVE_WORDS and text[left.end : right.start] == " "
    )


_LOCATIVE_WORDS = frozenset("in near from outside at".split())


def _name_parts(text: str, tokens: list[_Token]) -> frozenset[str]:
    """Words that this text uses inside multi-word proper names (people, organisations).

    The second word of a pair of capitalised words whose first is not a descriptor: "Chiquita
    Henry" gives "Henry", so a later bare "Henry" is the person. Only the second word, since
    organisations put their place first ("Buffalo Public Schools").
    """
    parts: set[str] = set()
    for left, right in itertools.pairwise(tokens):
        if (
            left.capitalised
            and right.capitalised
            and text[left.end : right.start] == " "
            and left.lower not in DESCRIPTORS
            and left.lower not in FUNCTION_WORDS
            and left.lower not in CONNECTORS
            and (not left.text.isupper() or len(left.text.rstrip(".")) == 1)  # "Matthew D. Flores"
            and not right.text.isupper()
        ):
            parts.add(right.text)
    return frozenset(parts)


class Recogniser:
    """Finds place spans in text using one gazetteer."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or gazetteer()

    # -- public -----------------------------------------------------------------------------
    def spans(self, text: str, *, demonyms: bool = False) -> list[Span]:
        tokens = tokenize(text)
        spans: list[Span] = []
        i = 0
        title_lines: dict[int, bool] = {}
        # Per-text facts are locals, not attributes: one recogniser serves many threads.
        facts = _TextFacts(name_parts=_name_parts(text, tokens), located=_located_words(text, tokens))
        starts = [t.start for t in tokens]
        while i < len(tokens):
            token = tokens[i]
            if not token.capitalised:
                span = self._lower_descriptor_region(text, tokens, i) if token.lower in DESCRIPTORS else None
                if span is not None:
                    spans.append(span)
                    i += 2
                else:
                    i += 1
                continue
            found = self._longest_match(text, tokens, i)
            if found is None:
                fuzzy = self._variant(text, tokens, i)
                if fuzzy is not None:
                    span, width = fuzzy
                    spans.append(span)
                    i += width
                    continue
                if demonyms:
                    span = self._demonym(token)
                    if span is not None:
                        spans.append(span)
                i += 1
                continue
            width, entries = found
            line = text.rfind("\n", 0, token.start)
            if line not in title_lines:
                title_lines[line] = _title_case_line(tokens, starts, text, i)
            prev_end = spans[-1].end if spans else -1
            span = self._judge(text, tokens, i, width, entries, title_lines[line], facts, prev_end)
            if span is not None:
                spans.append(span)
                i += width
            else:
                # A rejected long match may hide a shorter name inside ("Rapides Parish Fire").
                i += width if width > 1 and self._glued_right(text, tokens, i + width - 1) else 1
        # Spelling variants and "central Asia"-style regions pass the same line/body test.
        return [s for s in spans if not _NOT_A_POINT_AFTER.match(text[s.end : s.end + 80])]

    # -- matching ---------------------------------------------------------------------------
    def _lower_descriptor_region(self, text: str, tokens: list[_Token], i: int) -> Span | None:
        """"central Asia", "southern Caucasus": a region named with a lower-case compass word."""
        if i + 1 >= len(tokens) or not tokens[i + 1].capitalised or text[tokens[i].end : tokens[i + 1].start] != " ":
            return None
        surface = text[tokens[i].start : tokens[i + 1].end]
        entries = tuple(e for e in self._usable(surface, self.gaz.lookup(surface)) if e.place.kind in ("region", "water"))
        if not entries:
            return None
        return Span(tokens[i].start, tokens[i + 1].end, surface, entries, 0.85, None)

    def _longest_match(self, text: str, tokens: list[_Token], i: int) -> tuple[int, tuple[Entry, ...]] | None:
        last = i
        limit = min(len(tokens), i + MAX_WORDS)
        ends = [i]
        while last + 1 < limit and (
            _gap_ok(text, tokens[last], tokens[last + 1]) or _initial_gap(text, tokens[last], tokens[last + 1])
        ):
            last += 1
            ends.append(last)
        for end in reversed(ends):
            tail = tokens[end]
            # "the West Asian region": a macro-region the gazetteer knows with its lower-case level word.
            region_tail = end > i and tail.text == "region"
            if not tail.capitalised and not region_tail:
                continue
            if any(not t.capitalised and t.lower not in CONNECTORS and text[t.start - 1] != "-"
                   for t in tokens[i:end]) or (not region_tail and not tail.capitalised):
                continue
            surface = text[tokens[i].start : tail.end]
            entries = self._usable(surface, self.gaz.lookup(surface))
            if region_tail:
                entries = tuple(e for e in entries if e.place.kind in ("region", "water"))
            if entries:
                return end - i + 1, entries
        return None

    @staticmethod
    def _usable(surface: str, entries: Iterable[Entry]) -> tuple[Entry, ...]:
        """Drop matches that need an exact abbreviation the surface does not have."""
        letters = re.sub(r"[^\w]", "", surface)
        short = len(letters) <= 3 or ("." in surface and len(letters) <= 4) or (surface.isupper() and len(letters) <= 4)
        return tuple(e for e in entries if surface in e.exact or (not short and e.any_case))

    # -- judging ----------------------------------------------------------------------------
    def _judge(  # noqa: C901 - split into a rule table next
        self,
        text: str,
        tokens: list[_Token],
        i: int,
        width: int,
        entries: tuple[Entry, ...],
        title_line: bool,
        facts: _TextFacts,
        prev_place_end: int = -1,
    ) -> Span | None:
        first, last = tokens[i], tokens[i + width - 1]
        surface = text[first.start : last.end]
        if width > 1 and _zipf(surface.lower()) >= COMMON_WORD_ZIPF:
            # A common phrase ("White House") counts only as a place's own name, not as the
            # translation of another name that a city also carries (Casablanca).
            entries = tuple(e for e in entries if e.primary or e.place.kind != "city" or _spelling_of_main_name(surface, e))
            if not entries:
                return None
        exact_abbr = any(surface in e.exact for e in entries)
        major = any(e.place.kind in ("country", "continent") or e.feature not in ("PPL", "PPLC", "ADM1", "ADM2")
                    for e in entries)
        population = max((e.place.population for e in entries), default=0)
        confidence = 0.95 if width > 1 or major else 0.85

        if width == 1 and (first.lower in CALENDAR or first.lower in DESCRIPTORS or first.lower in GENERIC_FEATURE_WORDS):
            return None
        if _NOT_A_POINT_AFTER.match(text[last.end : last.end + 80]):
            return None
        if not any(e.place.kind == "country" for e in entries) and (
            _MEDIA_BEFORE.search(text[max(0, first.start - 20) : first.start])
            or _MEDIA_AFTER.match(text[last.end : last.end + 20])
        ):
            return None  # "the news agency Fars": an outlet named after a place
        around = text[max(0, first.start - 3) : first.start] + "|" + text[last.end : last.end + 3]
        if " & " in around or "|&" in around:
            return None  # "Stevens & Wilkinson": a firm
        if not major and population < 100_000 and _OF_THE_BEFORE.search(text[max(0, first.start - 40) : first.start]):
            return None  # "International Committee of the Red Cross": inside an organisation's name
        if width == 1 and first.text in _demonyms():
            return None  # "Iranian" is an adjective; demonyms are returned only on request
        if not any(e.primary or e.place.kind != "city" or e.place.population >= ALTERNATE_MIN_POPULATION
                   or _spelling_of_main_name(surface, e) for e in entries):
            return None  # only a minor town's unrelated alternate name ("Hamas" for Hamm): too weak
        state_like = any(e.feature == "ADM1" and e.place.population >= 1_000_000 for e in entries)
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + width] if i + width < len(tokens) else None
        cue = self._cue(text, first.start, last.end)

        if not title_line and not exact_abbr:
            # Glued to a following capitalised word: part of a longer name.
            if (
                nxt is not None
                and nxt.capitalised
                and text[last.end : nxt.start] in (" ", "-")
                and nxt.lower not in CONNECTORS
                and not _LEVEL_WORD.search(last.text)
                and nxt.lower not in CALENDAR
                and not self._starts_place(text, tokens, i + width, hyphen=text[last.end : nxt.start] == "-")
            ):
                if not self._names_its_place(
                    text, tokens, i + width, known=_names_a_state(entries) or surface in facts.located
                ):
                    return None
                confidence = 0.7
            # Glued to a preceding capitalised word that is not a descriptor: a person or an
            # organisation, unless the text also puts the name after "in"/"from"... elsewhere.
            if (
                prev is not None
                and prev.capitalised
                and (text[prev.end : first.start] == " " or (text[prev.end : first.start] == "-" and len(prev.text) > 1))
                and prev.lower not in DESCRIPTORS
                and prev.lower not in FUNCTION_WORDS
                and prev.lower not in CALENDAR
                and surface not in facts.located
                # "Baku-Tbilisi-Kars": hyphen-joined places, each a place of its own.
                and not (text[prev.end : first.start] == "-" and prev.end == prev_place_end)
            ):
                return None
        if prev is not None and prev.lower.rstrip(".") in TITLES and _gap_ok(text, prev, first):
            return None
        if text[last.end : last.end + 1] == "$" or (
            not major and not state_like and _DISEASE_AFTER.match(text[last.end : last.end + 20])
        ):
            return None
        if (
            width == 1
            and not major
            and first.text in facts.name_parts
            and first.text not in facts.located
            and population < 1_000_000
        ):
            # The same word is part of a longer name elsewhere in the text ("John Dunn" ... "Dunn said").
            return None
        if (
            surface.isupper()
            and len(surface) > 4
            and not title_line
            and not major
            and population < 100_000
            and not _DATELINE.match(text, first.start)
        ):
            # ALL-CAPS words in running text are mostly acronyms or shouting, not small towns.
            return None

        if (
            width > 1
            and not major
            and population < 100_000
            and not _LEVEL_WORD.match(last.text)
            and not _LOCATIVE_DIRECT.search(text[max(0, first.start - 12) : first.start])
            and _zipf(surface.lower()) >= COMMON_WORD_ZIPF
        ):
            return None  # "White House", "Red Cross": a common phrase before a hamlet
        if width == 1 and not major and not exact_abbr:
            zipf = _zipf(first.lower)
            locative = cue is not None or bool(_LOCATIVE_BEFORE.search(text[max(0, first.start - 16) : first.start]))
            if zipf >= VERY_COMMON_WORD_ZIPF and not (state_like or population >= 3_000_000):
                return None
            if zipf >= COMMON_WORD_ZIPF and not (locative or state_like or population >= 200_000):
                return None
            if _sentence_initial(text, first) and zipf >= 4.0 and not (locative or population >= 100_000):
                return None
            if zipf >= RARE_PLACE_WORD_ZIPF and not (locative or population >= 20_000):
                return None
            if (
                _SPEECH_AFTER.match(text[last.end : last.end + 12])
                and population < 50_000
                and first.text not in facts.located
            ):
                return None  # "Welch said": a person
            if zipf >= 4.0:
                confidence = 0.7
        return Span(first.start, last.end, surface, entries, confidence, cue)

    @staticmethod
    def _names_its_place(text: str, tokens: list[_Token], j: int, *, known: bool = False) -> bool:
        """Is "<place> <Words>" an institution of that place ("Dublin Arts Council", "Texas Forest
        Service", "Buffalo Police")? Then the place is mentioned. Not so for an international body,
        a road or a newspaper ("Shanghai Cooperation Organization", "Dublin Road", "Washington
        Post"), nor for other pairs ("Vladimir Putin", "Paris Hilton"): the words must end in the
        head noun of an institution, unless the place is ``known`` to be meant (see below).
        """
        chunk = [tokens[j]]
        while j + 1 < len(tokens) and tokens[j + 1].capitalised and _gap_ok(text, tokens[j], tokens[j + 1]):
            j += 1
            chunk.append(tokens[j])
        words = [t.lower for t in chunk]
        if words[0] in LOCAL_INSTITUTION:
            return True
        if any(w in NOT_OF_THE_PLACE for w in words) or any(t.text.isupper() for t in chunk):
            return False
        # Names that start with a state or a country ("Georgia Power", "Texas Alcoholic Beverage
        # Commission"), or with a town the text places things in ("in Dublin" ... "Dublin Singers"),
        # are that place's bodies and firms, seldom people.
        return known or words[-1] in INSTITUTION_HEADS

    def _starts_place(self, text: str, tokens: list[_Token], j: int, *, hyphen: bool = False) -> bool:
        """A notable place starts at token ``j``; after a hyphen ("Baku-Tbilisi-Kars") any town
        known by that main name will do, provided the chain of names ends there."""
        found = self._longest_match(text, tokens, j)
        if found is None:
            return False
        if hyphen:
            end = j + found[0] - 1
            if self._glued_right(text, tokens, end) and text[tokens[end].end : tokens[end + 1].start] != "-":
                return False
            return any(e.place.kind != "city" or (e.primary and e.place.population >= 10_000) for e in found[1])
        return any(e.place.kind != "city" or e.place.population >= 100_000 for e in found[1])

    @staticmethod
    def _glued_right(text: str, tokens: list[_Token], j: int) -> bool:
        return j + 1 < len(tokens) and tokens[j + 1].capitalised and _gap_ok(text, tokens[j], tokens[j + 1])

    @staticmethod
    def _cue(text: str, start: int, end: int) -> str | None:
        before = _CUE_BEFORE.search(text[max(0, start - 30) : start])
        if before:
            return before.lastgroup
        after = _CUE_AFTER.match(text[end : end + 30])
        return after.lastgroup if after else None

    # -- variants ---------------------------------------------------------------------------
    def _variant(self, text: str, tokens: list[_Token], i: int) -> tuple[Span, int] | None:
        """An unknown capitalised name in a place-like context, matched to a spelling variant."""
        j = i
        while j + 1 < len(tokens) and j - i < 2 and tokens[j + 1].capitalised and _gap_ok(text, tokens[j], tokens[j + 1]):
            j += 1
        first = tokens[i]
        # Words that are a place-level cue themselves end the name ("Astra Khan International Airport").
        end = j
        while (end > i and _CUE_AFTER.match(" " + tokens[end].text)) or (end > i and tokens[end].lower == "international"):
            end -= 1
        last = tokens[end]
        cue = self._cue(text, first.start, last.end)
        # Glued to a preceding capitalised word by a space or hyphen: part of a longer name. A
        # possessive ("Russia's Astra Khan Airport") separates two names instead.
        if cue is None or (i > 0 and tokens[i - 1].capitalised and text[tokens[i - 1].end : first.start] in (" ", "-")):
            return None
        surface = text[first.start : last.end]
        if len(normalize(surface)) < 4 or first.lower in CALENDAR or _zipf(first.lower) >= COMMON_WORD_ZIPF:
            return None
        if first.text in _demonyms():
            return None
        joined = normalize(surface).replace(" ", "")
        entries = self.gaz.lookup(joined) if " " in surface else ()
        if entries:
            sims = {e.place.place_id: 90.0 for e in entries}
            return Span(first.start, last.end, surface, entries, 0.75, cue, sims), end - i + 1
        best: list[tuple[float, Entry]] = []
        for name, entry in self.gaz.variants(surface):
            ratio = fuzz.ratio(joined, name.replace(" ", ""))
            if ratio >= FUZZY_MIN_RATIO:
                best.append((ratio, entry))
        if not best:
            return None
        sims = {e.place.place_id: r for r, e in best}
        return Span(first.start, last.end, surface, tuple(e for _, e in best), 0.6, cue, sims), end - i + 1

    # -- demonyms ---------------------------------------------------------------------------
    def _demonym(self, token: _Token) -> Span | None:
        place_id = _demonyms().get(token.text)
        if place_id is None:
            return None
        place = self.gaz.get(place_id)
        if place is None:
            return None
        entry = Entry(place=place, feature="PCLI", primary=True)
        return Span(token.start, token.end, token.text, (entry,), 0.6, demonym=True)


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Country adjectives and plural nouns ("Russian", "Russians") -> country place id."""
    table: dict[str, str] = {}
    for word, place_id in gazetteer().demonyms().items():
        table[word] = place_id
        table[word + "s"] = place_id
    return table


_RECOGNISER: Recogniser | None = None


def recognise(text: str, *, demonyms: bool = False) -> list[Span]:
    """Place spans in ``text``, sorted by start (module-level recogniser, one per process)."""
    global _RECOGNISER
    if _RECOGNISER is None:
        _RECOGNISER = Recogniser()
    return _RECOGNISER.spans(text, demonyms=demonyms)
