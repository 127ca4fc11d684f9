"""The Export page offers every format for the current view without rerunning the app on download."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo import settings
from geo.export.registry import EXPORTERS
from geo.store.filters import Filters, apply_filters
from pages._shared import View
from tests.app import APP_TIMEOUT
from tests.support.export_layers import fake_store


def _run_page(filters: Filters) -> AppTest:
    store = fake_store()
    page = AppTest.from_file(str(settings.ROOT / "pages" / "export.py"), default_timeout=APP_TIMEOUT)
    page.session_state["view"] = View(filters, store, apply_filters(store, filters))
    return page.run()


def test_page_offers_every_format_and_downloads_do_not_rerun() -> None:
    page = _run_page(Filters(event_types=("meeting",)))

    assert not page.exception
    buttons = {button.key: button.proto for button in page.get("download_button")}
    assert sorted(buttons) == [
        "download_csv_events", "download_csv_places", "download_geojson_all", "download_gpkg_all",
        "download_html_all", "download_kml_all", "download_png_all",
    ]
    assert sorted(buttons) == sorted(f"download_{e.name}_{layer or 'all'}" for e in EXPORTERS for layer in e.parts())
    assert all(proto.ignore_rerun for proto in buttons.values())
    # Data files are made only on click; the PNG is made once for its preview.
    assert all(proto.deferred_file_id for key, proto in buttons.items() if key != "download_png_all")
    assert buttons["download_png_all"].url
    assert len(page.get("image")) == 1
    assert page.code[0].value == "python -m geo export --format png --types meeting"


def test_page_warns_when_nothing_matches() -> None:
    page = _run_page(Filters(text="no such words anywhere"))

    assert not page.exception
    assert "Nothing matches the filters" in page.info[0].value
