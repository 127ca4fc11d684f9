"""Corridor assembly: evidence per document, corridors across documents, GeoJSON features."""

from __future__ import annotations

from datetime import date

import pytest

from geo.corridors.assemble import (
    CorridorEvidence,
    assemble_corridors,
    corridor_features,
    corridor_mentions,
)
from geo.corridors.registry import parse_registry
from geo.geodesy import line_length_km
from geo.models import Corridor
from tests.support.corridor_fixtures import TEST_REGISTRY, document, fake_resolver, toponyms_in

SPECS = parse_registry(TEST_REGISTRY)


def evidence(
    text: str, name: str = "a.txt", published: date | None = date(2024, 1, 15)
) -> list[CorridorEvidence]:
    return corridor_mentions(document(text, name, published), toponyms_in(text), SPECS)


def assemble(items: list[CorridorEvidence]) -> list[Corridor]:
    return assemble_corridors(items, specs=SPECS, resolver=fake_resolver)


BRANCHES = (
    "Officials sketched out a “China Corridor,” that stretches from China via Iran to Iraq, Syria, and the "
    "Mediterranean “in 3 directions, Kermanshah to Baghdad, Khorramshahr to Basra and Kurdistan to "
    "Sulaymaniyah,” he said. Relations between Iran and Iraq are good."
)


def test_branches_attach_to_the_corridor_named_in_the_sentence() -> None:
    corridors = assemble(evidence(BRANCHES))
    named = [c for c in corridors if c.kind == "named"]
    stated = [c for c in corridors if c.kind == "stated"]
    assert [c.name for c in named] == ["Gulf Line"]  # "China Corridor" is an alias of it here
    assert sorted(c.name for c in stated) == [
        "Kermanshah – Baghdad",
        "Khorramshahr – Basra",
        "Kurdistan – Sulaymaniyah",  # named as the article words it
    ]
    kurdistan = next(c for c in stated if c.name.startswith("Kurdistan"))
    assert [p.name for p in kurdistan.waypoints] == ["Kurdistan Province", "Sulaymaniyah"]
    assert {c.part_of for c in stated} == {"Gulf Line"}
    # the country-scale "from China via Iran to Iraq, Syria and the Mediterranean" restates the
    # named corridor: evidence for it, not a line between country centroids
    assert not any("China" in c.name for c in stated)
    (mention,) = named[0].mentions
    assert mention.sentence.startswith("Officials sketched out")


def test_stated_route_attaches_to_a_name_in_the_same_paragraph_only() -> None:
    text = (
        "The Caspian Link is moving ahead. A new railway will run from Rasht to Astara.\n\n"
        "Elsewhere, a highway from Chabahar to Zahedan opened."
    )
    corridors = {c.name: c for c in assemble(evidence(text))}
    assert corridors["Rasht – Astara"].part_of == "Caspian Link Corridor"
    assert corridors["Chabahar – Zahedan"].part_of is None
    assert (
        corridors["Chabahar – Zahedan"].mentions[0].sentence
        == "Elsewhere, a highway from Chabahar to Zahedan opened."
    )


def test_a_line_ending_a_sentence_ends_a_paragraph_but_a_wrapped_line_does_not() -> None:
    text = (
        "The Caspian Link is moving ahead.\n"
        "A highway from Chabahar to Zahedan opened.\n"
        "Officials of the Caspian Link said that\n"
        "a railway will run from Rasht to Astara."
    )
    corridors = {c.name: c for c in assemble(evidence(text))}
    assert corridors["Chabahar – Zahedan"].part_of is None
    assert corridors["Rasht – Astara"].part_of == "Caspian Link Corridor"


def test_unregistered_corridor_name_still_groups_its_routes() -> None:
    text = "The Lobito Corridor railway runs from Lobito to Kolwezi."
    (corridor,) = assemble(evidence(text))
    assert corridor.kind == "stated"
    assert corridor.part_of == "Lobito Corridor"
    assert [p.name for p in corridor.waypoints] == ["Lobito", "Kolwezi"]


def test_corridor_links_exactly_the_documents_that_mention_it_with_dates() -> None:
    items = (
        evidence("The Caspian Link will carry freight.", "late.txt", date(2024, 9, 1))
        + evidence("Nothing about transport here, only Tehran.", "other.txt", date(2023, 1, 1))
        + evidence("Officials discussed the North-South Link.", "early.txt", date(2023, 11, 8))
        + evidence("The caspian link again.", "undated.txt", None)
    )
    (corridor,) = assemble(items)
    (feature,) = corridor_features([corridor])
    properties = feature["properties"]
    assert properties["documents"] == ["early.txt", "late.txt", "undated.txt"]
    assert properties["first_mentioned"] == "2023-11-08"
    assert properties["last_mentioned"] == "2024-09-01"
    assert properties["sentence"] == "Officials discussed the North-South Link."


def test_evidence_sentence_prefers_the_full_name() -> None:
    items = evidence("Officials discussed the CLC.", "early.txt", date(2023, 1, 1)) + evidence(
        "The Caspian Link Corridor opened.", "late.txt", date(2024, 1, 1)
    )
    (feature,) = corridor_features(assemble(items))
    assert feature["properties"]["sentence"] == "The Caspian Link Corridor opened."
    assert feature["properties"]["sentences"] == [
        "Officials discussed the CLC.",
        "The Caspian Link Corridor opened.",
    ]


