"""Events from sentences, placed on hand-built toponyms (independent of the geoparser)."""

from __future__ import annotations

import json
import sys
import types
from datetime import date
from pathlib import Path

import pytest

from geo.cli import main
from geo.events.extract import extract_events
from geo.ingest.document import content_id
from geo.models import Document, Event, Toponym

# name: (kind, country code, lat, lon)
PLACES = {
    "Shanghai": ("city", "CN", 31.22, 121.46),
    "Baku": ("city", "AZ", 40.38, 49.89),
    "Ankara": ("city", "TR", 39.92, 32.85),
    "Tehran": ("city", "IR", 35.69, 51.42),
    "Iran": ("country", "IR", 32.0, 53.0),
    "China": ("country", "CN", 35.0, 103.0),
    "Beijing": ("city", "CN", 39.91, 116.40),
    "Caspian Sea": ("water", None, 41.7, 50.6),
    "Black Sea": ("water", None, 43.4, 34.3),
    "Central Asia": ("region", None, 43.0, 65.0),
    "Moscow": ("city", "RU", 55.75, 37.62),
    "Vnukovo International Airport": ("facility", "RU", 55.60, 37.27),
    "Yerevan": ("city", "AM", 40.18, 44.51),
    "Tajikistan": ("country", "TJ", 38.9, 71.3),
    "New York City": ("city", "US", 40.71, -74.01),
    "Astrakhan": ("city", "RU", 46.35, 48.04),
    "Rasht": ("city", "IR", 37.28, 49.58),
    "Poland": ("country", "PL", 52.0, 19.0),
    "Gulf of Aden": ("water", None, 12.0, 48.0),
    "Islamabad": ("city", "PK", 33.72, 73.04),
    "Samarkand": ("city", "UZ", 39.65, 66.96),
    "Baghdad": ("city", "IQ", 33.34, 44.40),
    "BAKU": ("city", "AZ", 40.38, 49.89),
    "ASTRAKHAN": ("city", "RU", 46.35, 48.04),
}


def toponyms_in(text: str) -> list[Toponym]:
    """Every occurrence of a PLACES name, longest names first, as resolved toponyms."""
    found: list[Toponym] = []
    covered: set[int] = set()
    for name in sorted(PLACES, key=len, reverse=True):
        kind, country, lat, lon = PLACES[name]
        start = text.find(name)
        while start != -1:
            if start not in covered:
                found.append(Toponym(start, start + len(name), name, name, kind, country, lat, lon, 0.9,
                                     f"test:{name}"))
                covered.update(range(start, start + len(name)))
            start = text.find(name, start + 1)
    return sorted(found, key=lambda t: t.start)


def events_of(text: str, published: date | None = date(2023, 11, 8), precision: str = "day") -> list[Event]:
    doc = Document(content_id(text), "test.txt", "Test", text, published, precision if published else "unknown")  # type: ignore[arg-type]
    return extract_events(doc, toponyms_in(text))


def one(text: str, **kwargs: object) -> Event:
    events = events_of(text, **kwargs)  # type: ignore[arg-type]
    assert len(events) == 1, [(e.type, e.sentence) for e in events]
    return events[0]


def names(event: Event) -> tuple[str, ...]:
    return event.actor_names


def test_meeting_with_weekday_place_after_in_and_titled_actors() -> None:
    event = one("Chinese Vice Premier Zhang Guoqing met Monday with Iran’s First Vice President "
                "Mohammad Mokhber in Shanghai.")
    assert event.type == "meeting"
    assert event.place is not None
    assert event.place.name == "Shanghai"  # not Iran, which only qualifies a person
    assert (event.interval.start, event.interval.end, event.interval.precision) == (
        date(2023, 11, 6), date(2023, 11, 6), "day")
    assert names(event) == ("Zhang Guoqing", "Mohammad Mokhber")
    assert [a.role for a in event.actors] == ["Chinese Vice Premier", "Iran First Vice President"]
    assert 0 < event.confidence <= 1


def test_visit_then_talks_in_the_next_sentence_keep_the_people_but_not_the_place() -> None:
    events = events_of("Turkish President Recep Tayyip Erdogan arrived in Baku on Tuesday. "
                       "He held talks with President Ilham Aliyev.", published=date(2021, 6, 17))
    visit, talks = events
    assert (visit.type, visit.place_precision, visit.interval.start) == ("visit", "stated", date(2021, 6, 15))
    assert talks.type == "meeting"
    assert talks.place_precision == "document"  # the article's main place, not a borrowed one
    assert {"Ilham Aliyev", "Recep Tayyip Erdogan"} <= set(names(talks))


