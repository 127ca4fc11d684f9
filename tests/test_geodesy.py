"""Distances: the yardstick of acc@161 km and of nearness decisions, and corridor lengths."""

import math

import pytest

from geo.geodesy import EARTH_RADIUS_KM, distance_km, line_length_km


def test_one_degree_along_the_equator_and_antipodes() -> None:
    assert distance_km((0, 0), (1, 0)) == pytest.approx(EARTH_RADIUS_KM * math.pi / 180)
    assert distance_km((0, 0), (180, 0)) == pytest.approx(EARTH_RADIUS_KM * math.pi)


def test_known_city_pair_and_symmetry() -> None:
    london, paris = (-0.1278, 51.5074), (2.3522, 48.8566)
    assert distance_km(london, paris) == pytest.approx(343.5, abs=1.0)
    assert distance_km(paris, london) == pytest.approx(distance_km(london, paris))
    assert distance_km((179.5, 10), (-179.5, 10)) < 120  # across the antimeridian, not around the world


def test_line_length_sums_its_segments_on_the_ellipsoid() -> None:
    london, paris, brussels = (-0.1278, 51.5074), (2.3522, 48.8566), (4.3517, 50.8503)
    two_legs = line_length_km([london, paris, brussels])
    assert two_legs == pytest.approx(line_length_km([london, paris]) + line_length_km([paris, brussels]))
    assert line_length_km([london, paris]) == pytest.approx(distance_km(london, paris), rel=0.005)
    assert line_length_km([london]) == 0.0
