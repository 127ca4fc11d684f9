"""Geoparsing: recognise place names in text, resolve each to one gazetteer place, apply corrections."""

from __future__ import annotations

from geo.parse.corrections import (
    Correction,
    add_correction,
    apply_corrections,
    load_corrections,
    remove_correction,
)
from geo.parse.geoparser import GeoparseResult, candidates, geoparse, geoparse_document, resolve_name

__all__ = [
    "Correction", "GeoparseResult", "add_correction", "apply_corrections", "candidates", "geoparse",
    "geoparse_document", "load_corrections", "remove_correction", "resolve_name",
]
