"""Temporal expressions in a sentence → date intervals with a precision.

Every interval is anchored on the document's own publication date (``anchor``), never on
today. A small explicit grammar is used instead of ``dateparser.search_dates`` because on
news text the latter finds dates in "in the 6th", "and $40" and "We", picks the wrong year for
"July 8-12" and returns the previous week when a weekday equals the document's own weekday.
Only forms that name a calendar unit are matched, so those false positives cannot arise.

Precision says how the interval was obtained: ``day``, ``month`` or ``year`` for a stated
calendar unit, ``approximate`` for a fuzzy part of one ("the end of June", "earlier this month"),
``unknown`` when an expression is relative and the document has no date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from geo.models import Interval, Precision
from geo.text.calendar import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS, alternation, month_number, weekday_number

UNKNOWN = Interval(None, None, "unknown")
RECENT_DAYS = 7
"""A news report with no date of its own tells of the days just before publication."""
MONTHS_AHEAD = 3
"""How far after the document date a month named without a year may lie."""
PLANNED_DAYS = 30
"""A planned event with no date of its own is expected within this many days of publication."""

# Month names must be capitalised ("March", not "to march"); "May" needs a day, a year or a
# preposition before it, so the modal verb never matches.
_M = rf"(?:{alternation(MONTHS)}|{alternation(MONTH_ABBREVIATIONS)}\.)"
# With a day number after it a month may be abbreviated without a dot ("Feb 24"): "Jan Peters" has none.
_MD = rf"(?:{alternation(MONTHS)}|{alternation(MONTH_ABBREVIATIONS)}\.?)"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[89]\d\d|20\d\d)"
_WD = alternation(WEEKDAYS)
_PREP = r"(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Dd]uring|[Ff]rom|[Oo]f|[Tt]hrough|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Bb]etween|and|to|[Aa]round)"
_NEWSPAPER_WORDS = "Times|Telegraph|Herald|Express|Mail|Post|Star|Mirror|Observer|Tribune|Independent|Sport|Night|Bloody"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One temporal expression: its span in the sentence, its interval, and whether it is
    open-ended ("since 2011"), which makes it a poor date for an event."""

    start: int
    end: int
    text: str
    interval: Interval
    open_ended: bool = False


@dataclass(frozen=True, slots=True)
class Anchor:
    """What relative expressions are resolved against: the document date and how well it is
    known, and whether the event is told as still to come (then "Thursday" is the next one)."""

    day: date | None
    precision: Precision
    future: bool = False


Resolver = Callable[[re.Match[str], Anchor], Interval | None]
"""Turns a match into an interval, or ``None`` when the match is not a date after all."""


