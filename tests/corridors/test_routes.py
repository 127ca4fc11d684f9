"""Leg geometry: geodesic land legs, sea lanes that stay at sea, antimeridian-safe lines."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import shapely

from geo.corridors import routes
from geo.corridors.routes import (
    land_leg,
    legs_geometry,
    line_length_km,
    route_legs,
    sea_leg,
    share_over_land,
    split_antimeridian,
)
from geo.maps import basemap

# Approximate positions of real ports and cities, (lon, lat): unit-test inputs.
TEHRAN = (51.39, 35.69)
BAGHDAD = (44.40, 33.34)
ASTRAKHAN = (48.04, 46.35)
BANDAR_ANZALI = (49.46, 37.47)
BANDAR_ABBAS = (56.28, 27.19)
MUMBAI = (72.88, 19.07)
TOKYO = (139.77, 35.62)
SAN_FRANCISCO = (-122.40, 37.80)
ANADYR = (177.51, 64.73)
NOME = (-165.41, 64.50)


@pytest.fixture(scope="module")
def land() -> shapely.Geometry:
    return basemap.land("50m")


def test_land_leg_is_the_geodesic_with_dense_vertices() -> None:
    line = land_leg(TEHRAN, BAGHDAD)
    assert line[0] == TEHRAN
    assert line[-1] == BAGHDAD
    assert line_length_km(line) == pytest.approx(line_length_km([TEHRAN, BAGHDAD]), rel=1e-3)
    assert 650 < line_length_km(line) < 750  # Tehran–Baghdad is about 690 km
    steps = [line_length_km([a, b]) for a, b in itertools.pairwise(line)]
    assert max(steps) <= 51


def test_caspian_crossing_stays_in_the_caspian(land: shapely.Geometry) -> None:
    line = sea_leg(ASTRAKHAN, BANDAR_ANZALI)
    assert line[0] == ASTRAKHAN
    assert line[-1] == BANDAR_ANZALI
    # every vertex inside the Caspian basin's bounding box: no detour via the Black Sea
    assert all(46.0 <= lon <= 55.0 and 36.5 <= lat <= 47.0 for lon, lat in line)
    assert 900 < line_length_km(line) < 1400


def test_gulf_to_india_goes_out_through_hormuz(land: shapely.Geometry) -> None:
    line = sea_leg(BANDAR_ABBAS, MUMBAI)
    # through the Gulf of Oman (south of 25.5°N between 57° and 61°E), not across Iran and Pakistan
    assert any(57.0 <= lon <= 61.0 and lat < 25.5 for lon, lat in line)
    assert share_over_land(line, land) < 0.02
    straight = shapely.LineString(land_leg(BANDAR_ABBAS, MUMBAI))
    assert share_over_land(list(straight.coords), land) > 0.15  # the check tells land from sea


def test_route_legs_needs_one_mode_per_leg() -> None:
    with pytest.raises(ValueError, match="3 waypoints need 2 leg modes"):
        route_legs([TEHRAN, BAGHDAD, MUMBAI], ["land"])
    with pytest.raises(ValueError, match="unknown leg mode"):
        route_legs([TEHRAN, BAGHDAD], ["air"])  # type: ignore[list-item]


def test_contiguous_legs_make_one_linestring_and_branches_a_multilinestring() -> None:
    legs = route_legs([BANDAR_ABBAS, TEHRAN, BANDAR_ANZALI], ["land", "land"])
    geometry = legs_geometry(legs)
    assert geometry["type"] == "LineString"
    assert geometry["coordinates"][0] == list(BANDAR_ABBAS)
    assert geometry["coordinates"][-1] == list(BANDAR_ANZALI)
    branch = route_legs([TEHRAN, BAGHDAD], ["land"])
    assert legs_geometry(legs + route_legs([BANDAR_ANZALI, ASTRAKHAN], ["sea"]))["type"] == "LineString"
    assert legs_geometry(legs + branch)["type"] == "MultiLineString"


def test_split_antimeridian_adds_matching_edge_vertices() -> None:
    parts = split_antimeridian([(170.0, 50.0), (-170.0, 60.0)])
    assert parts == [[(170.0, 50.0), (180.0, 55.0)], [(-180.0, 55.0), (-170.0, 60.0)]]
    assert split_antimeridian([(10.0, 0.0), (20.0, 0.0)]) == [[(10.0, 0.0), (20.0, 0.0)]]


@pytest.mark.parametrize(("a", "b", "mode"), [(ANADYR, NOME, "land"), (TOKYO, SAN_FRANCISCO, "sea")])
def test_lines_across_the_antimeridian_are_split(a: tuple, b: tuple, mode: str) -> None:
    legs = route_legs([a, b], [mode])  # type: ignore[list-item]
    geometry = legs_geometry(legs)
    assert geometry["type"] == "MultiLineString"
    coords = [p for part in geometry["coordinates"] for p in part]
    assert all(-180.0 <= lon <= 180.0 for lon, _ in coords)
    # no part spans the globe: each stays in one hemisphere of longitude
    for part in geometry["coordinates"]:
        lons = [lon for lon, _ in part]
        assert max(lons) - min(lons) < 180.0
    # and the length is the real one, not the way round the other side
    length = sum(line_length_km(line) for _, line in legs)
    assert length < 1.3 * line_length_km([a, b]) + 500


def test_share_over_land_measures_geodesic_share(land: shapely.Geometry) -> None:
    across_iran = land_leg(TEHRAN, (59.6, 36.3))  # Tehran → Mashhad
    assert share_over_land(across_iran, land) > 0.99
    mid_caspian = land_leg((50.3, 42.5), (50.8, 40.8))
    assert share_over_land(mid_caspian, land) < 0.01


@pytest.fixture
def fresh_sea_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CORRIDOR_ATLAS_CACHE", str(tmp_path))
    routes._sea_cache.cache_clear()
    routes.sea_leg.cache_clear()
    yield tmp_path
    routes._sea_cache.cache_clear()
    routes.sea_leg.cache_clear()


def test_sea_lanes_are_kept_on_disk_for_the_next_process(
    fresh_sea_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = routes.sea_leg(ASTRAKHAN, BANDAR_ANZALI)
    assert routes.sea_cache_path().parent == fresh_sea_cache
    assert routes.sea_cache_path().is_file()
    # a new process: empty memory caches, and searoute must not be needed
    routes._sea_cache.cache_clear()
    routes.sea_leg.cache_clear()
    monkeypatch.setattr(routes, "_searoute", lambda: pytest.fail("searoute was imported"))
    assert routes.sea_leg(ASTRAKHAN, BANDAR_ANZALI) == first


def test_a_corrupt_sea_lane_cache_is_rebuilt(fresh_sea_cache: Path) -> None:
    routes.sea_cache_path().write_text("{not json", encoding="utf-8")
    line = routes.sea_leg(BANDAR_ABBAS, MUMBAI)
    assert line[0] == BANDAR_ABBAS
    assert json.loads(routes.sea_cache_path().read_text(encoding="utf-8"))
