"""Presenter mode in the URL: ``?briefing=NAME&step=N`` opens view N of a briefing full screen.

``briefing`` was already a URL flag (``briefing=1``: the map's briefing style, see
:class:`geo.store.filters.Filters`); a value that reads as a flag keeps that meaning, and any
other value names a briefing to present. The rule lives here, once, for the app and its tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from geo.briefings.files import BOOLEAN_WORDS

PARAM = "briefing"
STEP_PARAM = "step"


@dataclass(frozen=True, slots=True)
class Presenting:
    """Which briefing to present and which view (1-based, as in the URL and the "3 / 8" mark)."""

    name: str
    step: int = 1

    def url_params(self) -> dict[str, str]:
        return {PARAM: self.name, STEP_PARAM: str(self.step)}

    def query(self) -> str:
        """``?briefing=…&step=…``: the link to this view of the briefing."""
        return "?" + urlencode(self.url_params())

    def at(self, step: int, total: int) -> Presenting:
        """The same briefing at ``step``, kept within ``1..total``."""
        return Presenting(self.name, max(1, min(step, max(total, 1))))


def presenting(params: Mapping[str, str | Sequence[str]]) -> Presenting | None:
    """The presenter request in URL parameters, or ``None`` (no ``briefing`` or a flag value such as ``1``)."""
    raw = params.get(PARAM)
    values = [raw] if isinstance(raw, str) else list(raw or [])
    name = values[-1].strip() if values else ""
    if not name or name.lower() in BOOLEAN_WORDS:
        return None
    step_raw = params.get(STEP_PARAM)
    steps = [step_raw] if isinstance(step_raw, str) else list(step_raw or [])
    try:
        step = int(steps[-1]) if steps else 1
    except ValueError:
        step = 1
    return Presenting(name, max(step, 1))
