"""Geoparsing: recognise place names in text, resolve each to one gazetteer place, apply corrections."""

from __future__ import annotations

from geo.parse.corrections import (
    Correction,
    add_correction,
    apply_corrections,
    load_corrections,
    remove_correction,
)
from geo.parse.geoparser import candidates, geoparse, resolve_name

__all__ = ["Correction", "add_correction", "apply_corrections", "candidates", "geoparse", "load_corrections", "remove_correction", "resolve_name"]