@pytest.mark.parametrize(
    "text",
    [
        "Putin rejected invitations for an official state visit to Tehran on several occasions.",
        "Russia has strengthened its naval forces stationed in the Caspian Sea.",
        "A key issue in the meetings was security in Central Asia.",
        "He said the talks in Tehran went well.",
        "The new rules meet the requirements of the treaty.",
        "Hollis said she would fly to Ankara if her lawyers agreed.",
        "After three hours of negotiations in Baku, the gunman agreed to give himself up.",
        "The ministers finally arrived at an arrangement on gas prices.",
        "She frets about her nephew when he visits her in Baku.",
        "Pruett, who gave addresses in Baku, was released on bail.",
        "He suffered a heart attack in Baku on Monday.",
        "A man was treated after a killer bee attack in Ankara.",
        "Two people were killed in a car crash near Ankara on Monday.",
        "The minister attacked the budget plan in parliament.",
        "The club shot a promotional film in Baku.",
        "Stocks rallied in Shanghai on Monday.",
        "No major clashes occurred in Tehran.",
        "The talks were cancelled and the ministers did not meet in Ankara.",
    ],
)
def test_keywords_out_of_context_are_not_events(text: str) -> None:
    assert [e for e in events_of(text) if e.type != "statement"] == []


def test_stationed_with_a_subject_is_a_deployment() -> None:
    event = one("Iran is likewise acting to strengthen its navy, and in March this year it stationed "
                "a destroyer in the Caspian Sea for the first time.", published=date(2013, 8, 8))
    assert event.type == "deployment"
    assert event.place is not None
    assert event.place.name == "Caspian Sea"
    assert (event.interval.start, event.interval.end) == (date(2013, 3, 1), date(2013, 3, 31))


def test_the_exercises_point_back_to_the_exercises_named_before() -> None:
    events = events_of("Officials announced plans for joint military exercises in the Caspian Sea. "
                       "According to the navy, the exercises took place from July 8-12.", published=date(2013, 8, 8))
    exercise = next(e for e in events if e.type == "military_exercise")
    assert exercise.place is not None
    assert exercise.place.name == "Caspian Sea"
    assert (exercise.interval.start, exercise.interval.end, exercise.interval.precision) == (
        date(2013, 7, 8), date(2013, 7, 12), "day")


def test_airport_stands_for_its_city() -> None:
    events = events_of("After talks in Moscow, the minister arrived at Vnukovo International Airport on Monday.")
    visit = next(e for e in events if e.type == "visit")
    assert visit.place is not None
    assert visit.place.name == "Moscow"


def test_no_document_date_relative_unknown_absolute_resolved() -> None:
    arrival = one("General Mohammad Bagheri arrived in Astrakhan on Thursday.", published=None)
    assert (arrival.interval.start, arrival.interval.precision) == (None, "unknown")
    drills = one("The first joint military exercises took place in the Caspian Sea in 2009.", published=None)
    assert (drills.interval.start, drills.interval.end, drills.interval.precision) == (
        date(2009, 1, 1), date(2009, 12, 31), "year")


@pytest.mark.parametrize(
    ("text", "kind", "place", "start"),
    [
        ("Iran and Armenia signed an agreement on gas supplies in Yerevan on 3 May 2021.", "agreement", "Yerevan",
         date(2021, 5, 3)),
        ("Iran opened a drone factory in Tajikistan in May 2022.", "facility_opening", "Tajikistan", date(2022, 5, 1)),
        ("Iranian President Ebrahim Raisi speaks during a press conference in New York City, September 20, 2023.",
         "press_conference", "New York City", date(2023, 9, 20)),
        ("Major General Yahya Safavi gave a speech in Rasht about naval power.", "speech", "Rasht", date(2023, 11, 1)),
        ("In 2019 President Hassan Rouhani attended a meeting in Tehran for the Conference on Security in Asia.",
         "conference", "Tehran", date(2019, 1, 1)),
        ("Foreign Minister Sergei Lavrov said in Moscow on Monday that the talks would continue.", "statement",
         "Moscow", date(2023, 11, 6)),
        ("Foreign Minister Sergei Lavrov told a news conference in Moscow on Monday that the deal was dead.",
         "press_conference", "Moscow", date(2023, 11, 6)),
        ("NATO launched its annual military exercise in Poland in January 2024.", "military_exercise", "Poland",
         date(2024, 1, 1)),
        ("The Indian Navy deployed two frigates to the Gulf of Aden on Monday.", "deployment", "Gulf of Aden",
         date(2023, 11, 6)),
        ("China and Pakistan signed a memorandum of understanding in Islamabad last week.", "agreement",
         "Islamabad", date(2023, 10, 30)),
        ("A car bomb exploded near a market in Baghdad on Thursday, killing 20 people.", "attack", "Baghdad",
         date(2023, 11, 2)),
        ("Rebels clashed with government troops near Islamabad on Sunday.", "clash", "Islamabad", date(2023, 11, 5)),
        ("About 2,000 protesters marched through Tehran on Friday against the new law.", "protest", "Tehran",
         date(2023, 11, 3)),
        ("The European Union imposed sanctions on Iran on Monday over the drone deliveries.", "sanction", "Iran",
         date(2023, 11, 6)),
    ],
)
def test_event_types(text: str, kind: str, place: str, start: date) -> None:
    event = one(text)
    assert event.type == kind
    assert event.place is not None
    assert event.place.name == place
    assert event.place_precision == "stated"
    assert event.interval.start == start


