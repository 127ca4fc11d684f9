"""What a saved view shows, what it showed when saved, and what changed since.

A view draws the store filtered by its filters, within its frame, on its layers. When it is
saved, a :class:`~geo.briefings.model.Snapshot` records the counts, the documents behind what
is drawn and a digest of its events; later the same computation on the current store tells the
briefer what is new (articles added, corrections applied) before they present it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

import pandas as pd
import shapely

from geo.briefings.model import PRESENTER_MAP, SCREEN, Snapshot, View
from geo.maps.framing import frame_of, pad
from geo.maps.view import Bounds, fit_view, view_bounds
from geo.store.filters import StoreLike, apply_filters

MAX_SNAPSHOT_DOCUMENTS = 200
"""Documents a snapshot lists by name; beyond this it keeps the count and the digest only."""
S = TypeVar("S", bound=StoreLike)


def shown(store: S, view: View) -> S:
    """The store as ``view`` draws it: its filters, its layers, and (when it has one) its frame."""
    filtered = apply_filters(store, view.filters)
    empty = {layer: getattr(filtered, layer).iloc[0:0] for layer in ("corridors", "events", "places")
             if layer not in view.layers}
    if view.extent is not None:
        box = shapely.box(*view_bounds(view.extent, *SCREEN))
        for layer in ("corridors", "events", "places"):
            if layer not in empty:
                frame = getattr(filtered, layer)
                inside = frame.geometry.notna() & frame.geometry.intersects(box) if len(frame) else []
                empty[layer] = frame[inside] if len(frame) else frame
    return dataclasses.replace(filtered, **empty)


def documents_behind(drawn: StoreLike) -> list[str]:
    """File names of the articles behind what is drawn: events, places' mentions, corridors; sorted."""
    names: set[str] = set(drawn.events["document"].dropna()) if len(drawn.events) else set()
    for layer in ("places", "corridors"):
        frame = getattr(drawn, layer)
        if len(frame):
            names.update(name for documents in frame["documents"] for name in documents)
    return sorted(names)


def snapshot(drawn: StoreLike) -> Snapshot:
    """The record a view keeps of what it drew when it was saved."""
    documents = documents_behind(drawn)
    return Snapshot(
        events=len(drawn.events),
        places=len(drawn.places),
        corridors=len(drawn.corridors),
        documents=tuple(documents[:MAX_SNAPSHOT_DOCUMENTS]),
        complete=len(documents) <= MAX_SNAPSHOT_DOCUMENTS,
        digest=_digest(drawn.events),
    )


def captured(store: StoreLike, view: View, now: datetime | None = None) -> View:
    """``view`` as saved now: stamped, with the snapshot of what it draws in ``store`` (what later changes are told against)."""
    return dataclasses.replace(view, saved_at=now or datetime.now(UTC), snapshot=snapshot(shown(store, view)))


def framed(view: View, bounds: Bounds, size: tuple[int, int] = PRESENTER_MAP) -> View:
    """``view`` with the extent that shows ``bounds`` (padded a little, as the map pads its frame) on a map of ``size``."""
    return dataclasses.replace(view, extent=fit_view(pad(bounds), *size))


def fitted(store: StoreLike, view: View, size: tuple[int, int] = PRESENTER_MAP) -> View:
    """``view`` with the extent the map would open on for its features, written down (so the file keeps it).

    Unchanged when nothing it draws has a position.
    """
    drawn = shown(store, dataclasses.replace(view, extent=None))
    bounds = frame_of(drawn, corridors_selected=bool(view.filters.corridors)).bounds
    return view if bounds is None else framed(view, bounds, size)


def _digest(events: pd.DataFrame) -> str:
    ids = sorted(events["event_id"].astype(str)) if len(events) else []
    return hashlib.blake2b("\n".join(ids).encode(), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Change:
    """What is different in a view now from when it was saved."""

    changed: bool
    events_then: int
    events_now: int
    new_documents: tuple[str, ...] = ()
    """Articles behind the view now that were not behind it when saved (when that is known)."""
    new_events: int = 0
    """Events now drawn from those new articles."""

    def summary(self) -> str:
        """One line for the slide: "3 new events from 2 articles added since saved" or "unchanged"."""
        if not self.changed:
            return "unchanged since saved"
        if self.new_events:
            articles = f"{len(self.new_documents)} new article{'s' if len(self.new_documents) != 1 else ''}"
            return f"{self.new_events} new event{'s' if self.new_events != 1 else ''} from {articles} since saved"
        difference = self.events_now - self.events_then
        if difference:
            return f"{abs(difference)} {'more' if difference > 0 else 'fewer'} event(s) than when saved"
        return "changed since saved (corrections or a rebuild moved what is drawn)"


def changes(view: View, drawn_now: StoreLike) -> Change:
    """Compare what ``view`` draws now with its snapshot. A view never saved counts as unchanged."""
    then = view.snapshot
    if not then.digest:
        return Change(False, len(drawn_now.events), len(drawn_now.events))
    now = snapshot(drawn_now)
    if now.digest == then.digest and now.places == then.places and now.corridors == then.corridors:
        return Change(False, then.events, now.events)
    new_documents: tuple[str, ...] = ()
    new_events = 0
    if then.complete:
        known = set(then.documents)
        new_documents = tuple(name for name in documents_behind(drawn_now) if name not in known)
        if new_documents and len(drawn_now.events):
            new_events = int(drawn_now.events["document"].isin(new_documents).sum())
    return Change(True, then.events, now.events, new_documents, new_events)
