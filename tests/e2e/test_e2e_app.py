"""End to end in headless Chromium, with every request off this machine blocked.

A real ``streamlit run`` over a store built by the real pipeline from ``data/corpus``: the
Leaflet map appears, markers and corridor lines are counted, the timeline slider narrows
them, an uploaded article reaches the map and survives a restart, and every page is
screenshotted into ``artifacts/e2e/`` for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from geo import settings

pytestmark = pytest.mark.browser

ROOT = settings.ROOT
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = ROOT / "artifacts" / "e2e"
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

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
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
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as reply:  # noqa: S310 - local
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("streamlit did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("e2e")
    corpus, store_dir = work / "corpus", work / "processed"
    shutil.copytree(ROOT / "data" / "corpus", corpus)
    env = {**os.environ, "CORRIDOR_ATLAS_STORE": str(store_dir), "CORRIDOR_ATLAS_CORPUS": str(corpus),
           "CORRIDOR_ATLAS_CORRECTIONS": str(work / "corrections.csv")}
    subprocess.run([sys.executable, "-m", "geo", "build", str(corpus), "--out", str(store_dir), "--quiet",
                    "--corrections", str(work / "corrections.csv")], cwd=ROOT, env=env, check=True)
    app = Server(env)
    app.start()
    yield app
    app.stop()


@pytest.fixture
def page(server: Server) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        outside: list[str] = []

        def offline(route: object) -> None:  # the machine is offline: make any leak visible
            url = route.request.url  # type: ignore[attr-defined]
            if urlparse(url).hostname in {"127.0.0.1", "localhost"} or url.startswith(("data:", "blob:", "about:")):
                route.continue_()  # type: ignore[attr-defined]
            else:
                outside.append(url)
                route.abort()  # type: ignore[attr-defined]

        context.route("**/*", offline)
        tab = context.new_page()
        tab.outside = outside  # type: ignore[attr-defined]
        yield tab
        browser.close()


def _map_frame(page: object, timeout: float = 30_000) -> object:
    """The st_folium iframe once Leaflet has drawn the map in it."""
    page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=timeout)  # type: ignore[attr-defined]
    frame = page.frame_locator("iframe[title*='streamlit_folium']").first  # type: ignore[attr-defined]
    frame.locator(".leaflet-container").wait_for(timeout=timeout)
    frame.locator("path.ca-corridor, .awesome-marker, .marker-cluster").first.wait_for(timeout=timeout)
    return frame


def _counts(frame: object) -> tuple[int, int]:
    """(events shown as pins or inside clusters, corridor lines) in the map frame."""
    pins = frame.locator(".awesome-marker").count()  # type: ignore[attr-defined]
    clustered = sum(int(t) for t in frame.locator(".marker-cluster span").all_inner_texts())  # type: ignore[attr-defined]
    return pins + clustered, frame.locator("path.ca-corridor").count()  # type: ignore[attr-defined]


def _until(condition: object, timeout: float = 20.0) -> None:
    """Poll ``condition()`` until it holds: Streamlit redraws a moment after the URL changes."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def _metric(page: object, label: str) -> int:
    metric = page.locator('[data-testid="stMetric"]', has_text=label).first  # type: ignore[attr-defined]
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def test_map_renders_offline_and_the_timeline_slider_narrows_it(page: object, server: Server) -> None:
    page.goto(server.url)  # type: ignore[attr-defined]
    frame = _map_frame(page)
    events, corridors = _counts(frame)
    assert events >= 1
    assert corridors >= 1
    assert frame.locator(".ca-legend").count() == 1  # type: ignore[attr-defined]
    page.screenshot(path=str(ARTIFACTS / "map.png"))  # type: ignore[attr-defined]

    # Clicking a place shows the sentences behind it beside the map.
    frame.locator(".leaflet-control-layers").hover()  # type: ignore[attr-defined]
    frame.locator("label", has_text="Events (").locator("input").uncheck()  # type: ignore[attr-defined]
    frame.locator("path.ca-place").first.click(force=True)  # type: ignore[attr-defined]
    page.locator('[data-testid="stMain"] mark').first.wait_for(timeout=20_000)  # type: ignore[attr-defined]
    page.screenshot(path=str(ARTIFACTS / "map_sources.png"))  # type: ignore[attr-defined]

    # Drag the end of the date range to its start: only the earliest events remain.
    slider = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first  # type: ignore[attr-defined]
    slider.get_by_role("slider").last.focus()
    page.keyboard.press("Home")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => new URL(location.href).searchParams.has('date_to')", timeout=20_000
    )
    _until(lambda: _metric(page, "Events") < events)
    frame = _map_frame(page)
    _until(lambda: _counts(frame)[0] < events)
    page.screenshot(path=str(ARTIFACTS / "map_narrowed.png"))  # type: ignore[attr-defined]
    assert page.outside == []  # type: ignore[attr-defined]