def resolve_dates(sentence: str, anchor: date | None, anchor_precision: Precision = "day", *,
                  future: bool = False) -> list[TimeMention]:
    """All temporal expressions of ``sentence``, left to right, without overlaps.

    ``anchor`` is the document date and ``anchor_precision`` how well it is known; relative
    expressions ("Monday", "last year") give an unknown interval when there is no anchor.
    ``future``: the sentence tells of something still to come ("will meet on Thursday", "to be
    held in March"): a weekday or a month without a year is the next one, not the last.
    """
    if not _MAY_HOLD_A_DATE.search(sentence):
        return []
    if anchor is None or anchor_precision == "unknown":
        anchor, anchor_precision = None, "unknown"
    context = Anchor(anchor, anchor_precision, future)
    candidates: list[tuple[int, int, TimeMention]] = []
    for priority, (pattern, resolver) in enumerate(_RULES):
        for match in pattern.finditer(sentence):
            interval = resolver(match, context)
            if interval is None:
                continue
            start, end = match.span("x")
            mention = TimeMention(start, end, sentence[start:end], interval, bool(match.groupdict().get("since")))
            candidates.append((end - start, priority, mention))
    chosen: list[TimeMention] = []
    # Longest expressions first: "from July 8-12" beats "July 8"; ties go to the earlier rule.
    for _, _, mention in sorted(candidates, key=lambda c: (-c[0], c[1], c[2].start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in chosen):
            chosen.append(mention)
    return _weekdays_joined(sorted(chosen, key=lambda m: m.start), sentence)


_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", re.I)
_WEEKDAY_TO_DATE = re.compile(r",?\s+(?:the\s+)?")


def _weekdays_joined(mentions: list[TimeMention], sentence: str) -> list[TimeMention]:
    """"Friday 6 March", "Friday the 6th of March": a weekday that names the day of the date
    right after it is one expression with that date (the weekday alone would be the last Friday)."""
    joined: list[TimeMention] = []
    for mention in mentions:
        before = joined[-1] if joined else None
        if before is not None and _WEEKDAY.fullmatch(before.text) and mention.interval.precision == "day" \
                and _WEEKDAY_TO_DATE.fullmatch(sentence, before.end, mention.start):
            joined[-1] = TimeMention(before.start, mention.end, sentence[before.start : mention.end],
                                     mention.interval, mention.open_ended)
            continue
        joined.append(mention)
    return joined


def inferred_anchor(text: str) -> tuple[date | None, Precision]:
    """An anchor for an article without a publication date, from the dates it states: the
    month of the latest full date, else the latest year. Relative expressions then resolve
    as a careful reader would ("Friday" in an article about "March 3, 2011" falls in
    early 2011), at the coarse precision the guess deserves."""
    full = [m.interval.start for m in resolve_dates(text, None, "unknown")
            if m.interval.precision == "day" and m.interval.start is not None]
    if full:
        return max(full), "month"
    years = [int(y) for y in re.findall(rf"\b({_Y})\b", text)]
    return (date(max(years), 12, 31), "year") if years else (None, "unknown")


def default_interval(anchor: date | None, anchor_precision: Precision, *, future: bool = False) -> Interval:
    """Interval of an event whose own clause states no date: shortly before publication, or
    for a planned event the weeks after it."""
    if anchor is None or anchor_precision == "unknown":
        return UNKNOWN
    if anchor_precision == "day":
        if future:
            return Interval(anchor, anchor + timedelta(days=PLANNED_DAYS), "approximate")
        return Interval(anchor - timedelta(days=RECENT_DAYS), anchor, "approximate")
    start, end = _unit_bounds(anchor, anchor_precision)
    return Interval(start, end, "approximate")


def pick_interval(mentions: Sequence[TimeMention], trigger: int, anchor: date | None,
                  anchor_precision: Precision, *, future: bool = False) -> Interval:
    """The interval for an event whose trigger word sits at offset ``trigger`` of the sentence.

    ``mentions`` are the time expressions of the event's own clause. The nearest closed
    expression wins (an event is dated by the words next to it); open-ended ones ("since
    1979") and unresolved ones ("Thursday" in an undated article) only when nothing else is
    there; none gives the default.
    """
    if not mentions:
        return default_interval(anchor, anchor_precision, future=future)
    return min(mentions, key=lambda m: (m.open_ended, m.interval.start is None, _distance(m, trigger))).interval


def _distance(mention: TimeMention, offset: int) -> int:
    if mention.start <= offset < mention.end:
        return 0
    return mention.start - offset if mention.start >= offset else offset - mention.end + 2


# --------------------------------------------------------------------------- building blocks


def _month(name: str) -> int:
    number = month_number(name)
    assert number is not None  # noqa: S101 - the patterns match month names only
    return number


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int, precision: Precision = "month") -> Interval:
    return Interval(date(year, month, 1), _month_end(year, month), precision)


def _unit_bounds(anchor: date, precision: Precision) -> tuple[date, date]:
    if precision == "year":
        return date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    if precision == "month":
        return anchor.replace(day=1), _month_end(anchor.year, anchor.month)
    return anchor, anchor


def _safe(build: Callable[[], Interval]) -> Interval:
    """Impossible dates ("February 30") give unknown instead of an exception."""
    try:
        return build()
    except ValueError:
        return UNKNOWN


def _year_for(month: int, anchor: Anchor, stated: str | None) -> int | None:
    """Year of a month named without one. Told as still to come: the next such month (this one
    included). Otherwise the occurrence within eight months before to three months after the
    document date (news tells of the past far more than of plans)."""
    if stated:
        return int(stated)
    if anchor.day is None:
        return None
    ahead = month - anchor.day.month
    if anchor.future:
        return anchor.day.year if ahead >= 0 else anchor.day.year + 1
    if ahead > MONTHS_AHEAD:
        return anchor.day.year - 1
    if ahead < MONTHS_AHEAD - 11:
        return anchor.day.year + 1
    return anchor.day.year


# --------------------------------------------------------------------------- resolvers


def _day_range(m: re.Match[str], anchor: Anchor) -> Interval:
    month = _month(m["m1"])
    month2 = _month(m["m2"]) if m.groupdict().get("m2") else month
    year = _year_for(month, anchor, m["y"])
    if year is None:
        return UNKNOWN
    year2 = year + 1 if month2 < month else year
    return _safe(lambda: Interval(date(year, month, _day(m["d1"])), date(year2, month2, _day(m["d2"])), "day"))


