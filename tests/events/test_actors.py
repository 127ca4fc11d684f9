"""Actors: titles go to the role, one person is one name, the kind of party is what the text says."""

from __future__ import annotations

from geo.events.actors import canonical, is_official, known_people, split_role, text_actor
from geo.models import Actor


def test_titles_and_honorifics_go_to_the_role() -> None:
    assert split_role("President Hassan Rouhani".split()) == ("President", "Hassan Rouhani")
    assert split_role("Deputy Foreign Minister Ali Bagheri".split()) == ("Deputy Foreign Minister", "Ali Bagheri")
    assert split_role("the president of France".split()) == ("the president of France", "")
    assert text_actor("Mr Smith") == Actor("Smith", "Mr", None)


def test_a_name_in_apposition_with_its_role() -> None:
    assert text_actor("The foreign minister of Ruritania, Karl Weber") == Actor(
        "Karl Weber", "foreign minister of Ruritania", "state")
    assert text_actor("the ministry spokesman, Hartmann") == Actor("Hartmann", "ministry spokesman", "state")


def test_the_kind_of_party_is_read_from_the_words() -> None:
    assert text_actor("the separatists") == Actor("separatists", None, "armed group")
    assert text_actor("riot police") == Actor("riot police", None, "state")
    assert text_actor("Amnesty International") == Actor("Amnesty International", None, "organisation")
    assert text_actor("the weather") is None


def test_one_person_is_one_name_within_a_corpus() -> None:
    mapping = canonical([Actor("Rouhani"), Actor("Hassan Rouhani", "President"), Actor("Rouhani", "Mr")])
    assert {a.name for a in mapping.values()} == {"Hassan Rouhani"}
    assert mapping["Rouhani"].role == "President"


def test_two_people_of_one_surname_are_not_merged() -> None:
    mapping = canonical([Actor("Smith"), Actor("John Smith"), Actor("Mary Smith")])
    assert mapping["Smith"].name == "Smith"


def test_people_titled_once_are_known_everywhere_in_the_article() -> None:
    text = ("Tomas Varga, a former defence minister, spoke on Monday. The ministry spokesman, "
            "Hartmann, said little. Varga and Hartmann left.")
    known = known_people(text)
    assert known["varga"] == Actor("Tomas Varga", "former defence minister", "state")
    assert known["hartmann"].role == "ministry spokesman"


def test_officials_speak_for_a_body_witnesses_and_relatives_do_not() -> None:
    assert is_official(Actor("Karl Weber", "foreign minister", "state"))
    assert is_official(Actor("WHO", None, None))
    assert is_official(Actor("Reporters Without Borders", None, "organisation"))
    assert not is_official(Actor("Jane Doe", "a witness", None))
    assert not is_official(Actor("John Doe", None, None))
