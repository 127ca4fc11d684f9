"""Sentence boundaries with character offsets.

Every map feature carries the sentence it came from, so all stages share one splitter.
A rule-based splitter is enough for news prose and keeps offsets exact.

Line breaks: a blank line always ends a sentence (a paragraph ends), and so does a line break
after a heading, a title, a dateline or a list item. A line break inside a paragraph of
hard-wrapped text (e-mail, plain-text exports, PDFs) is only a space: the line before it was
full, so the next word went to the next line. A line counts as full when the next line's first
word would not have fitted after it within the paragraph's longest line, or when the next line
carries on in lower case.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an upper-case letter, digit or opening quote.
_BOUNDARY = re.compile(r"""[.!?]["'”’)\]]*(\s+)(?=["'“‘(\[]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_LIST_ITEM = re.compile(r"[^\S\n]*(?:[-*•–—]|\d{1,3}[.)])\s")
# Abbreviations that end in a dot but do not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt adm sgt st mt ft jr sr inc ltd co corp vs "
    "no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc".split()
)
MIN_WRAP_WIDTH = 40
"""Lines shorter than this are never taken for hard-wrapped text (headings, short replies)."""
MIN_WRAPPED_LINES = 3
"""A paragraph of fewer lines is not recognised as wrapped by line length alone: a title over
one line of text looks the same."""


@dataclass(frozen=True, slots=True)
class Sentences:
    """Sentence spans of one text, with fast lookup of the sentence around an offset."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def at(self, offset: int) -> tuple[int, int]:
        """Span of the sentence that contains ``offset`` (the last one if past the end)."""
        if not self.spans:
            return (0, len(self.text))
        starts = [s for s, _ in self.spans]
        index = max(bisect_right(starts, offset) - 1, 0)
        return self.spans[index]

    def sentence_at(self, offset: int) -> str:
        """The sentence around ``offset``, line breaks inside it shown as spaces (same length)."""
        start, end = self.at(offset)
        return one_line(self.text[start:end])


def one_line(sentence: str) -> str:
    """A sentence with its soft line breaks as spaces: same length, so offsets still hold."""
    return sentence.replace("\r", " ").replace("\n", " ")


@lru_cache(maxsize=8)
def split_sentences(text: str) -> Sentences:
    """Split ``text`` into sentence spans ``(start, end)`` with surrounding whitespace trimmed.

    Cached for the last few texts: the budget, the events, the corridors and the mention rows of
    one article all ask for its sentences (the result is immutable, so sharing it is safe)."""
    cuts = sorted(set(_punctuation_cuts(text)) | set(_line_cuts(text)))
    spans: list[tuple[int, int]] = []
    start = 0
    for end, resume in cuts:
        if end < start:
            continue  # inside a stretch of whitespace already cut
        _append_trimmed(text, start, end, spans)
        start = resume
    _append_trimmed(text, start, len(text), spans)
    return Sentences(text=text, spans=tuple(spans))


def _punctuation_cuts(text: str) -> list[tuple[int, int]]:
    cuts = []
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group(1) and _ends_with_abbreviation(text, match.start(1)):
            continue
        cuts.append((match.start(1), match.end(1)))
    return cuts


def _line_cuts(text: str) -> list[tuple[int, int]]:
    """Where line breaks end a sentence: between paragraphs, and inside one unless it is wrapped."""
    cuts = []
    position = 0
    for paragraph in [*_PARAGRAPH.finditer(text), None]:
        end = paragraph.start() if paragraph else len(text)
        cuts += _hard_breaks(text, position, end)
        if paragraph:
            cuts.append((paragraph.start(), paragraph.end()))
            position = paragraph.end()
    return cuts


def _hard_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Single line breaks in ``text[start:end]`` (one paragraph) that end a sentence."""
    lines = text[start:end].split("\n")
    if len(lines) < 2:
        return []
    width = max(len(line.rstrip()) for line in lines)
    wrapped = len(lines) >= MIN_WRAPPED_LINES and width >= MIN_WRAP_WIDTH
    cuts = []
    offset = start
    for line, following in pairwise(lines):
        offset += len(line)
        if not _soft(line, following, width, wrapped=wrapped):
            cuts.append((offset, offset + 1))
        offset += 1
    return cuts


def _soft(line: str, following: str, width: int, *, wrapped: bool) -> bool:
    """Is the break between ``line`` and ``following`` only a wrap inside a sentence?"""
    words = following.split()
    if not words or not line.strip() or _LIST_ITEM.match(following):
        return False
    if words[0][0].islower():
        return True  # the sentence carries on
    return wrapped and len(line.rstrip()) + 1 + len(words[0]) > width


def _ends_with_abbreviation(text: str, end: int) -> bool:
    word = re.search(r"([\w.]+)\.?[\"'”’)\]]*$", text[max(0, end - 12) : end])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
