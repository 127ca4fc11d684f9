"""The registry of event types: one entry per type holds everything the engine and the maps need.

Adding a type is one entry here (plus its trigger rules and tests): the trigger vocabulary,
the order of specificity, the map icon and colours, the PNG and KML styles and the schema
documentation are all read from this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventType:
    """One kind of event and how it is shown.

    ``specificity``: when two triggers of one sentence give the same place and time, the type
    with the lower number is kept ("speaks during a press conference" is a press conference).
    ``icon`` is a Font Awesome name, ``marker`` an awesome-markers colour name, ``colour`` the
    hex colour of the legend, the PNG and the KML.
    """

    name: str
    specificity: int
    icon: str
    marker: str
    colour: str
    description: str

    @property
    def label(self) -> str:
        """``press_conference`` → ``Press conference``."""
        return self.name.replace("_", " ").capitalize()


EVENT_TYPES: tuple[EventType, ...] = (
    EventType("press_conference", 0, "microphone", "cadetblue", "#436978", "a press or news conference, a media briefing"),
    EventType("conference", 1, "users", "purple", "#d252b9", "a multi-party gathering: summit, conference, forum, congress"),
    EventType("military_exercise", 2, "crosshairs", "red", "#d63e2a", "drills, exercises, manoeuvres, war games"),
    EventType("agreement", 3, "file-signature", "darkgreen", "#728224", "a treaty, deal, memorandum or contract signed or reached"),
    EventType("facility_opening", 4, "industry", "orange", "#f69730", "a port, plant, office, embassy or line opened"),
    EventType("deployment", 5, "truck", "darkred", "#a23336", "forces, ships or weapons sent or stationed somewhere"),
    EventType("visit", 6, "plane", "green", "#72b026", "an official travels to, arrives in or tours a place"),
    EventType("meeting", 7, "handshake", "blue", "#38a9dc", "talks or a meeting between identified parties"),
    EventType("speech", 8, "bullhorn", "darkpurple", "#5b396b", "a speech or address to an audience"),
    EventType("statement", 9, "quote-left", "black", "#303030", "a public statement anchored in a place or a date"),
)
"""Every known type, most specific first."""

BY_NAME: dict[str, EventType] = {t.name: t for t in EVENT_TYPES}
NAMES: tuple[str, ...] = tuple(t.name for t in sorted(EVENT_TYPES, key=lambda t: t.specificity))
"""Type names, most specific first."""


def specificity(name: str) -> int:
    """Rank of a type (lower is more specific); unknown types rank last."""
    known = BY_NAME.get(name)
    return known.specificity if known is not None else len(EVENT_TYPES)
