"""One style for every map: event icons and colours, corridor colours, place colour, basemap themes.

The interactive map, the PNG snapshot, the KML and the timeline chart all take their colours
from here, and event types take theirs from the registry (:mod:`geo.events.types`), so a type
or a corridor looks the same in every view and export.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.events.types import BY_NAME

DEFAULT_EVENT_STYLE = ("circle-info", "gray", "#575757")
"""(icon, marker colour, hex colour) of an event type the registry does not know."""
CORRIDOR_COLOURS = (
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324",
    "#469990", "#800000", "#808000", "#000075", "#bfef45", "#fabed4", "#dcbeff", "#aaffc3",
)
PLACE_COLOUR = "#1f4e79"
THEMES = {
    "light": {"sea": "#dde8f0", "land": "#f6f4ef", "border": "#b8b2a7", "text": "#1b1b1b", "panel": "rgba(255,255,255,0.92)"},
    "dark": {"sea": "#0d1520", "land": "#243142", "border": "#3e4c60", "text": "#f0f0f0", "panel": "rgba(20,28,38,0.92)"},
}


def event_style(event_type: str) -> tuple[str, str, str]:
    """(Font Awesome icon, awesome-markers colour, hex colour) of an event type; unknown types share a grey pin."""
    known = BY_NAME.get(event_type)
    return (known.icon, known.marker, known.colour) if known is not None else DEFAULT_EVENT_STYLE


def is_styled(event_type: str) -> bool:
    """Whether the registry gives this type its own icon and colour."""
    return event_type in BY_NAME


def corridor_colours(names: Iterable[str]) -> dict[str, str]:
    """One distinct colour per corridor name, assigned in name order."""
    return {name: CORRIDOR_COLOURS[i % len(CORRIDOR_COLOURS)] for i, name in enumerate(sorted(set(names)))}
