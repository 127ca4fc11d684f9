"""Where an event happened, by the annotation rules of the events gold (made-up sentences):
datelines in their common shapes, bearings from a place, "where" that asks rather than
points back, "in this town" for the place the article is written from; a headline told again,
an address to the nation, unnamed officials."""

from __future__ import annotations

from datetime import date

from geo.events.extract import extract_events
from geo.events.places import dateline_place
from geo.ingest.document import content_id
from geo.models import Document
from tests.events.test_events import events_of, toponyms_in


def titled(title: str, body: str, separator: str = "\n\n") -> Document:
    text = title + separator + body
    return Document(content_id(text), "test.txt", title, text, date(2023, 11, 8), "day")


def test_a_dateline_with_a_news_agency_in_brackets() -> None:
    doc = titled("Ministers quarrel over budget", "Baku (Newswire) -- The finance minister resigned on Monday.")
    found = dateline_place(doc, toponyms_in(doc.text))
    assert found is not None
    assert found.name == "Baku"


def test_a_dateline_after_a_title_run_into_the_first_line() -> None:
    doc = titled("Ministers quarrel over budget.", "BAKU (AP) - The finance minister resigned on Monday.", " ")
    found = dateline_place(doc, toponyms_in(doc.text))
    assert found is not None
    assert found.name == "BAKU"


def test_a_place_in_the_first_words_of_a_sentence_is_no_dateline() -> None:
    doc = titled("Ministers quarrel over budget", "Baku officials said the budget was too small.")
    assert dateline_place(doc, toponyms_in(doc.text)) is None


def test_a_bearing_from_a_place_places_the_event_there() -> None:
    events = events_of("The dam near the border burst. A gun battle on Monday north of Samarkand left two dead.")
    clash = next(e for e in events if e.type == "clash")
    assert (clash.place.name if clash.place else None, clash.place_precision) == ("Samarkand", "stated")


def test_where_that_asks_is_no_place() -> None:
    events = events_of("Tehran hosted a fair on Sunday. The envoy asked Poland for maps showing where the air force "
                       "dropped cluster bombs in the war.")
    attack = [e for e in events if e.type == "attack"]
    assert attack
    assert all(e.place_precision != "stated" for e in attack)


def test_in_this_town_is_the_dateline_place_even_for_what_was_said() -> None:
    doc = titled("Mill to close", "ASTRAKHAN -- The mayor of Baku told reporters ahead of a news conference in "
                 "this small town that the mill would close.")
    events = extract_events(doc, toponyms_in(doc.text))
    said = [e for e in events if e.type in {"statement", "press_conference"}]
    assert said
    assert all(e.place is not None and e.place.name == "ASTRAKHAN" for e in said)
    assert all(e.place_precision == "dateline" for e in said)


def test_a_statement_without_a_said_place_stays_unplaced() -> None:
    doc = titled("Mill to close", "ASTRAKHAN -- The mayor of Baku said that the mill would close.")
    statements = [e for e in extract_events(doc, toponyms_in(doc.text)) if e.type == "statement"]
    assert statements
    assert all(e.place is None for e in statements)


def test_a_headline_event_told_again_by_the_body_is_one_event() -> None:
    doc = titled("Envoy condemns bomb attack that killed a policeman.",
                 "Gunmen attacked a police car near Samarkand on Monday, killing one officer. "
                 "The envoy said in a statement that the attack was deliberate.", " ")
    events = extract_events(doc, toponyms_in(doc.text))
    attacks = [e for e in events if e.type == "attack"]
    assert len(attacks) == 1
    assert attacks[0].sentence.startswith("Gunmen attacked")
    assert len([e for e in events if e.type == "statement"]) == 1


def test_an_address_to_the_nation_is_a_speech_placed_on_the_dateline() -> None:
    doc = titled("Leader calls election", "ASTRAKHAN -- In a televised address to the nation on Monday, Prime "
                 "Minister John Smith announced an early election. He had visited Samarkand last week and "
                 "met farmers in Samarkand.")
    events = extract_events(doc, toponyms_in(doc.text))
    speech = next(e for e in events if e.type == "speech")
    assert speech.place is not None
    assert (speech.place.name, speech.place_precision) == ("ASTRAKHAN", "dateline")


