"""Dashboard benchmark in headless Chromium: cold start, and filter redraws on 100,000 events.

Usage::

    .venv/bin/python bench/app_bench.py data/corpus [--events 100000] [--places 3000]

1. Builds a store from CORPUS (the sample articles) with the real pipeline, starts
   ``streamlit run app.py`` on it and times server start → Leaflet map with its features
   drawn, three times with a fresh browser and server (target ≤ 5 s on the median), a
   second page on the running server, and for comparison an empty Streamlit app.
2. Writes a synthetic store of ``--events`` events at real gazetteer places (GeoNames
   cities, weighted by population) with random dates, types and actors, opens the map, then
   changes filters in the sidebar and times each change (from the action that commits it,
   the option clicked or the date box left, on a settled app) until the map shows the new
   counts (target ≤ 2 s). The bytes the browser receives for a map (over Streamlit's websocket, plus
   the basemap and label files it fetches from static serving) are the map payload (target
   ≤ 5 MB, labels on). Wall time is what the targets mean; the app server's CPU seconds are
   printed beside it (wall ≫ CPU means the machine was busy).

Every request off this machine is blocked in the browser, as on an offline laptop.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

import geopandas as gpd
import numpy as np
import pandas as pd
import psutil
from shapely.geometry import Point
from synthetic_store import complete_tables

from geo import settings
from geo.gazetteer.index import gazetteer
from geo.store import tables as store

ROOT = settings.ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
COLD_START_S, FILTER_CHANGE_S, PAYLOAD_MB = 5.0, 2.0, 5.0
TYPES = ["meeting", "visit", "conference", "agreement", "military_exercise", "facility_opening", "statement"]
ACTORS = ["Iran", "Russia", "Azerbaijan", "Armenia", "Turkey", "China", "India", "Kazakhstan", "Georgia", "Iraq"]


# ---------------------------------------------------------------- synthetic store


def synthetic_store(folder: Path, events: int, places: int, corridors: gpd.GeoDataFrame, seed: int = 1) -> None:
    """``events`` events (one mention each) at ``places`` real cities, one document per 10 events."""
    rng = np.random.default_rng(seed)
    cities = [p for p in gazetteer().places_of_kind(["city"]) if p.population > 50_000]
    weights = np.array([p.population for p in cities], dtype=float)
    chosen = [cities[i] for i in rng.choice(len(cities), size=min(places, len(cities)), replace=False, p=weights / weights.sum())]
    pick = rng.integers(0, len(chosen), events)
    days = rng.integers(0, 3650, events)
    start = [date(2015, 1, 1) + timedelta(days=int(d)) for d in days]
    doc_of = np.arange(events) // 10
    doc_ids = [f"syn{d:06d}" for d in doc_of]
    files = [f"synthetic_{d:06d}.txt" for d in doc_of]
    place = [chosen[i] for i in pick]
    sentences = [f"Officials met in {p.name} to discuss transport links." for p in place]
    geometry = [Point(p.lon, p.lat) for p in place]
    event_table = gpd.GeoDataFrame(
        {
            "event_id": [f"e{i}" for i in range(events)],
            "doc_id": doc_ids,
            "document": files,
            "type": rng.choice(TYPES, events),
            "start": start,
            "end": start,
            "precision": "day",
            "place_id": [p.place_id for p in place],
            "place": [p.name for p in place],
            "country_code": [p.country_code for p in place],
            "actors": [list(rng.choice(ACTORS, 2, replace=False)) for _ in range(events)],
            "sentence": sentences,
            "confidence": rng.uniform(0.3, 1.0, events).round(2),
        },
        geometry=geometry,
        crs="EPSG:4326",
    )
    offset = len("Officials met in ")
    mentions = gpd.GeoDataFrame(
        {
            "doc_id": doc_ids,
            "document": files,
            "start": offset,
            "end": [offset + len(p.name) for p in place],
            "text": [p.name for p in place],
            "sentence": sentences,
            "place_id": [p.place_id for p in place],
            "name": [p.name for p in place],
            "kind": "city",
            "country_code": [p.country_code for p in place],
            "score": event_table["confidence"].to_numpy(),
        },
        geometry=geometry,
        crs="EPSG:4326",
    )
    grouped = mentions.groupby("place_id").agg(
        mentions=("place_id", "size"), score=("score", "mean"), documents=("document", lambda d: sorted(set(d))[:50])
    )
    by_id = {p.place_id: p for p in chosen}
    place_table = gpd.GeoDataFrame(
        {
            "place_id": grouped.index,
            "name": [by_id[i].name for i in grouped.index],
            "kind": "city",
            "country_code": [by_id[i].country_code for i in grouped.index],
            "mentions": grouped["mentions"].to_numpy(),
            "documents": list(grouped["documents"]),
            "score": grouped["score"].to_numpy(),
        },
        geometry=[Point(by_id[i].lon, by_id[i].lat) for i in grouped.index],
        crs="EPSG:4326",
    )
    first = pd.DataFrame({"doc_id": doc_ids, "file_name": files, "published": start}).drop_duplicates("doc_id")
    documents = gpd.GeoDataFrame(
        {
            "doc_id": first["doc_id"],
            "file_name": first["file_name"],
            "title": "Synthetic article",
            "published": first["published"],
            "date_precision": "day",
            "url": None,
            "text": "Synthetic article",
            "source_hash": first["doc_id"],
        },
        geometry=[None] * len(first),
        crs="EPSG:4326",
    )
    tables = complete_tables({"documents": documents, "mentions": mentions, "places": place_table,
                              "events": event_table, "corridors": corridors})
    with store.locked(folder):
        store.write_store(folder, tables, cache={}, manifest={"built_at": "synthetic"})


# ---------------------------------------------------------------- server and browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(store_dir: Path, work: Path, script: Path = ROOT / "app.py") -> tuple[subprocess.Popen[bytes], str, float]:
    """Start the app (or another ``script``); returns the process, its URL and the time it was launched."""
    port = _free_port()
    env = {**os.environ, "CORRIDOR_ATLAS_STORE": str(store_dir), "CORRIDOR_ATLAS_CORPUS": str(work / "corpus"),
           "CORRIDOR_ATLAS_CORRECTIONS": str(work / "corrections.csv")}
    launched = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and app
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:  # noqa: S310 - local
                if reply.status == 200:
                    return process, url, launched
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("streamlit did not start")


def _offline(route: object) -> None:
    url = route.request.url  # type: ignore[attr-defined]
    if urlparse(url).hostname in {"127.0.0.1", "localhost"} or url.startswith(("data:", "blob:", "about:")):
        route.continue_()  # type: ignore[attr-defined]
    else:
        route.abort()  # type: ignore[attr-defined]


def _map_frame(page: object) -> object | None:
    """The newest inner frame of the map component whose Leaflet map is up (or ``None``)."""
    from playwright.sync_api import Error

    for frame in reversed(page.frames):  # type: ignore[attr-defined]
        with contextlib.suppress(Error):  # a frame being replaced
            if frame.url == "about:srcdoc" and frame.evaluate("() => !!(window.Atlas && Atlas.map)"):
                return frame
    return None


MAP_STATE_JS = """() => { const control = document.querySelector('.leaflet-control-layers-overlays');
    const labels = document.querySelector('.ca-labels');
    const drawn = document.querySelector('path.leaflet-interactive, canvas, .awesome-marker');
    const label = control ? Array.from(control.querySelectorAll('label')).map(l => l.textContent.trim())
        .find(t => t.startsWith('Events (')) : null;
    return drawn && labels && labels.getAttribute('data-count') !== null ? label : null; }"""
"""The map frame's "Events (N)" layer label once features, names and basemap are drawn."""


