"""Analyst corrections to geoparsing, kept in a human-readable CSV (``data/corrections.csv``).

Corrections are the analyst's own work, so they live outside the generated store: the
pipeline reads them on every build and never writes them, they survive rebuilds and
restarts, and they can be reviewed in a spreadsheet or a diff. They are applied to a
document's toponyms *before* events and corridors are derived, so reassigning a place also
moves the events and corridor waypoints that rest on it.

A correction names a span of one document (``doc_id`` is the content hash of the cleaned
text, so offsets stay valid for as long as the text does) and says either ``reassign`` it
to another gazetteer place or that it is ``not_place``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from geo.atomic import locked, write_atomically
from geo.errors import CorrectionError
from geo.models import Place, Toponym

Action = Literal["reassign", "not_place"]
ACTIONS: tuple[Action, ...] = ("reassign", "not_place")
# A reassigned mention was confirmed by a person: it outranks any automatic score.
CONFIRMED_SCORE = 1.0


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst decision about one place mention."""

    doc_id: str
    document: str
    start: int
    end: int
    text: str
    action: Action
    place_id: str = ""
    note: str = ""
    created: str = ""

    @classmethod
    def create(
        cls,
        *,
        doc_id: str,
        document: str,
        start: int,
        end: int,
        text: str,
        action: Action,
        place_id: str = "",
        note: str = "",
    ) -> Correction:
        """A validated correction stamped with the current UTC time."""
        created = datetime.now(UTC).replace(microsecond=0).isoformat()
        correction = cls(doc_id, document, start, end, text, action, place_id, note, created)
        _validate(correction)
        return correction

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Correction))


def load_corrections(path: str | Path) -> list[Correction]:
    """Corrections in ``path``; an absent file means no corrections yet.

    Raises :class:`CorrectionError` naming the file (and line) for anything that is not a
    corrections CSV: other columns, text that is not UTF-8, a field over the csv module's limit.
    """
    path = Path(path)
    if not path.exists():
        return []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            try:
                return _read_rows(path, reader)
            except csv.Error as error:  # raised before the row is counted: it is the next line
                raise CorrectionError(path, f"not a readable CSV row ({error})", reader.line_num + 1) from None
    except UnicodeDecodeError as error:
        raise CorrectionError(
            path, f"not UTF-8 text (byte {error.start}); save it as CSV UTF-8"
        ) from None
    except OSError as error:
        raise CorrectionError(path, f"cannot be read ({error.strerror or error})") from None


def _read_rows(path: Path, reader: csv.DictReader[str]) -> list[Correction]:
    missing = {"doc_id", "start", "end", "action"} - set(reader.fieldnames or ())
    if missing:
        raise CorrectionError(path, f"missing column(s) {', '.join(sorted(missing))}")
    corrections: list[Correction] = []
    for row in reader:
        try:
            correction = Correction(
                doc_id=(row.get("doc_id") or "").strip(),
                document=row.get("document") or "",
                start=int(row.get("start") or ""),
                end=int(row.get("end") or ""),
                text=row.get("text") or "",
                action=(row.get("action") or "").strip(),  # type: ignore[arg-type]
                place_id=(row.get("place_id") or "").strip(),
                note=row.get("note") or "",
                created=row.get("created") or "",
            )
            _validate(correction)
        except ValueError as error:
            raise CorrectionError(path, str(error), reader.line_num) from None
        corrections.append(correction)
    return corrections


def save_corrections(path: str | Path, corrections: Iterable[Correction]) -> None:
    """Write all corrections, sorted by document and offset, atomically (temp file + rename).

    To change the file, use :func:`add_correction` or :func:`remove_correction`: they hold
    the file's lock from reading to writing, so two saves at once both count.
    """
    rows = sorted(corrections, key=lambda c: (c.document, c.doc_id, c.start, c.end))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(astuple(c) for c in rows)
    write_atomically(Path(path), buffer.getvalue())


