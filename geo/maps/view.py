"""A map view (centre and zoom) and the Web Mercator arithmetic that relates it to a frame.

The view lives in the URL as ``view=lat,lon,zoom`` (what a copied link reopens) and is what the
PNG and HTML exports draw when asked for the "current view". Zoom is Leaflet's: at zoom ``z``
the world is ``256 · 2^z`` pixels wide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Bounds = tuple[float, float, float, float]
"""west, south, east, north in degrees."""
TILE_PX = 256
MIN_ZOOM, MAX_ZOOM = 2, 18
MAX_LAT = 85.0511


@dataclass(frozen=True, slots=True)
class MapView:
    """Where the map looks: its centre and Leaflet zoom level."""

    lat: float
    lon: float
    zoom: float

    def __post_init__(self) -> None:
        if not -MAX_LAT <= self.lat <= MAX_LAT:
            raise ValueError(f"latitude {self.lat} is outside ±{MAX_LAT}")
        if not -180.0 <= self.lon <= 180.0:
            raise ValueError(f"longitude {self.lon} is outside ±180")
        if not MIN_ZOOM <= self.zoom <= MAX_ZOOM:
            raise ValueError(f"zoom {self.zoom:g} is outside {MIN_ZOOM}..{MAX_ZOOM}")

    def to_param(self) -> str:
        """``41.5000,46.2500,7``: the URL form."""
        return f"{self.lat:.4f},{self.lon:.4f},{self.zoom:g}"

    @classmethod
    def from_param(cls, text: str | None) -> MapView | None:
        """Parse the URL form; anything malformed or out of range gives ``None`` (a hand-edited
        link must still open the app, on its default frame)."""
        if not text:
            return None
        parts = text.split(",")
        if len(parts) != 3:
            return None
        try:
            lat, lon, zoom = (float(part) for part in parts)
            return cls(round(lat, 4), round(lon, 4), zoom)
        except ValueError:
            return None


def _x(lon: float, zoom: float) -> float:
    return (lon + 180.0) / 360.0 * TILE_PX * 2**zoom


def _y(lat: float, zoom: float) -> float:
    lat = max(min(lat, MAX_LAT), -MAX_LAT)
    s = math.sin(math.radians(lat))
    return (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * TILE_PX * 2**zoom


def _lon(x: float, zoom: float) -> float:
    return x / (TILE_PX * 2**zoom) * 360.0 - 180.0


def _lat(y: float, zoom: float) -> float:
    n = math.pi - 2 * math.pi * y / (TILE_PX * 2**zoom)
    return math.degrees(math.atan(math.sinh(n)))


def view_bounds(view: MapView, width_px: int, height_px: int) -> Bounds:
    """The lon/lat box a ``width_px × height_px`` map shows at ``view``."""
    cx, cy = _x(view.lon, view.zoom), _y(view.lat, view.zoom)
    west, east = _lon(cx - width_px / 2, view.zoom), _lon(cx + width_px / 2, view.zoom)
    north, south = _lat(cy - height_px / 2, view.zoom), _lat(cy + height_px / 2, view.zoom)
    return max(west, -180.0), max(south, -MAX_LAT), min(east, 180.0), min(north, MAX_LAT)


def fit_zoom(bounds: Bounds, width_px: int, height_px: int) -> int:
    """The largest whole zoom at which ``bounds`` fits in a ``width_px × height_px`` map (as Leaflet's fitBounds)."""
    west, south, east, north = bounds
    for zoom in range(MAX_ZOOM, MIN_ZOOM - 1, -1):
        if _x(east, zoom) - _x(west, zoom) <= width_px and _y(south, zoom) - _y(north, zoom) <= height_px:
            return zoom
    return MIN_ZOOM


def fit_view(bounds: Bounds, width_px: int, height_px: int) -> MapView:
    """The view that shows ``bounds`` whole, centred."""
    west, south, east, north = bounds
    zoom = fit_zoom(bounds, width_px, height_px)
    centre_y = (_y(north, zoom) + _y(south, zoom)) / 2
    return MapView(round(_lat(centre_y, zoom), 4), round((west + east) / 2, 4), zoom)
