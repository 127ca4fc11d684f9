"""A briefing's deck in each of its formats (PDF, PNGs, HTML slideshow), for the command line and the app.

One table, :data:`DECK_FORMATS`, so ``python -m geo export --briefing`` and the Briefings page
offer the same files under the same names: ``briefing-<slug>_<date>.<ext>``, PNGs one per view
then the sources slide.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo import settings
from geo.briefings.files import Known, Loaded, known_from, list_briefings, load_briefing, slug
from geo.briefings.model import Briefing
from geo.errors import ExportError, UnknownBriefingError
from geo.events.types import NAMES as EVENT_TYPES
from geo.store.filters import StoreLike

Make = Callable[[StoreLike, Briefing, bool, date], dict[str, bytes]]


@dataclass(frozen=True, slots=True)
class DeckFormat:
    """One way to hand a briefing over: its ``--format`` name, what it makes and how it is served."""

    name: str
    extension: str
    mime: str
    label: str
    make: Make


# The deck modules load Matplotlib's PDF and Agg back ends (about 2.5 s): imported when a deck is
# made, not by every page whose sidebar saves views.


def _pdf(store: StoreLike, briefing: Briefing, mark: bool, today: date) -> dict[str, bytes]:
    from geo.briefings.deck import deck_pdf, file_stem

    return {f"{file_stem(briefing, today)}.pdf": deck_pdf(store, briefing, mark_changes=mark)}


def _pngs(store: StoreLike, briefing: Briefing, mark: bool, today: date) -> dict[str, bytes]:
    from geo.briefings.deck import deck_pngs

    return deck_pngs(store, briefing, mark_changes=mark, today=today)


def _html(store: StoreLike, briefing: Briefing, mark: bool, today: date) -> dict[str, bytes]:
    from geo.briefings.deck import file_stem
    from geo.briefings.slideshow import slideshow_html

    return {f"{file_stem(briefing, today)}.html": slideshow_html(store, briefing, mark_changes=mark)}


DECK_FORMATS: dict[str, DeckFormat] = {
    deck.name: deck
    for deck in (
        DeckFormat("pdf", "pdf", "application/pdf", "PDF (one page per view)", _pdf),
        DeckFormat("png", "png", "image/png", "PNG slides", _pngs),
        DeckFormat("html", "html", "text/html", "HTML slideshow (offline)", _html),
    )
}


def deck_files(store: StoreLike, briefing: Briefing, fmt: str, *, mark_changes: bool = False,
               today: date | None = None) -> dict[str, bytes]:
    """Every file of ``briefing``'s deck in ``fmt``, by file name, in order."""
    if fmt not in DECK_FORMATS:
        raise ExportError(f"a briefing exports as {', '.join(DECK_FORMATS)}, not {fmt!r}")
    return DECK_FORMATS[fmt].make(store, briefing, mark_changes, today or date.today())  # noqa: DTZ011 - the user's day


def zipped(files: dict[str, bytes]) -> bytes:
    """Several files as one zip download (the PNG slides from the app); PNGs are stored, not recompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def find_briefing(name: str, folder: Path | None = None) -> Path:
    """The file of the briefing called ``name`` (its name, its file stem, or a path to its file).

    Raises :class:`~geo.errors.UnknownBriefingError` naming the briefings there are.
    """
    folder = folder or settings.briefings_dir()
    given = Path(name)
    if given.suffix == ".yaml" and given.is_file():
        return given
    found = list_briefings(folder) if folder.is_dir() else []
    for title, path in found:
        if title.casefold() == name.strip().casefold() or path.stem == slug(name):
            return path
    raise UnknownBriefingError(name, folder, [title for title, _ in found])


def known_in(store: StoreLike) -> Known:
    """What a view's filters are checked against: the store's corridors (with aliases) and the event types."""
    corridors = store.corridors
    aliases = corridors["aliases"] if "aliases" in corridors else [[]] * len(corridors)
    pairs = [(str(name), [str(a) for a in (names if names is not None else [])])
             for name, names in zip(corridors["name"], aliases, strict=True)]
    return known_from(pairs, EVENT_TYPES)


def open_briefing(name: str, store: StoreLike, folder: Path | None = None) -> Loaded:
    """The briefing called ``name``, read and checked against ``store`` (problems reported, never raised)."""
    return load_briefing(find_briefing(name, folder), known_in(store))
