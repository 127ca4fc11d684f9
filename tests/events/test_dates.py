"""Temporal expressions resolve to intervals anchored on the document date, not on today."""

from __future__ import annotations

from datetime import date

import pytest

from geo.events.dates import UNKNOWN, default_interval, pick_interval, resolve_dates
from geo.models import Interval

WED_8_NOV_2023 = date(2023, 11, 8)
THU_8_AUG_2013 = date(2013, 8, 8)


def only(sentence: str, anchor: date | None = WED_8_NOV_2023, precision: str = "day") -> Interval:
    mentions = resolve_dates(sentence, anchor, precision)  # type: ignore[arg-type]
    assert len(mentions) == 1, mentions
    return mentions[0].interval


def days(first: str, last: str | None = None) -> tuple[date, date]:
    return date.fromisoformat(first), date.fromisoformat(last or first)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Zhang Guoqing met Monday with Mohammad Mokhber.", "2023-11-06"),
        ("Raisi arrived at Dushanbe International Airport on Wednesday.", "2023-11-08"),  # same weekday: that day
        ("The forum commenced on Thursday.", "2023-11-02"),
        ("He will return next Friday.", "2023-11-10"),
    ],
)
def test_weekday_is_the_most_recent_on_or_before_the_document_date(sentence: str, expected: str) -> None:
    interval = only(sentence)
    assert (interval.start, interval.end, interval.precision) == (*days(expected), "day")


def test_day_range_takes_the_document_year() -> None:
    for sentence in ("The exercises took place from July 8-12, officials said.", "Drills ran July 8-12."):
        interval = only(sentence, THU_8_AUG_2013)
        assert (interval.start, interval.end, interval.precision) == (*days("2013-07-08", "2013-07-12"), "day")


@pytest.mark.parametrize(
    ("sentence", "first", "last", "precision"),
    [
        ("In January 2013, Kolokoltsev travelled to Iran.", "2013-01-01", "2013-01-31", "month"),
        ("Iran opened a drone factory in Tajikistan in May 2022.", "2022-05-01", "2022-05-31", "month"),
        ("The first joint exercises took place in the Caspian Sea in 2009.", "2009-01-01", "2009-12-31", "year"),
        ("Trade fell 40 per cent last year.", "2012-01-01", "2012-12-31", "year"),
        ("Raisi speaks in New York City, U.S., September 20, 2023.", "2023-09-20", "2023-09-20", "day"),
        ("The summit opened on 3 June 2021 in Dushanbe.", "2021-06-03", "2021-06-03", "day"),
        ("Rogozin warned in January that Iran was at risk.", "2013-01-01", "2013-01-31", "month"),
    ],
)
def test_calendar_units(sentence: str, first: str, last: str, precision: str) -> None:
    interval = only(sentence, THU_8_AUG_2013)
    assert (interval.start, interval.end, interval.precision) == (*days(first, last), precision)


@pytest.mark.parametrize(
    ("sentence", "month"),
    [
        ("At the end of June, officials announced plans.", 6),
        ("Muchin wrote at the beginning of July that the alliance matters.", 7),
        ("Earlier this month, remarks by officials unnerved Tehran.", 8),
        ("In March this year it stationed a destroyer in the Caspian Sea.", 3),
    ],
)
def test_fuzzy_expressions_are_approximate_within_the_right_month(sentence: str, month: int) -> None:
    interval = only(sentence, THU_8_AUG_2013)
    assert interval.precision == "approximate"
    assert interval.start is not None
    assert interval.end is not None
    assert (interval.start.year, interval.start.month, interval.end.month) == (2013, month, month)
    assert interval.end <= THU_8_AUG_2013 or month != 8


def test_end_and_beginning_of_month_are_different_parts_of_it() -> None:
    end = only("at the end of June", THU_8_AUG_2013)
    beginning = only("at the beginning of June", THU_8_AUG_2013)
    assert beginning.end is not None
    assert end.start is not None
    assert beginning.end < end.start


@pytest.mark.parametrize(
    "sentence",
    [
        "Mokhber was in Shanghai to participate in the 6th China International Import Expo.",
        "Trade was $100 billion between Russia and China and $40 billion between China and Iran.",
        "Admiral Beqam announced, We should expect this trend to be maintained.",
        "The 7,200-kilometer (4,500-mile) route and a 500,000-strong unit; 2000 troops; it may rain.",
        "Theresa May spoke to reporters.",
    ],
)
def test_search_dates_false_positives_are_not_dates(sentence: str) -> None:
    assert resolve_dates(sentence, WED_8_NOV_2023, "day") == []


