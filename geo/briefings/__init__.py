"""Briefings: saved views (filters, map frame, layers, a note) in order, kept as plain YAML files.

``model`` holds the records, ``files`` reads and writes them forgivingly and safely, ``shown``
computes what a view draws (its frame is a :class:`geo.maps.view.MapView`) and what changed
since it was saved, ``deck`` and ``slideshow`` export it as PNG/PDF slides and one offline HTML page.
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
from geo.briefings.shown import Change, changes, documents_behind, shown, snapshot

__all__ = [
    "Briefing", "Change", "Known", "Loaded", "Problem", "Snapshot", "View", "briefing_path", "changes",
    "documents_behind", "list_briefings", "load_briefing", "save_briefing", "shown", "snapshot", "update_briefing",
]