def wait_for_map(page: object, events_label: str | None = None, timeout: float = 120_000) -> str:
    """Wait until the map frame shows its features, names and basemap (and, if given, an
    "Events (N)" layer label other than ``events_label``); returns that label."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        frame, state = _map_frame(page), None
        if frame is not None:
            with contextlib.suppress(Error):  # replaced while we looked
                state = frame.evaluate(MAP_STATE_JS)
        if state and state != events_label:
            return str(state)
        page.wait_for_timeout(20)  # type: ignore[attr-defined]
    raise TimeoutError("the map did not appear")


SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def settled(page: object, quiet_s: float = 0.5) -> None:
    """Wait until no script has run for ``quiet_s`` (the reruns a new map's first view report
    causes are over): a filter change is timed from a settled app, as a user makes it."""
    deadline = time.monotonic() + 60
    calm_since = None
    while time.monotonic() < deadline:
        if page.locator(SETTLED).count():  # type: ignore[attr-defined]
            calm_since = calm_since or time.monotonic()
            if time.monotonic() - calm_since >= quiet_s:
                return
        else:
            calm_since = None
        page.wait_for_timeout(20)  # type: ignore[attr-defined]


class Traffic:
    """Bytes the browser receives: over Streamlit's websocket (the script's output, map page
    included) and as basemap files from static serving (cached by the browser after the first)."""

    def __init__(self, page: object) -> None:
        self.received = 0
        self.basemap = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))  # type: ignore[attr-defined]
        # Fetches from the map's inner frame show at the context level; static files are sent
        # whole (no Content-Length on large ones), so their size on disk is what went over.
        page.context.on("requestfinished", self._finished)  # type: ignore[attr-defined]

    def _add(self, payload: bytes | str) -> None:
        self.received += len(payload)

    @property
    def total(self) -> int:
        return self.received + self.basemap

    def _finished(self, request: object) -> None:
        path = urlparse(request.url).path  # type: ignore[attr-defined]
        if path.startswith("/app/static/basemap/"):
            file = settings.STATIC_DIR / path.removeprefix("/app/static/")
            self.basemap += file.stat().st_size if file.is_file() else 0


def sample_store(corpus: Path, work: Path) -> Path:
    store_dir = work / "sample_store"
    subprocess.run([sys.executable, "-m", "geo", "build", str(corpus), "--out", str(store_dir), "--quiet",  # noqa: S603
                    "--corrections", str(work / "corrections.csv")], cwd=ROOT, check=True)
    return store_dir


def cold_start(store_dir: Path, work: Path, playwright: object) -> tuple[float, float, float, float]:
    """One cold start in a fresh browser: (server launch → map, its server CPU-s, a second page
    on the running server → map, its server CPU-s)."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.route("**/*", _offline)
    page = context.new_page()
    process, url, launched = start_server(store_dir, work)
    try:
        page.goto(url)
        wait_for_map(page)
        from_launch, launch_cpu = time.perf_counter() - launched, _cpu(process)
        page2 = context.new_page()
        began = time.perf_counter()
        page2.goto(url)
        wait_for_map(page2)
        return from_launch, launch_cpu, time.perf_counter() - began, _cpu(process) - launch_cpu
    finally:
        process.terminate()
        process.wait(timeout=20)
        browser.close()


EMPTY_APP = 'import streamlit as st\nst.write("empty app drawn")\n'


def empty_app_start(work: Path, playwright: object) -> float:
    """The same cold start for a one-line Streamlit app: what Streamlit itself costs here."""
    script = work / "empty_app.py"
    script.write_text(EMPTY_APP, encoding="utf-8")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    process, url, launched = start_server(work, work, script)
    try:
        page.goto(url)
        page.get_by_text("empty app drawn").wait_for(timeout=120_000)
        return time.perf_counter() - launched
    finally:
        process.terminate()
        process.wait(timeout=20)
        browser.close()


def _cpu(process: subprocess.Popen[bytes]) -> float:
    """CPU seconds the app server has used so far (user + system)."""
    times = psutil.Process(process.pid).cpu_times()
    return float(times.user + times.system)


def _browser_cpu() -> float:
    """CPU seconds Chromium's processes (started by Playwright, below this one) have used so far."""
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "chrom" in child.name():
                times = child.cpu_times()
                total += times.user + times.system
    return total


def filter_changes(store_dir: Path, work: Path, playwright: object) -> tuple[list[tuple[str, float, float, float, int]], float, int]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.route("**/*", _offline)
    page = context.new_page()
    traffic = Traffic(page)
    process, url, _ = start_server(store_dir, work)
    results = []
    try:
        began = time.perf_counter()
        page.goto(url)
        label = wait_for_map(page, timeout=180_000)
        first_load = time.perf_counter() - began
        first_bytes = traffic.total
        sidebar = page.locator('[data-testid="stSidebar"]')

        def change(name: str, prepare: object, commit: object) -> None:
            """Time one filter change from the action that commits it (the option clicked, the
            date box left) to the new map, starting from a settled app (no script running)."""
            nonlocal label
            settled(page)
            prepare()  # type: ignore[operator]
            before, cpu, browser_cpu = traffic.total, _cpu(process), _browser_cpu()
            started = time.perf_counter()
            commit()  # type: ignore[operator]
            label = wait_for_map(page, events_label=label)
            results.append((f"{name} → {label}", time.perf_counter() - started, _cpu(process) - cpu,
                            _browser_cpu() - browser_cpu, traffic.total - before))
            page.keyboard.press("Escape")  # close a list left open

        def open_types() -> None:
            sidebar.locator(".st-key-flt_event_types").click()  # the event-type filter, by its widget key

        def pick(event_type: str) -> object:
            return lambda: page.get_by_role("option", name=event_type, exact=True).click()

        def type_first_day(text: str) -> object:
            def act() -> None:  # the "From" date box, typed; the change happens when it is left
                sidebar.get_by_role("spinbutton", name="year, From").click(force=True)
                page.keyboard.type(text.replace("-", ""), delay=30)
            return act

        def leave_date_box() -> None:
            sidebar.get_by_text("Filters", exact=True).click()

        def nothing() -> None:
            pass

        change("event type: meeting", open_types, pick("meeting"))
        change("event type: + visit", open_types, pick("visit"))
        change("date window: from 2016-01-01", type_first_day("2016-01-01"), leave_date_box)
        change("reset filters", nothing, lambda: sidebar.get_by_role("button", name="Reset filters").click())
    finally:
        process.terminate()
        process.wait(timeout=20)
        browser.close()
    return results, first_load, first_bytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of sample articles, e.g. data/corpus")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--places", type=int, default=3000)
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts to time (the target is on their median)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="app_bench_"))
    try:
        with sync_playwright() as playwright:
            store_dir = sample_store(args.corpus, work)
            runs = [cold_start(store_dir, work, playwright) for _ in range(args.cold_runs)]
            for n, (seconds, cpu, reload, reload_cpu) in enumerate(runs, 1):
                print(f"cold start {n} (server launch → map): {seconds:.2f} s wall, server {cpu:.2f} CPU-s; "
                      f"a second page on the running server → map: {reload:.2f} s, server {reload_cpu:.2f} CPU-s")
            start = statistics.median(run[0] for run in runs)
            print(f"cold start median {start:.2f} s (of {len(runs)}); an empty Streamlit app on this machine: "
                  f"{empty_app_start(work, playwright):.2f} s")
            began = time.perf_counter()
            corridors = store.load_store(store_dir).corridors
            synthetic_store(work / "synthetic", args.events, args.places, corridors)
            print(f"synthetic store: {args.events:,} events at {args.places:,} places ({time.perf_counter() - began:.1f} s to write)")
            results, first_load, first_bytes = filter_changes(work / "synthetic", work, playwright)
            print(f"first load of the {args.events:,}-event map: {first_load:.2f} s, {first_bytes / 1e6:.2f} MB received "
                  "(websocket + basemap files)")
            for name, seconds, cpu, browser_cpu, received in results:
                print(f"filter change [{name}]: {seconds:.2f} s wall, server {cpu:.2f} CPU-s, browser {browser_cpu:.2f} "
                      f"CPU-s, {received / 1e6:.2f} MB received")
            slowest, payload = max(r[1] for r in results), max(first_bytes, *(r[4] for r in results))
            print(f"filter change median {statistics.median(r[1] for r in results):.2f} s, max {slowest:.2f} s; "
                  f"largest payload {payload / 1e6:.2f} MB")
            print(f"targets: cold start {start:.2f} s ≤ {COLD_START_S:g} s {'ok' if start <= COLD_START_S else 'MISSED'}; "
                  f"filter change {slowest:.2f} s ≤ {FILTER_CHANGE_S:g} s {'ok' if slowest <= FILTER_CHANGE_S else 'MISSED'}; "
                  f"payload {payload / 1e6:.2f} MB ≤ {PAYLOAD_MB:g} MB {'ok' if payload <= PAYLOAD_MB * 1e6 else 'MISSED'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
