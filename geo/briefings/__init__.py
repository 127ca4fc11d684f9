"""Briefings: saved views (filters, map frame, layers, a note) in order, kept as plain YAML files.

``model`` holds the records, ``files`` reads and writes them forgivingly and safely, ``shown``
computes what a view draws (its frame is a :class:`geo.maps.view.MapView`) and what changed
since it was saved, ``deck`` and ``slideshow`` make the PNG/PDF slides and the offline HTML
page, ``export`` names the deck formats and finds a briefing by name, ``present`` reads
presenter mode from the URL.
"""

from __future__ import annotations

from geo.briefings.files import (
    Known,
    Loaded,
    Problem,
    briefing_path,
    list_briefings,
    load_briefing,
    save_briefing,
    update_briefing,
)
from geo.briefings.model import Briefing, Snapshot, View
from geo.briefings.shown import Change, captured, changes, documents_behind, shown, snapshot

__all__ = [
    "Briefing", "Change", "Known", "Loaded", "Problem", "Snapshot", "View", "briefing_path", "captured", "changes",
    "documents_behind", "list_briefings", "load_briefing", "save_briefing", "shown", "snapshot", "update_briefing",
]
