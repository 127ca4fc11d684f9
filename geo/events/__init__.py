"""Events: who did what, where and when, as a sentence of an article tells it.

The entry points are imported on first use (PEP 562): the map and the app read only the
type registry (``geo.events.types``), and importing the package must not load the extractor.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["extract_events", "extract_events_batch", "resolve_dates"]
_HOMES = {"extract_events": "geo.events.extract", "extract_events_batch": "geo.events.extract",
          "resolve_dates": "geo.events.dates"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'geo.events' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
