"""Statements found from the words: who spoke, whether it takes a position, where and when."""

from __future__ import annotations

from datetime import date

import pytest

from geo.events.dates import resolve_dates
from geo.events.statements import find_statements, official_statements
from geo.models import Toponym

MOSCOW = "Moscow"


def found(sentence: str) -> list[tuple[str | None, bool]]:
    times = resolve_dates(sentence, date(2023, 11, 8))
    return [(s.speaker.name if s.speaker else None, s.stance)
            for s in official_statements(find_statements(sentence, 0, [], times), sentence)]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Foreign Minister Karl Weber warned that the plan would fail.", "Karl Weber"),
    ('"We will not accept it," said Karl Weber, the foreign minister of Ruritania.', "Karl Weber"),
    ('"We will not accept it," the ministry spokesman said on Tuesday.', "ministry spokesman"),
    ("The foreign minister of Ruritania, Karl Weber, said that the deal was unfair.", "Karl Weber"),
    ("UN envoy for the region, Karl Weber described the attack as cowardly.", "Karl Weber"),
    ("However, the government insisted on further talks.", "government"),
    ("The ministry on Tuesday stated that it would not endorse the ban.", "ministry"),
    ("UN envoy Karl Weber said in response to the raid that aid workers faced more danger.", "Karl Weber"),
    ("The border talks must resume next week, the foreign minister said on Monday.", "foreign minister"),
    ("After the vote, the foreign minister said the plan would fail.", "foreign minister"),
    ("The rebel leader declared a ceasefire amid the crackdown.", "rebel leader"),
    ("The health ministry has told bars to close by ten.", "health ministry"),
    ('The Rights Watch has sought an "independent inquiry" into his death.', "Rights Watch"),
    ('It is a sad day," ministry spokesman Karl Weber told reporters.', "Karl Weber"),
    ("A bloc of small parties rejects any delay in the vote, the People's Alliance announced Saturday on its "
     "website.", "People Alliance"),
    ("The Alliance sent a short statement listing its demands.", "Alliance"),
    ("In Ruritania, the Relief Committee has been sending tents and has launched an appeal for donations.",
     "Relief Committee"),
    ("The minister arrived in the capital and warned that the talks would fail.", "minister"),
])
def test_official_statements_and_their_speakers(sentence: str, speaker: str) -> None:
    assert found(sentence) == [(speaker, True)]


@pytest.mark.parametrize("sentence", [
    "A witness said the street was quiet.",
    "Police said two men were arrested and three people were injured.",
    "The state of the roads is bad.",
    "Officials warning signs were put up.",
    "The officer, hailed as a hero by the town, went home.",
    '"The army will win," the analyst said.',
    "This went against the council's repeated pledge that the vote would be held by consensus.",
    "The vote was delayed despite the ministry's continued refusal to comment.",
    "UN envoy Karl Weber said that aid workers faced more danger.",
    "The firm dropped a plan to sell the mill and decided to run it itself.",
    "The band released a new album.",
    "The health ministry told reporters to expect more cases.",
    "Police sought two men in connection with the robbery.",
    "A draft study seen by the Newswire agency has suggested the army will grow.",
    "The army is said to be growing, claims the ministry denies.",
    "The government has also decided to give one million dollars in aid.",
    'It sounded like a bang," Karl Weber, an employee at the station, told reporters.',
    '"This is a sham," said Karl Weber, a member of the opposition youth movement.',
    '"We warn everyone to stay away from the border.',
])
def test_no_official_statement(sentence: str) -> None:
    assert found(sentence) == []


def test_he_said_is_left_for_the_speaker_before() -> None:
    statements = find_statements('"We will fight on," he said.', 0, [], [])
    assert [(s.pronoun, s.speaker) for s in statements] == [(True, None)]


def test_where_and_when_it_was_said_not_what_it_was_about() -> None:
    sentence = "The minister said in Moscow on Monday that talks in Baku would resume on Friday."
    moscow = Toponym(sentence.index(MOSCOW), sentence.index(MOSCOW) + 6, MOSCOW, MOSCOW, "city", "RU", 55.75, 37.62,
                     0.9, "test:Moscow")
    baku_at = sentence.index("Baku")
    baku = Toponym(baku_at, baku_at + 4, "Baku", "Baku", "city", "AZ", 40.38, 49.89, 0.9, "test:Baku")
    statement = find_statements(sentence, 0, [moscow, baku], resolve_dates(sentence, date(2023, 11, 8)))[0]
    assert statement.place == moscow
    assert statement.time is not None
    assert statement.time.interval.start == date(2023, 11, 6)


def test_a_verb_joined_to_the_speakers_verb_before_is_the_same_statement() -> None:
    sentence = "The deputy ambassador, Karl Weber, has reiterated the pledge of aid and asked donors to stay."
    assert found(sentence) == [("Karl Weber", True)]


def test_the_speaker_after_the_verb_stops_before_a_preposition() -> None:
    sentence = '"We did not pay anything," said Karl Weber to reporters in Moscow.'
    moscow = Toponym(sentence.index(MOSCOW), sentence.index(MOSCOW) + 6, MOSCOW, MOSCOW, "city", "RU", 55.75, 37.62,
                     0.9, "test:Moscow")
    statement = find_statements(sentence, 0, [moscow], [])[0]
    assert statement.speaker is not None
    assert statement.speaker.name == "Karl Weber"
    assert statement.place == moscow


def test_a_joined_verb_of_saying_dates_the_statement_before_it() -> None:
    sentence = "The ministry says the panel is unfair and announced last year it would no longer attend."
    statements = official_statements(find_statements(sentence, 0, [], resolve_dates(sentence, date(2023, 11, 8))),
                                     sentence)
    assert len(statements) == 1
    assert statements[0].time is not None
    assert statements[0].time.interval.start == date(2022, 1, 1)
