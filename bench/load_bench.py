"""Load: N browser sessions use the app at once on a store of many documents (issue 17).

Usage::

    .venv/bin/python bench/load_bench.py [--documents 6000] [--sessions 10] [--seconds 75]

Writes a synthetic store of ``--documents`` articles (``synthetic_store.py``: real cities, real
offsets, about 3 KB each; seconds, no parsing), starts ``streamlit run app.py`` on it, and opens
``--sessions`` headless Chromium sessions at once. Each session opens the app and then goes
round the pages through the sidebar (Map, Timeline, Documents, Places, Export, About) for
``--seconds``, reopening the app from its URL every round. A page load is timed from the click
(or the URL) until the page is drawn: its title is on screen, the script has finished, and its
Leaflet map is there (on the Map, with its features drawn). An error is an exception or error box on a page, or a
page not drawn within 120 s. Prints the count, median and 90th percentile of page loads (all,
and per page), the errors, and the CPU seconds the server used. Every request off this machine
is blocked, as on an offline laptop.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import psutil
from synthetic_store import write_synthetic_store

from geo import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Page title in the sidebar navigation -> the heading the page draws.
PAGES = {"Map": "Corridor Atlas", "Timeline": "Timeline", "Documents": "Documents", "Places": "Places",
         "Export": "Export", "About": "About Corridor Atlas"}
PAGE_TIMEOUT_MS = 120_000
# Pages with a Leaflet map, and what shows it is drawn (the Timeline's playback adds its points as it plays).
MAP_DRAWN = {"Map": "path, canvas, .awesome-marker", "Timeline": ".leaflet-container"}


@dataclass
class Results:
    loads: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    browser_cpu: float = 0.0

    def add(self, page: str, seconds: float) -> None:
        self.loads.setdefault(page, []).append(seconds)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(store_dir: Path, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "CORRIDOR_ATLAS_STORE": str(store_dir), "CORRIDOR_ATLAS_CORPUS": str(work / "corpus"),
           "CORRIDOR_ATLAS_CORRECTIONS": str(work / "corrections.csv")}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and app
        [sys.executable, "-m", "streamlit", "run", str(settings.ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true"],
        cwd=settings.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:  # noqa: S310 - local
                if reply.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("streamlit did not start")


async def _offline(route: object) -> None:
    url = route.request.url  # type: ignore[attr-defined]
    if urlparse(url).hostname in {"127.0.0.1", "localhost"} or url.startswith(("data:", "blob:", "about:")):
        await route.continue_()  # type: ignore[attr-defined]
    else:
        await route.abort()  # type: ignore[attr-defined]


async def _drawn(page: object, name: str) -> None:
    """Wait until ``name`` is drawn: its heading shown, the script finished, the map's features drawn."""
    heading = page.get_by_role("heading", name=PAGES[name], exact=True).first  # type: ignore[attr-defined]
    await heading.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
    # The heading shows while this page's script runs; then wait for the run to end.
    finished = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')  # type: ignore[attr-defined]
    await finished.wait_for(state="attached", timeout=PAGE_TIMEOUT_MS)
    if name in MAP_DRAWN:
        await _map_drawn(page, MAP_DRAWN[name])


async def _map_drawn(page: object, selector: str) -> None:
    """Wait until the map component's newest inner frame (a new one replaces the old when filters
    change) has ``selector`` drawn.

    The wait runs in the browser (a Playwright locator), not as polling from this process: ten
    sessions each evaluating every frame ten times a second cost this process more CPU than the
    app server used, on the same two cores."""
    inner = page.locator('iframe[src*="atlas_map"]').content_frame.locator(  # type: ignore[attr-defined]
        'iframe[title="Corridor Atlas map"]').last.content_frame
    await inner.locator(selector).first.wait_for(state="attached", timeout=PAGE_TIMEOUT_MS)


async def _errors_on(page: object) -> list[str]:
    boxes = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')  # type: ignore[attr-defined]
    return [text.strip()[:200] for text in await boxes.all_inner_texts()]


async def _timed(page: object, name: str, action: object, results: Results, session: int) -> None:
    began = time.perf_counter()
    try:
        await action()  # type: ignore[operator]
        await _drawn(page, name)
    except Exception as error:  # a page that does not come is an error of the run, not of the bench
        results.errors.append(f"session {session} {name}: {type(error).__name__}: {str(error).splitlines()[0]}")
        return
    results.add(name, time.perf_counter() - began)
    results.errors += [f"session {session} {name}: {text}" for text in await _errors_on(page)]


async def _session(browser: object, url: str, until: float, results: Results, session: int) -> None:
    context = await browser.new_context(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    await context.route("**/*", _offline)
    page = await context.new_page()
    order = list(PAGES)
    try:
        while True:  # at least one round: the warm-up session passes a time already past
            await _timed(page, "Map", lambda: page.goto(url, wait_until="commit"), results, session)
            if time.monotonic() >= until:
                break
            for name in order[1:]:
                if time.monotonic() >= until:
                    break
                link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text=name).first
                await _timed(page, name, lambda link=link: link.click(), results, session)
    finally:
        await context.close()


def _browser_cpu() -> float:
    """CPU seconds used so far by the Chromium processes this benchmark started."""
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            if "chrom" in child.name():
                times = child.cpu_times()
                total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


async def run_sessions(url: str, sessions: int, seconds: float) -> Results:
    from playwright.async_api import async_playwright

    results = Results()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = Results()  # one load first, untimed: the server imports the engine and reads the store once
        await _session(browser, url, time.monotonic(), warm, -1)
        results.errors += warm.errors
        until = time.monotonic() + seconds
        before = _browser_cpu()
        await asyncio.gather(*(_session(browser, url, until, results, i) for i in range(sessions)))
        results.browser_cpu = _browser_cpu() - before
        await browser.close()
    return results


def _line(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"{label:10s} {len(values):4d} loads  median {statistics.median(values):6.2f} s  p90 {p90:6.2f} s  max {ordered[-1]:6.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=6000)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=75.0)
    parser.add_argument("--store", type=Path, default=None,
                        help="use (or, if missing, write and keep) the synthetic store in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="load_bench_") as tmp:
        work = Path(tmp)
        store_dir = args.store or work / "store"
        if not (store_dir / "documents.parquet").exists():
            began = time.perf_counter()
            write_synthetic_store(store_dir, args.documents)
            print(f"synthetic store: {args.documents:,} documents, written in {time.perf_counter() - began:.1f} s")
        process, url = start_server(store_dir, work)
        server = psutil.Process(process.pid)
        try:
            cpu = server.cpu_times()
            wall = time.perf_counter()
            results = asyncio.run(run_sessions(url, args.sessions, args.seconds))
            wall = time.perf_counter() - wall
            used = server.cpu_times()
            server_cpu = (used.user + used.system) - (cpu.user + cpu.system)
        finally:
            process.terminate()
            process.wait(timeout=30)
    every = [s for values in results.loads.values() for s in values]
    print(f"{args.sessions} sessions for {args.seconds:.0f} s ({wall:.0f} s with the last loads); "
          f"CPU: server {server_cpu:.1f} s, browser {results.browser_cpu:.1f} s; machine: {os.cpu_count()} cores, load average "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    if every:
        print(_line("all pages", every))
        for name in PAGES:
            if name in results.loads:
                print(_line(name, results.loads[name]))
    print(f"errors: {len(results.errors)}")
    for error in results.errors[:20]:
        print(f"  {error}")
    return 0 if every and not results.errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
