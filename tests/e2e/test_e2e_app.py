"""End to end in headless Chromium, with every request off this machine blocked.

A real ``streamlit run`` over a store built by the real pipeline from ``data/corpus``. The
map is checked as a briefer would use it: where it opens (``?corridors=Zangezur Corridor``
frames the corridor), that zoom and centre survive a filter change and round-trip through
the URL, that names are written without overlapping, that INSTC keeps its colour in the full
view, alone, in the PNG and in the KML, that the offline basemap shows the Caspian coast and
the Volga at zoom 8, and that playback shows every event of its window at every step. Pages,
the briefing view and uploads are exercised too; screenshots go to ``artifacts/e2e/`` for a
person to look at. Waits are generous (the machine is often busy); nothing here is timed.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlparse

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo import settings
from geo.maps.basemap import tiles
from geo.maps.style import THEMES, corridor_colour

pytestmark = pytest.mark.browser

ROOT = settings.ROOT
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = ROOT / "artifacts" / "e2e"
WAIT_MS = 120_000
ARTICLE = """Leaders meet in Ulaanbaatar on rail links

Ulaanbaatar, 12 March 2024 — The presidents of Mongolia and Kazakhstan met in Ulaanbaatar on Tuesday
to discuss a new railway from Ulaanbaatar to Almaty, officials said.
"""

if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed (make browser)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``streamlit run app.py`` on a free local port, pointed at a test store."""

    def __init__(self, env: dict[str, str], store_dir: Path) -> None:
        self.env = env
        self.store_dir = store_dir
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(self.port),
                   "--server.address", "127.0.0.1", "--server.headless", "true"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:  # noqa: S310 - local
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=60)
            self.process = None


@contextlib.contextmanager
def sample_app(work: Path, **settings_env: str) -> Iterator[Server]:
    """The app running on a store built by the real pipeline from a copy of ``data/corpus``
    in ``work`` (``settings_env``: more ``CORRIDOR_ATLAS_*`` variables)."""
    corpus, store_dir = work / "corpus", work / "processed"
    shutil.copytree(ROOT / "data" / "corpus", corpus)
    env = {**os.environ, "CORRIDOR_ATLAS_STORE": str(store_dir), "CORRIDOR_ATLAS_CORPUS": str(corpus),
           "CORRIDOR_ATLAS_CORRECTIONS": str(work / "corrections.csv"), **settings_env}
    subprocess.run([sys.executable, "-m", "geo", "build", str(corpus), "--out", str(store_dir), "--quiet",
                    "--corrections", str(work / "corrections.csv")], cwd=ROOT, env=env, check=True)
    app = Server(env, store_dir)
    app.start()
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with sample_app(tmp_path_factory.mktemp("e2e")) as app:
        yield app


