"""The events engine parses only the sentences that need a parse, with the same results."""

from __future__ import annotations

from typing import Any

import pytest

import geo.events as events_module
from geo.triggers import may_tell_event
from tests.test_events import events_of


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
    "The station was busy, according to the police.",
    "He said the weather was bad.",
    "The commissioners sent a letter.",
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
    wrapper = _CountingNlp(events_module._nlp())
    monkeypatch.setattr(events_module, "_nlp", lambda: wrapper)
    return wrapper


def test_only_sentences_with_a_possible_trigger_are_parsed(counting: _CountingNlp) -> None:
    text = ("The weather was mild this week. Prices of bread rose again, the baker said. "
            "The visitors took the metro to the tournament. "
            "Foreign Minister Hossein Amir-Abdollahian met his counterpart in Baku on Monday.")
    found = events_of(text)
    assert [e.type for e in found] == ["meeting"]
    assert counting.texts == ["Foreign Minister Hossein Amir-Abdollahian met his counterpart in Baku on Monday."]


def test_a_statement_with_a_place_is_parsed_and_one_without_is_not(counting: _CountingNlp) -> None:
    text = "Mark Smith said in Moscow on Tuesday that the plan works. Mark Smith said the plan works."
    found = events_of(text)
    assert [e.type for e in found] == ["statement"]
    assert counting.texts == ["Mark Smith said in Moscow on Tuesday that the plan works."]


def test_people_of_an_unparsed_sentence_still_carry_over_to_a_pronoun(counting: _CountingNlp) -> None:
    text = ("Foreign Minister Hossein Amir-Abdollahian said the plan works. "
            "He met officials in Baku on Monday.")
    found = events_of(text)
    assert [(e.type, e.place.name if e.place else None) for e in found] == [("meeting", "Baku")]
    assert found[0].actors == ("Foreign Minister Hossein Amir-Abdollahian",)
    assert len(counting.texts) == 2  # the first sentence was parsed only when "He" asked for it


def test_place_of_an_unparsed_sentence_still_carries_over(counting: _CountingNlp) -> None:
    text = "The delegation stayed in Tehran for the tournament. They met on Monday."
    found = events_of(text)
    assert [(e.type, e.place.name if e.place else None) for e in found] == [("meeting", "Tehran")]
    assert counting.texts == ["They met on Monday.", "The delegation stayed in Tehran for the tournament."]

