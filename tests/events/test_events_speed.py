"""The events engine parses only the sentences that need a parse, with the same results."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import geo.events.extract as events_module
from geo.events.triggers import may_tell_event
from geo.ingest.document import content_id
from geo.models import Document
from tests.events.test_events import events_of, toponyms_in


@pytest.mark.parametrize("text", [
    "The ministers held talks in Baku on Monday.",
    "Troops were stationed near the border.",
    "The president met his counterpart.",
    "The port was opened last year.",
    "They signed a memorandum.",
    "He told a news briefing that the talks went well.",
])
def test_sentences_that_may_tell_an_event_are_recognised(text: str) -> None:
    assert may_tell_event(text)


@pytest.mark.parametrize("text", [
    "The record is held by the team.",
    "The visitors took the metro to the tournament.",
    "The station was busy.",
    "He said the weather was bad.",
    "The commissioners sent a letter.",
    "According to the report, prices went up.",
])
def test_sentences_that_cannot_tell_an_event_other_than_a_statement(text: str) -> None:
    assert not may_tell_event(text)


class _CountingNlp:
    """Wraps the real pipeline and records the sentences given to it."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.texts: list[str] = []

    def pipe(self, texts: Any, **options: Any) -> Any:
        texts = list(texts)
        self.texts.extend(texts)
        return self.nlp.pipe(texts, **options)

    def get_pipe(self, name: str) -> Any:
        return self.nlp.get_pipe(name)

    def __call__(self, text: str) -> Any:
        self.texts.append(text)
        return self.nlp(text)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> _CountingNlp:
    wrapper = _CountingNlp(events_module.language_model())
    monkeypatch.setattr(events_module, "language_model", lambda: wrapper)
    return wrapper


def test_only_sentences_with_a_possible_trigger_are_parsed(counting: _CountingNlp) -> None:
    text = ("The weather was mild this week. Prices of bread rose again, the baker said. "
            "The visitors took the metro to the tournament. "
            "Foreign Minister Hossein Amir-Abdollahian met his counterpart in Baku on Monday.")
    found = events_of(text)
    assert [e.type for e in found] == ["meeting"]
    assert counting.texts == ["Foreign Minister Hossein Amir-Abdollahian met his counterpart in Baku on Monday."]


def test_statements_are_found_without_a_parse(counting: _CountingNlp) -> None:
    text = "Foreign Minister Mark Smith warned on Tuesday that the plan would fail. Mark Smith said it works."
    found = events_of(text)
    assert [e.type for e in found] == ["statement"]
    assert counting.texts == []


def test_people_of_an_unparsed_sentence_still_carry_over_to_a_pronoun(counting: _CountingNlp) -> None:
    text = ("Foreign Minister Hossein Amir-Abdollahian said the plan works. "
            "He met officials in Baku on Monday.")
    found = [e for e in events_of(text) if e.type == "meeting"]
    assert [(e.place.name if e.place else None) for e in found] == ["Baku"]
    assert found[0].actors[0].name == "Hossein Amir-Abdollahian"
    assert found[0].actors[0].role == "Foreign Minister"
    assert counting.texts == ["He met officials in Baku on Monday."]


def test_there_points_to_the_place_of_an_unparsed_sentence(counting: _CountingNlp) -> None:
    text = "The delegation stayed in Tehran for the tournament. They met there on Monday."
    found = events_of(text)
    assert [(e.type, e.place.name if e.place else None, e.place_precision) for e in found] == [
        ("meeting", "Tehran", "stated")]
    assert counting.texts == ["They met there on Monday."]


def test_the_name_recogniser_is_never_run(counting: _CountingNlp, monkeypatch: pytest.MonkeyPatch) -> None:
    pipes: list[dict[str, Any]] = []
    original = counting.pipe

    def recording(texts: Any, **options: Any) -> Any:
        pipes.append(options)
        return original(texts, **options)

    monkeypatch.setattr(counting, "pipe", recording)
    found = events_of("The visit of Foreign Minister Hossein Amir-Abdollahian was widely covered. "
                      "He met officials in Baku on Monday.")
    assert [e.type for e in found] == ["meeting"]
    assert pipes
    assert all("ner" in options.get("disable", []) for options in pipes)


def test_a_batch_gives_each_document_its_own_events() -> None:
    texts = ["Lavrov met Aliyev in Baku on Monday. He said the talks went well.",
             "The weather was mild.",
             "Putin visited Tehran on July 19, 2022. He held talks with Raisi."]
    pairs = [(Document(content_id(t), f"{i}.txt", "T", t, date(2023, 11, 8), "day"), toponyms_in(t))
             for i, t in enumerate(texts)]
    batched = events_module.extract_events_batch(pairs)
    assert batched == [events_module.extract_events(doc, found) for doc, found in pairs]
    assert [[e.type for e in events] for events in batched] == [["meeting"], [], ["visit", "meeting"]]
