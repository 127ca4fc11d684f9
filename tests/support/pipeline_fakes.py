"""A tiny stand-in engine for the store, pipeline and build tests.

It recognises a handful of real places by exact name, makes a "meeting" event of every
sentence with "met", and reads "from X to Y" as a corridor, so the tests exercise the
store, incremental rebuilds, corrections and parallel runners in milliseconds, without the
gazetteer or the language model. Its functions live at module level so worker processes
and Dask workers can import them by name.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString

from geo.models import Actor, Document, Event, Interval, Place, Toponym
from geo.parse.corrections import Correction, apply_corrections
from geo.store.build import BuildSummary, DocumentResult, Stages, build, event_rows, mention_rows
from geo.store.tables import TABLE_NAMES, empty_table, load_store
from geo.text.sentences import split_sentences

PLACES = {
    p.name: p
    for p in (
        Place("gn:112931", "Tehran", "city", "IR", 35.6944, 51.4215, 7_153_309),
        Place("gn:587084", "Baku", "city", "AZ", 40.3777, 49.8920, 1_116_513),
        Place("gn:580497", "Astrakhan", "city", "RU", 46.3497, 48.0408, 502_533),
        Place("gn:616052", "Yerevan", "city", "AM", 40.1811, 44.5136, 1_093_485),
        Place("gn:2988507", "Paris", "city", "FR", 48.8534, 2.3488, 2_138_551),
    )
}
# Known to the fake gazetteer but never chosen by the fake geoparser: a reassignment target.
PARIS_TEXAS = Place("gn:4717560", "Paris", "city", "US", 33.6609, -95.5555, 24_171)
_BY_ID = {p.place_id: p for p in [*PLACES.values(), PARIS_TEXAS]}
_NAMES = re.compile(r"\b(" + "|".join(PLACES) + r")\b")
_ROUTE = re.compile(r"from (\w+) to (\w+)")
WARM_UP_LOG = "FAKE_WARM_UP_LOG"  # env var: file that gets one line per warm-up (per process)
SLOW = "FAKE_SLOW_SECONDS"  # env var: sleep this long per document (kill tests)
STARTED = "FAKE_STARTED_FILE"  # env var: file created when the first document starts


def get_place(place_id: str) -> Place | None:
    return _BY_ID.get(place_id)


def fake_warm_up() -> None:
    log = os.environ.get(WARM_UP_LOG)
    if log:
        with Path(log).open("a") as handle:
            handle.write(f"{os.getpid()}\n")


def fake_process(document: Document, corrections: Sequence[Correction]) -> DocumentResult:
    if os.environ.get(STARTED):
        Path(os.environ[STARTED]).touch()
    time.sleep(float(os.environ.get(SLOW, "0")))
    if "CRASH" in document.text:
        raise RuntimeError("the fake engine cannot read this")
    toponyms = [
        Toponym(m.start(), m.end(), m.group(), p.name, p.kind, p.country_code, p.lat, p.lon, 0.8, p.place_id)
        for m in _NAMES.finditer(document.text)
        for p in [PLACES[m.group()]]
    ]
    toponyms = apply_corrections(toponyms, corrections, document.text, get_place=get_place)
    sentences = split_sentences(document.text)
    events = []
    for start, end in sentences.spans:
        sentence = document.text[start:end]
        if " met " in sentence:
            place = next((t for t in toponyms if start <= t.start < end), None)
            events.append(
                Event(
                    event_id=f"{document.doc_id}:{start}",
                    doc_id=document.doc_id,
                    document=document.file_name,
                    type="meeting",
                    interval=Interval(document.published, document.published, document.date_precision),
                    place=place,
                    actors=tuple(Actor(name) for name in re.findall(r"[A-Z][a-z]+ov\b", sentence)),
                    sentence=sentence,
                    confidence=0.7,
                )
            )
    evidence = [
        json.dumps({"from": a, "to": b, "document": document.file_name, "sentence": sentences.sentence_at(m.start())})
        for m in _ROUTE.finditer(document.text)
        for a, b in [m.groups()]
        if a in PLACES and b in PLACES
    ]
    return DocumentResult(mention_rows(document, toponyms), event_rows(events), evidence)


def fake_corridors(evidence: pd.DataFrame) -> gpd.GeoDataFrame:
    routes: dict[tuple[str, str], list[dict]] = {}
    for payload in evidence.get("payload", []):
        item = json.loads(payload)
        routes.setdefault((item["from"], item["to"]), []).append(item)
    rows = []
    for (a, b), items in sorted(routes.items()):
        pa, pb = PLACES[a], PLACES[b]
        rows.append(
            {
                "corridor_id": f"{a}-{b}".lower(),
                "name": f"{a} – {b}",
                "kind": "stated",
                "documents": sorted({i["document"] for i in items}),
                "first_mentioned": None,
                "last_mentioned": None,
                "length_km": 1.0,
                "waypoints": [a, b],
                "modes": ["land"],
                "sentence": items[0]["sentence"],
                "sentences": [i["sentence"] for i in items],
                "part_of": None,
                "aliases": [],
                "approximate": False,
                "geometry": LineString([(pa.lon, pa.lat), (pb.lon, pb.lat)]),
            }
        )
    if not rows:
        return empty_table("corridors")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def fake_process_batch(batch: Sequence[tuple[Document, Sequence[Correction]]]) -> list[DocumentResult]:
    return [fake_process(document, corrections) for document, corrections in batch]


FAKE = Stages(process=fake_process_batch, assemble_corridors=fake_corridors, warm_up=fake_warm_up)

ARTICLES = {
    "a_baku.txt": "Aliyev met Putin in Baku on Monday. Trade from Astrakhan to Baku grew.\n",
    "b_tehran.txt": "Lavrov met officials in Tehran. Tehran and Baku signed a deal.\n",
    "c_yerevan.txt": "Pashinyan spoke in Yerevan about goods from Tehran to Yerevan.\n",
}


def write_corpus(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def many_articles(count: int) -> dict[str, str]:
    names = ["Baku", "Tehran", "Yerevan", "Astrakhan", "Paris"]
    return {
        f"doc_{i:03d}.txt": f"Story {i}. Envoys met in {names[i % 5]}. Freight from {names[(i + 1) % 5]} to {names[(i + 2) % 5]}.\n"
        for i in range(count)
    }


def build_fake(corpus: Path, out: Path, **options: Any) -> BuildSummary:
    """The real build with the fake engine, one process and no progress bar unless asked."""
    return build(corpus, out, **{"stages": FAKE, "progress": False, "workers": 1, **options})


def assert_same_store(a: Path, b: Path) -> None:
    store_a, store_b = load_store(a), load_store(b)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(store_a.table(name), store_b.table(name), obj=name)
