"""Offline basemap: the Natural Earth layers shipped in ``data/basemap/`` (see its README).

The app, the PNG export and the corridor router all need land, water and names without a
network. Country polygons (world tier), the 10m detail tier in 10° cells, lakes and rivers, and
the label points of countries, seas, regions and places are read here, once per process; the
browser gets the same files through Streamlit's static serving (:func:`publish`).
"""

from __future__ import annotations

import json
import math
import os
import shutil
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.geometry

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



# ---------------------------------------------------------------- detail tier and labels
#
# The world tier (countries, 50m lakes and rivers) serves zooms below DETAIL_FROM_ZOOM; from
# it on, the 10m cells in view (data/basemap/README.md, "Tiling scheme"). The browser fetches
# both from Streamlit's static serving, the PNG reads them here, so both draw the same layers.

TILES_DIR = BASEMAP_DIR / "tiles-10m"
DETAIL_FROM_ZOOM = 6
TILE_LAYERS = ("land", "lake", "river", "border")
Bounds = tuple[float, float, float, float]
"""west, south, east, north in degrees."""


@cache
def tile_index() -> dict[str, Any]:
    """``tiles-10m/index.json``: the cells that exist (open ocean has none) and the cell size."""
    with (TILES_DIR / "index.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def cells_for(bounds: Bounds) -> list[str]:
    """Names of the existing 10° cells that cover ``bounds`` (``e040n40`` is lon 40..50, lat 40..50)."""
    step = int(tile_index()["cell_deg"])
    west, south, east, north = bounds
    known = tile_index()["cells"]
    names = []
    for lon in range(math.floor(max(west, -180) / step) * step, math.ceil(min(east, 180)), step):
        for lat in range(math.floor(max(south, -90) / step) * step, math.ceil(min(north, 90)), step):
            name = f"{'e' if lon >= 0 else 'w'}{abs(lon):03d}{'n' if lat >= 0 else 's'}{abs(lat):02d}"
            if name in known:
                names.append(name)
    return names


@cache
def _tile(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(TILES_DIR / f"{name}.geojson").set_crs("EPSG:4326", allow_override=True)


def tiles(bounds: Bounds) -> gpd.GeoDataFrame:
    """The detail tier over ``bounds``: features of every covering cell, with their ``layer``."""
    frames = [_tile(name) for name in cells_for(bounds)]
    if not frames:
        return gpd.GeoDataFrame({"layer": []}, geometry=[], crs="EPSG:4326")
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")


@cache
def world_water(kind: Literal["lakes", "rivers"]) -> gpd.GeoDataFrame:
    """Natural Earth 50m lakes or rivers, the world tier's water (``min_zoom`` says from which zoom)."""
    return gpd.read_file(BASEMAP_DIR / f"{kind}-50m.geojson").set_crs("EPSG:4326", allow_override=True)


LabelRow = list[Any]
LABEL_COLUMNS = ("name", "lon", "lat", "min_zoom", "max_zoom", "rank", "extra")
"""The columns of every table in :func:`label_points` (``extra``: ISO code of a country, a sea's
class, ``1`` for a national capital, a river or lake)."""


@cache
def label_points() -> dict[str, list[LabelRow]]:
    """Names to write on the basemap, as compact rows (see :data:`LABEL_COLUMNS`), per kind:
    ``countries``, ``seas`` (marine areas), ``places`` (populated places), ``regions`` (ranges,
    deserts, peninsulas…) and ``water`` (rivers and lakes).

    Natural Earth's own ranks decide: ``min_label``/``max_label`` (or ``min_zoom``) give the
    zooms a name is shown at, ``labelrank``/``scalerank`` the order when names collide. Read
    once; the browser gets the same table as ``static/basemap/labels.json``.
    """

    def rows(file: str, make: Any) -> list[LabelRow]:
        with (BASEMAP_DIR / file).open(encoding="utf-8") as handle:
            return [row for feature in json.load(handle)["features"] if (row := make(feature["properties"], feature))]

    def point(feature: dict[str, Any]) -> tuple[float, float]:
        lon, lat = feature["geometry"]["coordinates"][:2]
        return round(float(lon), 3), round(float(lat), 3)

    def country(p: dict[str, Any], f: dict[str, Any]) -> LabelRow:
        return [p.get("name_en") or p["name"], *point(f), p["min_label"], p["max_label"], p["labelrank"], p["iso_a2"]]

    def sea(p: dict[str, Any], _: dict[str, Any]) -> LabelRow | None:
        if p["featurecla"] == "river":
            return None
        return [_title(p["name"]), p["label_lon"], p["label_lat"], p["min_label"], p["max_label"], p["scalerank"],
                p["featurecla"]]

    def place(p: dict[str, Any], f: dict[str, Any]) -> LabelRow | None:
        if p["featurecla"] in {"Scientific station", "Meteorological Station", "Historic place"}:
            return None
        return [p.get("name_en") or p["name"], *point(f), p["min_zoom"], 99, p["labelrank"], int(bool(p["capital"]))]

    def region(p: dict[str, Any], _: dict[str, Any]) -> LabelRow | None:
        if p["featurecla"] in {"Continent", "Island", "Island group", "Lake"}:
            return None
        return [_title(p["name"]), p["label_lon"], p["label_lat"], p["min_label"], p["max_label"], p["scalerank"],
                p["featurecla"]]

    def water(p: dict[str, Any], _: dict[str, Any]) -> LabelRow:
        return [p.get("name_en") or p["name"], p["label_lon"], p["label_lat"], p["min_zoom"] or 0, 99,
                p["scalerank"], p["kind"]]

    return {
        "countries": rows("country-labels.geojson", country),
        "seas": rows("marine.geojson", sea),
        "places": rows("places.geojson", place),
        "regions": rows("regions.geojson", region),
        "water": rows("water-names.geojson", water),
    }


def _title(name: str) -> str:
    """Natural Earth writes large features in capitals ("CASPIAN SEA", "CAUCASUS MTS."): title case them."""
    return name.title() if name.isupper() else name


def labels_within(bounds: Bounds) -> dict[str, list[LabelRow]]:
    """:func:`label_points` inside ``bounds`` (for a standalone file that carries only its view's names)."""
    west, south, east, north = bounds
    return {
        kind: [row for row in rows if west <= row[1] <= east and south <= row[2] <= north]
        for kind, rows in label_points().items()
    }


# Files the browser reads, mirrored under static/basemap/ (see publish).
_PUBLISHED = ("countries-110m.geojson", "countries-50m.geojson", "lakes-50m.geojson", "rivers-50m.geojson")


def publish(static_dir: Path) -> Path:
    """Mirror the basemap files the browser reads into ``static_dir/basemap`` (Streamlit serves
    ``static/`` at ``/app/static/``, and refuses symlinks that leave it).

    Files are hard-linked where the file system allows (no second copy on disk) and copied
    otherwise; only missing or changed files are touched, so calling this at every app start
    costs a few ``stat`` calls. ``labels.json`` is written from :func:`label_points`.
    """
    target = static_dir / "basemap"
    (target / "tiles-10m").mkdir(parents=True, exist_ok=True)
    sources = [BASEMAP_DIR / name for name in _PUBLISHED]
    sources += sorted(BASEMAP_DIR.glob("LICENSE.*")) + sorted(TILES_DIR.glob("*json"))
    for source in sources:
        _mirror(source, target / source.relative_to(BASEMAP_DIR))
    labels = target / "labels.json"
    newest = max(path.stat().st_mtime for path in BASEMAP_DIR.glob("*.geojson"))
    if not labels.exists() or labels.stat().st_mtime < newest:
        _atomic_write(labels, json.dumps({"columns": LABEL_COLUMNS, **label_points()}, separators=(",", ":")))
    return target


def _mirror(source: Path, target: Path) -> None:
    stat = source.stat()
    if target.exists() and target.stat().st_size == stat.st_size and target.stat().st_mtime >= stat.st_mtime:
        return
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, partial)
    partial.replace(target)


def _atomic_write(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


MAX_INLINE_CELLS = 16
"""Detail cells a standalone file carries at most (about 1.5 MB around the Caspian)."""


def standalone_files(bounds: Bounds | None, zoom: int) -> dict[str, Any]:
    """The basemap files a standalone HTML map needs for a view of ``bounds`` at ``zoom``, by
    the path the browser would fetch: the coarse world tier always (zooming out never goes
    blank), the 50m tier and the 10m cells around the view when it is that close, and the
    names within reach."""
    west, south, east, north = bounds or (-180.0, -85.0, 180.0, 85.0)
    margin_x, margin_y = max((east - west) * 0.5, 2.0), max((north - south) * 0.5, 2.0)
    area = (max(west - margin_x, -180.0), max(south - margin_y, -90.0), min(east + margin_x, 180.0),
            min(north + margin_y, 90.0))
    files: dict[str, Any] = {"countries-110m.geojson": countries_geojson("110m")}
    if zoom >= 4:  # as the browser: the coarse tier up to zoom 3
        files |= {name: _features_within(name, area) for name in
                  ("countries-50m.geojson", "lakes-50m.geojson", "rivers-50m.geojson")}
    cells = cells_for(area) if zoom >= DETAIL_FROM_ZOOM - 1 else []
    if len(cells) > MAX_INLINE_CELLS:
        cells = cells_for((west, south, east, north))[:MAX_INLINE_CELLS]
    index = tile_index()
    files["tiles-10m/index.json"] = {**index, "cells": {name: index["cells"][name] for name in cells}}
    files |= {f"tiles-10m/{name}.geojson": _tile_json(name) for name in cells}
    files["labels.json"] = {"columns": LABEL_COLUMNS, **labels_within(area)}
    return files


@lru_cache(maxsize=2 * MAX_INLINE_CELLS)
def _tile_json(name: str) -> dict[str, Any]:
    """One detail cell as read (the views of a deck often share cells); never changed by callers."""
    with (TILES_DIR / f"{name}.geojson").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _geojson(name: str) -> dict[str, Any]:
    with (BASEMAP_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def _features_within(name: str, area: Bounds) -> dict[str, Any]:
    """A world-tier file with only the features whose box meets ``area``."""
    west, south, east, north = area
    boxes = _feature_boxes(name)
    meets = (boxes[:, 0] <= east) & (boxes[:, 2] >= west) & (boxes[:, 1] <= north) & (boxes[:, 3] >= south)
    features = _geojson(name)["features"]
    return {"type": "FeatureCollection", "features": [features[i] for i in np.flatnonzero(meets)]}


@cache
def _feature_boxes(name: str) -> np.ndarray:
    """west, south, east, north of every feature of a world-tier file, read once: a deck frames many views."""
    geometries = shapely.from_geojson([json.dumps(f["geometry"]) for f in _geojson(name)["features"]])
    return shapely.bounds(geometries)


# ---------------------------------------------------------------- which countries a sea borders

SHORE_BUFFER_DEG = 0.3
"""A country whose land comes this close to a sea's (simplified) footprint borders it."""


@cache
def _marine_areas() -> gpd.GeoDataFrame:
    return gpd.read_file(BASEMAP_DIR / "marine.geojson").set_crs("EPSG:4326", allow_override=True)


def marine_bounds(name: str) -> Bounds | None:
    """The box of the Natural Earth marine area (sea, gulf, strait) called ``name``; ``None`` if there is none."""
    marine = _marine_areas()
    named = marine[marine["name"].str.casefold() == name.casefold()]
    if named.empty:
        return None
    west, south, east, north = (float(v) for v in shapely.total_bounds(named.geometry.values))
    return west, south, east, north


@cache
def bordering_countries(name: str, lon: float, lat: float) -> tuple[str, ...]:
    """ISO codes of the countries around the sea, gulf or strait called ``name`` at (lon, lat):
    the Natural Earth marine area of that name (else the one holding the point), grown by
    :data:`SHORE_BUFFER_DEG`, against the country polygons. Empty when no marine area fits."""
    marine = _marine_areas()
    named = marine[marine["name"].str.casefold() == name.casefold()]
    if named.empty:
        named = marine[marine.contains(shapely.Point(lon, lat))]
    if named.empty:
        return ()
    shore = shapely.union_all(named.geometry.values).buffer(SHORE_BUFFER_DEG)
    land = countries("50m")
    codes = land.loc[land.intersects(shore), "iso_a2"]
    return tuple(sorted({code for code in codes if isinstance(code, str) and len(code) == 2}))
