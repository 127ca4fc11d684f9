"""The GeoParquet store: its schema, the tables, the filters the app applies, and the build that writes it.

``build`` and ``BuildSummary`` load the whole engine (geoparser, language model), so they are
imported on first use: reading and filtering the store stays light for the app.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from geo.store.filters import Filters, apply_filters
from geo.store.schema import TABLES
from geo.store.tables import Store, load_store

if TYPE_CHECKING:
    from geo.store.build import BuildSummary, build

_LAZY = {"BuildSummary": "geo.store.build", "build": "geo.store.build"}

__all__ = ["TABLES", "BuildSummary", "Filters", "Store", "apply_filters", "build", "load_store"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
