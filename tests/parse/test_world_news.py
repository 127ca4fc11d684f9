"""The error classes of international news (issue 13), each with made-up sentences.

World cities over small namesakes, demonyms, names inside other names (people, institutions,
publications, clubs, titles), gazetteer coverage (airports, unions, physical features, province
abbreviations) and scores that read as probabilities.
"""

from __future__ import annotations

import pytest

from geo import geoparse
from geo.geodesy import distance_km
from geo.models import Toponym


def _by_text(text: str) -> dict[str, Toponym]:
    return {t.text: t for t in geoparse(text)}


def _near(t: Toponym, lon: float, lat: float, km: float = 100) -> bool:
    return distance_km((t.lon, t.lat), (lon, lat)) <= km


# -- world cities need strong evidence to lose to a namesake ---------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "lon", "lat"),
    [
        ("Ministers gathered in Paris for the summit; a governor from Texas also attended.", "Paris", 2.35, 48.86),
        ("After a stop in Kentucky, the senator flew on to London for trade talks.", "London", -0.13, 51.51),
        ("Cruise ships left Venice, and tourists from Florida complained about the crowds.", "Venice", 12.33, 45.44),
        ("The prime minister returned to Ottawa after touring farms in Kansas.", "Ottawa", -75.70, 45.42),
    ],
)
def test_a_world_city_beats_a_namesake_in_a_state_the_text_names(text: str, name: str, lon: float, lat: float) -> None:
    place = _by_text(text)[name]
    assert _near(place, lon, lat), place


@pytest.mark.parametrize(
    ("text", "name", "country", "lat_range"),
    [
        ("Police in Paris, Ky., closed the bridge on Monday.", "Paris", "US", (37.5, 39.0)),
        ("Workers in London, Ontario, voted to strike.", "London", "CA", (42.5, 43.5)),
    ],
)
def test_a_container_in_the_text_still_picks_the_namesake(text: str, name: str, country: str,
                                                          lat_range: tuple[float, float]) -> None:
    place = _by_text(text)[name]
    assert place.country_code == country
    assert lat_range[0] < place.lat < lat_range[1]


def test_new_york_beside_world_cities_is_the_city() -> None:
    place = _by_text("Stocks fell in Tokyo, London and New York after the announcement.")["New York"]
    assert place.kind == "city"
    assert _near(place, -74.01, 40.71, km=50)


# -- demonyms -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "country"), [("Chinese", "CN"), ("French", "FR"), ("Indian", "IN"),
                                               ("Norwegian", "NO"), ("American", "US"), ("Sri Lankan", "LK")])
def test_a_demonym_means_the_largest_country_that_uses_it(word: str, country: str) -> None:
    found = geoparse(f"The {word} delegation arrived on Monday.", demonyms=True)
    assert [(t.text, t.kind, t.country_code) for t in found] == [(word, "country", country)]


# -- names inside other names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("Paris Hilton arrived at the gala in a silver dress.", "Paris"),
        ("Florence Nightingale trained nurses for the army.", "Florence"),
        ("President Truman signed the order that week.", "Truman"),
        ("Mr. Jordan said the plan would work.", "Jordan"),
        ("She was treated at St. Mary's Hospital after the fall.", "St. Mary"),
        ("The District Court of Maryland ruled against the company.", "Maryland"),
        ("He teaches physics at the University of Texas.", "Texas"),
        ("According to the Jerusalem Post, the vote was delayed.", "Jerusalem"),
        ("The Times of India reported the figures first.", "India"),
        ("An essay in the Atlantic magazine argued the opposite.", "Atlantic"),
        ("Real Madrid signed a new goalkeeper on Friday.", "Madrid"),
        ("Manchester United lost the match in extra time.", "Manchester"),
        ("The Minnesota Vikings' quarterback was injured in the second half of the match.", "Minnesota"),
        ('Her novel "Midnight in Lisbon" sold well last year.', "Lisbon"),
    ],
)
def test_a_place_name_inside_a_longer_name_is_not_a_place(text: str, inside: str) -> None:
    found = geoparse(text)
    assert all(inside not in t.text for t in found), [(t.text, t.name) for t in found]


