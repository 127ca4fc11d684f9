"""Briefings end to end in headless Chromium, every request off this machine blocked.

A real ``streamlit run`` over a store built by the real pipeline from ``data/corpus``, with its
own briefings folder. Checked as a briefer works: three views saved from three pages, reordered,
and intact after a reload; presenter mode stepping with the arrow keys (from the page and from
inside the map) with each step's map at the saved frame; the HTML slideshow opened from
``file://`` with no network, stepping with the arrow keys; the PDF read back a page per view.
Screenshots go to ``artifacts/e2e/``. Waits are generous; nothing here is timed.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlparse

import pytest
from pypdf import PdfReader

from geo import settings
from geo.briefings.export import known_in
from geo.briefings.files import load_briefing, save_briefing
from geo.briefings.model import Briefing, View
from geo.maps.view import MapView
from geo.store.filters import Filters
from geo.store.tables import load_store
from tests.e2e.test_e2e_app import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Server,
    _map,
    _until,
    _url_view,
    offline_tab,
    sample_app,
)

pytestmark = pytest.mark.browser

ROOT = settings.ROOT
SAMPLE = ROOT / "data" / "briefings" / "caspian-corridors-2023-2024.yaml"
STEPS = Briefing("Three frames", (
    View("Baku up close", filters=Filters(event_types=("meeting",)), extent=MapView(40.4, 49.9, 8.0)),
    View("The South Caucasus", "Zangezur and **Aras**", extent=MapView(39.5, 46.5, 7.0)),
    View("The whole region", layers=("corridors", "events"), extent=MapView(38.0, 52.0, 5.0)),
))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("e2e_briefings")
    briefings = work / "briefings"
    briefings.mkdir()
    shutil.copy(SAMPLE, briefings / SAMPLE.name)
    with sample_app(work, CORRIDOR_ATLAS_BRIEFINGS=str(briefings)) as app:
        yield app


def _briefings(server: Server) -> Path:
    return Path(server.env["CORRIDOR_ATLAS_BRIEFINGS"])


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _tab(browser: Any, *, local: tuple[str, ...] = ("127.0.0.1", "localhost")) -> Any:
    """A 1920×1080 tab whose requests off this machine are refused and listed in ``tab.outside``."""
    return offline_tab(browser, 1920, 1080, local=local, files=True)


def _choose(page: Any, key: str, name: str) -> None:
    """Pick ``name`` in the select box with widget key ``key``."""
    option = page.get_by_role("option", name=name, exact=True)

    def offered() -> bool:  # a rerun (the map reporting its view) may close the list: open it again
        if not option.is_visible():
            page.locator(f".st-key-{key}").click()
            page.wait_for_timeout(500)
        return option.is_visible()

    _until(page, offered)
    option.click()


def _save_view(page: Any, title: str, briefing: str, *, new: bool = False) -> None:
    """Fill the sidebar's "Save view" (a new briefing, or the existing one called ``briefing``) and save."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stExpander"]', has_text="Save view").locator("summary").click()
    _choose(page, "sv_briefing", "New briefing…" if new else briefing)
    if new:
        sidebar.locator(".st-key-sv_new_name input").fill(briefing)
        sidebar.locator(".st-key-sv_new_name input").press("Tab")
    sidebar.locator(".st-key-sv_title input").fill(title)
    sidebar.locator(".st-key-sv_title input").press("Tab")
    page.wait_for_timeout(500)
    sidebar.locator(".st-key-sv_save button").click()
    sidebar.get_by_text(f"Saved “{title}” as view").wait_for()


def _near(seen: MapView | None, wanted: MapView) -> bool:
    """The same view but for a fraction of a pixel."""
    return seen is not None and seen.zoom == wanted.zoom and abs(seen.lat - wanted.lat) < 0.01 \
        and abs(seen.lon - wanted.lon) < 0.01


def _titles_on_page(page: Any) -> list[str]:
    return page.locator('[data-testid="stMain"] [data-testid="stTextInput"] input').evaluate_all(
        "inputs => inputs.map(i => i.value)")


