"""The deck: a 1920×1080 slide per view framed as saved, a sources slide, one PDF page each."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import numpy as np
from matplotlib.image import imread
from pypdf import PdfReader

from geo.briefings.deck import deck_pdf, deck_pngs, plain_text, slides
from geo.briefings.model import Briefing, View
from geo.briefings.slideshow import slide_map_html, slideshow_html
from geo.maps.view import MapView
from geo.store.filters import Filters
from geo.store.tables import Store
from tests.support import app_fixtures

BRIEFING = Briefing("Caspian test", (
    View("INSTC", "The **corridor** [north](https://example.org) to Moscow.\n\n- rail\n- sea",
         Filters(corridors=("INSTC",)), MapView(45.0, 45.0, 4.0)),
    View("Baku up close", filters=Filters(event_types=("meeting",)), extent=MapView(40.38, 49.89, 8.0)),
    View("Everything"),
))


def _store() -> Store:
    return Store(folder=Path("unused"), **app_fixtures.tables())


def test_markdown_notes_become_plain_text_on_a_static_slide() -> None:
    assert plain_text("# Title\n\nThe **corridor** [north](https://x.org) `code`\n\n* one\n- two") == \
        "Title\n\nThe corridor north code\n\n• one\n• two"


def test_the_pngs_are_one_per_view_then_sources_with_dated_names() -> None:
    files = deck_pngs(_store(), BRIEFING, today=date(2026, 12, 2))
    assert list(files) == [
        "briefing-caspian-test_2026-12-02_01_instc.png",
        "briefing-caspian-test_2026-12-02_02_baku-up-close.png",
        "briefing-caspian-test_2026-12-02_03_everything.png",
        "briefing-caspian-test_2026-12-02_04_sources.png",
    ]
    for data in files.values():
        image = imread(io.BytesIO(data))
        assert image.shape[:2] == (1080, 1920)
    close, everything = (imread(io.BytesIO(d)) for d in list(files.values())[1:3])
    assert not np.array_equal(close, everything)  # a saved frame is not the default frame


def test_the_pdf_has_one_page_per_view_and_a_sources_page() -> None:
    reader = PdfReader(io.BytesIO(deck_pdf(_store(), BRIEFING)))
    assert len(reader.pages) == 4
    first = reader.pages[0].extract_text()
    assert "INSTC" in first
    assert "1 / 4" in first
    assert "The corridor north to Moscow." in first.replace("\n", " ")
    sources = reader.pages[3].extract_text()
    assert "001_baku.txt" in sources
    assert "Sources" in sources


def test_the_slideshow_is_one_offline_page_with_a_map_per_view() -> None:
    hostile = Briefing("<b>Deck</b>", (View("<script>alert(1)</script>", "Note with <img src=x onerror=alert(1)> and "
                                              "![pic](https://tracker.example/p.png)"), *BRIEFING.views))
    page = slideshow_html(_store(), hostile).decode("utf-8")
    assert page.count('<section class="slide') == len(hostile.views) + 1
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page  # raw HTML and Markdown images in notes never reach the page
    assert "Content-Security-Policy" in page
    assert not re.search(r'src="https?://|url\(https?://', page)  # nothing is fetched (a note's link is only a link)
    maps = json.loads(page.split("var maps = ", 1)[1].split(";\n", 1)[0].replace("<\\/", "</"))
    assert len(maps) == len(hostile.views)
    assert all("@@ASSET_" in m for m in maps)  # the 3 MB of scripts and fonts are kept once, not per map


def test_a_saved_frame_is_the_slideshow_map_frame() -> None:
    slide = next(s for s in slides(_store(), BRIEFING) if s.view.title == "Baku up close")
    page = slide_map_html(slide)
    assert '"view": {"lat": 40.38, "lon": 49.89, "zoom": 8.0}' in page  # the map opens where the view was saved
    assert "fitBounds" not in page
