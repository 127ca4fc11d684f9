"""Exports of the filtered view: PNG and HTML maps, GeoJSON, KML, CSV and GeoPackage files.

Every function takes what the user is looking at: the store after
:func:`geo.store.filters.apply_filters` (the "view"). The CLI (``python -m geo export``) and the
Export page both go through :mod:`geo.export.registry`, so a file made on either is the same file.
"""

from __future__ import annotations

from geo.export.csv_table import CSV_LAYERS, to_csv
from geo.export.geojson import to_geojson
from geo.export.gpkg import to_gpkg
from geo.export.html_map import to_html
from geo.export.kml import to_kml
from geo.export.names import DEFAULT_TITLE, caption, export_file_name
from geo.export.png import to_png
from geo.export.registry import EXPORTERS, OPTIONS, Exporter, cli_command, export_files, exporter

__all__ = [
    "CSV_LAYERS", "DEFAULT_TITLE", "EXPORTERS", "OPTIONS", "Exporter", "caption", "cli_command",
    "export_file_name", "export_files", "exporter", "to_csv", "to_geojson", "to_gpkg", "to_html", "to_kml",
    "to_png",
]
