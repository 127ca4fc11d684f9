"""Escaped HTML for article text with place mentions and event sentences marked.

Article text is untrusted (uploads, scraped pages), so every character that reaches HTML goes
through ``html.escape`` here; callers only ever insert the returned markup.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit


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


def highlight_all(sentence: str, needles: Iterable[str] = (), patterns: Iterable[re.Pattern[str]] = ()) -> str:
    """Escaped ``sentence`` with every occurrence of each needle (case-insensitive, the exact text
    a mention matched, misspellings included) and each pattern's matches in ``<mark>``.

    Longer needles win where they overlap shorter ones ("Bandar Abbas" over "Abbas").
    """
    if not isinstance(sentence, str):
        return esc(sentence)
    folded = sentence.casefold()
    same_length = len(folded) == len(sentence)
    found: list[tuple[int, int]] = []
    for needle in sorted({n for n in needles if isinstance(n, str) and n.strip()}, key=len, reverse=True):
        target = needle.casefold()
        if not same_length:
            continue
        position = 0
        while (start := folded.find(target, position)) >= 0:
            found.append((start, start + len(needle)))
            position = start + len(needle)
    for pattern in patterns:
        found += [match.span() for match in pattern.finditer(sentence) if match.end() > match.start()]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: (span[0], -(span[1] - span[0]))):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    out, position = [], 0
    for start, end in kept:
        out += [esc(sentence[position:start]), f"<mark>{esc(sentence[start:end])}</mark>"]
        position = end
    out.append(esc(sentence[position:]))
    return "".join(out)


def link(url: object, text: str = "source") -> str:
    """An escaped link to an article's URL, opened in a new tab; plain text for anything that is
    not an http(s) URL (a ``javascript:`` URL in an uploaded page must never become a link)."""
    if not isinstance(url, str) or not url.strip():
        return ""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return esc(url)
    return f'<a href="{esc(url.strip())}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'


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
