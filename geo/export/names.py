"""What an export is called and what its caption says.

A file name carries the filters and the date, so a folder of exports reads like a list of
views; the caption on a snapshot or in a KML names the time window and every active filter.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Protocol

import pandas as pd

from geo.store.filters import FIELDS, Filters, describe

APP_NAME = "corridor-atlas"
DEFAULT_TITLE = "Corridor Atlas"
MAX_SLUG_CHARS = 80


class _Counted(Protocol):
    events: pd.DataFrame
    corridors: pd.DataFrame
    places: pd.DataFrame


def filter_slug(filters: Filters) -> str:
    """A short, file-name-safe summary of the filters (``all`` when nothing is filtered).

    Long selections are cut and get a hash of the full state, so two different views never
    share a file name.
    """
    parts: list[str] = []
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "start"
        end = filters.date_to.isoformat() if filters.date_to else "now"
        parts.append(f"{start}_to_{end}")
    selections = [getattr(filters, spec.name) for spec in FIELDS if spec.kind == "choice"]
    parts += ["+".join(values) for values in selections if values]
    if filters.min_confidence:
        parts.append(f"conf{filters.min_confidence:g}")
    if filters.text:
        parts.append(f"q-{filters.text}")
    if not filters.include_undated:
        parts.append("dated-only")
    slug = re.sub(r"[^A-Za-z0-9.+_-]+", "-", "_".join(parts)).strip("-_.").lower() or "all"
    if len(slug) > MAX_SLUG_CHARS:
        digest = hashlib.sha1(repr(filters.to_query_params()).encode(), usedforsecurity=False).hexdigest()[:8]
        slug = f"{slug[:MAX_SLUG_CHARS].rstrip('-_.+')}-{digest}"
    return slug


def export_file_name(extension: str, filters: Filters, *, layer: str | None = None, today: date | None = None) -> str:
    """``corridor-atlas[_layer]_<filters>_<YYYY-MM-DD>.<ext>``: what and when, readable in a folder."""
    stamp = (today or date.today()).isoformat()  # noqa: DTZ011 - the user's local date is what they expect
    middle = f"_{layer}" if layer else ""
    return f"{APP_NAME}{middle}_{filter_slug(filters)}_{stamp}.{extension}"


def caption(view: _Counted, filters: Filters) -> str:
    """The snapshot caption: time window, active filters, what is drawn and the events' date span."""
    counts = f"{len(view.events)} events, {len(view.corridors)} corridors, {len(view.places)} places"
    dates = pd.to_datetime(pd.concat([view.events["start"], view.events["end"]]), errors="coerce").dropna()
    if len(dates):
        counts += f" (events dated {dates.min():%Y-%m-%d} – {dates.max():%Y-%m-%d})"
    return f"Time window: {describe(filters)} · {counts}"
