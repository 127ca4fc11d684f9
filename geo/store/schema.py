"""Columns of the GeoParquet store under ``data/processed/``.

The pipeline writes these tables and the app and exports read them; this module is the
contract between the two. Geometry columns are WGS84 (EPSG:4326). List columns hold Python
lists of strings. Dates are ``datetime.date`` (Arrow date32) or null.
"""

from __future__ import annotations

from geo.events.types import NAMES as EVENT_TYPE_NAMES

TABLES: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "str: content hash of the cleaned text (stable id)",
        "file_name": "str: file name inside the corpus folder",
        "title": "str",
        "published": "date | null",
        "date_precision": "str: day, month, year or unknown",
        "url": "str | null",
        "text": "str: cleaned text; all offsets refer to it",
        "source_hash": "str: hash of the raw file bytes (incremental rebuilds)",
        "corrections_hash": "str: fingerprint of the analyst corrections applied ('' for none)",
        "geometry": "MultiPoint | null: the document's resolved places",
    },
    "mentions": {
        "doc_id": "str",
        "document": "str: file name",
        "start": "int",
        "end": "int",
        "text": "str: surface form",
        "sentence": "str",
        "place_id": "str",
        "name": "str: canonical place name",
        "kind": "str: city, admin, country, region, water, continent, facility",
        "country_code": "str | null",
        "score": "float 0..1",
        "geometry": "Point",
    },
    "places": {
        "place_id": "str",
        "name": "str",
        "kind": "str",
        "country_code": "str | null",
        "mentions": "int: number of mentions",
        "documents": "list[str]: file names",
        "score": "float: mean mention score",
        "geometry": "Point",
    },
    "events": {
        "event_id": "str",
        "doc_id": "str",
        "document": "str: file name",
        "type": "str: " + ", ".join(EVENT_TYPE_NAMES),
        "start": "date | null",
        "end": "date | null",
        "precision": "str: day, month, year, approximate or unknown",
        "place_id": "str | null",
        "place": "str | null: canonical place name",
        "country_code": "str | null",
        "actors": "list[str]",
        "sentence": "str",
        "confidence": "float 0..1",
        "geometry": "Point",
    },
    "corridors": {
        "corridor_id": "str",
        "name": "str",
        "kind": "str: named or stated",
        "documents": "list[str]: file names",
        "first_mentioned": "date | null",
        "last_mentioned": "date | null",
        "length_km": "float",
        "waypoints": "list[str]: place names in order",
        "modes": "list[str]: land or sea, one per leg",
        "sentence": "str: one evidence sentence",
        "sentences": "list[str]: all evidence sentences",
        "part_of": "str | null: for a stated route, the corridor the text says it belongs to",
        "aliases": "list[str]: other names of a named corridor",
        "approximate": "bool: a stated route through a country, region or sea point, whose course is not known (drawn dotted)",
        "geometry": "LineString | MultiLineString",
    },
}
