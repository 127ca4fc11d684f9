"""Corridor Atlas engine: geoparsing, dates, events, corridors, storage and rendering.

The engine never imports Streamlit; the app in ``app.py`` and ``pages/`` is a thin view over it.
``geoparse`` is imported lazily so that light modules (corpus, dates) do not pay for the
gazetteer and NLP models.
"""

from __future__ import annotations

from typing import Any

__all__ = ["geoparse"]


def __getattr__(name: str) -> Any:
    if name == "geoparse":
        from geo.parse.geoparser import geoparse

        return geoparse
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
