"""A standalone interactive map: one HTML file that opens in a browser with no network."""

from __future__ import annotations

import html
from typing import cast

from branca.element import Figure

from geo.export.names import DEFAULT_TITLE, caption
from geo.maps.view import MapView
from geo.store.filters import Filters, StoreLike


def to_html(view: StoreLike, filters: Filters, *, title: str = DEFAULT_TITLE, current: MapView | None = None) -> bytes:
    """The app's map of ``view`` with scripts, styles and the basemap its frame needs inlined;
    it opens on ``current`` (the view on screen) when given, else on the view's frame."""
    from geo.maps.webmap import render_map

    fmap = render_map(
        view, assets="inline", briefing=filters.briefing, dark=filters.dark, caption=caption(view, filters),
        view=current, corridors_selected=bool(filters.corridors),
    )
    root = cast(Figure, fmap.get_root())
    root.title = html.escape(title)  # branca writes the title into <title> unescaped
    return root.render().encode("utf-8")
