"""Leg geometry for corridors: geodesic lines on land, sea lanes at sea.

A corridor is drawn leg by leg between resolved waypoints. Land legs follow the geodesic on
the WGS84 ellipsoid (pyproj ``Geod``), which is what a straight line "as the crow flies" means
on a globe; sea legs follow the ``searoute`` shipping network (offline), so a Caspian crossing
stays in the Caspian and Bandar Abbas → Mumbai goes out through Hormuz. Lines are kept in
longitudes -180..180 and split where they cross the antimeridian, as RFC 7946 asks.
"""

from __future__ import annotations

import importlib.metadata
import itertools
import json
import tempfile
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import shapely

from geo.geodesy import GEOD, LonLat, line_length_km
from geo.settings import cache_dir

Mode = Literal["land", "sea"]
Line = tuple[LonLat, ...]
# One interpolated vertex every this many km: enough for a smooth curve on a web map, few
# enough that a 10,000 km corridor stays a few hundred vertices.
LAND_STEP_KM = 50.0
# Beyond this ratio of sea-lane length to geodesic, a stated sea leg is drawn on land.
SEA_DETOUR_MAX = 3.0
# Coordinates are rounded to ~1 m: more digits only bloat GeoJSON.
_DIGITS = 5


def _normalise_lon(lon: float) -> float:
    return ((lon + 180.0) % 360.0) - 180.0


def _round(point: LonLat) -> LonLat:
    return (round(_normalise_lon(point[0]), _DIGITS), round(point[1], _DIGITS))


