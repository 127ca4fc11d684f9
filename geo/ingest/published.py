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

_MONTH = rf"(?P<month>{alternation((*MONTHS, *MONTH_ABBREVIATIONS))})\.?"
_TIME = r"(?:\s*[-–—,|]?\s*(?:at\s+)?\d{1,2}:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|gmt|utc|[A-Z]{2,4})?)?"
_WEEKDAY = rf"(?:{alternation((*WEEKDAYS, *WEEKDAY_ABBREVIATIONS))},?\s+)?"
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[T ]\d{2}:\d{2}\S*)?", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME, re.I),
)
_HEADER_DATE = re.compile(
    r"^\s*(?:posted on|published on|updated on|last updated|date|published|posted|updated)\s*[:\-–]?\s*(?P<value>"
    r"\d{4}-\d{1,2}-\d{1,2}|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4}))(?:[T ]\d{2}:\d{2}\S*|,?\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?\s*",
    re.IGNORECASE,
)
_URL_DATE: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<mnum>\d{1,2})[/-](?P<day>\d{1,2})(?:/|\b)"), "day"),
    (re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<mnum>\d{1,2})/"), "month"),
)


def parse_date_string(value: str) -> date | None:
    """Parse one complete calendar date ("2023-11-08", "September 15, 2024 - 20:9", "8 August 2013")."""
    for form in _DATE_FORMS:
        match = form.fullmatch(value.strip().rstrip("."))
        if match:
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
        header = _HEADER_DATE.match(line)
        found = parse_date_string(header.group("value")) if header else parse_date_string(line)
        if found:  # a dateline is metadata, not article text; an inline "date ..." prefix goes too
            rest = line[header.end() :].strip() if header else ""
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


def _parse_any_date(value: str) -> date | None:
    """A metadata field known to hold a date, in any format ("17/05/2022", "Di, 17. Mai 2022"):
    the one place where dateparser's guessing is right, since the field is a date for sure."""
    import dateparser

    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"})
    return parsed.date() if parsed else None
