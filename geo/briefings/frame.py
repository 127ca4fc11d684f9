"""The ground a saved map extent shows: Leaflet's centre-and-zoom turned into a lon/lat box.

A view is saved as the browser frames it (centre, zoom); exports and freshness checks need the
box it covers on the briefing screen. Leaflet draws Web Mercator with 256-px tiles, so the box
follows from the screen size in pixels.
"""

from __future__ import annotations

import math

from geo.briefings.model import Extent

TILE_PX = 256
SCREEN = (1920, 1080)
"""The shared screen a briefing is presented on."""


def _x(lon: float) -> float:
    return (lon + 180.0) / 360.0


def _y(lat: float) -> float:
    s = math.sin(math.radians(lat))
    return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def _lat(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))


def extent_bounds(extent: Extent, size: tuple[int, int] = SCREEN) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` in degrees seen at ``extent`` on a ``size`` pixel screen.

    Longitudes are clipped to ±180 and latitudes to Web Mercator's range: a world view is the world.
    """
    world_px = TILE_PX * 2**extent.zoom
    half_w, half_h = size[0] / 2 / world_px, size[1] / 2 / world_px
    cx, cy = _x(extent.lon), _y(extent.lat)
    west, east = max(cx - half_w, 0.0) * 360 - 180, min(cx + half_w, 1.0) * 360 - 180
    north, south = _lat(max(cy - half_h, 0.0)), _lat(min(cy + half_h, 1.0))
    return west, south, east, north
