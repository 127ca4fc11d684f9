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


def test_meeting_with_weekday_place_after_in_and_titled_actors() -> None:
    event = one("Chinese Vice Premier Zhang Guoqing met Monday with Iran’s First Vice President "
                "Mohammad Mokhber in Shanghai.")
    assert event.type == "meeting"
    assert event.place is not None
    assert event.place.name == "Shanghai"  # not Iran, which only qualifies a person
    assert (event.interval.start, event.interval.end, event.interval.precision) == (
        date(2023, 11, 6), date(2023, 11, 6), "day")
    assert event.actors == ("Vice Premier Zhang Guoqing", "First Vice President Mohammad Mokhber")
    assert 0 < event.confidence <= 1


def test_visit_then_talks_in_the_next_sentence_keep_place_and_day() -> None:
    events = events_of("Turkish President Recep Tayyip Erdogan arrived in Baku on Tuesday. "
                       "He held talks with President Ilham Aliyev.", published=date(2021, 6, 17))
    assert [(e.type, e.place.name if e.place else None) for e in events] == [("visit", "Baku"), ("meeting", "Baku")]
    assert events[0].interval.start == date(2021, 6, 15)
    assert events[1].interval.start == date(2021, 6, 15)
    assert "President Ilham Aliyev" in events[1].actors
    assert "President Recep Tayyip Erdogan" in events[0].actors


@pytest.mark.parametrize(
    "text",
    [
        "The foreign ministers will meet in Ankara next week.",
        "Putin rejected invitations for an official state visit to Tehran on several occasions.",
        "Officials announced plans for joint military exercises in the Black Sea.",
        "Russia has strengthened its naval forces stationed in the Caspian Sea.",
        "A key issue in the meetings was security in Central Asia.",
        "He said the talks in Tehran went well.",
        "The new rules meet the requirements of the treaty.",
        "Armstrong said he would fly to Ankara and meet with medical experts.",
        "After three hours of negotiations in Baku, the suspect agreed to surrender.",
        "The ministers finally arrived at an arrangement on gas prices.",
        "He worries about his granddaughter when she visits him in Baku.",
        "Jolly, who gave addresses in Baku, was held on bond.",
    ],
)
def test_keywords_out_of_context_are_not_events(text: str) -> None:
    assert events_of(text) == []


def test_stationed_with_a_subject_is_a_deployment() -> None:
    event = one("Iran is likewise acting to strengthen its navy, and in March this year it stationed "
                "a destroyer in the Caspian Sea for the first time.", published=date(2013, 8, 8))
    assert event.type == "deployment"
    assert event.place is not None
    assert event.place.name == "Caspian Sea"
    assert (event.interval.start, event.interval.end) == (date(2013, 3, 1), date(2013, 3, 31))


def test_sentence_without_a_place_takes_the_place_before_it() -> None:
    events = events_of("Iran and Russia sent warships to the Caspian Sea in June. According to the navy, "
                       "the exercises took place from July 8-12, although Moscow did not confirm it.",
                       published=date(2013, 8, 8))
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
    ],
)
def test_event_types(text: str, kind: str, place: str, start: date) -> None:
    event = one(text)
    assert event.type == kind
    assert event.place is not None
    assert event.place.name == place
    assert event.interval.start == start


def test_dated_present_tense_caption_is_an_event() -> None:
    event = one("Iranian President Ebrahim Raisi meets Azerbaijani officials in Baku, September 20, 2023.")
    assert (event.type, event.interval.start) == ("meeting", date(2023, 9, 20))


def test_adjectives_do_not_make_people_named_before_the_doers() -> None:
    events = events_of("Foreign Minister Sergei Lavrov spoke to reporters. "
                       "Kazakh and Uzbek leaders met in Samarkand on Monday to discuss water sharing.")
    assert [(e.type, e.actors) for e in events] == [("meeting", ())]


def test_stay_in_a_country_refers_to_the_city_of_the_trip() -> None:
    events = events_of("Rear Admiral Habibollah Sayyari was in Beijing on Sunday to attend the Xiangshan Forum. "
                       "During his stay in China, Rear Admiral Sayyari also held talks with Gilles Carbonnier.",
                       published=date(2024, 9, 15))
    meeting = next(e for e in events if e.type == "meeting")
    assert meeting.place is not None
    assert meeting.place.name == "Beijing"
    assert meeting.actors == ("Rear Admiral Habibollah Sayyari", "Gilles Carbonnier")  # one person, one name


def test_the_same_event_told_twice_is_one_event() -> None:
    events = events_of("President Ebrahim Raisi arrived in Tehran on Wednesday. He is there for a one-day visit.")
    assert [e.type for e in events] == ["visit"]


def test_event_ids_are_stable_and_depend_on_the_document() -> None:
    text = "Chinese Vice Premier Zhang Guoqing met Monday with Mohammad Mokhber in Shanghai."
    first, again = events_of(text), events_of(text)
    other = events_of(text + " Nothing else.")
    assert [e.event_id for e in first] == [e.event_id for e in again]
    assert first[0].event_id != other[0].event_id


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


def test_headline_line_is_skipped_but_an_untitled_first_sentence_is_not() -> None:
    from geo.ingest.document import build_document

    titled = build_document("Raisi visits Dushanbe\n\nRaisi arrived in Tehran on Monday.", "t.txt")
    untitled = build_document("Raisi arrived in Tehran on Monday. He spoke to reporters.", "u.txt")
    assert titled.title == "Raisi visits Dushanbe"
    assert untitled.title == "Raisi arrived in Tehran on Monday."
    for doc in (titled, untitled):
        events = extract_events(doc, toponyms_in(doc.text))
        assert [(e.type, e.place.name if e.place else None) for e in events] == [("visit", "Tehran")]
