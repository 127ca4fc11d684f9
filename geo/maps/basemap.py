"""Offline basemap: Natural Earth country polygons shipped in ``data/basemap/``.

The app, the PNG export and the corridor router all need land and country shapes without a
network. Natural Earth (public domain) via npm ``world-atlas`` is converted once to GeoJSON by
``data/basemap/build_basemap.py``; here we only read it, once per process.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import shapely

from geo.settings import BASEMAP_DIR

Resolution = Literal["110m", "50m"]
ATTRIBUTION = "Made with Natural Earth (public domain)"


def basemap_path(resolution: Resolution = "50m") -> Path:
    """Path of the shipped GeoJSON file for ``resolution`` (``110m`` coarse, ``50m`` detailed)."""
    path = BASEMAP_DIR / f"countries-{resolution}.geojson"
    if not path.is_file():
        raise FileNotFoundError(f"Offline basemap missing: {path} (see data/basemap/build_basemap.py)")
    return path


@cache
def countries(resolution: Resolution = "50m") -> gpd.GeoDataFrame:
    """Country polygons (WGS84) with columns ``name``, ``iso_n3``, ``iso_a2``, ``geometry``.

    Cached: callers must not modify the returned frame in place (use ``.copy()``).
    """
    return gpd.read_file(basemap_path(resolution)).set_crs("EPSG:4326", allow_override=True)


@cache
def countries_geojson(resolution: Resolution = "110m") -> dict[str, Any]:
    """The basemap as a GeoJSON FeatureCollection dict, ready for ``folium.GeoJson``.

    Defaults to the coarse 110m file: the interactive map ships it to the browser on every
    redraw, so it has to stay small (~0.2 MB).
    """
    with basemap_path(resolution).open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def land(resolution: Resolution = "50m") -> shapely.MultiPolygon | shapely.Polygon:
    """All land as one (multi)polygon: the union of the country polygons."""
    return shapely.union_all(countries(resolution).geometry.values)

