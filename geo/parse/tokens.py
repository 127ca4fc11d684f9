"""Word tokens with character offsets, and the facts about them that every rule asks for.

Why a regular expression and not spaCy's tokenizer: recognition must run at 100+ articles/s,
and names need only words, their offsets and what lies between two words (a space, a hyphen,
a possessive).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from wordfreq import zipf_frequency

from geo.gazetteer.index import gazetteer

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][^\W_]*(?:[’'][^\W\d_][^\W_]*)*\.?")
# Words that title case may leave lower-case; they do not count when telling a headline.
_TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for by with from as but nor vs via".split())
# A line whose other words are capitalised at least this often is a headline.
TITLE_CASE_SHARE = 0.95
TITLE_CASE_MIN_WORDS = 4


class Token(NamedTuple):
    """A word and its offsets; ``lower`` is the word lower-cased without a final dot.

    A named tuple: a long article has hundreds of thousands of words, and tuples are the
    cheapest immutable records Python creates."""

    start: int
    end: int
    text: str
    capitalised: bool
    lower: str



def tokenize(text: str) -> list[Token]:
    """Word tokens with offsets; a possessive 's and a sentence-final dot are left out."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # the named tuple's own constructor is a Python call per word
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        last = word[-1]
        if last == "s" and word.endswith(("'s", "’s")):
            end -= 2
            word = word[:-2]
        elif last == "." and not _is_abbreviation(word):
            end -= 1
            word = word[:-1]
        if word:
            append(new(Token, (start, end, word, word[0].isupper(), word.rstrip(".").lower())))
    return tokens


def _is_abbreviation(word: str) -> bool:
    """"U.S.", "Ga.", "St." keep their dot; "Moscow." or "Asia." at a sentence end do not."""
    return "." in word.rstrip(".") or word in _dotted_abbreviations()


@lru_cache(maxsize=1)
def _dotted_abbreviations() -> frozenset[str]:
    return frozenset({"St.", "Mt.", "Ft.", "Pt.", *(a for a in gazetteer().exact_names() if a.endswith("."))})


@lru_cache(maxsize=100_000)
def zipf(word: str) -> float:
    """How common ``word`` is in English: log10 of its frequency per billion words (wordfreq)."""
    return zipf_frequency(word, "en")


def gap_ok(text: str, left: Token, right: Token) -> bool:
    """Are two tokens joined as parts of one name (a space, a hyphen, a possessive)?"""
    gap = text[left.end : right.start]
    # "People's Republic of China", "Martha's Vineyard": a possessive inside a name.
    return gap in (" ", "-", "'s ", "’s ")


def initial_gap(text: str, left: Token, right: Token) -> bool:
    """"W.Va.", "W. Va.": an initial joined to an abbreviation (the tokenizer splits them);
    only a whole exact alias can then match."""
    return len(left.text) == 1 and left.text.isupper() and right.text.endswith(".") \
        and text[left.end : right.start] in (".", ". ")


def title_case_line(tokens: list[Token], starts: list[int], text: str, index: int) -> bool:
    """Headlines capitalise every word, so "glued to a capitalised word" means nothing there.

    Short words that title case may leave lower-case (of, the, in...) are not counted.
    """
    line_start = text.rfind("\n", 0, tokens[index].start) + 1
    line_end = text.find("\n", tokens[index].start)
    line_end = len(text) if line_end < 0 else line_end
    line_tokens = tokens[bisect_left(starts, line_start) : bisect_left(starts, line_end)]
    words = [t for t in line_tokens if not (t.lower in _TITLE_SMALL_WORDS and not t.capitalised)]
    if len(words) < TITLE_CASE_MIN_WORDS:
        return False
    return sum(t.capitalised for t in words) / len(words) >= TITLE_CASE_SHARE


def sentence_initial(text: str, token: Token) -> bool:
    """Does ``token`` open a sentence or a line (where any word is capitalised)?"""
    before = text[max(0, token.start - 3) : token.start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n:"
