"""Great-circle distance: the yardstick of acc@161 km and of nearness decisions."""

import pytest

from geo.distance import EARTH_RADIUS_KM, great_circle_km


def test_one_degree_along_the_equator_and_antipodes() -> None:
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(EARTH_RADIUS_KM * 3.141592653589793 / 180)
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(EARTH_RADIUS_KM * 3.141592653589793)


def test_known_city_pair_and_symmetry() -> None:
    london_paris = great_circle_km(51.5074, -0.1278, 48.8566, 2.3522)
    assert london_paris == pytest.approx(343.5, abs=1.0)
    assert great_circle_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(london_paris)
    assert great_circle_km(10, 179.5, 10, -179.5) < 120  # across the antimeridian, not around the world
