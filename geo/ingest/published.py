"""The publication date of an article, from what the file itself carries.

A ``date`` header line, a dateline under the title, HTML metadata, a date in the article's
URL. A file without one gets an unknown date: never its mtime, never today. Body text further
down is never used: dates there are dates of events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from geo.models import Precision
from geo.text.calendar import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    alternation,
    month_number,
)

HEADER_LINES = 12
"""Dates and titles are looked for only in the first lines of the cleaned text."""
DATELINE_MAX_CHARS = 90
"""A dateline is a short line; a longer one holding a date is article text."""
DATELINE_OTHER_WORDS = 5
"""Words a dateline may hold besides the date, time and zone: "By Jane Doe, Reuters"."""

_MONTH = rf"(?P<month>{alternation((*MONTHS, *MONTH_ABBREVIATIONS))})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = rf"(?:{alternation((*WEEKDAYS, *WEEKDAY_ABBREVIATIONS))}\.?,?\s+)?"
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:T\d{2}:\d{2}\S*)?", re.I),
    re.compile(r"(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<year>\d{4}),?\s+" + _MONTH + r"\s+" + _DAY, re.I),  # "2017 Mar 07"
)
_TIME = re.compile(
    r"\b(?:at\s+)?\d{1,2}(?:[:.]\d{1,2}){1,2}\s*(?:[ap]\.?m\.?)?(?:\s*\(?(?:[A-Z]{2,5}|[GU][MT]T?C?)(?:[+-]\d{1,2})?\)?)?"
    r"|\b\d{1,2}\s*[ap]\.?m\.?(?=\W|$)|\b[0-2]\d[0-5]\d\s+(?:GMT|UTC)\b",
    re.I,
)
_DATELINE_FILLER = re.compile(
    rf"\b(?:{alternation((*WEEKDAYS, *WEEKDAY_ABBREVIATIONS))}|posted|published|updated|last|on|at|date)\b|[-–—,|•·:/()]",
    re.I,
)
_HEADER_DATE = re.compile(
    r"^\s*(?:posted on|published on|updated on|last updated|date|published|posted|updated)\s*[:\-–]?\s*", re.I)
_URL_DATE: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<mnum>\d{1,2})[/-](?P<day>\d{1,2})(?:/|\b)"), "day"),
    (re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<mnum>\d{1,2})/"), "month"),
)


def parse_date_string(value: str) -> date | None:
    """Parse one complete calendar date, with a time and zone if any ("2023-11-08",
    "September 15, 2024 - 20:9", "8 August 2013", "4:05 PM ET, Tue March 7, 2017", "2017 Mar 07")."""
    for text in (value.strip(" \t."), _TIME.sub(" ", value).strip(" \t,-–—|.")):
        for form in _DATE_FORMS:
            match = form.fullmatch(text)
            if match:
                return _to_date(match)
    return None


def dateline_date(line: str) -> date | None:
    """The date of a dateline: a short line holding one full date and, besides its time, zone and
    weekday, only a few capitalised words ("By Jane Doe | Reuters | Tue March 7, 2017 4:05 PM ET").

    Prose holding a date ("On March 7, 2017, troops arrived.") is not a dateline: it has
    lower-case words.
    """
    if len(line) > DATELINE_MAX_CHARS:
        return None
    for form in _DATE_FORMS:
        match = form.search(line)
        if match is None:
            continue
        rest = _DATELINE_FILLER.sub(" ", _TIME.sub(" ", line[: match.start()] + " " + line[match.end() :]))
        words = rest.split()
        if len(words) <= DATELINE_OTHER_WORDS and all(word[0].isupper() or word.lower() == "by" for word in words):
            return _to_date(match)
    return None


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else month_number(groups["month"])
    try:
        return date(int(groups["year"]), month or 0, int(groups.get("day") or 1))
    except ValueError:
        return None


def find_publication_date(text: str, urls: Iterable[str] = (), meta_date: str | None = None
                          ) -> tuple[date | None, Precision, str]:
    """Publication date, precision, and the text without the line (or prefix) that gave it.

    Looks, in order, at a ``date``/``published`` header or a dateline among the first lines,
    HTML metadata, and a date in the article's URL path. Body text further down is never used:
    dates there are dates of events.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines[:HEADER_LINES]):
        found, rest = _header_date(line)
        if found:  # a dateline is metadata, not article text; an inline "date ..." prefix goes too
            kept = [*lines[:index], *([rest] if rest else []), *lines[index + 1 :]]
            return found, "day", "\n".join(kept).strip()
    if meta_date:
        found = parse_date_string(meta_date[:10]) or parse_date_string(meta_date) or _parse_any_date(meta_date)
        if found:
            return found, "day", text
    for url in urls:
        for pattern, precision in _URL_DATE:
            match = pattern.search(url)
            if match and (found := _to_date(match)):
                return found if precision == "day" else found.replace(day=1), precision, text
    return None, "unknown", text


def _header_date(line: str) -> tuple[date | None, str]:
    """The date of a "Published: ..." header or a dateline, and what follows a header's date on
    its line (article text run into the header)."""
    header = _HEADER_DATE.match(line)
    if header is None:
        return dateline_date(line), ""
    value = line[header.end() :]
    for form in _DATE_FORMS:
        match = form.match(value)
        if match:
            end = match.end()
            time = _TIME.match(value, end) or _TIME.match(value, end + 1)
            end = time.end() if time else end
            return _to_date(match), value[end:].strip(" ,-–—|")
    return None, ""


def _parse_any_date(value: str) -> date | None:
    """A metadata field known to hold a date, in any format ("17/05/2022", "Di, 17. Mai 2022"):
    the one place where dateparser's guessing is right, since the field is a date for sure."""
    import dateparser

    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"})
    return parsed.date() if parsed else None