def test_dated_present_tense_caption_is_an_event() -> None:
    event = one("Iranian President Ebrahim Raisi meets Azerbaijani officials in Baku, September 20, 2023.")
    assert (event.type, event.interval.start) == ("meeting", date(2023, 9, 20))


def test_adjectives_do_not_make_people_named_before_the_doers() -> None:
    events = events_of("Foreign Minister Sergei Lavrov spoke to reporters. "
                       "Kazakh and Uzbek leaders met in Samarkand on Monday to discuss water sharing.")
    meeting = next(e for e in events if e.type == "meeting")
    assert "Sergei Lavrov" not in names(meeting)


def test_stay_in_a_country_refers_to_the_city_of_the_trip() -> None:
    events = events_of("Rear Admiral Habibollah Sayyari was in Beijing on Sunday to attend the Xiangshan Forum. "
                       "During his stay in China, Rear Admiral Sayyari also held talks with Gilles Carbonnier.",
                       published=date(2024, 9, 15))
    meeting = next(e for e in events if e.type == "meeting")
    assert meeting.place is not None
    assert meeting.place.name == "Beijing"
    assert names(meeting) == ("Habibollah Sayyari", "Gilles Carbonnier")  # one person, one name
    assert meeting.actors[0].role == "Rear Admiral"


def test_the_same_event_told_twice_is_one_event_with_both_sentences() -> None:
    events = events_of("President Ebrahim Raisi arrived in Tehran on Wednesday. He is there for a one-day visit.")
    assert [e.type for e in events] == ["visit"]
    assert len(events[0].sentences) == 2


def test_each_stop_of_a_tour_is_its_own_visit() -> None:
    events = events_of("The minister visited Astrakhan on Monday and visited Baku on Tuesday.")
    assert sorted(e.place.name for e in events if e.place and e.type == "visit") == ["Astrakhan", "Baku"]


def test_event_ids_are_stable_and_depend_on_the_document() -> None:
    text = "Chinese Vice Premier Zhang Guoqing met Monday with Mohammad Mokhber in Shanghai."
    first, again = events_of(text), events_of(text)
    other = events_of(text + " Nothing else.")
    assert [e.event_id for e in first] == [e.event_id for e in again]
    assert first[0].event_id != other[0].event_id


# --------------------------------------------------------------------------- place from the event's own clause


def test_a_place_in_a_side_clause_is_not_the_event_place() -> None:
    event = one("The oil ministry signed a contract with a company that is drilling in the Caspian Sea.",
                published=date(2023, 11, 8))
    assert event.type == "agreement"
    assert event.place_precision != "stated"  # at most the article's main place, never the clause's


def test_a_statement_takes_no_place_from_the_sentence_before() -> None:
    events = events_of("Officials met in Baku on Monday. The minister said in televised remarks that the "
                       "plan would go ahead.")
    said = next(e for e in events if e.type in {"statement", "speech"})
    assert said.place is None


def test_there_stands_for_the_place_named_just_before() -> None:
    events = events_of("The president flew to Ankara on Monday. He met the prime minister there on Tuesday.")
    meeting = next(e for e in events if e.type == "meeting")
    assert meeting.place is not None
    assert meeting.place.name == "Ankara"
    assert meeting.place_precision == "stated"


def test_where_stands_for_the_place_it_follows() -> None:
    events = events_of("Novak paid an official visit to Ankara on Monday, where he met with the president.")
    assert {(e.type, e.place.name if e.place else None) for e in events} >= {("visit", "Ankara"),
                                                                             ("meeting", "Ankara")}


