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


def thumbnail(png: bytes, width: int) -> bytes:
    """``png`` scaled down to at most ``width`` pixels across (PNG bytes), for an on-screen preview.

    A page that shows a full-size snapshot has its server scale it again on every run (an A4
    snapshot is 3,508 pixels wide); the preview is scaled once and cached instead.
    """
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(png)) as image:
        if image.width <= width:
            return png
        image.thumbnail((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        out = BytesIO()
        image.save(out, format="PNG", optimize=False)
    return out.getvalue()