def test_a_street_address_is_no_speech() -> None:
    doc = titled("Parcel found", "Police traced the parcel to an address in Samarkand on Monday.")
    assert [e for e in extract_events(doc, toponyms_in(doc.text)) if e.type == "speech"] == []


def test_unnamed_officials_are_a_source_not_a_statement() -> None:
    unnamed = events_of("Officials have said they do not believe the fire was deliberate.")
    assert [e for e in unnamed if e.type == "statement"] == []
    named = events_of("Uzbek officials said they condemned the decision as a grave mistake.")
    assert [e.type for e in named] == ["statement"]


def test_talks_with_a_government_are_held_in_its_capital() -> None:
    events = events_of("The cabinet of Tajikistan met on Tuesday to discuss the drought.")
    meeting = next(e for e in events if e.type == "meeting")
    assert meeting.place is not None
    assert (meeting.place.name, meeting.place.country_code) == ("Dushanbe", "TJ")


def test_an_embassy_opened_in_a_country_is_in_its_capital() -> None:
    events = events_of("Armenia opened its first embassy in Poland on Monday.")
    opening = next(e for e in events if e.type == "facility_opening")
    assert opening.place is not None
    assert opening.place.name == "Warsaw"


def test_a_country_stays_a_country_without_a_hint_of_its_government() -> None:
    events = events_of("Farmers held a protest in Poland on Monday against grain imports.")
    protest = next(e for e in events if e.type == "protest")
    assert protest.place is not None
    assert protest.place.name == "Poland"


def test_a_possessive_place_of_a_market_is_where_the_attack_happened() -> None:
    events = events_of("Officials in Ankara met on Sunday. Gunmen opened fire in Baku's central market on Monday.")
    attack = next(e for e in events if e.type == "attack")
    assert (attack.place.name if attack.place else None, attack.place_precision) == ("Baku", "stated")


def test_it_killed_takes_the_place_of_the_blast_told_just_before() -> None:
    events = events_of("Officials in Ankara met on Sunday. A loud explosion was heard in Baku's old market. "
                       "It killed 7 people and injured 30, police said.")
    attack = next(e for e in events if e.type == "attack")
    assert attack.sentence.startswith("It killed")
    assert (attack.place.name if attack.place else None, attack.place_precision) == ("Baku", "stated")


def test_a_claimed_blast_is_an_attack_and_a_claim_and_it_killed_tells_it_again() -> None:
    events = events_of("Officials in Ankara met on Sunday. The Free Army claimed responsibility for a blast in "
                       "Baku's old market. It killed 7 people and injured 30, police said.")
    attacks = [e for e in events if e.type == "attack"]
    assert len(attacks) == 1
    assert attacks[0].place is not None
    assert attacks[0].place.name == "Baku"
    assert len(attacks[0].sentences) == 2
    assert any(e.type == "statement" and "Free Army" in e.actor_names for e in events)


def test_the_casualties_of_an_attack_tell_where_it_happened() -> None:
    events = events_of("Officials in Ankara met on Sunday. Two coordinated explosions killed 69 people and "
                       "injured 100 in Baku on Monday.")
    attack = next(e for e in events if e.type == "attack")
    assert (attack.place.name if attack.place else None, attack.place_precision) == ("Baku", "stated")


def test_an_attack_named_with_a_is_a_new_one() -> None:
    events = events_of("Gunmen attacked a bus in Baku on Monday. The Free Army claimed responsibility for a "
                       "shooting in Baku's main square.")
    assert len([e for e in events if e.type == "attack"]) == 2


def test_the_capital_named_without_its_name_is_the_capital() -> None:
    events = events_of("Poland braced for the vote. The capital has been sealed off and extra police brought in.")
    deployment = next(e for e in events if e.type == "deployment")
    assert deployment.place is not None
    assert deployment.place.name == "Warsaw"