def test_an_event_without_a_place_takes_the_dateline_or_the_main_place_with_its_precision() -> None:
    text = "BAKU -- Protesters gathered outside the ministry on Monday. Police said the crowd was calm."
    protest = next(e for e in events_of(text) if e.type == "protest")
    assert protest.place is not None
    assert (protest.place.name.title(), protest.place_precision) == ("Baku", "dateline")
    other = next(e for e in events_of("Tehran hosted a fair on Sunday. Protesters gathered outside the ministry "
                                      "on Monday.") if e.type == "protest")
    assert other.place_precision == "document"
    assert other.confidence < protest.confidence


# --------------------------------------------------------------------------- dates from the event's own clause


def test_a_date_of_the_sentence_before_is_not_the_event_date() -> None:
    events = events_of("In May 2021 the ministers met in Baku. They held several meetings in recent months.",
                       published=date(2023, 11, 8))
    later = [e for e in events if e.type == "meeting" and "several" in e.sentence]
    assert all(e.interval.start != date(2021, 5, 1) for e in later)


def test_a_planned_meeting_is_kept_and_dated_forwards() -> None:
    event = one("The talks are to be held in Moscow next week.", published=date(2023, 11, 8))
    assert (event.type, event.planned) == ("meeting", True)
    assert (event.interval.start, event.interval.end) == (date(2023, 11, 13), date(2023, 11, 19))


def test_will_meet_on_a_weekday_is_the_next_one() -> None:
    event = one("The foreign ministers will meet in Ankara on Thursday.", published=date(2023, 11, 8))
    assert event.planned
    assert event.interval.start == date(2023, 11, 9)


def test_last_december_is_the_previous_december() -> None:
    event = one("Officials from Iran and Russia met in Tehran last December.", published=date(2023, 11, 8))
    assert (event.interval.start, event.interval.end) == (date(2022, 12, 1), date(2022, 12, 31))
    assert not event.planned


def test_reported_future_is_planned_not_hypothetical() -> None:
    event = next(e for e in events_of("He also said he would visit Tehran on Wednesday.") if e.type == "visit")
    assert event.planned


# --------------------------------------------------------------------------- the new kinds of event


def test_an_assassination_with_its_actors_and_sides() -> None:
    event = one("Gunmen assassinated the ambassador in Ankara on Monday.", published=date(2023, 11, 8))
    assert event.type == "attack"
    assert [(a.name, a.kind, a.side) for a in event.actors][:1] == [("Gunmen", "armed group", "by")]


def test_a_bombing_states_its_dead_and_wounded() -> None:
    event = one("A suicide bombing in Baghdad on Monday killed 12 soldiers and wounded 30 others.")
    assert (event.type, event.fatalities, event.injuries) == ("attack", 12, 30)


def test_air_strikes_and_people_killed_by_gunmen_are_attacks() -> None:
    strikes = one("Air strikes hit Islamabad overnight, officials said.")
    assert strikes.type == "attack"
    killing = one("Gunmen killed eleven people near Baku on Saturday.")
    assert (killing.type, killing.fatalities) == ("attack", 11)


def test_fighting_between_armed_parties_is_a_clash_and_soldiers_killing_gunmen_too() -> None:
    assert one("Heavy fighting between the army and rebels killed a dozen near Baku.").type == "clash"
    assert one("Soldiers killed four militants in a gun battle near Tehran on Friday.").type == "clash"


def test_protesters_fighting_police_is_a_protest_with_its_crowd() -> None:
    event = one("About 2,300 protesters clashed with riot police in Tehran on Saturday.")
    assert (event.type, event.crowd_size) == ("protest", 2300)


def test_a_planned_protest_is_planned() -> None:
    event = one("The opposition plans a wave of protests in Tehran beginning on April 9.",
                published=date(2023, 3, 20))
    assert (event.type, event.planned) == ("protest", True)


def test_sanctions_imposed_and_lifted_say_by_whom_and_on_whom() -> None:
    imposed = one("The European Union imposed sanctions on Iran on Monday.")
    assert (imposed.type, imposed.measure) == ("sanction", "imposed")
    assert [a.name for a in imposed.actors if a.side == "by"] == ["European Union"]
    lifted = one("The United States lifted sanctions on Iran on Monday.")
    assert lifted.measure == "lifted"


def test_threatened_sanctions_are_no_event() -> None:
    assert [e for e in events_of("The ministers threatened to impose sanctions on Iran.") if e.type == "sanction"] == []


# --------------------------------------------------------------------------- statements