def add_correction(path: str | Path, correction: Correction) -> list[Correction]:
    """Save ``correction``, replacing an earlier decision about the same span; returns them all."""
    _validate(correction)
    with locked(Path(path)):
        kept = [c for c in load_corrections(path) if _key(c) != _key(correction)]
        kept.append(correction)
        save_corrections(path, kept)
    return kept


def remove_correction(path: str | Path, doc_id: str, start: int, end: int) -> list[Correction]:
    """Forget the decision about one span (the geoparser's own reading comes back on rebuild)."""
    with locked(Path(path)):
        kept = [c for c in load_corrections(path) if _key(c) != (doc_id, start, end)]
        save_corrections(path, kept)
    return kept


def by_document(corrections: Iterable[Correction]) -> dict[str, tuple[Correction, ...]]:
    """Corrections grouped by ``doc_id``, each group in offset order."""
    groups: dict[str, list[Correction]] = {}
    for correction in corrections:
        groups.setdefault(correction.doc_id, []).append(correction)
    return {doc_id: tuple(sorted(group, key=_key)) for doc_id, group in groups.items()}


def fingerprint(corrections: Sequence[Correction]) -> str:
    """Short hash of what the corrections change (not of notes or timestamps), '' for none.

    The store keeps it per document: when it differs, that document is parsed again.
    """
    if not corrections:
        return ""
    digest = hashlib.blake2b(digest_size=8)
    for c in sorted(corrections, key=_key):
        digest.update(f"{c.start}\t{c.end}\t{c.text}\t{c.action}\t{c.place_id}\n".encode())
    return digest.hexdigest()


def apply_corrections(
    toponyms: Sequence[Toponym],
    corrections: Sequence[Correction],
    text: str,
    get_place: Callable[[str], Place | None] | None = None,
) -> list[Toponym]:
    """Toponyms of one document with the analyst's corrections applied, in offset order.

    A correction matches the toponym with the same span, or failing that an overlapping
    toponym with the same surface text. ``not_place`` drops it; ``reassign`` replaces its
    place (and adds the mention if the geoparser missed it, provided the text still reads
    the same at those offsets). A reassignment to an unknown place id is ignored.
    """
    if not corrections:
        return list(toponyms)
    if get_place is None:
        get_place = _gazetteer_lookup()
    result: dict[tuple[int, int], Toponym] = {(t.start, t.end): t for t in toponyms}
    for correction in corrections:
        matched = _match(result, correction)
        if correction.action == "not_place":
            if matched is not None:
                del result[matched]
            continue
        place = get_place(correction.place_id)
        if place is None:
            continue
        if matched is not None:
            original = result.pop(matched)
            result[matched] = Toponym.of(place, original.start, original.end, original.text, CONFIRMED_SCORE)
        elif text[correction.start : correction.end] == correction.text:
            result[correction.span] = Toponym.of(
                place, correction.start, correction.end, correction.text, CONFIRMED_SCORE
            )
    return sorted(result.values(), key=lambda t: (t.start, t.end))


def _match(toponyms: Mapping[tuple[int, int], Toponym], correction: Correction) -> tuple[int, int] | None:
    if correction.span in toponyms:
        return correction.span
    for (start, end), toponym in toponyms.items():
        if start < correction.end and correction.start < end and toponym.text == correction.text:
            return (start, end)
    return None


def _key(correction: Correction) -> tuple[str, int, int]:
    return (correction.doc_id, correction.start, correction.end)


def _validate(correction: Correction) -> None:
    if not correction.doc_id:
        raise ValueError("doc_id is empty")
    if not 0 <= correction.start < correction.end:
        raise ValueError(f"bad span {correction.start}..{correction.end}")
    if correction.action not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}, not {correction.action!r}")
    if correction.action == "reassign" and not correction.place_id:
        raise ValueError("a reassignment needs a place_id")


def _gazetteer_lookup() -> Callable[[str], Place | None]:
    # Imported here: loading the gazetteer is heavy and only reassignments need it.
    from geo.gazetteer.index import get_place

    return get_place