@lru_cache(maxsize=4096)
def land_leg(a: LonLat, b: LonLat) -> Line:
    """The geodesic from ``a`` to ``b`` with a vertex every ``LAND_STEP_KM``."""
    between = max(int(line_length_km((a, b)) // LAND_STEP_KM), 0)
    middle = GEOD.npts(a[0], a[1], b[0], b[1], between) if between else []
    return tuple(_round(p) for p in [a, *middle, b])


@cache
def _searoute() -> Any:
    """Import ``searoute`` lazily: importing it and building its network takes ~0.5 s."""
    import searoute

    return searoute


def sea_cache_path() -> Path:
    """Where computed sea lanes are kept between runs, beside the gazetteer cache.

    Plain JSON keyed by the two ports, per searoute version: a process that finds its lanes
    there never pays for importing searoute and building its network.
    """
    return cache_dir() / f"sea-lanes-searoute-{importlib.metadata.version('searoute')}.json"


@cache
def _sea_cache() -> dict[str, list[list[float]]]:
    try:
        data = json.loads(sea_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_sea_cache(cache: dict[str, list[list[float]]]) -> None:
    path = sea_cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8"
        ) as tmp:
            json.dump(cache, tmp)
        Path(tmp.name).replace(path)  # atomic: readers never see half a file
    except OSError:
        pass  # a read-only cache folder only costs speed


@lru_cache(maxsize=1024)
def sea_leg(a: LonLat, b: LonLat) -> Line:
    """The shortest sea lane from port ``a`` to port ``b`` (``searoute``), joined to both ports.

    ``searoute`` snaps the ports to its network; the ports themselves are prepended and
    appended so consecutive legs meet. Passages are left open except the Northwest Passage
    (searoute's default restriction), as for ordinary shipping.
    """
    key = f"{a[0]},{a[1]}|{b[0]},{b[1]}"
    cache = _sea_cache()
    if key not in cache:
        feature = _searoute().searoute(list(a), list(b), units="km", append_orig_dest=True)
        line = [_round((float(lon), float(lat))) for lon, lat in feature["geometry"]["coordinates"]]
        # Drop repeated vertices that appear where a port coincides with its network node.
        cache[key] = [list(line[0]), *(list(p) for prev, p in itertools.pairwise(line) if p != prev)]
        _save_sea_cache(cache)
    return tuple((lon, lat) for lon, lat in cache[key])


def leg(a: LonLat, b: LonLat, mode: Mode) -> Line:
    """The line of one leg, drawn by ``mode``."""
    if mode == "sea":
        return sea_leg(_round(a), _round(b))
    if mode == "land":
        return land_leg(_round(a), _round(b))
    raise ValueError(f"unknown leg mode {mode!r}: expected 'land' or 'sea'")


def route_legs(
    points: Sequence[LonLat], modes: Sequence[Mode], *, sea_detour_max: float | None = None
) -> tuple[tuple[Mode, Line], ...]:
    """Legs ``(mode, line)`` through consecutive ``points``; one mode per leg.

    With ``sea_detour_max``, a sea lane more than that many times longer than the geodesic is
    drawn on land instead: no ship goes there directly (Bandar Abbas to the Caspian port of
    Astrakhan is 8,800 km by sea via Suez and the Volga–Don canal, 2,250 km overland), so a
    text that says so means an overland leg.
    """
    if len(modes) != len(points) - 1:
        raise ValueError(f"{len(points)} waypoints need {len(points) - 1} leg modes, got {len(modes)}")
    legs: list[tuple[Mode, Line]] = []
    for a, b, mode in zip(points, points[1:], modes, strict=False):
        line = leg(a, b, mode)
        if (
            mode == "sea"
            and sea_detour_max is not None
            and line_length_km(line) > sea_detour_max * line_length_km((a, b))
        ):
            mode, line = "land", leg(a, b, "land")
        legs.append((mode, line))
    return tuple(legs)


def split_antimeridian(coords: Sequence[LonLat]) -> list[list[LonLat]]:
    """Split a line where it jumps across the antimeridian, adding a vertex at ±180° on each side.

    A jump is two consecutive vertices more than 180° of longitude apart: no leg we draw is
    that wide between vertices, so such a pair always means the line wraps around.
    """
    parts: list[list[LonLat]] = [[coords[0]]] if coords else []
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(coords):
        if abs(lon2 - lon1) > 180.0:
            edge = 180.0 if lon1 > 0 else -180.0
            unwrapped = lon2 + (360.0 if lon1 > 0 else -360.0)
            fraction = (edge - lon1) / (unwrapped - lon1)
            lat_edge = round(lat1 + fraction * (lat2 - lat1), _DIGITS)
            parts[-1].append((edge, lat_edge))
            parts.append([(-edge, lat_edge)])
        parts[-1].append((lon2, lat2))
    return parts


def legs_geometry(legs: Sequence[tuple[str, Sequence[LonLat]]]) -> dict[str, Any]:
    """GeoJSON geometry of legs: a LineString when they join end to end, else a MultiLineString.

    Consecutive legs that share an end point are chained into one part, so a simple corridor
    is a single LineString; separate routes (a corridor's branches) become separate parts.
    """
    chains: list[list[LonLat]] = []
    for _, line in legs:
        points = [(float(p[0]), float(p[1])) for p in line]
        if chains and chains[-1][-1] == points[0]:
            chains[-1].extend(points[1:])
        else:
            chains.append(points)
    parts = [part for chain in chains for part in split_antimeridian(chain) if len(part) >= 2]
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": [list(p) for p in parts[0]]}
    return {"type": "MultiLineString", "coordinates": [[list(p) for p in part] for part in parts]}


def share_over_land(line: Sequence[LonLat], land: shapely.Geometry) -> float:
    """Share (0..1) of a line's geodesic length that lies over ``land`` polygons.

    Used to check that sea legs really stay at sea. Lengths are measured geodesically on the
    pieces of the (antimeridian-split) line inside the land polygons.
    """
    total = line_length_km(line)
    if total == 0.0:
        return 0.0
    over_land = 0.0
    for part in split_antimeridian(line):
        if len(part) < 2:
            continue
        inside = shapely.intersection(shapely.LineString(part), land)
        if not inside.is_empty:
            over_land += GEOD.geometry_length(inside) / 1000.0
    return over_land / total
