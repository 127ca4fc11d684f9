"""Word forms of a lemma, generously: the cheap word tests before a parse must miss no form.

The event triggers decide on spaCy lemmas; the prefilter that spares most sentences a parse
looks at the raw words. It can only be safe if it knows every surface form a lemma may have,
so this module over-generates (a non-word such as "meeted" costs nothing) and lists the
irregular forms of English verbs and nouns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

Part = Literal["verb", "noun"]

IRREGULAR: dict[str, tuple[str, ...]] = {
    "begin": ("began", "begun"), "bring": ("brought",), "build": ("built",), "buy": ("bought",),
    "come": ("came",), "deal": ("dealt",), "draw": ("drew", "drawn"), "drive": ("drove", "driven"),
    "fall": ("fell", "fallen"), "fight": ("fought",), "fly": ("flew", "flown"), "forbid": ("forbade", "forbidden"),
    "give": ("gave", "given"), "go": ("went", "gone"), "have": ("had",), "hold": ("held",), "keep": ("kept",),
    "lay": ("laid",), "lead": ("led",), "leave": ("left",), "make": ("made",), "meet": ("met",), "put": ("put",),
    "ride": ("rode", "ridden"), "run": ("ran",), "say": ("said",), "see": ("saw", "seen"), "seek": ("sought",),
    "send": ("sent",), "set": ("set",), "shoot": ("shot",), "slay": ("slew", "slain"), "blow": ("blew", "blown"), "sit": ("sat",), "speak": ("spoke", "spoken"),
    "spend": ("spent",), "stand": ("stood",), "strike": ("struck", "stricken"), "swear": ("swore", "sworn"),
    "take": ("took", "taken"), "tell": ("told",), "think": ("thought",), "throw": ("threw", "thrown"),
    "undertake": ("undertook", "undertaken"), "wage": ("waged",), "win": ("won",), "write": ("wrote", "written"),
    "address": ("addrest",),
    "child": ("children",), "forum": ("fora",), "man": ("men",), "memorandum": ("memoranda",), "person": ("people",),
    "symposium": ("symposia",), "woman": ("women",),
}
"""Irregular forms of English words (past tense and participle, irregular plurals)."""

_WORD = re.compile(r"[a-z]+(?:'s)?")


def inflections(lemma: str, part: Part = "verb") -> frozenset[str]:
    """Every form a verb or noun ``lemma`` may take in text, lower case (plus some non-words).

    A noun has its plural and possessive forms ("accord" → "accords", never "according");
    a verb also its past and participles. Multi-word lemmas inflect their last word ("war
    game" → "war games"); hyphens count as spaces ("sit-in").
    """
    lemma = " ".join(_WORD.findall(lemma.lower()))
    head, _, last = lemma.rpartition(" ")
    prefix = head + " " if head else ""
    return frozenset(prefix + form for form in _word_forms(last, part))


def _word_forms(word: str, part: Part) -> set[str]:
    forms = {word, word + "s", word + "es", word + "'s"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if word.endswith("man"):
        forms.add(word[:-3] + "men")  # "policemen"
    if word.endswith("f"):
        forms.add(word[:-1] + "ves")
    if part == "verb":
        forms |= {word + "ed", word + "d", word + "ing", word + word[-1:] + "ed", word + word[-1:] + "ing"}
        if word.endswith("e"):
            forms |= {word[:-1] + "ing", word[:-1] + "ed"}
        if word.endswith("y"):
            forms.add(word[:-1] + "ied")
        if word.endswith("ie"):
            forms.add(word[:-2] + "ying")
    forms.update(IRREGULAR.get(word, ()))
    return forms


def words_of(text: str) -> list[str]:
    """The lower-case words of ``text``; hyphens and punctuation separate words ("air-strike")."""
    return _WORD.findall(text.lower())


class WordHint:
    """A cheap test on words: does a text hold any form of any of these lemmas?

    Built once from lemmas; :meth:`found_in` takes the :func:`words_of` a sentence, so one
    split of the sentence serves every hint.
    """

    __slots__ = ("_firsts", "_phrases", "_single", "forms")

    def __init__(self, lemmas: Iterable[str] = (), part: Part = "verb", *, forms: Iterable[str] = ()) -> None:
        self.forms = frozenset(form for lemma in lemmas for form in inflections(lemma, part)) | frozenset(forms)
        self._single = frozenset(f for f in self.forms if " " not in f)
        self._phrases = frozenset(tuple(f.split()) for f in self.forms if " " in f)
        self._firsts = frozenset(phrase[0] for phrase in self._phrases)

    def __or__(self, other: WordHint) -> WordHint:
        return WordHint(forms=self.forms | other.forms)

    def found_in(self, words: list[str]) -> bool:
        if not self._single.isdisjoint(words):
            return True
        if self._firsts.isdisjoint(words):
            return False
        return any(tuple(words[i : i + len(phrase)]) in self._phrases
                   for i, word in enumerate(words) if word in self._firsts
                   for phrase in self._phrases if phrase[0] == word)

    def search(self, text: str) -> bool:
        """:meth:`found_in` on a text split here (for a single test)."""
        return self.found_in(words_of(text))
