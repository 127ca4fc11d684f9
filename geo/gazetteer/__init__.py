"""The offline gazetteer: GeoNames-derived places in an SQLite index built once and read many times.

``names`` makes lookup keys, ``build`` writes the index from its sources, ``index`` reads it.
"""

from __future__ import annotations

from geo.gazetteer.index import Entry, Gazetteer, gazetteer, get_place
from geo.gazetteer.names import normalize, skeleton

__all__ = ["Entry", "Gazetteer", "gazetteer", "get_place", "normalize", "skeleton"]
