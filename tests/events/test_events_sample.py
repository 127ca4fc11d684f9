"""The sample corpus against its hand-made gold (tests/support/fixtures/seeds_gold.json).

Events are placed on toponyms built from the gold's own place list, so this measures date
resolution, triggers and place choice independently of the geoparser (whose accuracy has
its own tests and benchmark).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import pytest

from geo import settings
from geo.events.extract import extract_events
from geo.ingest.read import load_corpus
from geo.models import Document, Event, Toponym
from geo.text.sentences import split_sentences

ROOT = settings.ROOT
GOLD = json.loads((ROOT / "tests" / "support" / "fixtures" / "seeds_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    loaded, skipped = load_corpus(ROOT / "data" / "corpus")
    assert skipped == []
    return {d.file_name: d for d in loaded}


def gold_toponyms(text: str) -> list[Toponym]:
    """Mentions of the gold places (names and listed surfaces), longest first, no overlaps."""
    found = [
        Toponym(match.start(), match.end(), match.group(), place["name"], place["kind"], place["country_code"],
                place["lat"], place["lon"], 0.9, f"gold:{key}")
        for key, place in GOLD["places"].items()
        for surface in {place["name"], key, *place["surfaces"]}
        for match in re.finditer(rf"\b{re.escape(surface)}\b", text)
    ]
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Toponym] = []
    for toponym in found:
        if not kept or toponym.start >= kept[-1].end:
            kept.append(toponym)
    return kept


def gold_span(value: str | None, precision: str) -> tuple[date, date] | None:
    """The days a gold date stands for: a range, a month, a year, a day (± 15 if approximate)."""
    if value is None:
        return None
    if "/" in value:
        first, last = value.split("/")
        return date.fromisoformat(first), date.fromisoformat(last)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date(parts[0], parts[1], 1), following - timedelta(days=1)
    slack = timedelta(days=15 if precision == "approximate" else 0)
    return date(*parts) - slack, date(*parts) + slack


def test_document_dates_and_precisions(documents: dict[str, Document]) -> None:
    for name, gold in GOLD["documents"].items():
        doc = documents[name]
        assert doc.date_precision == gold["date_precision"], name
        if gold["date"] is None:
            assert doc.published is None
        else:
            assert doc.published is not None
            assert doc.published.isoformat().startswith(gold["date"]), name


def test_repeated_article_is_kept_once(documents: dict[str, Document]) -> None:
    text = documents["002_6bef2d431cdd22d4.txt"].text
    assert text.count("the exercises took place from July 8-12") == 1
    assert "Reaction score" not in text


def matches(event: Event, gold: dict[str, Any]) -> bool:
    place = GOLD["places"][gold["place"]]
    if event.type != gold["type"] or event.place is None:
        return False
    if event.place.name != place["name"] and not (
            place["kind"] == "country" and event.place.country_code == place["country_code"]):
        return False
    wanted = gold_span(gold["date"], gold["date_precision"])
    start, end = event.interval.start, event.interval.end
    if wanted is None or start is None or end is None:
        return wanted is None and start is None
    return start <= wanted[1] and wanted[0] <= end


def test_gold_events_are_found_with_place_type_and_date(documents: dict[str, Document]) -> None:
    events = {name: extract_events(doc, gold_toponyms(doc.text)) for name, doc in documents.items()}
    found = [gold for gold in GOLD["events"] if any(matches(e, gold) for e in events[gold["doc"]])]
    assert len(found) == len(GOLD["events"])
    for name, doc in documents.items():  # no flood: at most one event per sentence on average
        assert len(events[name]) <= len(split_sentences(doc.text).spans), name
