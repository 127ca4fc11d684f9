"""A small store with the geo/store/schema.py columns, for the dashboard, filter and map tests.

Real coordinates of real places; a few documents, events, mentions and two corridors, one
named and one stated. Built in code so the tests never depend on the pipeline's output.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, MultiPoint, Point

from geo.store.schema import TABLES

PLACES = {
    "gn:112931": ("Tehran", "city", "IR", 51.4215, 35.6944),
    "gn:587084": ("Baku", "city", "AZ", 49.8920, 40.3777),
    "gn:580497": ("Astrakhan", "city", "RU", 48.0408, 46.3497),
    "gn:616052": ("Yerevan", "city", "AM", 44.5136, 40.1811),
    "gn:524901": ("Moscow", "city", "RU", 37.6156, 55.7522),
    "gn:128226": ("Kermanshah", "city", "IR", 47.0650, 34.3142),
    "gn:98182": ("Baghdad", "city", "IQ", 44.4009, 33.3406),
}

DOCS = [
    ("d1", "001_baku.txt", "Aliyev and Pezeshkian meet in Baku", date(2024, 5, 3), "day"),
    ("d2", "002_tehran.txt", "INSTC talks in Tehran <b>bold</b>", date(2024, 11, 20), "day"),
    ("d3", "003_undated.txt", "Kermanshah to Baghdad rail link", None, "unknown"),
]

SENTENCES = {
    "d1": "President Aliyev met Pezeshkian in Baku on Friday to discuss the INSTC.",
    "d2": "Officials gathered in Tehran for talks on the North–South corridor via Astrakhan & Moscow <script>.",
    "d3": "A new rail line from Kermanshah to Baghdad was agreed; Yerevan watched.",
}


def text_of(doc_id: str) -> str:
    """The cleaned text of a fixture document: its title, a blank line, its sentence."""
    title = next(title for d, _, title, *_ in DOCS if d == doc_id)
    return f"{title}\n\n{SENTENCES[doc_id]}"


def _point(place_id: str) -> Point:
    _, _, _, lon, lat = PLACES[place_id]
    return Point(lon, lat)


def _mentions() -> gpd.GeoDataFrame:
    rows = []
    plan = [
        ("d1", "gn:587084", 0.95),
        ("d2", "gn:112931", 0.9),
        ("d2", "gn:580497", 0.8),
        ("d2", "gn:524901", 0.85),
        ("d3", "gn:128226", 0.7),
        ("d3", "gn:98182", 0.9),
        ("d3", "gn:616052", 0.4),
    ]
    file_of = {doc_id: file_name for doc_id, file_name, *_ in DOCS}
    for doc_id, place_id, score in plan:
        name, kind, cc, _, _ = PLACES[place_id]
        sentence = SENTENCES[doc_id]
        start = text_of(doc_id).index(sentence) + sentence.index(name)
        rows.append(
            {
                "doc_id": doc_id,
                "document": file_of[doc_id],
                "start": start,
                "end": start + len(name),
                "text": name,
                "sentence": sentence,
                "place_id": place_id,
                "name": name,
                "kind": kind,
                "country_code": cc,
                "score": score,
                "geometry": _point(place_id),
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _places(mentions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    rows = []
    for place_id, group in mentions.groupby("place_id"):
        name, kind, cc, _, _ = PLACES[place_id]
        rows.append(
            {
                "place_id": place_id,
                "name": name,
                "kind": kind,
                "country_code": cc,
                "mentions": len(group),
                "documents": sorted(set(group["document"])),
                "score": float(group["score"].mean()),
                "geometry": _point(place_id),
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _events() -> gpd.GeoDataFrame:
    plan = [
        ("e1", "d1", "meeting", date(2024, 5, 3), date(2024, 5, 3), "day", "gn:587084", ["Ilham Aliyev", "Masoud Pezeshkian"], 0.9),
        ("e2", "d2", "conference", date(2024, 11, 1), date(2024, 11, 30), "month", "gn:112931", ["Iran", "Russia"], 0.7),
        ("e3", "d2", "visit", date(2024, 11, 20), date(2024, 11, 20), "day", "gn:524901", ["Masoud Pezeshkian"], 0.6),
        ("e4", "d3", "agreement", None, None, "unknown", "gn:128226", ["Iraq", "Iran"], 0.5),
    ]
    file_of = {doc_id: file_name for doc_id, file_name, *_ in DOCS}
    rows = []
    for event_id, doc_id, kind, start, end, precision, place_id, actors, confidence in plan:
        name, _, cc, _, _ = PLACES[place_id]
        rows.append(
            {
                "event_id": event_id,
                "doc_id": doc_id,
                "document": file_of[doc_id],
                "type": kind,
                "start": start,
                "end": end,
                "precision": precision,
                "place_id": place_id,
                "place": name,
                "country_code": cc,
                "actors": actors,
                "sentence": SENTENCES[doc_id],
                "confidence": confidence,
                "geometry": _point(place_id),
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _corridors() -> gpd.GeoDataFrame:
    instc = ["gn:112931", "gn:587084", "gn:580497", "gn:524901"]
    stated = ["gn:128226", "gn:98182"]
    rows = [
        {
            "corridor_id": "named:instc",
            "name": "INSTC",
            "kind": "named",
            "documents": ["001_baku.txt", "002_tehran.txt"],
            "first_mentioned": date(2024, 5, 3),
            "last_mentioned": date(2024, 11, 20),
            "length_km": 2500.0,
            "waypoints": [PLACES[p][0] for p in instc],
            "modes": ["land", "land", "land"],
            "sentence": SENTENCES["d1"],
            "sentences": [SENTENCES["d1"], SENTENCES["d2"]],
            "geometry": LineString([_point(p) for p in instc]),
        },
        {
            "corridor_id": "stated:kermanshah-baghdad",
            "name": "Kermanshah – Baghdad",
            "kind": "stated",
            "documents": ["003_undated.txt"],
            "first_mentioned": None,
            "last_mentioned": None,
            "length_km": 400.0,
            "waypoints": ["Kermanshah", "Baghdad"],
            "modes": ["land"],
            "sentence": SENTENCES["d3"],
            "sentences": [SENTENCES["d3"]],
            "geometry": LineString([_point(p) for p in stated]),
        },
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _documents() -> pd.DataFrame:
    rows = [
        {
            "doc_id": doc_id,
            "file_name": file_name,
            "title": title,
            "published": published,
            "date_precision": precision,
            "url": None,
            "text": text_of(doc_id),
            "source_hash": f"h{doc_id}",
        }
        for doc_id, file_name, title, published, precision in DOCS
    ]
    return pd.DataFrame(rows)


def tables() -> dict[str, gpd.GeoDataFrame]:
    """The tables, keyed by name as in ``geo.store.schema.TABLES``, with every schema column
    (each event is its own single mention)."""
    mentions = _mentions()
    documents = _documents()
    points = mentions.groupby("doc_id").geometry.apply(lambda g: MultiPoint(list(g)))
    documents = gpd.GeoDataFrame(documents, geometry=[points.get(d) for d in documents["doc_id"]], crs="EPSG:4326")
    frames = {
        "documents": documents,
        "mentions": mentions,
        "places": _places(mentions),
        "events": _events(),
        "event_mentions": _events().assign(merged_id=lambda frame: frame["event_id"]),
        "corridors": _corridors(),
    }
    for name, frame in frames.items():
        for column, spec in TABLES[name].items():
            if column not in frame.columns:
                frame[column] = [spec.empty_value() for _ in range(len(frame))]
        frames[name] = frame[list(TABLES[name])]
    return frames
