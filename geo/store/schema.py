"""Columns of the GeoParquet store under ``data/processed/``, with their Arrow types.

The pipeline writes these tables and the app and exports read them; this module is the
contract between the two. Each column is declared once, with its type, so an empty or
all-null column is still written with that type and DuckDB, GDAL and GeoPandas read the same
thing whatever the corpus. Geometry columns are WGS84 (EPSG:4326) WKB. List columns hold
Python lists of strings. Dates are ``datetime.date`` (Arrow date32) or null.

Adding a column is one line in its table below (``name: Column(TYPE, "what it holds")``); the
writer, the reader, the GeoJSON twins and the empty tables follow from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from geo.events.types import NAMES as EVENT_TYPE_NAMES

STR = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
DATE = pa.date32()
BOOL = pa.bool_()
STR_LIST = pa.list_(pa.string())
GEOMETRY = pa.binary()
"""WKB, as GeoParquet stores geometry."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its Arrow type, whether it may be null, and what it holds.

    ``geometry_types`` is set for a geometry column only (the GeoParquet type names it may hold).
    """

    type: pa.DataType
    doc: str = ""
    nullable: bool = False
    geometry_types: tuple[str, ...] = ()

    @property
    def is_geometry(self) -> bool:
        return bool(self.geometry_types)

    @property
    def is_list(self) -> bool:
        return pa.types.is_list(self.type)

    def empty_value(self) -> Any:
        """What a row that says nothing about this column holds: ``[]``, ``""`` or null."""
        if self.is_list:
            return []
        return "" if self.type == STR and not self.nullable else None


def geometry(*types: str, nullable: bool = False, doc: str = "") -> Column:
    return Column(GEOMETRY, doc, nullable, types)


_EVENT_COLUMNS: dict[str, Column] = {
    "type": Column(STR, ", ".join(EVENT_TYPE_NAMES)),
    "start": Column(DATE, nullable=True),
    "end": Column(DATE, nullable=True),
    "precision": Column(STR, "day, month, year, approximate or unknown"),
    "planned": Column(BOOL, "told as still to come (scheduled after the article's date)", nullable=True),
    "place_id": Column(STR, nullable=True),
    "place": Column(STR, "canonical place name", nullable=True),
    "country_code": Column(STR, nullable=True),
    "place_precision": Column(STR, "stated (its own clause), dateline, document (the article's main place), none",
                              nullable=True),
    "actors": Column(STR_LIST, "names, titles stripped (canonical across the corpus in events)"),
    "actor_roles": Column(STR_LIST, "each actor's title or role, '' for none"),
    "actor_kinds": Column(STR_LIST, "state, military, armed group, civilians, protesters, company, organisation or ''"),
    "by": Column(STR_LIST, "actors who act (attack, sanction)"),
    "on": Column(STR_LIST, "actors it is aimed at (attack, sanction)"),
    "fatalities": Column(INT, "people killed, as stated", nullable=True),
    "injuries": Column(INT, "people injured, as stated", nullable=True),
    "crowd_size": Column(INT, "protesters, as stated", nullable=True),
    "measure": Column(STR, "imposed or lifted (sanction)", nullable=True),
    "sentence": Column(STR, "the first sentence that tells it"),
    "sentences": Column(STR_LIST, "every sentence that tells it"),
    "confidence": Column(FLOAT, "0..1"),
}
"""Columns an event and each of its mentions share."""

TABLES: dict[str, dict[str, Column]] = {
    "documents": {
        "doc_id": Column(STR, "content hash of the cleaned text (stable id)"),
        "file_name": Column(STR, "file name inside the corpus folder"),
        "title": Column(STR),
        "published": Column(DATE, nullable=True),
        "date_precision": Column(STR, "day, month, year or unknown"),
        "url": Column(STR, nullable=True),
        "text": Column(STR, "cleaned text; all offsets refer to it"),
        "source_hash": Column(STR, "hash of the raw file bytes (incremental rebuilds)"),
        "corrections_hash": Column(STR, "fingerprint of the analyst corrections applied ('' for none)"),
        "geometry": geometry("MultiPoint", nullable=True, doc="the document's resolved places"),
    },
    "mentions": {
        "doc_id": Column(STR),
        "document": Column(STR, "file name"),
        "start": Column(INT),
        "end": Column(INT),
        "text": Column(STR, "surface form"),
        "sentence": Column(STR),
        "place_id": Column(STR),
        "name": Column(STR, "canonical place name"),
        "kind": Column(STR, "city, admin, country, region, water, continent, facility"),
        "country_code": Column(STR, nullable=True),
        "score": Column(FLOAT, "0..1"),
        "geometry": geometry("Point"),
    },
    "places": {
        "place_id": Column(STR),
        "name": Column(STR),
        "kind": Column(STR),
        "country_code": Column(STR, nullable=True),
        "mentions": Column(INT, "number of mentions"),
        "documents": Column(STR_LIST, "file names"),
        "score": Column(FLOAT, "mean mention score"),
        "geometry": geometry("Point"),
    },
    "events": {
        "event_id": Column(STR, "one per occurrence, however many articles report it"),
        "doc_id": Column(STR, "the first article reporting it"),
        "document": Column(STR, "file name of the first article reporting it"),
        **_EVENT_COLUMNS,
        "documents": Column(STR_LIST, "file names of every article reporting it"),
        "reports": Column(INT, "number of articles reporting it", nullable=True),
        "geometry": geometry("Point", nullable=True, doc="null for an event without a place"),
    },
    "event_mentions": {
        "event_id": Column(STR, "one per event an article tells"),
        "merged_id": Column(STR, "event_id of the event in the events table", nullable=True),
        "doc_id": Column(STR),
        "document": Column(STR, "file name"),
        **_EVENT_COLUMNS,
        "geometry": geometry("Point", nullable=True, doc="null for an event without a place"),
    },
    "corridors": {
        "corridor_id": Column(STR),
        "name": Column(STR),
        "kind": Column(STR, "named or stated"),
        "documents": Column(STR_LIST, "file names"),
        "first_mentioned": Column(DATE, nullable=True),
        "last_mentioned": Column(DATE, nullable=True),
        "length_km": Column(FLOAT),
        "waypoints": Column(STR_LIST, "place names in order"),
        "modes": Column(STR_LIST, "land or sea, one per leg"),
        "sentence": Column(STR, "one evidence sentence"),
        "sentences": Column(STR_LIST, "all evidence sentences"),
        "part_of": Column(STR, "for a stated route, the corridor the text says it belongs to", nullable=True),
        "aliases": Column(STR_LIST, "other names of a named corridor"),
        "approximate": Column(BOOL, "a stated route through a country, region or sea point, whose course is not known (drawn dotted)"),
        "geometry": geometry("LineString", "MultiLineString"),
    },
}


def arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema of a store table (every field nullable, as Parquet readers expect)."""
    return pa.schema([pa.field(column, spec.type) for column, spec in TABLES[name].items()])


def list_columns(name: str) -> list[str]:
    return [column for column, spec in TABLES[name].items() if spec.is_list]