def test_same_route_in_two_documents_is_one_corridor_in_either_direction() -> None:
    items = evidence("Trains run from Rasht to Astara.", "a.txt") + evidence(
        "The railway from Astara to Rasht is busy.", "b.txt", date(2024, 3, 1)
    )
    (corridor,) = assemble(items)
    assert len(corridor.mentions) == 2
    assert corridor.name == "Rasht – Astara"  # as the earliest document states it


def test_named_corridor_geometry_and_features() -> None:
    (corridor,) = assemble(evidence("The Caspian Link will carry freight."))
    assert [p.name for p in corridor.waypoints] == [
        "Tehran", "Rasht", "Bandar Anzali", "Astrakhan", "Moscow", "Astara", "Baku"
    ]  # fmt: skip
    assert [mode for mode, _ in corridor.legs] == ["land", "land", "sea", "land", "land", "land"]
    # total of all legs: land legs are geodesics, the sea leg a little longer than the crow flies
    crow_flies = sum(line_length_km([line[0], line[-1]]) for _, line in corridor.legs)
    assert crow_flies <= corridor.length_km < 1.2 * crow_flies
    (feature,) = corridor_features([corridor])
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "MultiLineString"  # main route + western branch
    properties = feature["properties"]
    assert properties["kind"] == "named"
    assert properties["aliases"] == ["Caspian Link", "CLC", "North-South Link"]
    assert properties["modes"] == ["land", "land", "sea", "land", "land", "land"]
    assert {
        "name",
        "documents",
        "first_mentioned",
        "last_mentioned",
        "length_km",
        "waypoints",
        "sentence",
        "sentences",
    } <= set(properties)


def test_evidence_survives_a_json_round_trip() -> None:
    items = evidence(BRANCHES)
    assert [CorridorEvidence.from_json(item.to_json()) for item in items] == items


def test_document_without_corridors_gives_no_evidence() -> None:
    assert evidence("Relations between Iran and Iraq are good. Tehran and Baghdad met.") == []


def test_evidence_for_a_corridor_removed_from_the_registry_is_left_out(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stale = CorridorEvidence("named", "gone", "Gone Corridor", "d", "d.txt", None, "The Gone Corridor.")
    kept = evidence("The Caspian Link will carry freight.")
    assert [c.name for c in assemble([stale, *kept])] == ["Caspian Link Corridor"]
    assert "'gone' is no longer in the registry" in caplog.text


def test_weak_alias_counts_only_beside_a_country_on_the_route() -> None:
    assert evidence("Trucks from Lobito use the northern route.") == []
    (item,) = evidence("Trucks from Tehran use the northern route.")
    assert item.corridor_id == "caspian-link"


def test_corridor_table_has_the_store_columns() -> None:
    from geo.corridors.assemble import corridor_table
    from geo.store.schema import TABLES

    payloads = [
        item.to_json() for item in evidence("Trains run from Rasht to Astara.", "a.txt", date(2024, 5, 2))
    ]
    table = corridor_table(payloads)
    assert list(table.columns) == list(TABLES["corridors"])
    (row,) = table.itertuples()
    assert row.first_mentioned == date(2024, 5, 2)
    assert row.waypoints == ["Rasht", "Astara"]
    assert row.geometry.geom_type == "LineString"
    assert table.crs.to_epsg() == 4326
    empty = corridor_table([])
    assert list(empty.columns) == list(TABLES["corridors"])
    assert len(empty) == 0


def test_a_stated_sea_leg_no_ship_can_sail_directly_is_drawn_on_land() -> None:
    (across,) = assemble(evidence("Ships sail from Bandar Anzali to Astrakhan."))
    assert [mode for mode, _ in across.legs] == ["sea"]  # within the Caspian
    (around,) = assemble(evidence("Ships carry grain from Bandar Abbas to Astrakhan."))
    assert [mode for mode, _ in around.legs] == ["land"]  # not 8,800 km round via Suez
    assert around.length_km < 2500


def test_a_transit_country_is_passed_near_its_border_not_at_its_centroid() -> None:
    from geo.corridors.assemble import course_points
    from tests.support.corridor_fixtures import PLACES

    points = course_points([PLACES["Azerbaijan"], PLACES["Iran"], PLACES["Nakhchivan"]])
    lon, lat = points[1]
    assert 44.0 < lon < 48.5  # beside the Aras, where Iran meets the straight course…
    assert 38.0 < lat < 39.5  # …not at Iran's centre (32 N, 53 E)
    assert points[0] == (47.5, 40.5)  # the ends stay where the gazetteer puts them


def test_routes_through_country_or_province_points_are_approximate() -> None:
    from geo.corridors.assemble import corridor_properties
    from geo.models import Corridor
    from tests.support.corridor_fixtures import PLACES

    def stated(*names: str) -> Corridor:
        return Corridor("stated:x", " – ".join(names), "stated", tuple(PLACES[n] for n in names), (), 0.0, ())

    assert corridor_properties(stated("Azerbaijan", "Nakhchivan"))["approximate"] is True
    assert corridor_properties(stated("Kurdistan Province", "Sulaymaniyah"))["approximate"] is True
    assert corridor_properties(stated("Kermanshah", "Baghdad"))["approximate"] is False
