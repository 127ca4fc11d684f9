"""A synthetic store of N articles at real gazetteer cities, written in seconds without parsing.

Used by ``store_io_bench.py`` and ``load_bench.py``: what they measure is reading, writing and
serving a store of realistic size, not the geoparser. Each article is about 3 KB of
sentences naming cities (GeoNames, weighted by population), with its mentions at the true
offsets, a few events per article, and corridors between frequent cities, so every page of
the app has real work to do.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString

from geo.gazetteer.index import gazetteer
from geo.models import Place
from geo.store import tables as store
from geo.store.build import places_table
from geo.store.schema import TABLES

TYPES = ["meeting", "visit", "conference", "agreement", "military_exercise", "facility_opening", "statement"]
ACTORS = ["Iran", "Russia", "Azerbaijan", "Armenia", "Turkey", "China", "India", "Kazakhstan", "Georgia", "Iraq"]
TEMPLATES = [
    "Officials from {a} met their counterparts in {b} to discuss freight links.",
    "A delegation travelled from {a} to {b} on Tuesday, according to the ministry.",
    "Trade between {a} and {b} grew by a fifth last year, customs data show.",
    "The new rail line will connect {a} with the port of {b} by the end of the decade.",
    "Analysts in {a} expect the talks in {b} to continue next month.",
]
SENTENCES_PER_DOC = 24


def synthetic_tables(documents: int, seed: int = 1) -> dict[str, gpd.GeoDataFrame]:
    """The five store tables for ``documents`` synthetic articles (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    cities = [p for p in gazetteer().places_of_kind(["city"]) if p.population > 50_000]
    weights = np.array([p.population for p in cities], dtype=float) ** 0.5
    weights /= weights.sum()
    doc_rows, mention_rows, event_rows = [], [], []
    for d in range(documents):
        doc_id, name = f"syn{d:06d}", f"synthetic_{d:06d}.txt"
        published = date(2015, 1, 1) + timedelta(days=int(rng.integers(0, 3650)))
        text, mentions = _article(rng, cities, weights)
        doc_rows.append({"doc_id": doc_id, "file_name": name, "title": f"Synthetic article {d}", "published": published,
                         "date_precision": "day", "url": None, "text": text, "source_hash": doc_id,
                         "corrections_hash": ""})
        for start, end, place, sentence in mentions:
            mention_rows.append({"doc_id": doc_id, "document": name, "start": start, "end": end, "text": place.name,
                                 "sentence": sentence, "place_id": place.place_id, "name": place.name, "kind": "city",
                                 "country_code": place.country_code, "score": round(float(rng.uniform(0.4, 1.0)), 3),
                                 "lon": place.lon, "lat": place.lat})
        for k in rng.choice(len(mentions), size=min(3, len(mentions)), replace=False):
            start, _, place, sentence = mentions[int(k)]
            event_rows.append({"event_id": f"{doc_id}:{start}", "doc_id": doc_id, "document": name,
                               "type": str(rng.choice(TYPES)), "start": published, "end": published,
                               "precision": "day", "place_id": place.place_id, "place": place.name,
                               "country_code": place.country_code,
                               "actors": [str(a) for a in rng.choice(ACTORS, 2, replace=False)], "sentence": sentence,
                               "confidence": round(float(rng.uniform(0.3, 1.0)), 2), "lon": place.lon, "lat": place.lat})
    mentions = _points(pd.DataFrame(mention_rows))
    tables = {
        "documents": _documents(pd.DataFrame(doc_rows), mentions),
        "mentions": mentions,
        "places": places_table(mentions),
        "events": _points(pd.DataFrame(event_rows)),
    }
    tables["corridors"] = _corridors(tables["places"], tables["documents"])
    return complete_tables(tables)


def complete_tables(tables: dict[str, gpd.GeoDataFrame]) -> dict[str, gpd.GeoDataFrame]:
    """Every table of the store's schema with every column, in order: what a bench leaves out is
    empty, and each synthetic event is reported by its own article only (its own mention)."""
    events = tables["events"]
    if "documents" not in events.columns:
        events = events.assign(documents=[[name] for name in events["document"]], reports=1)
    tables = {**tables, "events": events, "event_mentions": events.assign(merged_id=events["event_id"])}
    complete: dict[str, gpd.GeoDataFrame] = {}
    for name, columns in TABLES.items():
        frame = tables[name].copy()
        for column, spec in columns.items():
            if column not in frame.columns:
                frame[column] = [spec.empty_value() for _ in range(len(frame))]
        complete[name] = frame[list(columns)]
    return complete


def write_synthetic_store(folder: Path, documents: int, seed: int = 1) -> None:
    tables = synthetic_tables(documents, seed)
    with store.locked(folder):
        store.write_store(folder, tables, cache={}, manifest={"built_at": "synthetic", "skipped": [],
                                                             "counts": {n: len(t) for n, t in tables.items()}})


def _article(rng: np.random.Generator, cities: list[Place], weights: np.ndarray) -> tuple[str, list]:
    parts: list[str] = []
    mentions = []
    offset = 0
    for template in rng.choice(TEMPLATES, SENTENCES_PER_DOC):
        a, b = (cities[i] for i in rng.choice(len(cities), 2, replace=False, p=weights))
        sentence = template.format(a=a.name, b=b.name)
        for place in (a, b):
            start = offset + sentence.index(place.name)
            mentions.append((start, start + len(place.name), place, sentence))
        parts.append(sentence)
        offset += len(sentence) + 1
    return " ".join(parts), mentions


def _points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    points = shapely.points(frame["lon"].to_numpy(), frame["lat"].to_numpy())
    return gpd.GeoDataFrame(frame.drop(columns=["lon", "lat"]), geometry=points, crs=store.CRS)


def _documents(frame: pd.DataFrame, mentions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    footprints = mentions.drop_duplicates(["doc_id", "place_id"]).groupby("doc_id").geometry.apply(
        lambda points: shapely.multipoints(list(points))
    )
    return gpd.GeoDataFrame(frame, geometry=[footprints.get(d) for d in frame["doc_id"]], crs=store.CRS)


def _corridors(places: gpd.GeoDataFrame, documents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A stated route between each pair of the 40 most mentioned cities that follow each other."""
    top = places.head(40)
    rows = []
    for i in range(len(top) - 1):
        a, b = top.iloc[i], top.iloc[i + 1]
        files = list(documents["file_name"].iloc[i * 10 : i * 10 + 10])
        rows.append({"corridor_id": f"stated:{a.place_id}-{b.place_id}", "name": f"{a['name']} – {b['name']}",
                     "kind": "stated", "documents": files, "first_mentioned": date(2016, 1, 1),
                     "last_mentioned": date(2024, 1, 1), "length_km": 100.0 + i, "waypoints": [a["name"], b["name"]],
                     "modes": ["land"], "sentence": f"Freight runs from {a['name']} to {b['name']}.",
                     "sentences": [f"Freight runs from {a['name']} to {b['name']}."], "part_of": None, "aliases": [],
                     "geometry": LineString([a.geometry.coords[0], b.geometry.coords[0]])})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=store.CRS)
