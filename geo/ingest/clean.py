"""Article text without what is not the article: forum headers, boilerplate, teasers, repeats.

News files collected by hand carry more than the article: forum headers, comment counters,
"Advertisement" markers, teaser headlines of other stories, sometimes the whole article twice.
Everything downstream (mention offsets, events, counts) works on the *cleaned* text, so the
cleaning happens once, here, and the cleaned text is what the document keeps.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_FORUM_KEYS = re.compile(r"^(joined|messages|reaction score|points|trophy points|location|posts|likes received)$", re.I)
_BOILERPLATE = re.compile(
    r"""^(
        leave\ a\ (comment|reply) | advertisement | \d+\ comments? | comments? | share(\ this)? |
        posted\ by\ \S+ | click\ to\ expand\.* | reply | report | like | print | email |
        (full|senior|junior|new|active|well-known|banned)\ member | read\ more | related( articles| stories)? |
        (subscribe|sign\ up|follow\ us|share\ (on|this|via)|click\ here|download\ (the|our)\ app)\b.{0,80} |
        (©|copyright\b|all\ rights\ reserved).{0,120} | (tags?|topics?):.{0,200} |
        by\ [A-Z][\w.'-]+(\ [A-Z][\w.'-]+){0,3}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_TRAILING_ADVERT = re.compile(r"\s+Advertisement$")
_URL_LINE = re.compile(r"^<?(https?://\S+)>?$")
_MARKUP_PREFIX = re.compile(r"^(?:>\s*)+|^=+\s*|^#+\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))  # zero-width, soft hyphen
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")  # "[Tehran](https://...)" → "Tehran"
_TEASER_END = ("…", "...")


def clean_text(raw: str) -> tuple[str, list[str]]:
    """Return the article text without boilerplate, and the URLs found on their own lines.

    Lines are stripped; runs of blank lines collapse to one (paragraph breaks survive).
    """
    raw = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)  # "Téhéran" matches however it was typed
    raw = _MARKDOWN_IMAGE.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    raw = _MARKDOWN_LINK.sub(r"\1", raw)
    lines = [_MARKUP_PREFIX.sub("", line.strip()).replace("**", "").strip() for line in raw.split("\n")]
    urls = [m.group(1) for line in lines if (m := _URL_LINE.match(line))]
    lines = [line for line in lines if not _URL_LINE.match(line)]
    lines = _drop_forum_header(lines)
    lines = [_TRAILING_ADVERT.sub("", line) for line in lines if not _BOILERPLATE.match(line.lstrip("-• "))]
    lines = _drop_repeated_runs(lines)
    lines = _drop_trailing_teasers(lines)
    lines = _drop_site_trailer(lines)
    return _join_paragraphs(lines), urls


def _drop_forum_header(lines: list[str]) -> list[str]:
    """Drop forum profile blocks ("- Joined / - Dec 31, 2012 / - Messages / - 497") and the
    user name/rank lines just above the first one."""
    keys = [i for i, line in enumerate(lines) if _FORUM_KEYS.match(line.lstrip("-• ").rstrip(":"))]
    if not keys:
        return lines
    dropped: set[int] = set()
    for i in keys:
        dropped.add(i)
        if i + 1 < len(lines) and len(lines[i + 1]) < 40 and not lines[i + 1].endswith("."):
            dropped.add(i + 1)
    first = keys[0]
    if first <= 4:  # the poster's name and rank sit above the block at the top of a post
        dropped.update(j for j in range(first) if len(lines[j]) < 40 and not lines[j].endswith("."))
    return [line for i, line in enumerate(lines) if i not in dropped]


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def _drop_repeated_runs(lines: list[str]) -> list[str]:
    """Drop a block of lines that repeats earlier lines (an article pasted twice).

    A run of consecutive non-blank lines that all occurred before is dropped when it holds
    a paragraph-length line or at least three lines; a lone short repeat ("- 0") is kept.
    """
    seen: set[str] = set()
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        if not lines[i] or _norm(lines[i]) not in seen:
            if lines[i]:
                seen.add(_norm(lines[i]))
            i += 1
            continue
        j = i
        while j < len(lines) and (not lines[j] or _norm(lines[j]) in seen):
            j += 1
        run = [line for line in lines[i:j] if line]
        if len(run) >= 3 or any(len(line) >= 80 for line in run):
            keep[i:j] = [False] * (j - i)
        i = j
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _drop_trailing_teasers(lines: list[str]) -> list[str]:
    """Drop the teaser headlines of other stories at the end ("… crew and…")."""
    end = len(lines)
    while end > 0 and (not lines[end - 1] or lines[end - 1].endswith(_TEASER_END)):
        end -= 1
    return lines[:end]


_SITE_TRAILER = re.compile(r"\s+[-|–—]\s+[\w .'&-]{2,60}$")
"""What follows the headline on a "<title> - Site Name" line."""


def _drop_site_trailer(lines: list[str]) -> list[str]:
    """Drop "<title> - Site Name" lines that repeat the headline with the site's name."""
    first = next((line for line in lines if line), "")
    if not first:
        return lines
    return [line for line in lines if not (line.startswith(first) and _SITE_TRAILER.match(line, len(first)))]


def _join_paragraphs(lines: Iterable[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