def test_three_views_saved_from_three_pages_reordered_survive_a_reload(browser: Any, server: Server) -> None:
    page = _tab(browser)
    page.goto(f"{server.url}/?view=40.4,49.9,8")
    _map(page)
    _until(page, lambda: _url_view(page) == "40.4000,49.9000,8")
    _save_view(page, "From the map", "Three pages", new=True)
    page.goto(f"{server.url}/timeline?event_types=meeting&view=38.0,47.0,6")
    page.get_by_text("dated event(s) of").first.wait_for()
    _save_view(page, "From the timeline", "Three pages")
    page.goto(f"{server.url}/documents?countries=IR")
    page.get_by_text("documents match the filters").first.wait_for()
    _save_view(page, "From the documents", "Three pages")

    path = _briefings(server) / "three-pages.yaml"
    views = load_briefing(path).briefing.views
    assert [v.title for v in views] == ["From the map", "From the timeline", "From the documents"]
    assert views[0].extent == MapView(40.4, 49.9, 8.0)
    assert views[1].filters.event_types == ("meeting",)
    assert _near(views[1].extent, MapView(38.0, 47.0, 6.0))  # the timeline's map snaps its centre to a pixel
    assert views[2].filters.countries == ("IR",)

    page.goto(f"{server.url}/briefings")
    page.get_by_role("heading", name="Briefings").wait_for()
    _choose(page, "bf_choice", "Three pages")
    _until(page, lambda: _titles_on_page(page) == ["From the map", "From the timeline", "From the documents"])
    page.locator('.st-key-bf_down_0 button').first.click()  # the map's view after the timeline's
    _until(page, lambda: _titles_on_page(page) == ["From the timeline", "From the map", "From the documents"])
    page.locator('.st-key-bf_up_2 button').first.click()  # the documents' view to the middle
    _until(page, lambda: _titles_on_page(page) == ["From the timeline", "From the documents", "From the map"])

    page.reload()
    page.get_by_role("heading", name="Briefings").wait_for()
    _choose(page, "bf_choice", "Three pages")
    _until(page, lambda: _titles_on_page(page) == ["From the timeline", "From the documents", "From the map"])
    reloaded = load_briefing(path)
    assert reloaded.problems == ()
    extents = [v.extent for v in reloaded.briefing.views]
    assert _near(extents[0], MapView(38.0, 47.0, 6.0))
    assert extents[1] is None  # the documents page has no map: the view frames its features
    assert extents[2] == MapView(40.4, 49.9, 8.0)
    page.screenshot(path=str(ARTIFACTS / "briefings_page.png"))
    assert page.outside == []


def _step(page: Any) -> int:
    return int(parse_qs(urlparse(page.url).query).get("step", ["1"])[0])


def _at(frame: Any, expected: MapView) -> bool:
    """Whether the map in ``frame`` shows ``expected`` (false while it loads or is being replaced)."""
    from playwright.sync_api import Error

    with contextlib.suppress(Error):
        seen = frame.evaluate("() => { if (!(window.Atlas && Atlas.map)) { return null; } "
                              "const c = Atlas.map.getCenter(); return [c.lat, c.lng, Atlas.map.getZoom()]; }")
        return seen is not None and _near(MapView(*seen), expected)
    return False


def _shows(page: Any, number: int, view: View) -> None:
    """Wait until presenter mode shows step ``number`` with its title, progress and map at the saved frame."""
    _until(page, lambda: _step(page) == number)
    page.get_by_role("heading", name=view.title).wait_for()
    page.get_by_text(f"{number} / {len(STEPS.views)}").wait_for()
    assert view.extent is not None
    _until(page, lambda: any(_at(frame, view.extent) for frame in page.frames if frame.url == "about:srcdoc"))


