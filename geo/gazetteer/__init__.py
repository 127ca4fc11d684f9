"""The offline gazetteer: GeoNames-derived places in an SQLite index built once and read many times."""

from __future__ import annotations

from geo.gazetteer.index import Entry, Gazetteer, gazetteer, get_place, normalize, skeleton

__all__ = ["Entry", "Gazetteer", "gazetteer", "get_place", "normalize", "skeleton"]
