"""Maps of the filtered store: the interactive Folium map, the PNG snapshot, the offline basemap and assets.

The PNG renderer (Matplotlib, about a second to import) is imported on first use, so pages
that only show the interactive map do not pay for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from geo.maps.features import map_layers
from geo.maps.webmap import build_map, draw_map

if TYPE_CHECKING:
    from geo.maps.render import render_png

_LAZY = {"render_png": "geo.maps.render"}

__all__ = ["build_map", "draw_map", "map_layers", "render_png"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
