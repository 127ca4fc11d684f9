"""The reject rules of ``geo.parse.rules``: each names why a gazetteer match is not a place."""

from __future__ import annotations

import pytest

from geo.parse.recognise import Rejection, recognise
from geo.parse.rules import CAUTIONS, RULES, text_facts
from geo.parse.tokens import tokenize


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in RULES] + [caution.name for caution in CAUTIONS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("text", "word", "rule"),
    [
        ("Doctors fear the Marburg virus could spread.", "Marburg", "disease"),
        ("In March the talks began again.", "March", "calendar-or-generic-word"),
        ("Officials of the Shanghai Cooperation Organization met.", "Shanghai", "glued-to-next"),
        ("Analysts at Harper & Lowe expect growth.", "Harper", "firm"),
        ("The fare in Hong Kong$ rose.", "Hong Kong", "currency"),
        ("Ardmore said the plan works.", "Ardmore", "part-of-a-name-elsewhere"),
        ("\"We heard shouting,\" Carlisle said on Friday.", "Carlisle", "part-of-a-name-elsewhere"),
        ("Critics said the Bush administration ignored the warnings.", "Bush", "presidency"),
        ("Several Bush-era rules were kept.", "Bush", "presidency"),
    ],
)
def test_a_rejected_match_records_the_rule_that_rejected_it(text: str, word: str, rule: str) -> None:
    rejected: list[Rejection] = []
    spans = recognise(text, rejected=rejected)
    assert word not in [s.text for s in spans]
    assert [r.rule for r in rejected if r.text == word] == [rule]
    assert all(text[r.start : r.end] == r.text for r in rejected)


def test_recognition_without_a_rejection_list_is_the_same() -> None:
    text = "Trucks from Baku reach Tbilisi, said Ardmore of the Marburg virus team."
    assert recognise(text) == recognise(text, rejected=[])


def test_a_capitals_administration_is_still_the_capital() -> None:
    assert "Kabul" in [s.text for s in recognise("Donors pressed the Kabul administration to pay salaries.")]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The bill was filed by Rep. Jane Doe, a Scranton Democrat, on Monday.", "Scranton"),
        ("A Scranton Republican backed the bill.", "Scranton"),
        ("The Scranton Street Department repaved the block.", "Scranton"),
    ],
)
def test_a_place_before_its_party_members_or_its_institution_is_mentioned(text: str, word: str) -> None:
    assert word in [s.text for s in recognise(text)]


@pytest.mark.parametrize("text", ["Neighbouring Chad closed its border on Monday.",
                                  "Introducing Peru\n\nThe Andes rise steeply from the coast."])
def test_a_country_after_the_word_that_opens_the_sentence_is_the_country(text: str) -> None:
    assert len(recognise(text)) >= 1


def test_a_country_inside_a_name_in_mid_sentence_is_still_glued() -> None:
    rejected: list[Rejection] = []
    recognise("Passengers flew Air France to Dakar.", rejected=rejected)
    assert [r.rule for r in rejected if r.text == "France"] == ["glued-to-previous"]


def test_a_town_before_its_state_is_a_place_wherever_the_text_uses_its_name() -> None:
    text = "Visitors love Kissimmee, Florida in winter. The Royal Kissimmee Resort opened a pool. Kissimmee is busy."
    assert {14, 86} <= {s.start for s in recognise(text) if s.text == "Kissimmee"}


def test_a_name_before_a_country_that_starts_another_name_is_not_located() -> None:
    text = "The roster: C.J. Ardmore, Jordan Pike and Ben Ross."
    assert "Ardmore" not in text_facts(text, tokenize(text)).located
