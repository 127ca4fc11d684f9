"""The view as a GeoPackage: one layer per map layer, readable by QGIS and GDAL."""

from __future__ import annotations

import tempfile
from pathlib import Path

from geo.export.geojson import LAYERS
from geo.export.tables import flat_table
from geo.maps.render import MapLayers

_GEOMETRY_TYPES = {"events": "Point", "places": "Point", "corridors": "MultiLineString"}


def to_gpkg(view: MapLayers) -> bytes:
    """A GeoPackage with one layer per map layer (corridors as MultiLineString); empty layers are kept."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        for name in LAYERS:
            flat = flat_table(getattr(view, name))
            flat.to_file(
                path, layer=name, driver="GPKG", engine="pyogrio", promote_to_multi=name == "corridors",
                geometry_type=_GEOMETRY_TYPES[name],
            )
        return path.read_bytes()
