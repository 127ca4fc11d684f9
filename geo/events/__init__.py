"""Events: who did what, where and when, as a sentence of an article tells it."""

from __future__ import annotations

from geo.events.dates import resolve_dates
from geo.events.extract import extract_events, extract_events_batch

__all__ = ["extract_events", "extract_events_batch", "resolve_dates"]