def test_every_page_and_the_briefing_view(page: object, server: Server) -> None:
    for path, marker in [("timeline", "dated event(s) of"), ("documents", "documents match the filters"),
                         ("places", "resolved place(s) match"), ("about", "Data sources and licences")]:
        page.goto(f"{server.url}/{path}?event_types=meeting")  # type: ignore[attr-defined]
        page.get_by_text(marker).first.wait_for(timeout=30_000)  # type: ignore[attr-defined]
        if path == "timeline":
            _ = page.frame_locator("iframe[title*='streamlit_folium']").first.locator(  # type: ignore[attr-defined]
                ".leaflet-timeline-control").wait_for(timeout=30_000)
        page.locator('[data-testid="stMain"] [data-testid="stSkeleton"]').first.wait_for(  # type: ignore[attr-defined]
            state="detached", timeout=30_000)
        assert "event_types=meeting" in page.url  # type: ignore[attr-defined]
        page.screenshot(path=str(ARTIFACTS / f"{path}.png"), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1920, "height": 1080})  # type: ignore[attr-defined]
    page.goto(f"{server.url}/?briefing=1")  # type: ignore[attr-defined]
    frame = _map_frame(page)
    assert page.locator(".ca-brief-caption").count() == 1  # type: ignore[attr-defined]
    assert page.locator('[data-testid="stMetric"]').count() == 0  # type: ignore[attr-defined]
    assert frame.locator(".ca-legend").is_visible()  # type: ignore[attr-defined]
    page.screenshot(path=str(ARTIFACTS / "briefing.png"))  # type: ignore[attr-defined]
    assert page.outside == []  # type: ignore[attr-defined]


def test_upload_reaches_the_map_and_survives_a_restart(page: object, server: Server, tmp_path: Path) -> None:
    page.goto(server.url)  # type: ignore[attr-defined]
    _map_frame(page)
    documents, places = _metric(page, "Documents"), _metric(page, "Places")

    article = tmp_path / "ulaanbaatar.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02\x03PK\x03\x04" * 200)
    page.goto(f"{server.url}/documents")  # type: ignore[attr-defined]
    page.get_by_text("Upload articles").click()  # type: ignore[attr-defined]
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(article), str(binary)])  # type: ignore[attr-defined]
    page.get_by_role("button", name="Add to the atlas").click()  # type: ignore[attr-defined]
    page.get_by_text("Added 1 article(s)").wait_for(timeout=120_000)  # type: ignore[attr-defined]
    assert page.get_by_text("scan.txt was not added").count() == 1  # type: ignore[attr-defined]
    page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=True)  # type: ignore[attr-defined]

    page.goto(server.url)  # type: ignore[attr-defined]
    _map_frame(page)
    assert _metric(page, "Documents") == documents + 1
    assert _metric(page, "Places") > places  # Ulaanbaatar, Almaty, … are new

    server.stop()
    server.start()
    page.goto(server.url)  # type: ignore[attr-defined]
    _map_frame(page)
    assert _metric(page, "Documents") == documents + 1
