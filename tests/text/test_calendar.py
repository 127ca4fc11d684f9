"""Month and weekday names: one table for event dates, publication dates and the geoparser."""

from __future__ import annotations

import re

import pytest

from geo.text.calendar import CALENDAR_WORDS, alternation, month_number, weekday_number


@pytest.mark.parametrize(("word", "number"), [("January", 1), ("sept.", 9), ("Sep", 9), ("DEC", 12), ("May", 5)])
def test_month_numbers_from_names_and_abbreviations(word: str, number: int) -> None:
    assert month_number(word) == number


@pytest.mark.parametrize(("word", "number"), [("Monday", 0), ("Tues", 1), ("thurs", 3), ("Sun", 6)])
def test_weekday_numbers_from_names_and_abbreviations(word: str, number: int) -> None:
    assert weekday_number(word) == number


def test_unknown_words_have_no_number() -> None:
    assert month_number("Mayday") is None
    assert weekday_number("Fryday") is None


def test_calendar_words_are_lower_case_names_and_abbreviations() -> None:
    assert {"march", "mar", "sept", "sunday"} <= CALENDAR_WORDS
    assert "paris" not in CALENDAR_WORDS


def test_alternation_prefers_the_longest_name() -> None:
    match = re.match(alternation(["Jun", "June"]), "June 3")
    assert match is not None
    assert match.group() == "June"
