"""Numbers an event report states: people killed and injured, the size of a crowd.

Only numbers the text gives are taken ("killing at least 20 people", "two dead and 18
wounded", "about 2,300 protesters", "as many as 45,000 in attendance"); "thousands of
protesters" or "dozens killed" give none, as they state no number.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                 "a dozen": 12, "dozen": 12}
_NUMBER = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_ABOUT = r"(?:(?:at\s+least|as\s+many\s+as|more\s+than|over|about|around|some|nearly|almost|up\s+to|an\s+estimated|" \
         r"roughly|approximately)\s+)?"
_WHO = r"(?:\s+(?:[\w-]+\s+){0,3}?(?:people|persons|civilians|soldiers|troops|policemen|police\s+officers|officers|" \
       r"militants|rebels|insurgents|gunmen|fighters|children|women|men|residents|villagers|workers|others|students|" \
       r"worshippers|passengers|protesters|demonstrators|members|guards|servicemen|Palestinians|Israelis|" \
       r"[A-Z]\w+s))?"
_DEATH = r"(?:killed|dead|died|slain|shot\s+dead|murdered|lost\s+their\s+lives|fatalities|deaths)"
_HURT = r"(?:wounded|injured|hurt|injuries)"
_FATALITIES = (
    re.compile(rf"\b{_ABOUT}{_NUMBER}{_WHO}\s+(?:(?:were|was|have\s+been|had\s+been|are|reportedly|being)\s+)*{_DEATH}",
               re.I),
    re.compile(rf"\b(?:killing|killed|kills|kill|leaving|left|claimed|claiming)\s+{_ABOUT}{_NUMBER}\b", re.I),
    re.compile(rf"\b(?:death\s+toll|toll)\s+(?:\w+\s+){{0,3}}?(?:to|of|at)\s+{_ABOUT}{_NUMBER}\b", re.I),
)
_INJURIES = (
    re.compile(rf"\b{_ABOUT}{_NUMBER}{_WHO}\s+(?:(?:were|was|have\s+been|had\s+been|are|being)\s+)*{_HURT}", re.I),
    re.compile(rf"\b(?:wounding|injuring|wounded|injured|hurting)\s+{_ABOUT}{_NUMBER}\b", re.I),
)
_CROWD = (
    re.compile(rf"\b{_ABOUT}{_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?(?:protesters|demonstrators|marchers|people|"
               rf"residents|activists|supporters|students|workers|strikers|opponents|participants)\b", re.I),
    re.compile(rf"\b(?:crowd|crowds|rally|march|protest|demonstration)\s+of\s+{_ABOUT}{_NUMBER}\b", re.I),
    re.compile(rf"\b{_ABOUT}{_NUMBER}\s+(?:people\s+)?(?:in\s+attendance|turned\s+out|took\s+part|attended|"
               rf"gathered|marched|rallied)\b", re.I),
)


def _value(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else None


def _largest(patterns: tuple[re.Pattern[str], ...], sentence: str) -> int | None:
    """The largest number the patterns find (a report gives the toll once, maybe with parts)."""
    found = [value for pattern in patterns for m in pattern.finditer(sentence)
             if (value := _value(m["n"])) is not None and not _year_like(m["n"])]
    return max(found, default=None)


def _year_like(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and text[:2] in {"19", "20"}


def fatalities(sentence: str) -> int | None:
    """People killed, as the sentence states it ("killing as many as 20 people" → 20)."""
    return _largest(_FATALITIES, sentence)


def injuries(sentence: str) -> int | None:
    """People injured, as the sentence states it ("wounding three Georgian troops" → 3)."""
    return _largest(_INJURIES, sentence)


def crowd_size(sentence: str) -> int | None:
    """The size of a crowd the sentence states ("a group of about 2,300 protesters" → 2300)."""
    return _largest(_CROWD, sentence)
