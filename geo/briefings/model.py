"""A briefing: an ordered list of saved views, each a title, a note, filters, a map extent and layers.

The records here are plain and immutable; :mod:`geo.briefings.files` turns them into the YAML a
person can read, diff and edit, and back. Filters are kept in their URL form
(:meth:`geo.store.filters.Filters.to_query_params`), the one description the app, the URL and
the command line already share.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from geo.maps.view import MapView
from geo.store.filters import Filters

SCHEMA_VERSION = 1
LAYERS: tuple[str, ...] = ("corridors", "events", "places")
"""Map layers a view can show."""
SCREEN = (1920, 1080)
"""The shared screen a briefing is presented on, in pixels."""
PRESENTER_MAP = (1500, 850)
"""The map of presenter mode on that screen (the note, title and caption take the rest), in pixels."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the view showed when it was saved: counts, the documents behind it, a digest of its events.

    Lets the briefing say later what changed (new articles, corrections) without keeping every
    event id in a file meant to be read by people. ``documents`` is complete only when
    ``complete`` is true (views over very many articles keep the first ones).
    """

    events: int = 0
    places: int = 0
    corridors: int = 0
    documents: tuple[str, ...] = ()
    complete: bool = True
    digest: str = ""


@dataclass(frozen=True, slots=True)
class View:
    """One slide of a briefing."""

    title: str
    note: str = ""
    """Markdown written by the briefer (their own text, not an article's)."""
    filters: Filters = field(default_factory=Filters)
    extent: MapView | None = None
    """``None``: frame the view's features (the default framing)."""
    layers: tuple[str, ...] = LAYERS
    saved_at: datetime | None = None
    snapshot: Snapshot = field(default_factory=Snapshot)


@dataclass(frozen=True, slots=True)
class Briefing:
    """A named, ordered sequence of views."""

    name: str
    views: tuple[View, ...] = ()

    def with_views(self, views: list[View] | tuple[View, ...]) -> Briefing:
        return replace(self, views=tuple(views))

    def added(self, view: View) -> Briefing:
        return self.with_views([*self.views, view])

    def moved(self, index: int, to: int) -> Briefing:
        """The view at ``index`` moved to position ``to`` (both clamped to the list)."""
        views = list(self.views)
        if not views:
            return self
        view = views.pop(_clamp(index, len(views) + 1))
        views.insert(_clamp(to, len(views) + 1), view)
        return self.with_views(views)

    def removed(self, index: int) -> Briefing:
        return self.with_views([v for i, v in enumerate(self.views) if i != index])

    def duplicated(self, index: int) -> Briefing:
        views = list(self.views)
        copy = replace(views[index], title=f"{views[index].title} (copy)")
        views.insert(index + 1, copy)
        return self.with_views(views)

    def renamed(self, index: int, title: str) -> Briefing:
        views = list(self.views)
        views[index] = replace(views[index], title=title)
        return self.with_views(views)


def _clamp(value: int, size: int) -> int:
    return max(0, min(value, size - 1))
