"""Exports of the filtered view: PNG and HTML maps, GeoJSON, KML, CSV and GeoPackage files."""

from __future__ import annotations

from geo.export.files import (
    CSV_LAYERS,
    DEFAULT_TITLE,
    FORMATS,
    caption,
    cli_command,
    export_file_name,
    export_files,
    to_csv,
    to_geojson,
    to_gpkg,
    to_html,
    to_kml,
    to_png,
)

__all__ = [
    "CSV_LAYERS", "DEFAULT_TITLE", "FORMATS", "caption", "cli_command", "export_file_name", "export_files",
    "to_csv", "to_geojson", "to_gpkg", "to_html", "to_kml", "to_png",
]
