"""Distances on the Earth, in one argument order: ``(lon, lat)`` points, as GeoJSON and Shapely write them.

``distance_km`` is the great-circle distance, the yardstick of geoparsing accuracy (acc@161 km,
defined on a sphere by the field) and of every "is this place near that one" decision.
``line_length_km`` measures drawn lines on the WGS84 ellipsoid (corridor lengths, land-leg vertex
spacing), where a metre-true figure matters more than agreement with a benchmark.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pyproj import Geod

LonLat = tuple[float, float]
"""A point as ``(longitude, latitude)`` in degrees (WGS84)."""

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
GEOD = Geod(ellps="WGS84")


def distance_km(a: LonLat, b: LonLat) -> float:
    """Great-circle (haversine) distance in kilometres between two ``(lon, lat)`` points."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def line_length_km(coords: Sequence[LonLat]) -> float:
    """Length of a polyline on the WGS84 ellipsoid in km (correct across the antimeridian)."""
    if len(coords) < 2:
        return 0.0
    lons = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    return float(GEOD.line_length(lons, lats)) / 1000.0
