"""The static snapshot of the view (the renderer is :mod:`geo.maps.render`)."""

from __future__ import annotations

from geo.export.names import DEFAULT_TITLE, caption
from geo.maps.render import Frame, MapLayers, Preset, render_png
from geo.maps.view import MapView
from geo.store.filters import Filters


def to_png(
    view: MapLayers,
    filters: Filters,
    *,
    preset: str | Preset = "slides",
    title: str = DEFAULT_TITLE,
    frame: Frame = "auto",
    current: MapView | None = None,
) -> bytes:
    """PNG bytes at the preset's size, with title, legend and the caption of ``filters``; it shows
    ``current`` (the view on screen) when given, else the ``frame``."""
    return render_png(view, title=title, caption=caption(view, filters), preset=preset, frame=frame, view=current,
                      corridors_selected=bool(filters.corridors))
