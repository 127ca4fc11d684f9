"""One style for every map: event icons and colours, corridor colours, place colour, basemap themes.

The interactive map, the PNG snapshot, the KML and the timeline chart all take their colours
from here. An event type's icon and colour come from its registry entry
(:mod:`geo.events.types`); a corridor's colour is a property of the corridor itself (the
``colour`` of its registry entry, else a palette colour picked by its id), never of its position
in a list, so a corridor keeps its colour in every view, filter and export. A stated route that
belongs to a named corridor is drawn in that corridor's colour (dashed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from geo.events.types import BY_NAME

DEFAULT_EVENT_STYLE = ("circle-info", "gray", "#575757")
"""(icon, marker colour, hex colour) of an event type the registry does not know."""
CORRIDOR_PALETTE = (
    "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#1f78b4", "#b15928", "#e31a1c",
    "#33a02c", "#ff7f00", "#6a51a3", "#0b5394", "#8c510a", "#01665e", "#c51b7d", "#4d9221",
)
"""Colours of corridors the registry gives none (stated routes of no named corridor)."""
PLACE_COLOUR = "#1f4e79"
THEMES: dict[str, dict[str, str]] = {
    "light": {
        "sea": "#cfe0ec", "land": "#f5f2ea", "border": "#8f8578", "coast": "#86a7bf", "river": "#79a9d1",
        "text": "#1b1b1b", "panel": "rgba(255,255,255,0.92)", "label": "#1d2a36", "halo": "#ffffff",
        "country": "#6b5f51", "water_text": "#3d6f95", "city": "#33312e", "region": "#8a7a66",
        "place": "#0f2f52",
    },
    "dark": {
        "sea": "#0d1520", "land": "#243142", "border": "#5b6b80", "coast": "#3f6688", "river": "#2f5a7e",
        "text": "#f0f0f0", "panel": "rgba(20,28,38,0.92)", "label": "#e8eef5", "halo": "#0d1520",
        "country": "#b9c3cf", "water_text": "#7fa9cc", "city": "#d6dde6", "region": "#9aa6b3",
        "place": "#ffffff",
    },
}


def event_style(event_type: str) -> tuple[str, str, str]:
    """(Font Awesome icon, awesome-markers colour, hex colour) of an event type; unknown types share a grey pin."""
    known = BY_NAME.get(event_type)
    return (known.icon, known.marker, known.colour) if known is not None else DEFAULT_EVENT_STYLE


def is_styled(event_type: str) -> bool:
    """Whether the registry gives this type its own icon and colour."""
    return event_type in BY_NAME


@cache
def _registry_colours() -> dict[str, str]:
    """Registry colours by corridor id, name and alias (case-folded)."""
    from geo.corridors.registry import read_registry

    colours: dict[str, str] = {}
    for spec in read_registry():
        colour = spec.colour or _palette(spec.corridor_id)
        for key in (spec.corridor_id, *spec.names):
            colours[key.casefold()] = colour
    return colours


def _palette(key: str) -> str:
    digest = hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).digest()
    return CORRIDOR_PALETTE[int.from_bytes(digest[:4], "big") % len(CORRIDOR_PALETTE)]


def corridor_colour(corridor_id: str, name: str = "", part_of: str | None = None) -> str:
    """The corridor's own colour: its registry colour (by id, or by name or alias), that of the
    named corridor it is part of, or a palette colour picked by its id."""
    registry = _registry_colours()
    for key in (corridor_id, name, part_of):
        if isinstance(key, str) and key and key.casefold() in registry:
            return registry[key.casefold()]
    return _palette(corridor_id or name)


def corridor_colours(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Colour by corridor name for table rows with ``name`` (and ``corridor_id``, ``part_of``)."""
    return {
        str(row["name"]): corridor_colour(str(row.get("corridor_id") or ""), str(row["name"]), _text(row.get("part_of")))
        for row in rows
    }


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