def test_an_official_statement_of_stance_is_an_event_and_a_witness_is_not() -> None:
    events = events_of("Foreign Minister Sergei Lavrov warned that the plan would fail. "
                       "A witness said the street was quiet.")
    assert [(e.type, names(e)) for e in events] == [("statement", ("Sergei Lavrov",))]


def test_a_report_of_facts_is_no_statement_but_the_event_it_tells_is() -> None:
    events = events_of("Police said gunmen killed two people in Baku on Monday.")
    assert [e.type for e in events] == ["attack"]


def test_he_said_continues_the_statement_of_the_speaker_before() -> None:
    events = events_of('Foreign Minister Sergei Lavrov said the deal was unacceptable. '
                       '"We will not accept it," he said.')
    assert [e.type for e in events] == ["statement"]
    assert len(events[0].sentences) == 2


def test_a_speaker_titled_elsewhere_in_the_article_is_official() -> None:
    events = events_of("Tomas Varga, a former defence minister, arrived in Baku. "
                       "Varga said the government should resign.")
    statement = next(e for e in events if e.type == "statement")
    assert statement.actors[0].name == "Tomas Varga"


def test_cli_writes_one_feature_per_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks in Baku\n\nMarch 3, 2021\n\nThe ministers met in Baku on Tuesday to discuss rail.\n"
                       "Officials said more was to come.\n", encoding="utf-8")
    fake = types.ModuleType("geo.parse.geoparser")
    fake.geoparse = toponyms_in  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "geo.parse.geoparser", fake)
    assert main(["events", str(tmp_path), str(tmp_path / "missing.txt")]) == 2  # a bad path is named
    assert "missing.txt" in capsys.readouterr().err
    assert main(["events", str(article), "--format", "geojson"]) == 0
    collection = json.loads(capsys.readouterr().out)
    assert len(collection["features"]) == 1
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [49.89, 40.38]}
    properties = feature["properties"]
    assert properties["document"] == "a.txt"
    assert properties["type"] == "meeting"
    assert (properties["start"], properties["end"], properties["precision"]) == ("2021-03-02", "2021-03-02", "day")
    assert properties["place"] == "Baku"
    assert properties["actors"] == []
    assert properties["sentence"] == "The ministers met in Baku on Tuesday to discuss rail."
    assert (properties["merged_id"], properties["reports"]) == (properties["event_id"], 1)


def test_ten_thousand_lines_of_place_names_give_no_events_quickly() -> None:
    text = "\n".join(["Tehran", "Baku", "Moscow", "Caspian Sea"] * 2500)
    doc = Document(content_id(text), "places.txt", "Tehran", text, None, "unknown")
    toponyms = toponyms_in(text)
    assert len(toponyms) == 10_000
    assert extract_events(doc, toponyms) == []


def test_document_with_no_text_or_toponyms_is_fine() -> None:
    assert events_of("Nothing happened here.") == []
    doc = Document("x", "x.txt", "", "", None, "unknown")
    assert extract_events(doc, []) == []


def test_a_headline_event_told_again_by_the_body_is_told_by_the_body() -> None:
    from geo.ingest.document import build_document

    titled = build_document("Raisi visits Tehran\n\nRaisi arrived in Tehran on Monday.", "t.txt")
    untitled = build_document("Raisi arrived in Tehran on Monday. He spoke to reporters.", "u.txt")
    assert titled.title == "Raisi visits Tehran"
    assert untitled.title == "Raisi arrived in Tehran on Monday."
    for doc in (titled, untitled):
        events = extract_events(doc, toponyms_in(doc.text))
        assert [(e.type, e.place.name if e.place else None, e.sentence) for e in events] == [
            ("visit", "Tehran", "Raisi arrived in Tehran on Monday.")]


def test_a_kind_of_event_in_the_present_is_no_occurrence() -> None:
    assert [e for e in events_of("Drone strikes kill civilians, critics say.") if e.type == "attack"] == []
    assert [e.type for e in events_of("The decision drew protests from residents.")] == ["protest"]


def test_an_open_ended_time_gives_way_to_the_time_of_the_clause_above() -> None:
    """"the first ... to visit X since 1990" bounds a comparison; "In March 2015" dates the visit."""
    event = one("In March 2015, Jane Doe became the first Ruritanian foreign minister to visit Baku since 1990.")
    assert (event.type, event.place.name if event.place else None) == ("visit", "Baku")
    assert (event.interval.start, event.interval.end, event.interval.precision) == (
        date(2015, 3, 1), date(2015, 3, 31), "month")
    alone = one("Jane Doe is the first Ruritanian foreign minister to visit Baku since 1990.")
    assert alone.interval.start == date(1990, 1, 1)  # nothing closed above: the open time is all there is