def _arrow_from_inside_the_map(page: Any) -> bool:
    """Click into the map (the focus inside its frame) and press →; ``False`` when a rerun replaced
    the frame meanwhile (then the caller tries again on the new one)."""
    from playwright.sync_api import Error

    try:
        container = _map(page).locator(".leaflet-container")
        container.click(position={"x": 200, "y": 200})
        container.press("ArrowRight")
    except Error:  # "Frame was detached": the component swapped in a new map page
        return False
    return True


def test_presenter_mode_steps_with_the_arrow_keys_and_frames_each_view_as_saved(browser: Any, server: Server) -> None:
    save_briefing(STEPS, _briefings(server) / "three-frames.yaml")
    page = _tab(browser)
    page.goto(f"{server.url}/?briefing={quote(STEPS.name)}&step=1")
    _shows(page, 1, STEPS.views[0])
    page.screenshot(path=str(ARTIFACTS / "presenter.png"))
    page.keyboard.press("ArrowRight")
    _shows(page, 2, STEPS.views[1])
    _until(page, lambda: _arrow_from_inside_the_map(page))
    _shows(page, 3, STEPS.views[2])
    page.keyboard.press("ArrowRight")  # the last view: nowhere further to go
    page.wait_for_timeout(1500)
    assert _step(page) == 3
    page.keyboard.press("ArrowLeft")
    _shows(page, 2, STEPS.views[1])
    assert page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').count() == 0
    assert page.outside == []


def test_the_sample_briefing_loads_cleanly_and_presents(browser: Any, server: Server) -> None:
    loaded = load_briefing(_briefings(server) / SAMPLE.name, known_in(load_store(server.store_dir)))
    assert loaded.problems == ()
    assert [v.title for v in loaded.briefing.views] == [
        "INSTC end to end", "Zangezur and Aras", "The Caspian ports", "The exercises"]
    page = _tab(browser)
    page.goto(f"{server.url}/?briefing={quote(loaded.briefing.name)}&step=2")
    page.get_by_role("heading", name="Zangezur and Aras").wait_for()
    frame = _map(page)
    _until(page, lambda: _at(frame, loaded.briefing.views[1].extent))
    page.screenshot(path=str(ARTIFACTS / "presenter_sample.png"))
    assert page.outside == []


def _export(server: Server, fmt: str, out: Path, name: str = STEPS.name) -> Path:
    subprocess.run([sys.executable, "-m", "geo", "export", "--briefing", name, "--format", fmt,
                    "--store", str(server.store_dir), "--out", str(out)], cwd=ROOT, env=server.env, check=True)
    return out


def test_the_html_slideshow_steps_with_the_arrow_keys_from_file_with_no_network(browser: Any, server: Server,
                                                                                tmp_path: Path) -> None:
    save_briefing(STEPS, _briefings(server) / "three-frames.yaml")
    deck = _export(server, "html", tmp_path / "deck.html")
    page = _tab(browser, local=())
    page.goto(deck.as_uri())

    def active() -> str:
        return page.locator(".slide.active h1").inner_text()

    def map_ready(number: int) -> bool:
        return any(frame.evaluate("() => !!(window.Atlas && Atlas.map && document.querySelector('.ca-labels'))")
                   for frame in page.frames if frame.parent_frame is not None
                   and frame.frame_element().evaluate(f"e => e.closest('.slide').dataset.map === '{number - 1}'"))

    assert active() == "Baku up close"
    _until(page, lambda: map_ready(1))
    page.keyboard.press("ArrowRight")
    assert active() == "The South Caucasus"
    _until(page, lambda: map_ready(2))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert active() == "Sources"
    page.keyboard.press("ArrowLeft")
    assert active() == "The whole region"
    assert page.url.endswith("#3")
    page.screenshot(path=str(ARTIFACTS / "slideshow.png"))
    assert page.outside == []


def test_the_pdf_has_one_page_per_view_and_the_sources(server: Server, tmp_path: Path) -> None:
    pdf = _export(server, "pdf", tmp_path / "deck.pdf", name="Caspian corridors 2023–2024")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 4 + 1
    assert "INSTC end to end" in reader.pages[0].extract_text()
    assert "Sources" in reader.pages[4].extract_text()
