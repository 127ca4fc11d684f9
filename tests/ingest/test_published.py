"""Publication dates from datelines, header lines and HTML markup (never from the prose)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.ingest.document import build_document
from geo.ingest.published import dateline_date, find_publication_date, parse_date_string
from geo.ingest.webpage import html_to_text


@pytest.mark.parametrize(("line", "day"), [
    ("4:05 PM ET, Tue March 7, 2017", date(2017, 3, 7)),
    ("2017 Mar 07", date(2017, 3, 7)),
    ("Tuesday 7 March 2017 16.05 GMT", date(2017, 3, 7)),
    ("Mar 7, 2017, 4:05 PM EST", date(2017, 3, 7)),
    ("September 15, 2024 - 20:9", date(2024, 9, 15)),
    ("2009-03-20T10:00:00Z", date(2009, 3, 20)),
])
def test_common_dateline_forms(line: str, day: date) -> None:
    assert parse_date_string(line) == day
    assert dateline_date(line) == day


def test_a_byline_with_a_date_is_a_dateline_but_prose_with_a_date_is_not() -> None:
    assert dateline_date("By Jane Doe | Wire Service | Tue March 7, 2017 4:05 PM ET") == date(2017, 3, 7)
    assert dateline_date("Updated 0930 GMT March 7, 2017") == date(2017, 3, 7)
    assert dateline_date("On March 7, 2017, troops arrived in the town.") is None


def test_the_dateline_under_a_title_dates_the_document_and_leaves_the_text() -> None:
    text = "Ministers meet in Baku\n4:05 PM ET, Tue March 7, 2017\n\nThe ministers met on Monday."
    published, precision, rest = find_publication_date(text)
    assert (published, precision) == (date(2017, 3, 7), "day")
    assert "2017" not in rest
    assert build_document(text, "a.txt").published == date(2017, 3, 7)


def test_a_date_in_the_body_is_not_the_publication_date() -> None:
    text = "Ministers meet\n\nThe talks were first held on March 7, 2017 in Baku, officials said."
    assert find_publication_date(text)[:2] == (None, "unknown")


def test_html_metadata_gives_the_date_and_prose_dates_do_not() -> None:
    _, meta = html_to_text('<html><head><script type="application/ld+json">'
                           '{"@type": "NewsArticle", "datePublished": "2017-03-07T16:05:00-05:00"}</script></head>'
                           "<body><p>Officials met on 2019-01-01.</p></body></html>")
    assert meta["date"] == "2017-03-07"
    _, meta = html_to_text("<html><body><p>Officials met on 2016-05-04.</p></body></html>")
    assert "date" not in meta
    _, meta = html_to_text('<html><body><time datetime="2015-01-02">Jan 2</time><p>Text.</p></body></html>')
    assert meta["date"] == "2015-01-02"
