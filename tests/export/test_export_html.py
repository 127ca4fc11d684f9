"""The standalone HTML map opens and draws in a browser that has no network at all."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from geo import export
from geo.store.filters import Filters, apply_filters
from tests.support.export_layers import fake_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_html_links_nothing_remote_except_optional_tiles() -> None:
    page = export.to_html(apply_filters(fake_store(), Filters()), Filters()).decode("utf-8")

    remote_assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', page)
    assert remote_assets == []
    assert "<title>Corridor Atlas</title>" in page
    assert "Natural Earth" in page


def test_html_title_is_escaped() -> None:
    view = apply_filters(fake_store(), Filters())
    page = export.to_html(view, Filters(), title="Brief <script>alert(1)</script>").decode("utf-8")

    assert "<title>Brief &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Chromium (make browser)")
def test_html_renders_leaflet_map_with_network_blocked(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    path = tmp_path / "map.html"
    path.write_bytes(export.to_html(apply_filters(fake_store(), Filters()), Filters()))
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
            context.route(
                "**/*",
                lambda route: route.continue_()
                if route.request.url.startswith(("file:", "data:"))
                else route.abort(),
            )
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(path.as_uri())
            page.wait_for_selector(".leaflet-container", timeout=15_000)
            page.wait_for_function("document.querySelectorAll('.leaflet-marker-icon').length > 0", timeout=15_000)
            height = page.evaluate("document.querySelector('.leaflet-container').getBoundingClientRect().height")
            drawn = page.evaluate("document.querySelectorAll('.leaflet-overlay-pane canvas, .leaflet-overlay-pane path').length")
            legend = page.inner_text(".ca-legend")
            shot = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB"), dtype=float)
        finally:
            browser.close()

    assert errors == []
    assert height > 300  # not the zero-height frame a missing script leaves
    assert drawn > 0
    assert "INSTC" in legend
    assert shot.std() > 10


def test_html_opens_at_the_view_on_screen_when_asked() -> None:
    from geo.maps.view import MapView

    view = apply_filters(fake_store(), Filters())
    page = export.to_html(view, Filters(), current=MapView(40.4, 49.9, 8)).decode("utf-8")
    assert '"view": {"lat": 40.4, "lon": 49.9, "zoom": 8}' in page
    assert '"view": null' in export.to_html(view, Filters()).decode("utf-8")