def test_without_a_document_date_relative_is_unknown_and_absolute_still_resolves() -> None:
    mentions = resolve_dates("He arrived on Thursday morning, as in 2009 and in May 2022 and last year.", None, "unknown")
    by_text = {m.text: m.interval for m in mentions}
    assert by_text["Thursday morning"] == UNKNOWN
    assert by_text["last year"] == UNKNOWN
    assert by_text["2009"] == Interval(date(2009, 1, 1), date(2009, 12, 31), "year")
    assert by_text["May 2022"] == Interval(date(2022, 5, 1), date(2022, 5, 31), "month")


def test_month_precise_document_gives_weekdays_the_month() -> None:
    interval = only("Two aides were in Tehran on Tuesday.", date(2024, 9, 1), "month")
    assert (interval.start, interval.end) == days("2024-09-01", "2024-09-30")


def test_open_ended_since_is_flagged_and_not_preferred() -> None:
    sentence = "In January 2013, Kolokoltsev became the first interior minister to travel to Iran since 1979."
    mentions = resolve_dates(sentence, THU_8_AUG_2013, "day")
    assert [m.open_ended for m in mentions] == [False, True]
    trigger = sentence.index("travel")  # nearer to "since 1979" than to "January 2013"
    assert pick_interval(mentions, trigger, THU_8_AUG_2013, "day").start == date(2013, 1, 1)


def test_pick_interval_prefers_the_expression_nearest_the_trigger() -> None:
    sentence = "They were in Beijing on Sunday to attend the forum, which commenced on Thursday."
    mentions = resolve_dates(sentence, date(2024, 9, 15), "day")
    assert pick_interval(mentions, sentence.index("were"), date(2024, 9, 15), "day").start == date(2024, 9, 15)
    assert pick_interval(mentions, sentence.index("commenced"), date(2024, 9, 15), "day").start == date(2024, 9, 12)


def test_no_expression_means_shortly_before_publication() -> None:
    assert default_interval(WED_8_NOV_2023, "day") == Interval(date(2023, 11, 1), WED_8_NOV_2023, "approximate")
    assert default_interval(None, "unknown") == UNKNOWN
    assert pick_interval([], 0, date(2024, 9, 1), "month") == Interval(date(2024, 9, 1), date(2024, 9, 30), "approximate")


def test_impossible_date_is_unknown_not_an_error() -> None:
    assert only("It happened on February 30, 2021.") == UNKNOWN


@pytest.mark.parametrize(
    ("sentence", "anchor", "year"),
    [
        ("talks in December", date(2014, 1, 10), 2013),  # just before a January article
        ("talks in January", date(2013, 12, 20), 2014),  # just after a December article
        ("talks in October", date(2013, 8, 8), 2013),  # planned, two months ahead
        ("talks in December", date(2013, 8, 8), 2012),  # four months ahead: last year's
    ],
)
def test_month_without_year_is_placed_near_the_document_date(sentence: str, anchor: date, year: int) -> None:
    interval = only(sentence, anchor)
    assert interval.start is not None
    assert interval.start.year == year


def test_weekday_inside_a_newspaper_name_is_not_a_date() -> None:
    assert resolve_dates("Jo Banks told the Sunday Herald on Monday.", WED_8_NOV_2023, "day")[0].text == "Monday"
    assert len(resolve_dates("He told the Sunday Telegraph.", WED_8_NOV_2023, "day")) == 0


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        ("It was built in early 2023.", "2023-01-01", "2023-04-30"),
        ("Talks resumed at the end of 2020.", "2020-10-01", "2020-12-31"),
        ("Drills are held in the second half of the year.", "2013-07-01", "2013-12-31"),
        ("Trade grew in mid-2021.", "2021-05-01", "2021-08-31"),
    ],
)
def test_parts_of_a_year_are_approximate(sentence: str, first: str, last: str) -> None:
    interval = only(sentence, THU_8_AUG_2013)
    assert (interval.start, interval.end, interval.precision) == (*days(first, last), "approximate")


def test_abbreviated_month_needs_a_day_to_be_a_date() -> None:
    assert only("The board met on Feb 24, 2009.").start == date(2009, 2, 24)
    assert resolve_dates("Jan Peters of Fruitco spoke.", WED_8_NOV_2023, "day") == []