@pytest.fixture
def page(server: Server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield offline_tab(browser, 1600, 1000)
        browser.close()


def offline_tab(browser: Any, width: int, height: int, *, local: tuple[str, ...] = ("127.0.0.1", "localhost"),
                files: bool = False) -> Any:
    """A tab whose requests off this machine (and to ``file:`` unless ``files``) are refused and
    listed in ``tab.outside``: the machine is offline, and any leak must show."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    outside: list[str] = []
    allowed = ("data:", "blob:", "about:", *(("file:",) if files else ()))

    def offline(route: Any) -> None:
        url = route.request.url
        if urlparse(url).hostname in local or url.startswith(allowed):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", offline)
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    tab.outside = outside
    return tab


# ---------------------------------------------------------------- helpers


def _map(page: Any, *, events: int | None = None) -> Any:
    """The frame holding the Leaflet map once it has drawn (basemap in, names placed) and, if
    given, shows ``events`` events in its layer switch.

    The map component shows each map page in an inner frame and swaps in a new one when the
    filters change: the newest frame whose map is ready is the one on screen.
    """
    wanted = "" if events is None else f"Events ({events})"

    def ready() -> Any:
        for frame in reversed(page.frames):
            state = _frame_state(frame, wanted) if frame.url == "about:srcdoc" else None
            if state and state[0] and state[1] is not None:
                return frame
        return None

    frame = _until(page, ready)
    page.wait_for_timeout(800)  # labels are placed a moment after the last move
    return frame


def _frame_state(frame: Any, wanted: str) -> list[str] | None:
    """(basemap tier, labels placed) of a map frame, ``None`` while it loads or is being replaced."""
    from playwright.sync_api import Error

    with contextlib.suppress(Error):
        return frame.evaluate(
            "(wanted) => window.Atlas && Atlas.map && document.querySelector('.ca-labels') "
            "&& document.querySelector('.leaflet-control-layers').textContent.includes(wanted) ? "
            "[document.querySelector('.leaflet-container').getAttribute('data-basemap'), "
            " document.querySelector('.ca-labels').getAttribute('data-count')] : null", wanted)
    return None


def _until(page: Any, condition: Callable[[], Any], timeout: float = WAIT_MS / 1000) -> Any:
    """Poll ``condition()`` until it is truthy. Waits go through Playwright (``wait_for_timeout``),
    never ``time.sleep``: the offline request filter runs only while Playwright has control."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        page.wait_for_timeout(250)


def _url_view(page: Any) -> str | None:
    values = parse_qs(urlparse(page.url).query).get("view")
    return values[0] if values else None


def _metric(page: Any, label: str) -> int:
    metric = page.locator('[data-testid="stMetric"]', has_text=label).first
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def _view(frame: Any) -> tuple[float, float, int]:
    return tuple(frame.evaluate("() => { const c = Atlas.map.getCenter(); return [c.lat, c.lng, Atlas.map.getZoom()]; }"))


def _width_km(frame: Any) -> float:
    return frame.evaluate("""() => { const b = Atlas.map.getBounds(), lat = b.getCenter().lat;
        return Atlas.map.distance([lat, b.getWest()], [lat, b.getEast()]) / 1000; }""")


def _corridor_colour(frame: Any, ref: str) -> str | None:
    return frame.evaluate("""(ref) => { let found = null;
        Atlas.map.eachLayer(l => { if (l.feature && l.feature.properties.ref === ref) { found = l.options.color; } });
        return found; }""", ref)


def _pick_events_type(page: Any, label: str) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator(".st-key-flt_event_types").click()
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")


# ---------------------------------------------------------------- the map a briefer opens


def test_a_selected_corridor_is_framed_and_its_view_goes_in_the_url(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/?corridors={quote('Zangezur Corridor')}")
    frame = _map(page)
    assert _width_km(frame) < 1500
    _until(page, lambda: _url_view(page) is not None)
    lat, lon, _zoom = (float(v) for v in _url_view(page).split(","))
    assert 38 < lat < 41.5
    assert 44 < lon < 51
    page.screenshot(path=str(ARTIFACTS / "zangezur.png"))
    assert page.outside == []


def test_a_view_in_the_url_round_trips(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/?view=41.2,47.6,6")
    frame = _map(page)
    lat, lon, zoom = _view(frame)
    assert (round(lat, 1), round(lon, 1), zoom) == (41.2, 47.6, 6)
    _until(page, lambda: _url_view(page) == "41.2000,47.6000,6")


def test_zoom_and_centre_survive_a_filter_change_and_a_page_switch(page: Any, server: Server) -> None:
    page.goto(server.url)
    frame = _map(page)
    frame.evaluate("() => { Atlas.map.setView([40.4, 49.9], 8, {animate: false}); }")
    _until(page, lambda: _url_view(page) == "40.4000,49.9000,8")
    _pick_events_type(page, "meeting")
    _until(page, lambda: "event_types=meeting" in page.url)
    meetings = _until(page, lambda: (n := _metric(page, "Events")) < 29 and n)
    frame = _map(page, events=meetings)
    lat, lon, zoom = _view(frame)
    assert (round(lat, 1), round(lon, 1), zoom) == (40.4, 49.9, 8)
    assert _url_view(page) == "40.4000,49.9000,8"
    page.locator('[data-testid="stSidebarNav"] a', has_text="Timeline").click()
    page.get_by_text("dated event(s) of").first.wait_for()
    _until(page, lambda: _url_view(page) == "40.4000,49.9000,8")
    assert page.outside == []


def test_names_are_written_without_overlapping(page: Any, server: Server) -> None:
    page.goto(server.url)
    frame = _map(page)
    boxes = frame.evaluate("""() => Array.from(document.querySelectorAll('.ca-label'))
        .filter(e => !e.style.transform)
        .map(e => { const r = e.getBoundingClientRect(); return [e.className, e.textContent, r.left, r.top, r.right, r.bottom]; })""")
    places = [b for b in boxes if any(k in b[0] for k in ("place", "city", "capital", "waypoint", "country"))]
    assert len(places) >= 10, boxes
    overlapping = [(a[1], b[1]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[2] < b[4] and b[2] < a[4] and a[3] < b[5] and b[3] < a[5]]
    assert not overlapping
    texts = {b[1] for b in boxes}
    assert "Tehran" in texts
    page.screenshot(path=str(ARTIFACTS / "map.png"))

    # Clicking a place lists its sentences beside the map, each with its own document.
    frame.evaluate("""() => { let target = null;
        Atlas.map.eachLayer(l => { if (l.feature && l.feature.properties.ref && l.feature.properties.ref.startsWith('place:')
            && l.feature.properties.tooltip.startsWith('Tehran')) { target = l; } });
        target.fire('click', {latlng: target.getLatLng()}); }""")
    page.locator('[data-testid="stMain"] mark').first.wait_for()
    assert page.locator('[data-testid="stMain"] .ca-card', has_text="Tehran").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "map_sources.png"))


def test_instc_keeps_its_colour_in_every_view_and_export(page: Any, server: Server) -> None:
    expected = corridor_colour("instc")
    page.goto(server.url)
    assert _corridor_colour(_map(page), "corridor:instc") == expected
    page.goto(f"{server.url}/?corridors=INSTC")  # an alias in the URL
    frame = _map(page)
    assert _corridor_colour(frame, "corridor:instc") == expected
    assert _metric(page, "Corridors") == 1

    page.locator('[data-testid="stSidebarNav"] a', has_text="Export").click()
    with page.expect_download() as png:
        page.get_by_role("button", name="Download PNG").click()
    from PIL import Image

    pixels = np.asarray(Image.open(png.value.path()).convert("RGB"))
    target = np.array([int(expected[i:i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(pixels.astype(int) - target).sum(axis=2) < 30).sum() > 200  # the line, not a stray pixel
    with page.expect_download() as kml:
        page.get_by_role("button", name="KML (Google Earth)").click()
    text = Path(kml.value.path()).read_text(encoding="utf-8")
    aabbggrr = f"ff{expected[5:7]}{expected[3:5]}{expected[1:3]}"
    assert aabbggrr in text.lower()
    assert page.outside == []


def _known_points(layer: str, name: str | None, bounds: tuple[float, float, float, float]) -> np.ndarray:
    """Lon/lat points on the coast (outline of the land, cut edges left out) or on a named river."""
    cells = tiles(bounds)
    box = shapely.box(*bounds).buffer(-0.05)
    if layer == "land":
        land = shapely.union_all(cells[cells["layer"] == "land"].geometry.values)
        line = shapely.intersection(land.boundary, box)
    else:
        line = shapely.intersection(shapely.union_all(cells[(cells["layer"] == "river") & (cells["name"] == name)].geometry.values), box)
    return shapely.get_coordinates(shapely.segmentize(line, 0.02))


def test_the_offline_basemap_shows_the_caspian_coast_and_the_volga_at_zoom_8(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/?view=46.0,48.6,8&text={quote('no such words anywhere')}")  # nothing drawn on top
    frame = _map(page)
    assert frame.evaluate("() => document.querySelector('.leaflet-container').getAttribute('data-basemap')").startswith("detail")
    frame.evaluate("() => { document.querySelector('.ca-labels').style.display = 'none'; "
                   "document.querySelectorAll('.leaflet-control-container, .ca-legend').forEach(e => e.remove()); }")
    bounds = frame.evaluate("() => { const b = Atlas.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }")
    shot = page.locator("iframe[title*='atlas_map']").screenshot()
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB")).astype(int)
    background = [np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)]) for c in (THEMES["light"]["land"], THEMES["light"]["sea"])]

    def share_drawn(points: np.ndarray) -> float:
        xy = frame.evaluate("(pts) => pts.map(p => { const q = Atlas.map.latLngToContainerPoint([p[1], p[0]]); return [q.x, q.y]; })",
                            points[:: max(1, len(points) // 300)].tolist())
        hits = 0
        for x, y in xy:
            x, y = round(x), round(y)
            patch = pixels[max(0, y - 2): y + 3, max(0, x - 2): x + 3].reshape(-1, 3)
            hits += any(min(np.abs(p - b).sum() for b in background) > 40 for p in patch)
        return hits / len(xy)

    assert share_drawn(_known_points("land", None, tuple(bounds))) > 0.8
    assert share_drawn(_known_points("river", "Volga", tuple(bounds))) > 0.8
    Image.fromarray(pixels.astype(np.uint8)).save(ARTIFACTS / "volga_zoom8.png")


def test_playback_shows_every_event_of_its_window_at_every_step(page: Any, server: Server) -> None:
    events = gpd.read_parquet(server.store_dir / "events.parquet")
    dated = events[events["start"].notna() & events.geometry.notna()]
    starts = pd.to_datetime(dated["start"])
    ends = pd.to_datetime(dated["end"]).fillna(starts) + timedelta(days=1)
    page.goto(f"{server.url}/timeline")
    frame = _until(page, lambda: next((f for f in page.frames if f.url == "about:srcdoc" and f.evaluate(
        "() => !!document.querySelector('.ca-play-bar')")), None))
    bar = frame.locator(".ca-play-bar")
    steps = int(frame.locator(".ca-play-slider").get_attribute("max"))
    for mode in ("cumulative", "window"):
        frame.locator(".ca-play-bar select").nth(1).select_option(mode)
        for step in range(0, steps + 1, max(1, steps // 25)):
            frame.evaluate("(i) => { const s = document.querySelector('.ca-play-slider'); s.value = String(i); "
                           "s.dispatchEvent(new Event('input')); }", step)
            when = pd.Timestamp(bar.get_attribute("data-date"))
            window = pd.Timedelta(days=30)
            expected = int(((starts <= when) & (ends > when - window)).sum())
            visible = frame.evaluate("() => Array.from(document.querySelectorAll('path.ca-play-event'))"
                                     ".filter(p => +p.getAttribute('fill-opacity') > 0).length")
            assert visible >= expected, (mode, str(when.date()), visible, expected)
    frame.locator(".ca-play-bar select").nth(1).select_option("cumulative")
    frame.evaluate(f"() => {{ const s = document.querySelector('.ca-play-slider'); s.value = '{steps}'; "
                   "s.dispatchEvent(new Event('input')); }")
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    assert page.outside == []


# ---------------------------------------------------------------- every page, the briefing view, uploads


def test_every_page_and_the_briefing_view(page: Any, server: Server) -> None:
    for path, marker in [("timeline", "dated event(s) of"), ("documents", "documents match the filters"),
                         ("places", "resolved place(s) match"), ("about", "Data sources and licences"),
                         ("export", "Map snapshot (PNG)")]:
        page.goto(f"{server.url}/{path}?event_types=meeting")
        page.get_by_text(marker).first.wait_for()
        page.locator('[data-testid="stMain"] [data-testid="stSkeleton"]').first.wait_for(state="detached")
        assert "event_types=meeting" in page.url
        page.screenshot(path=str(ARTIFACTS / f"{path}.png"), full_page=True)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{server.url}/?briefing=1")
    frame = _map(page)
    assert page.locator(".ca-brief-caption").count() == 1
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert frame.locator(".ca-legend").is_visible()
    page.screenshot(path=str(ARTIFACTS / "briefing.png"))
    assert page.outside == []


def test_upload_reaches_the_map_and_survives_a_restart(page: Any, server: Server, tmp_path: Path) -> None:
    page.goto(server.url)
    _map(page)
    documents, places = _metric(page, "Documents"), _metric(page, "Places")

    article = tmp_path / "ulaanbaatar.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02\x03PK\x03\x04" * 200)
    page.goto(f"{server.url}/documents")
    page.get_by_text("Upload articles").click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(article), str(binary)])
    page.get_by_role("button", name="Add to the atlas").click()
    page.get_by_text("Added 1 article(s)").wait_for(timeout=300_000)
    assert page.get_by_text("scan.txt was not added").count() == 1
    page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=True)

    page.goto(server.url)
    _map(page)
    assert _metric(page, "Documents") == documents + 1
    assert _metric(page, "Places") > places  # Ulaanbaatar, Almaty, … are new

    server.stop()
    server.start()
    page.goto(server.url)
    _map(page)
    assert _metric(page, "Documents") == documents + 1
