"""Sentence boundaries with character offsets.

Every map feature carries the sentence it came from, so all stages share one splitter.
A rule-based splitter is enough for news prose and keeps offsets exact.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an upper-case letter, digit or opening quote; or at a blank line / line break.
_BOUNDARY = re.compile(r"""[.!?]["'”’)\]]*(\s+)(?=["'“‘(\[]?[A-Z0-9])|(\n\s*)""")
# Abbreviations that end in a dot but do not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt adm sgt st mt ft jr sr inc ltd co corp vs "
    "no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc".split()
)


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
        start, end = self.at(offset)
        return self.text[start:end]


def split_sentences(text: str) -> Sentences:
    """Split ``text`` into sentence spans ``(start, end)`` with surrounding whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        gap = 1 if match.group(1) is not None else 2
        if gap == 1 and "\n" not in match.group(1) and _ends_with_abbreviation(text, match.start(1)):
            continue
        _append_trimmed(text, start, match.start(gap), spans)
        start = match.end(gap)
    _append_trimmed(text, start, len(text), spans)
    return Sentences(text=text, spans=tuple(spans))


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