def test_a_resolved_date_beats_a_nearer_unresolved_one() -> None:
    sentence = "He arrived on Thursday for the 2019 summit."
    mentions = resolve_dates(sentence, None, "unknown")
    assert pick_interval(mentions, sentence.index("arrived"), None, "unknown").start == date(2019, 1, 1)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministers will meet on Thursday.", "2023-11-09"),
        ("The forum opens on Monday.", "2023-11-13"),
    ],
)
def test_a_weekday_told_as_to_come_is_the_next_one(sentence: str, expected: str) -> None:
    mentions = resolve_dates(sentence, WED_8_NOV_2023, "day", future=True)
    assert (mentions[0].interval.start, mentions[0].interval.precision) == (date.fromisoformat(expected), "day")


def test_a_month_told_as_to_come_is_the_next_one() -> None:
    past = resolve_dates("The talks took place in March.", WED_8_NOV_2023)
    future = resolve_dates("The talks will take place in March.", WED_8_NOV_2023, future=True)
    assert (past[0].interval.start, future[0].interval.start) == (date(2023, 3, 1), date(2024, 3, 1))


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        ("They met last December.", "2022-12-01", "2022-12-31"),
        ("They met last October.", "2023-10-01", "2023-10-31"),
        ("They will meet next March.", "2024-03-01", "2024-03-31"),
        ("The town came under fire late last night.", "2023-11-07", "2023-11-07"),
        ("Both sides reported shootouts overnight.", "2023-11-07", "2023-11-08"),
        ("The clashes started last weekend.", "2023-11-04", "2023-11-05"),
    ],
)
def test_relative_expressions_resolve_against_the_article_date(sentence: str, first: str, last: str) -> None:
    interval = only(sentence)
    assert (interval.start, interval.end) == days(first, last)


def test_planned_event_without_a_date_is_expected_after_publication() -> None:
    interval = default_interval(WED_8_NOV_2023, "day", future=True)
    assert interval.start == WED_8_NOV_2023
    assert interval.end is not None
    assert interval.end > WED_8_NOV_2023


def test_an_undated_article_is_anchored_on_the_dates_it_states() -> None:
    from geo.events.dates import inferred_anchor

    assert inferred_anchor("The harvest fair was March 3, 2011. On Friday a concert was held.") == (
        date(2011, 3, 3), "month")
    assert inferred_anchor("The law of 1996 was changed in 2003.") == (date(2003, 12, 31), "year")
    assert inferred_anchor("No dates here.") == (None, "unknown")


def test_a_decade_is_its_ten_years_and_a_part_of_it_a_few() -> None:
    whole, = resolve_dates("Troops were first sent into the valley in the 1970s.", date(2009, 3, 1))
    assert (whole.interval.start, whole.interval.end) == (date(1970, 1, 1), date(1979, 12, 31))
    late, = resolve_dates("The talks began in the late 1990s.", date(2009, 3, 1))
    assert (late.interval.start, late.interval.end) == (date(1996, 1, 1), date(1999, 12, 31))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The talks were held over the summer.", ("2023-06-01", "2023-08-31")),
        ("He visited the port last winter.", ("2022-12-01", "2023-02-28")),
        ("The summit will be held next spring.", ("2024-03-01", "2024-05-31")),
        ("Bombs were dropped during the summer of 2006.", ("2006-06-01", "2006-08-31")),
    ],
)
def test_seasons_are_three_months(sentence: str, expected: tuple[str, str]) -> None:
    interval = only(sentence)
    assert (interval.start, interval.end) == days(*expected)


def test_a_season_in_a_name_or_a_verb_is_no_date() -> None:
    assert resolve_dates("Protests of the Arab Spring spread.", WED_8_NOV_2023) == []
    assert resolve_dates("The fall of the city was swift.", WED_8_NOV_2023) == []


@pytest.mark.parametrize("sentence", ["The market opened on Friday 6 March.",
                                      "The market opened on Friday the 6th of March.",
                                      "The market opened on Friday, March 6."])
def test_a_weekday_before_its_date_is_that_date_not_the_last_such_weekday(sentence: str) -> None:
    (mention,) = resolve_dates(sentence, date(2009, 3, 30))
    assert (mention.text.startswith("Friday"), mention.interval.start, mention.interval.precision) == (
        True, date(2009, 3, 6), "day")