def _full_date(m: re.Match[str], anchor: Anchor) -> Interval:
    year = _year_for(_month(m["m1"]), anchor, m["y"])
    if year is None:
        return UNKNOWN
    return _safe(lambda: Interval(day := date(year, _month(m["m1"]), _day(m["d1"])), day, "day"))


def _iso_date(m: re.Match[str], anchor: Anchor) -> Interval:
    return _safe(lambda: Interval(day := date(int(m["y"]), int(m["mo"]), int(m["d1"])), day, "day"))


_PART_OF_MONTH = {"beginning": (1, 10), "start": (1, 10), "early": (1, 10), "middle": (10, 20), "mid": (10, 20),
                  "end": (20, 31), "late": (20, 31)}


def _month_interval(m: re.Match[str], anchor: Anchor) -> Interval | None:
    """A month, possibly with a year or a part ("the end of June"). A month named alone must
    follow a preposition, so the verb "may" or a person called "June" never become dates."""
    part = (m["part"] or m["partw"] or "").lower()
    if not (part or m["y"] or m["rel"]) and not re.search(rf"\b{_PREP}\s+$", m.string[: m.start("x")]):
        return None
    month = _month(m["m1"])
    relative_year = (m["rel"] or "").lower()
    if relative_year:
        if anchor.day is None:
            return UNKNOWN
        year = anchor.day.year + {"this": 0, "last": -1, "next": 1}[relative_year]
    else:
        found = _year_for(month, anchor, m["y"])
        if found is None:
            return UNKNOWN
        year = found
    if part:
        first, last = _PART_OF_MONTH[part]
        end = min(last, calendar.monthrange(year, month)[1])
        return Interval(date(year, month, first), date(year, month, end), "approximate")
    return _month_span(year, month, "approximate" if relative_year == "this" else "month")


def _relative_month(m: re.Match[str], anchor: Anchor) -> Interval:
    """"last December": the latest December before the document's month; "next March" the
    first one after it; "this May" the one of the document's year."""
    if anchor.day is None:
        return UNKNOWN
    month, which = _month(m["m1"]), m["which"].lower()
    year = anchor.day.year
    if which in {"last", "past"} and month >= anchor.day.month:
        year -= 1
    elif which == "next" and month <= anchor.day.month:
        year += 1
    return _month_span(year, month)


_PART_OF_YEAR = {"beginning": (1, 3), "start": (1, 3), "early": (1, 4), "middle": (5, 8), "mid": (5, 8),
                 "end": (10, 12), "late": (9, 12), "first half": (1, 6), "second half": (7, 12)}


def _part_of_year(m: re.Match[str], anchor: Anchor) -> Interval:
    if m["y"]:
        year = int(m["y"])
    elif anchor.day is None:
        return UNKNOWN
    else:
        year = anchor.day.year + {"this": 0, "the": 0, "last": -1, "next": 1}[m["rel"].lower()]
    first, last = _PART_OF_YEAR[" ".join((m["part"] or m["partw"]).lower().split())]
    return Interval(date(year, first, 1), _month_end(year, last), "approximate")


def _year_range(m: re.Match[str], anchor: Anchor) -> Interval:
    first, last = int(m["y"]), int(m["y2"])
    if last < first:
        return UNKNOWN
    return Interval(date(first, 1, 1), date(last, 12, 31), "year")


_DECADE_PARTS = {None: (0, 9), "early": (0, 3), "mid": (3, 6), "late": (6, 9)}


def _decade(m: re.Match[str], anchor: Anchor) -> Interval:
    """"the 1970s" is 1970..1979, "the late 1990s" 1996..1999."""
    first, last = _DECADE_PARTS[m["part"]]
    decade = int(m["y"])
    return Interval(date(decade + first, 1, 1), date(decade + last, 12, 31), "approximate")


def _year(m: re.Match[str], anchor: Anchor) -> Interval:
    year = int(m["y"])
    if m["since"] and anchor.day is not None:
        return Interval(date(year, 1, 1), anchor.day, "approximate")
    return Interval(date(year, 1, 1), date(year, 12, 31), "year")


