"""Stated routes: the patterns find real routes and refuse look-alikes."""

from __future__ import annotations

import pytest

from geo.corridors.names import find_corridor_names
from geo.corridors.registry import parse_registry
from geo.corridors.stated import StatedRoute, find_stated_routes
from geo.text.sentences import split_sentences
from tests.support.corridor_fixtures import TEST_REGISTRY, toponyms_in

SPECS = parse_registry(TEST_REGISTRY)


def routes(text: str) -> list[StatedRoute]:
    return find_stated_routes(
        text, toponyms_in(text), split_sentences(text), find_corridor_names(text, SPECS)
    )


def names(text: str) -> list[list[str]]:
    return [[t.name for t in route.toponyms] for route in routes(text)]


def test_list_of_pairs_after_a_from_via_to_route() -> None:
    text = (
        "Officials described a rail corridor that stretches from China via Iran to Iraq, Syria, and the "
        "Mediterranean in three directions, Kermanshah to Baghdad, Khorramshahr to Basra and "
        "Kurdistan to Sulaymaniyah."
    )
    assert names(text) == [
        ["China", "Iran", "Iraq", "Syria", "Mediterranean Sea"],
        ["Kermanshah", "Baghdad"],
        ["Khorramshahr", "Basra"],
        ["Kurdistan Province", "Sulaymaniyah"],
    ]


def test_route_keeps_offsets_and_sentence() -> None:
    text = "Weather was fine. The new highway runs from Tehran to Rasht and on to Astara."
    (route,) = routes(text)
    assert text[route.start : route.end] == "Tehran to Rasht"
    assert text[route.sentence[0] : route.sentence[1]].startswith("The new highway")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The railway linking Chabahar to Zahedan is half built.", [["Chabahar", "Zahedan"]]),
        ("A ferry line connects Baku with Aktau twice a week.", [["Baku", "Aktau"]]),
        (
            "The plan seeks to link mainland Azerbaijan to its exclave, Nakhchivan, by rail.",
            [["Azerbaijan", "Nakhchivan"]],
        ),
        ("Rasht will be linked to Astara by a new railway.", [["Rasht", "Astara"]]),
        ("A new railway between Rasht and Astara opens in 2028.", [["Rasht", "Astara"]]),
        ("Iran plans a trade route between Chabahar and Zahedan.", [["Chabahar", "Zahedan"]]),
        ("Work on the Rasht-Astara railway resumed.", [["Rasht", "Astara"]]),
        (
            "Trains go from Moscow via Astrakhan and Baku to Tehran.",
            [["Moscow", "Astrakhan", "Baku", "Tehran"]],
        ),
        (
            "Trains go from Moscow to Tehran via Astrakhan and Baku.",
            [["Moscow", "Astrakhan", "Baku", "Tehran"]],
        ),
        ("The corridor connects Rasht with Moscow through Baku.", [["Rasht", "Baku", "Moscow"]]),
        ("Freight on the Baku–Astara–Rasht railway doubled.", [["Baku", "Astara", "Rasht"]]),
    ],
)
def test_route_patterns(text: str, expected: list[list[str]]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # no transport context: relations, trade volumes, visits
        "Relations between Iran and Azerbaijan have often been tetchy.",
        "Trade between Russia and China reached $100 billion, and between China and Iran $40 billion.",
        "The minister flew from Moscow to Tehran on Tuesday.",
        "Iran's ambassador to Moscow said the port deal was signed.",
        # dates, not places
        "The railway was built from 2010 to 2015.",
        # a region of many countries is not a route
        "The corridor moves freight between China, Iran, Azerbaijan, Russia and Turkey.",
        # people travelling, and relations between places, in sentences that mention transport
        "The minister flew from Moscow to Tehran to discuss the railway.",
        "Iran says the border between Iran and Armenia must stay open to its trucks on the corridor.",
        "Tensions between Baku and Tehran rose over the transit route.",
        # street names are not waypoints
        "Traffic on the access road between Rasht and Astara roads was stopped.",
        "The road from Tehran Street to Baku Avenue is closed.",
        # a dash pair without a transport noun is not a route
        "The Iran-Iraq war ended in 1988, ports were closed.",
    ],
)
def test_look_alikes_are_not_routes(text: str) -> None:
    assert routes(text) == []


def test_continents_are_not_waypoints() -> None:
    assert names("The corridor runs from Asia to Europe.") == []
    assert names("The corridor runs from China via Turkey to Europe.") == [["China", "Turkey"]]


def test_toponym_inside_a_corridor_name_is_not_a_waypoint() -> None:
    # "China" names the corridor here; only Kermanshah and Baghdad form the route.
    assert names("The China Corridor will run Kermanshah to Baghdad.") == [["Kermanshah", "Baghdad"]]


def test_sea_legs_need_maritime_wording_and_ports() -> None:
    (by_ship,) = routes("Cargo ships sail from Bandar Anzali to Astrakhan every week.")
    assert by_ship.modes == ("sea",)
    (sailed,) = routes("Two tankers sailed from Bandar Anzali to Astrakhan.")  # no other transport word
    assert sailed.modes == ("sea",)
    (by_rail,) = routes("Freight trains run from Bandar Anzali to Astrakhan every week.")
    assert by_rail.modes == ("land",)
    # a country centroid is not a port: the leg stays on land even in a shipping sentence
    (country,) = routes("Shipping from Iran to Astrakhan grew.")
    assert country.modes == ("land",)


def test_a_transit_country_named_by_its_territory_goes_between_the_ends() -> None:
    text = ("For years Iran has provided a transport route through its territory that connects Azerbaijan "
            "to Nakhchivan, officials said.")
    assert names(text) == [["Azerbaijan", "Iran", "Nakhchivan"]]


def test_a_transit_named_after_via_near_the_route_goes_between_the_ends() -> None:
    assert names("The freight corridor connects Baku with Nakhchivan via Iran.") == [["Baku", "Iran", "Nakhchivan"]]


def test_a_transit_belonging_to_another_route_stays_there() -> None:
    text = (
        "Officials described a rail corridor that stretches from China via Iran to Iraq, Syria, and the "
        "Mediterranean in three directions, Kermanshah to Baghdad, Khorramshahr to Basra."
    )
    assert names(text)[1:] == [["Kermanshah", "Baghdad"], ["Khorramshahr", "Basra"]]
