"""The per-article budget of sentences read for events: the article is kept, the rest reported."""

from __future__ import annotations

import pytest

from geo.events import budget
from geo.events.budget import within_event_budget
from geo.models import Document
from geo.parse import geoparser
from geo.store.build import process_documents

TOWNS = ("Tehran", "Baku", "Ankara", "Cairo")


def _document(sentences: int) -> Document:
    text = " ".join(f"Ministers met in {TOWNS[i % len(TOWNS)]} on Monday for round {i + 1}." for i in range(sentences))
    return Document("d1", "many.txt", "Many meetings", text, None, "unknown")


def test_an_article_within_the_budget_is_read_whole() -> None:
    document = _document(4)
    assert within_event_budget(document, budget=4) == (document, None)


def test_an_article_past_the_budget_is_cut_after_its_last_budgeted_sentence() -> None:
    document = _document(12)
    cut, warning = within_event_budget(document, budget=5)
    assert cut.text.endswith("for round 5.")  # whole sentences, offsets of the kept part unchanged
    assert document.text.startswith(cut.text)
    assert warning == "events read in the first 5 of 12 sentences (budget 5)"


def test_the_build_reports_what_each_budget_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "MAX_EVENT_SENTENCES", 5)
    monkeypatch.setattr(geoparser, "MAX_PLACE_NAMES", 3)
    [result] = process_documents([(_document(12), ())])
    assert result.warnings == ["9 place names past the per-article budget skipped",
                               "events read in the first 5 of 12 sentences (budget 5)"]
    assert len(result.mentions) == 3  # the first three names are read
    assert {row["place"] for row in result.events} <= {"Tehran", "Baku", "Ankara"}  # none after sentence 5