def _relative_unit(m: re.Match[str], anchor: Anchor) -> Interval:
    """this/last/next year|month|week|weekend, earlier/later this ..."""
    if anchor.day is None:
        return UNKNOWN
    day, p = anchor.day, anchor.precision
    unit, which, part = m["unit"].lower(), m["which"].lower(), (m["part"] or "").lower()
    shift = {"this": 0, "last": -1, "past": -1, "next": 1}[which]
    if unit == "year":
        start, end = date(day.year + shift, 1, 1), date(day.year + shift, 12, 31)
        precision: Precision = "year"
    elif unit == "month":
        month_index = day.year * 12 + day.month - 1 + shift
        start = date(month_index // 12, month_index % 12 + 1, 1)
        end = _month_end(start.year, start.month)
        precision = "month"
    elif unit == "weekend":
        saturday = day - timedelta(days=(day.weekday() - 5) % 7)  # the latest Saturday on or before
        if which == "next" or (which == "this" and anchor.future and saturday < day - timedelta(days=1)):
            saturday += timedelta(weeks=1)
        start, end, precision = saturday, saturday + timedelta(days=1), "approximate"
    else:
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=shift)
        start, end, precision = monday, monday + timedelta(days=6), "approximate"
    published_from, published_to = _unit_bounds(day, p)
    if part == "earlier" and shift == 0:
        return Interval(start, min(end, published_to), "approximate")
    if part == "later" and shift == 0:
        return Interval(max(start, published_from), end, "approximate")
    if p != "day" and unit != "year":  # a week or month relative to a month-precise date is fuzzy
        precision = "approximate"
    return Interval(start, end, precision)


_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
"""The first month of each season (northern hemisphere); a season lasts three months."""


def _season(m: re.Match[str], anchor: Anchor) -> Interval:
    """"over the summer", "last winter", "next spring", "the summer of 2006": three months, those
    of the year given, else the latest such season begun on or before the anchor (the next one
    for "next" or an event to come)."""
    first = _SEASONS[m["season"].lower()]
    which = (m["which"] or "").lower()
    if m["y"]:
        year = int(m["y"])
    elif anchor.day is None:
        return UNKNOWN
    else:
        year = anchor.day.year if (anchor.day.month, anchor.day.day) >= (first, 1) else anchor.day.year - 1
        if which == "next" or (anchor.future and which != "last"):
            year += 1 if date(year, first, 1) <= anchor.day else 0
    start = date(year, first, 1)
    end_month = (first + 1) % 12 + 1
    end = _month_end(year + (1 if end_month < first else 0), end_month)
    return Interval(start, end, "approximate")


_DAY_SHIFT = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "last night": -1, "overnight": -1}


def _single_day(m: re.Match[str], anchor: Anchor) -> Interval:
    if anchor.day is None:
        return UNKNOWN
    if anchor.precision != "day":
        start, end = _unit_bounds(anchor.day, anchor.precision)
        return Interval(start, end, "approximate")
    word = " ".join(m["word"].lower().split())
    day = anchor.day + timedelta(days=_DAY_SHIFT[word])
    if word == "overnight":  # the night before the report: either day
        return Interval(day, anchor.day, "approximate")
    return Interval(day, day, "day")


def _weekday(m: re.Match[str], anchor: Anchor) -> Interval:
    """The most recent such weekday on or before the document date; the next one after it when
    the text says "next" or tells of something still to come."""
    if anchor.day is None:
        return UNKNOWN
    if anchor.precision != "day":  # only the month (or year) of publication is known
        start, end = _unit_bounds(anchor.day, anchor.precision)
        return Interval(start, end, anchor.precision)
    target = weekday_number(m["wd"])
    assert target is not None  # noqa: S101 - the pattern matches weekday names only
    which = (m["which"] or "").lower()
    if which == "next" or (anchor.future and which != "last"):
        day = anchor.day + timedelta(days=(target - anchor.day.weekday() - 1) % 7 + 1)
    else:
        back = (anchor.day.weekday() - target) % 7
        if which == "last" and back == 0:
            back = 7
        day = anchor.day - timedelta(days=back)
    return Interval(day, day, "day")


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}


