"""Popups and tooltips of map features: escaped HTML built from untrusted article text.

Each popup quotes the sentence a feature came from, with the exact words that were matched
marked (a misspelt "Astra Khan" is marked as written, not as the gazetteer's "Astrakhan"),
and names the document, its date and a link to the article when its URL is known.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import pandas as pd

from geo.maps.highlight import esc, highlight_all, link

EXAMPLE_CHARS = 220


def format_when(start: object, end: object, precision: str | None) -> str:
    """Human date for an interval at its precision: ``3 May 2024``, ``May 2024``, ``2024``."""
    start_d, end_d = as_date(start), as_date(end)
    if start_d is None:
        return "undated"
    fmt = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}.get(precision or "", "%-d %b %Y")
    first = start_d.strftime(fmt)
    last = end_d.strftime(fmt) if end_d else first
    text = first if last == first else f"{first} – {last}"
    return f"c. {text}" if precision == "approximate" else text


def as_date(value: object) -> date | None:
    """A date from a table cell (date, Timestamp, None/NaN/NaT)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value if isinstance(value, date) else None


def clip(text: str, limit: int = EXAMPLE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def type_label(event_type: str) -> str:
    """``military_exercise`` → ``Military exercise``."""
    return event_type.replace("_", " ").capitalize()


def source_line(document: object, url: object = None, when: str = "") -> str:
    """``<small>document · date · source link</small>`` (escaped)."""
    parts = [esc(document)] + ([esc(when)] if when else []) + ([link(url)] if link(url) else [])
    return f"<small>{' · '.join(part for part in parts if part)}</small>"


def event_popup(row: Any, surfaces: Iterable[str] = (), url: object = None) -> str:
    """An event: type, place, date and precision, actors, the sentence with its place marked."""
    actors = ", ".join(row.actors) if len(row.actors) else "—"
    precision = row.precision or "unknown"
    marked = highlight_all(row.sentence, [*surfaces, row.place or ""])
    reports = getattr(row, "reports", 1)
    reported = f" · reported by {int(reports)} articles" if isinstance(reports, int | float) and reports > 1 else ""
    planned = " · planned" if getattr(row, "planned", False) is True else ""
    return (
        f'<div class="ca-popup"><b>{esc(type_label(row.type))}</b> · {esc(row.place or "no place")}<br>'
        f'<span class="ca-when">{esc(format_when(row.start, row.end, precision))} ({esc(precision)}){planned}</span><br>'
        f"Actors: {esc(actors)}<br>"
        f"<blockquote>{marked}</blockquote>"
        f"{source_line(row.document, url)} <small>{reported} · confidence {row.confidence:.2f}</small></div>"
    )


def place_popup(row: Any, examples: Sequence[tuple[str, str, str]], urls: dict[str, object] | None = None) -> str:
    """A place: kind, country, mentions and up to a few quoted sentences with its words marked."""
    urls = urls or {}
    docs = list(row["documents"])
    shown = ", ".join(docs[:5]) + (f" and {len(docs) - 5} more" if len(docs) > 5 else "")
    quotes = "".join(
        f"<blockquote>{highlight_all(clip(sentence), [surface])}<br>{source_line(document, urls.get(document))}</blockquote>"
        for sentence, surface, document in examples
    )
    return (
        f'<div class="ca-popup"><b>{esc(row["name"])}</b> ({esc(row["kind"])}, {esc(row["country_code"] or "—")})<br>'
        f'{int(row["mentions"])} mention(s) · mean confidence {row["score"]:.2f}<br>'
        f"{quotes}<small>Documents: {esc(shown)}</small></div>"
    )


def corridor_patterns(name: str, aliases: Iterable[str] = (), waypoints: Iterable[str] = ()) -> list[re.Pattern[str]]:
    """What marks a corridor in a sentence: its name and aliases (separators interchangeable,
    as they are matched in articles) and, for a stated route, the words naming its waypoints."""
    from geo.corridors.names import alias_regex

    names = [n for n in (name, *aliases) if isinstance(n, str) and n.strip()]
    if " – " in name:  # a stated route is named by its places as the article wrote them
        names = [*name.split(" – "), *waypoints]
    return [re.compile(alias_regex(n), re.IGNORECASE) for n in sorted(set(names), key=len, reverse=True)]


def corridor_popup(row: Any, colour: str) -> str:
    """A corridor: kind, length, waypoints, dates, the first sentence with its name marked."""
    docs = list(row.documents)
    when = format_when(row.first_mentioned, row.last_mentioned, "day")
    patterns = corridor_patterns(row.name, _list(getattr(row, "aliases", None)), row.waypoints)
    sentence = highlight_all(clip(row.sentence, 400), patterns=patterns)
    swatch = f'<span class="ca-swatch" style="background:{esc(colour)}"></span>'
    return (
        f'<div class="ca-popup">{swatch}<b>{esc(row.name)}</b> ({esc(row.kind)} corridor, {row.length_km:,.0f} km)<br>'
        f"Via: {esc(' → '.join(row.waypoints))}<br>"
        f"Mentioned: {esc(when)}<br>"
        f"<blockquote>{sentence}</blockquote>"
        f"<small>Documents: {esc(', '.join(docs[:5]))}{' …' if len(docs) > 5 else ''}</small></div>"
    )


def _list(value: Any) -> list[str]:
    return [str(v) for v in value] if value is not None and not isinstance(value, str | float) else []