def test_the_places_beside_those_names_are_kept() -> None:
    found = _by_text("Real Madrid flew to Lisbon, and the University of Texas opened a campus in Qatar.")
    assert {"Lisbon", "Qatar"} <= set(found)
    assert "Madrid" not in found
    assert "Texas" not in found


def test_a_title_before_a_place_name_makes_a_person_even_where_the_name_is_a_place_elsewhere() -> None:
    found = [t.text for t in geoparse("Troops left Jordan on Monday. Mr. Jordan said the talks would go on.")]
    assert found == ["Jordan"]


# -- gazetteer coverage ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "lon", "lat"),
    [
        ("The flight landed at Schiphol two hours late.", "Schiphol", "NL", 4.76, 52.31),
        ("Passengers at Sheremetyevo waited for hours.", "Sheremetyevo", "RU", 37.41, 55.97),
        ("He was stopped at Imam Khomeini International Airport on Sunday.",
         "Imam Khomeini International Airport", "IR", 51.15, 35.42),
    ],
)
def test_airports_are_facilities_found_by_their_own_names(text: str, name: str, country: str,
                                                          lon: float, lat: float) -> None:
    airport = _by_text(text)[name]
    assert airport.kind == "facility"
    assert airport.country_code == country
    assert _near(airport, lon, lat, km=10)


def test_airport_codes_are_not_names() -> None:
    assert geoparse("The AMS and SVO codes were printed on the tags. LHR was busy.") == []


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("EU ministers met to discuss the budget.", "EU", "region"),
        ("Officials of the European Union met to discuss the budget.", "European Union", "region"),
        ("Tensions on the Korean Peninsula rose again this week.", "Korean Peninsula", "region"),
        ("Climbers crossed the Himalayas in winter.", "Himalayas", "region"),
        ("Barges carried grain along the Danube in spring.", "Danube", "water"),
        ("Fishermen on the Mekong reported low water.", "Mekong", "water"),
        ("Nomads crossed the Gobi with their herds.", "Gobi", "region"),
    ],
)
def test_unions_and_physical_features_are_places(text: str, name: str, kind: str) -> None:
    place = _by_text(text)[name]
    assert place.kind == kind
    assert 0 < place.score <= 1


@pytest.mark.parametrize(
    ("text", "abbreviation", "province"),
    [
        ("A wildfire near Kamloops, B.C., forced evacuations.", "B.C.", "British Columbia"),
        ("Snow closed schools in Sherbrooke, Que., on Monday.", "Que.", "Quebec"),
        ("The mill in Thunder Bay, Ont., will reopen.", "Ont.", "Ontario"),
        ("Floods hit Lismore, N.S.W., for the second time.", "N.S.W.", "New South Wales"),
        ("The mine near Mackay, Qld., was evacuated.", "Qld.", "Queensland"),
    ],
)
def test_canadian_and_australian_province_abbreviations(text: str, abbreviation: str, province: str) -> None:
    assert _by_text(text)[abbreviation].name == province


def test_an_era_after_a_year_is_not_british_columbia() -> None:
    assert "B.C." not in _by_text("The wall was built around 300 B.C. by farmers near Rome.")


# -- scores are probabilities --------------------------------------------------------------------------


def test_scores_are_probabilities_and_a_clear_reading_scores_high() -> None:
    found = geoparse("Talks between Germany and France continued in Berlin on Tuesday.")
    assert all(0.0 <= t.score <= 1.0 for t in found)
    assert min(t.score for t in found) >= 0.9, [(t.text, t.score) for t in found]


def test_a_region_the_gazetteer_lacks_does_not_resolve_far_away_with_a_high_score() -> None:
    # "Moravia" the region is not in the gazetteer; its namesake towns are in the Americas.
    found = [t for t in geoparse("Winemakers in Moravia sold their harvest in Vienna and Brno.") if t.text == "Moravia"]
    assert all(t.score < 0.5 or _near(t, 17.0, 49.5, km=300) for t in found), found