def _ago(m: re.Match[str], anchor: Anchor) -> Interval:
    if anchor.day is None:
        return UNKNOWN
    count = m["n"].lower()
    number = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    days = number * _UNIT_DAYS[m["unit"].lower()]
    centre = anchor.day - timedelta(days=days)
    slack = timedelta(days=max(1, days // 10))
    return Interval(centre - slack, min(anchor.day, centre + slack), "approximate")


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags | re.VERBOSE)


_MAY_HOLD_A_DATE = re.compile(
    r"\d|" + "|".join(dict.fromkeys(name[:3] for name in MONTHS))
    + r"|(?i:day|week|month|year|tomorrow|ago|night|tonight|spring|summer|autumn|fall|winter)")
"""What every rule below needs (a digit, a month, a weekday or a unit word): one search that
spares most sentences the rules."""
_RANGE = r"\s*(?:-|–|—|to|until|till|through)\s*"
_RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    # "July 8-12", "from July 8 to 12, 2013", "July 30 to August 2"
    (_compile(rf"(?P<x>(?:[Ff]rom\s+)?(?P<m1>{_MD})\s+(?P<d1>{_D}){_RANGE}(?:(?P<m2>{_MD})\s+)?(?P<d2>{_D})\b(?:,?\s+(?P<y>{_Y}))?)"),
     _day_range),
    # "8-12 July 2013"
    (_compile(rf"(?P<x>\b(?P<d1>{_D}){_RANGE}(?P<d2>{_D})\s+(?P<m1>{_M})(?:,?\s+(?P<y>{_Y}))?)"), _day_range),
    # "September 20, 2023", "Monday, Nov. 6", "September 20"
    (_compile(rf"(?P<x>(?:{_WD},?\s+)?(?P<m1>{_MD})\s+(?P<d1>{_D})\b(?:,?\s+(?P<y>{_Y})\b)?)"), _full_date),
    # "20 September 2023", "on 8 July", "the 8th of July"
    (_compile(rf"(?P<x>\b(?P<d1>{_D})\s+(?:of\s+)?(?P<m1>{_M})(?:,?\s+(?P<y>{_Y})\b)?)"), _full_date),
    (_compile(r"(?P<x>\b(?P<y>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01])\b)"), _iso_date),
    # "last December", "next March"
    (_compile(rf"(?P<x>\b(?P<which>[Ll]ast|[Nn]ext|[Pp]ast)\s+(?P<m1>{_M})\b)"), _relative_month),
    # "the end of June", "early July 2013", "March this year", "May 2022", "in January"
    (_compile(rf"""(?P<x>(?:the\s+(?P<part>beginning|start|end|middle)\s+of\s+|(?P<partw>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?
                   (?P<m1>{_M})(?:,?\s+(?P<y>{_Y})\b|\s+(?P<rel>this|last|next)\s+year\b)?)"""),
     _month_interval),
    # "early 2023", "the end of 2020", "the second half of 2022", "the first half of the year"
    (_compile(rf"""(?P<x>(?:the\s+(?P<part>beginning|start|end|middle|first\s+half|second\s+half)\s+of\s+
                   |(?P<partw>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)(?:(?P<y>{_Y})|(?P<rel>this|last|next|the)\s+year)\b)"""),
     _part_of_year),
    # "in the 1970s", "the late 1990s"
    (_compile(r"\b[Tt]he\s+(?P<x>(?:(?P<part>early|mid|late)[\s-]+)?(?P<y>(?:1[89]|20)\d0)['’]?s)\b"), _decade),
    (_compile(rf"(?P<x>\b(?:[Bb]etween\s+|[Ff]rom\s+)?(?P<y>{_Y})\s*(?:-|–|to|and)\s*(?P<y2>{_Y})\b)"), _year_range),
    (_compile(rf"(?:(?P<since>\b[Ss]ince\s+)|\b{_PREP}\s+(?:the\s+(?:year\s+)?)?|\b[Tt]he\s+)(?P<x>(?P<y>{_Y}))\b(?![,.]?\d|\s*(?:%|per\s*cent|percent))"),
     _year),
    (_compile(r"(?P<x>\b(?:(?P<part>earlier|later)\s+)?(?P<which>this|last|next|past)\s+(?P<unit>year|month|week|weekend)\b)", re.I),
     _relative_unit),
    (_compile(r"(?P<x>\b(?P<word>yesterday|today|tomorrow|tonight|last\s+night|overnight)\b)", re.I), _single_day),
    # "over the summer", "last winter", "the summer of 2006"; not "the Arab Spring" (a name)
    (_compile(rf"""(?:\b(?:[Oo]ver|[Dd]uring|[Ii]n|[Tt]hroughout)\s+the\s+|\b(?P<which>[Tt]his|[Ll]ast|[Nn]ext)\s+)
                   (?P<x>(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{_Y}))?)\b"""),
     _season),
    # "Monday", "last Friday", "Thursday morning"; not "the Sunday Herald"
    (_compile(rf"""(?<![Tt]he\s)(?P<x>\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>{_WD})
                   (?:\s+(?:morning|afternoon|evening|night))?\b)(?!\s+(?:{_NEWSPAPER_WORDS})\b)"""),
     _weekday),
    (_compile(r"(?P<x>\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b)", re.I),
     _ago),
)
