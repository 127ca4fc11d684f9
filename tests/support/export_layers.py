"""Small store tables made to the ``geo/store/schema.py`` columns, shared by the render and export tests.

Coordinates are rounded gazetteer positions of real cities, enough to exercise projection,
clipping and round trips; none of this is product data.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import geopandas as gpd
import pandas as pd
import shapely

from geo.store.schema import TABLES

CITIES = {  # name: (lon, lat, country code)
    "Tehran": (51.4215, 35.6944, "IR"),
    "Baku": (49.8920, 40.3777, "AZ"),
    "Astrakhan": (48.0336, 46.3497, "RU"),
    "Kermanshah": (47.0650, 34.3142, "IR"),
    "Baghdad": (44.4009, 33.3406, "IQ"),
    "Bandar Abbas": (56.2808, 27.1865, "IR"),
    "Mumbai": (72.8777, 19.0760, "IN"),
}


@dataclass(frozen=True)
class FakeStore:
    """Stands in for ``geo.store.tables.Store`` in tests: its tables."""

    documents: gpd.GeoDataFrame
    mentions: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    corridors: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    event_mentions: gpd.GeoDataFrame = field(default_factory=lambda: _frame("event_mentions", []))


def _frame(table: str, rows: list[dict]) -> gpd.GeoDataFrame:
    """Rows to a table with every schema column; columns the rows leave out get empty values."""
    empty = {c: [] if spec.is_list else None for c, spec in TABLES[table].items()}
    rows = [{**empty, **row} for row in rows]
    return gpd.GeoDataFrame(rows, columns=list(TABLES[table]), geometry="geometry", crs="EPSG:4326")


def events_frame() -> gpd.GeoDataFrame:
    specs = [
        ("meeting", "Tehran", date(2024, 3, 4), date(2024, 3, 4), "day"),
        ("meeting", "Tehran", date(2024, 3, 9), date(2024, 3, 9), "day"),
        ("visit", "Baku", date(2024, 4, 1), date(2024, 4, 30), "month"),
        ("military_exercise", "Astrakhan", date(2024, 7, 1), date(2024, 7, 5), "day"),
        ("agreement", "Baghdad", None, None, "unknown"),
    ]
    rows = []
    for i, (kind, city, start, end, precision) in enumerate(specs):
        lon, lat, cc = CITIES[city]
        rows.append({
            "event_id": f"ev{i}", "doc_id": f"doc{i % 2}", "document": f"article_{i % 2}.txt",
            "type": kind, "start": start, "end": end, "precision": precision,
            "place_id": f"gn:{list(CITIES).index(city)}", "place": city, "country_code": cc,
            "actors": ["Iran", "Azerbaijan"] if i % 2 else ["Russia"],
            "sentence": f"Officials <b>met</b> in {city} & agreed on \"trade\".",
            "confidence": 0.5 + i / 10, "geometry": shapely.Point(lon, lat),
        })
    return _frame("events", rows)


def places_frame() -> gpd.GeoDataFrame:
    rows = []
    for i, (city, (lon, lat, cc)) in enumerate(CITIES.items()):
        rows.append({
            "place_id": f"gn:{i}", "name": city, "kind": "city", "country_code": cc,
            "mentions": 10 - i, "documents": ["article_0.txt", "article_1.txt"][: 1 + i % 2],
            "score": 0.9, "geometry": shapely.Point(lon, lat),
        })
    return _frame("places", rows)


def corridors_frame() -> gpd.GeoDataFrame:
    def line(*names: str) -> shapely.LineString:
        return shapely.LineString([CITIES[n][:2] for n in names])

    rows = [
        {
            "corridor_id": "instc", "name": "INSTC", "kind": "named",
            "documents": ["article_0.txt"], "first_mentioned": date(2024, 1, 2),
            "last_mentioned": date(2024, 6, 1), "length_km": 3900.0,
            "waypoints": ["Astrakhan", "Baku", "Tehran", "Bandar Abbas", "Mumbai"],
            "modes": ["land", "land", "land", "sea"],
            "sentence": "The INSTC links Russia & India.", "sentences": ["The INSTC links Russia & India."],
            "geometry": shapely.MultiLineString([
                line("Astrakhan", "Baku", "Tehran", "Bandar Abbas").coords,
                line("Bandar Abbas", "Mumbai").coords,
            ]),
        },
        {
            "corridor_id": "kermanshah-baghdad", "name": "Kermanshah – Baghdad", "kind": "stated",
            "documents": ["article_1.txt"], "first_mentioned": date(2024, 2, 3),
            "last_mentioned": date(2024, 2, 3), "length_km": 330.5,
            "waypoints": ["Kermanshah", "Baghdad"], "modes": ["land"],
            "sentence": "Trucks run from Kermanshah to Baghdad.",
            "sentences": ["Trucks run from Kermanshah to Baghdad."],
            "geometry": line("Kermanshah", "Baghdad"),
        },
    ]
    return _frame("corridors", rows)


def documents_frame() -> gpd.GeoDataFrame:
    rows = [
        {"doc_id": f"doc{i}", "file_name": f"article_{i}.txt", "title": f"Article {i}",
         "published": date(2024, 3 + i, 10), "date_precision": "day", "url": None,
         "text": "…", "source_hash": f"h{i}"}
        for i in range(2)
    ]
    frame = pd.DataFrame(rows, columns=[c for c in TABLES["documents"] if c != "geometry"])
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([None] * len(frame), crs="EPSG:4326"))


def mentions_frame(places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Each place mentioned ``mentions`` times, spread over the two documents."""
    rows = [
        {
            "doc_id": f"doc{k % 2}", "document": f"article_{k % 2}.txt", "start": 0,
            "end": len(place.name), "text": place.name, "sentence": f"{place.name} was mentioned.",
            "place_id": place.place_id, "name": place.name, "kind": place.kind,
            "country_code": place.country_code, "score": place.score, "geometry": place.geometry,
        }
        for place in places.itertuples(index=False)
        for k in range(place.mentions)
    ]
    return _frame("mentions", rows)


def fake_store() -> FakeStore:
    places = places_frame()
    return FakeStore(
        documents=documents_frame(), mentions=mentions_frame(places), events=events_frame(),
        corridors=corridors_frame(), places=places,
    )


def without(store: FakeStore, *layers: str) -> FakeStore:
    """The store with the named layers emptied (same columns, no rows)."""
    return replace(store, **{name: getattr(store, name).iloc[0:0] for name in layers})
