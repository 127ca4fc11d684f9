"""Escaped HTML for article text with place mentions and event sentences marked.

Article text is untrusted (uploads, scraped pages), so every character that reaches HTML goes
through ``html.escape`` here; callers only ever insert the returned markup.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass


def esc(value: object) -> str:
    """HTML-escape any value; ``None`` and NaN become an empty string."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value))


def highlight(sentence: str, needle: str | None) -> str:
    """Escaped ``sentence`` with each case-insensitive occurrence of ``needle`` in ``<mark>``."""
    if not needle or not isinstance(sentence, str):
        return esc(sentence)
    folded, target = sentence.casefold(), needle.casefold()
    if len(folded) != len(sentence):  # rare letters whose case folding changes length
        return esc(sentence)
    out, position = [], 0
    while (found := folded.find(target, position)) >= 0:
        out += [esc(sentence[position:found]), f"<mark>{esc(sentence[found : found + len(needle)])}</mark>"]
        position = found + len(needle)
    out.append(esc(sentence[position:]))
    return "".join(out)


@dataclass(frozen=True)
class Span:
    """A marked stretch of text: ``css_class`` styles it, ``title`` becomes its hover text."""

    start: int
    end: int
    css_class: str
    title: str = ""


def sentence_spans(text: str, sentences: Iterable[str], css_class: str, titles: Iterable[str]) -> list[Span]:
    """Spans of the first occurrence of each sentence in ``text`` (sentences not found are skipped)."""
    spans = []
    for sentence, title in zip(sentences, titles, strict=True):
        start = text.find(sentence) if sentence else -1
        if start >= 0:
            spans.append(Span(start, start + len(sentence), css_class, title))
    return spans


def mark_spans(text: str, spans: Iterable[Span]) -> str:
    """Escaped ``text`` with every span wrapped in ``<span class=… title=…>``; newlines kept.

    Spans may overlap or nest (a mention inside an event sentence): the text is cut at every
    span boundary and each piece is wrapped in the spans covering it, so the markup is always
    well-formed whatever the offsets.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for left, right in itertools.pairwise(cuts):
        piece = esc(text[left:right]).replace("\n", "<br>")
        for span in sorted((s for s in spans if s.start <= left and right <= s.end), key=lambda s: s.end - s.start):
            title = f' title="{esc(span.title)}"' if span.title else ""
            piece = f'<span class="{esc(span.css_class)}"{title}>{piece}</span>'
        out.append(piece)
    return "".join(out)
