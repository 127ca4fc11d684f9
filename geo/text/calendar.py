"""Month and weekday names, in one place for every stage that reads dates.

Event dates (:mod:`geo.events.dates`), publication dates (:mod:`geo.ingest.published`) and the
geoparser's list of words that are never place names all take their month and weekday words
from here, so an abbreviation added once ("Sept") is known everywhere.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable

MONTHS: tuple[str, ...] = tuple(name for name in calendar.month_name if name)
"""``January`` .. ``December``."""
MONTH_ABBREVIATIONS: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                                        "Nov", "Dec")
"""Abbreviations news text uses ("May" has none: the full name is as short)."""
WEEKDAYS: tuple[str, ...] = tuple(calendar.day_name)
"""``Monday`` .. ``Sunday``."""
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = ("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun")

_MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS |= {abbr.lower(): _MONTH_NUMBERS[next(m for m in _MONTH_NUMBERS if m.startswith(abbr.lower()))]
                   for abbr in MONTH_ABBREVIATIONS}
_WEEKDAY_NUMBERS = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
_WEEKDAY_NUMBERS |= {abbr.lower(): _WEEKDAY_NUMBERS[next(d for d in _WEEKDAY_NUMBERS if d.startswith(abbr.lower()))]
                     for abbr in WEEKDAY_ABBREVIATIONS}

CALENDAR_WORDS: frozenset[str] = frozenset(
    word.lower() for word in (*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS))
"""Lower-case month names, their abbreviations and weekday names: words that are dates, not places."""


def month_number(word: str) -> int | None:
    """1..12 for a month name or abbreviation in any case, with or without a dot ("Sept." → 9)."""
    return _MONTH_NUMBERS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    """0 (Monday) .. 6 for a weekday name or abbreviation in any case ("Tues" → 1)."""
    return _WEEKDAY_NUMBERS.get(word.lower().rstrip("."))


def alternation(words: Iterable[str]) -> str:
    """A regular-expression group matching any of ``words``, longest first so "June" beats "Jun"."""
    return "(?:" + "|".join(sorted(set(words), key=lambda w: (-len(w), w))) + ")"
