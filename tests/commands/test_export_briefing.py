"""``python -m geo export --briefing NAME --format pdf|png|html``: a saved briefing as a deck from a script."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from geo.briefings.files import save_briefing
from geo.briefings.model import Briefing, View
from geo.cli import main
from geo.maps.view import MapView
from geo.store import tables as store_module
from geo.store.filters import Filters
from tests.support.export_layers import fake_store

TODAY = date.today().isoformat()  # noqa: DTZ011 - the command names files by the user's day
BRIEFING = Briefing("Caspian test run", (
    View("INSTC", "The corridor **north**.", Filters(corridors=("INSTC",)), MapView(38.0, 55.0, 4.0)),
    View("Meetings in Iran", filters=Filters(event_types=("meeting",), countries=("IR",))),
))


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    fake = fake_store()
    store_module.write_store(folder, {name: getattr(fake, name) for name in store_module.TABLE_NAMES}, cache={},
                             manifest={"counts": {}, "skipped": []})
    return folder


@pytest.fixture
def briefings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir()
    monkeypatch.setenv("CORRIDOR_ATLAS_BRIEFINGS", str(folder))
    save_briefing(BRIEFING, folder / "caspian-test-run.yaml")
    return folder


def _export(store_dir: Path, *args: str) -> int:
    return main(["export", "--store", str(store_dir), *args])


def test_pdf_has_a_page_per_view_and_the_sources_and_a_dated_name(store_dir: Path, briefings: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "decks"
    out.mkdir()
    assert _export(store_dir, "--briefing", "Caspian test run", "--format", "pdf", "--out", str(out)) == 0
    (written,) = out.iterdir()
    assert written.name == f"briefing-caspian-test-run_{TODAY}.pdf"
    reader = PdfReader(written)
    assert len(reader.pages) == 3
    assert "Meetings in Iran" in reader.pages[1].extract_text()
    assert "Sources" in reader.pages[2].extract_text()


def test_png_writes_one_slide_per_view_then_sources(store_dir: Path, briefings: Path, tmp_path: Path) -> None:
    out = tmp_path / "slides"  # created when missing
    assert _export(store_dir, "--briefing", "caspian-test-run", "--format", "png", "--out", str(out)) == 0
    names = sorted(path.name for path in out.iterdir())
    stem = f"briefing-caspian-test-run_{TODAY}"
    assert names == [f"{stem}_01_instc.png", f"{stem}_02_meetings-in-iran.png", f"{stem}_03_sources.png"]
    assert all(Image.open(out / name).size == (1920, 1080) for name in names)


def test_html_is_one_offline_file_named_after_the_briefing(store_dir: Path, briefings: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.html"
    assert _export(store_dir, "--briefing", "CASPIAN TEST RUN", "--format", "html", "--out", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert "<h1>Meetings in Iran</h1>" in text
    assert "https://" not in text.split("<script>")[0]  # the page itself asks nothing of the network


def test_a_missing_briefing_names_the_ones_there_are(store_dir: Path, briefings: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert _export(store_dir, "--briefing", "No such briefing", "--format", "pdf", "--out", str(tmp_path)) == 1
    error = capsys.readouterr().err
    assert "no briefing called 'No such briefing'" in error
    assert "Caspian test run" in error
    assert not list(tmp_path.glob("*.pdf"))


def test_data_formats_are_refused_for_a_briefing_and_pdf_needs_one(store_dir: Path, briefings: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert _export(store_dir, "--briefing", "Caspian test run", "--format", "kml") == 2
    assert "a briefing exports as pdf, png, html" in capsys.readouterr().err
    assert _export(store_dir, "--format", "pdf") == 2
    assert "add --briefing NAME" in capsys.readouterr().err


def test_problems_in_a_hand_edited_file_are_warnings_and_the_good_views_export(
        store_dir: Path, briefings: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (briefings / "edited.yaml").write_text(
        "version: 1\nname: Edited\nviews:\n"
        "- title: Gone corridor\n  filters: {corridors: [Vanished Corridor]}\n"
        "- title: Fine\n  filters: {event_types: [meeting]}\n"
        "- note: no title here\n", encoding="utf-8")
    out = tmp_path / "edited.pdf"
    assert _export(store_dir, "--briefing", "Edited", "--format", "pdf", "--out", str(out)) == 0
    error = capsys.readouterr().err
    assert "view 1 “Gone corridor”, filters.corridors: corridor “Vanished Corridor” is not in the store" in error
    assert "view 3, title: has no title; left out" in error
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) == 3  # two views and the sources
