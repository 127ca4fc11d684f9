"""Every page of the Streamlit app, run headless with ``streamlit.testing``: no exceptions,
filters change what is shown, filters live in the URL and survive page switches."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from geo import settings
from geo.parse.geoparser import candidates
from geo.store import tables as store
from tests.app import APP_TIMEOUT
from tests.support import app_fixtures

APP = settings.ROOT / "app.py"



@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store")
    with store.locked(folder):
        store.write_store(folder, app_fixtures.tables(), cache={}, manifest={"built_at": "2026-01-01T00:00:00Z"})
    return folder


@pytest.fixture(autouse=True)
def _navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as a live server does after its first run: in ``st.navigation`` mode.

    AppTest starts every run in the old ``pages/`` folder mode, which the app leaves by
    rerunning (see ``pages/_shared.leave_pages_folder_mode``); that rerun would swallow the
    button clicks a test makes. The first-run switch itself is covered end to end.
    """
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def app(store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CORRIDOR_ATLAS_STORE", str(store_dir))
    monkeypatch.setenv("CORRIDOR_ATLAS_CORPUS", str(tmp_path / "corpus"))
    monkeypatch.setenv("CORRIDOR_ATLAS_CORRECTIONS", str(tmp_path / "corrections.csv"))
    return AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _param(at: AppTest, key: str) -> list[str]:
    """A URL parameter as a list (AppTest gives single values as plain strings)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_map_page_shows_counts_and_the_map(app: AppTest) -> None:
    at = _ok(app.run())
    assert _metrics(at) == {"Events": "4", "Corridors": "2", "Places": "7", "Documents": "3"}
    assert at.title[0].value == "Corridor Atlas"
    assert dict(at.query_params) == {}  # default view, clean URL


def test_filters_change_counts_and_the_url(app: AppTest) -> None:
    at = _ok(app.run())
    at.multiselect(key="flt_event_types").set_value(["meeting"]).run()
    _ok(at)
    assert _metrics(at)["Events"] == "1"
    assert _metrics(at)["Places"] == "1"
    assert _param(at, "event_types") == ["meeting"]
    at.slider(key="flt_min_confidence").set_value(0.95).run()
    assert _metrics(_ok(at))["Events"] == "0"
    assert _param(at, "min_confidence") == ["0.95"]
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert _metrics(_ok(at))["Events"] == "4"
    assert dict(at.query_params) == {}


def test_url_opens_the_same_view(app: AppTest) -> None:
    app.query_params["countries"] = ["RU"]
    app.query_params["include_undated"] = "0"
    at = _ok(app.run())
    assert at.multiselect(key="flt_countries").value == ["RU"]
    assert at.toggle(key="flt_include_undated").value is False
    assert _metrics(at) == {"Events": "1", "Corridors": "1", "Places": "2", "Documents": "1"}


def test_filters_survive_a_page_switch(app: AppTest) -> None:
    at = _ok(app.run())
    at.multiselect(key="flt_event_types").set_value(["visit"]).run()
    at.switch_page("pages/documents.py").run()
    _ok(at)
    assert _param(at, "event_types") == ["visit"]
    assert any("1 of 3 documents" in c.value for c in at.caption)
    at.switch_page("pages/map.py").run()
    assert _metrics(_ok(at))["Events"] == "1"


def test_the_map_view_in_the_url_survives_filter_changes_and_page_switches(app: AppTest) -> None:
    app.query_params["view"] = "40.5,47.25,7"
    at = _ok(app.run())
    assert _param(at, "view") == ["40.5000,47.2500,7"]
    at.multiselect(key="flt_event_types").set_value(["meeting"]).run()
    assert _param(_ok(at), "view") == ["40.5000,47.2500,7"]
    at.switch_page("pages/export.py").run()
    _ok(at)
    assert _param(at, "view") == ["40.5000,47.2500,7"]
    assert at.radio(key="export_framing").value == "view"  # the PNG draws what the map showed
    assert "--view 40.5000,47.2500,7" in at.code[0].value


def test_choosing_corridors_asks_the_map_to_frame_them(app: AppTest) -> None:
    app.query_params["view"] = "40.5,47.25,7"
    at = _ok(app.run())
    at.multiselect(key="flt_corridors").set_value(["Kermanshah – Baghdad"]).run()
    assert "view" not in _ok(at).query_params  # the map reframes, then reports its new view
    assert at.session_state["view_token"] == 1


def test_a_corridor_named_in_any_case_in_the_url_is_selected(app: AppTest) -> None:
    app.query_params["corridors"] = "instc"
    at = _ok(app.run())
    assert at.multiselect(key="flt_corridors").value == ["INSTC"]
    assert _metrics(at)["Corridors"] == "1"


def test_date_bounds_beyond_the_data_stay_in_the_url(app: AppTest) -> None:
    app.query_params["date_to"] = "2031-12-31"
    at = _ok(app.run())
    assert _param(at, "date_to") == ["2031-12-31"]
    assert _metrics(at)["Events"] == "4"


def test_an_empty_map_says_why(app: AppTest) -> None:
    app.query_params["corridors"] = "Nowhere Corridor"
    at = _ok(app.run())
    assert "no corridor called 'Nowhere Corridor'" in at.warning[0].value


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("pages/timeline.py", "3 dated event(s) of 4"),
        ("pages/documents.py", "3 of 3 documents"),
        ("pages/places.py", "7 resolved place(s)"),
        ("pages/about.py", "Store folder"),
    ],
)
def test_every_page_runs(app: AppTest, page: str, expected: str) -> None:
    at = _ok(app.run())
    at.switch_page(page).run()
    _ok(at)
    assert any(expected in c.value for c in at.caption), [c.value for c in at.caption]


def test_export_page_runs_when_present(app: AppTest) -> None:
    if not (APP.parent / "pages" / "export.py").exists():
        pytest.skip("the Export page is not in this tree")
    at = _ok(app.run())
    at.switch_page("pages/export.py").run()
    _ok(at)


def test_documents_page_marks_places_and_escapes_text(app: AppTest) -> None:
    at = _ok(app.run())
    at.switch_page("pages/documents.py").run()
    at.selectbox(key="doc").set_value("d2").run()
    body = "".join(h.proto.body for h in _ok(at).get("html"))
    assert '<span class="ca-place" title="Tehran (city, IR), score 0.90">Tehran</span>' in body
    assert "&lt;script&gt;" in body
    assert "<script>" not in body
    assert "ca-event" in body


def test_places_page_lists_places_by_mentions(app: AppTest) -> None:
    at = _ok(app.run())
    at.switch_page("pages/places.py").run()
    table = _ok(at).dataframe[0].value
    assert len(table) == 7
    assert set(table.columns) >= {"place", "kind", "country", "mentions", "confidence"}
    assert table["country"].iloc[0].endswith(")")  # "Azerbaijan (AZ)"-style labels


def test_upload_rejects_binary_and_oversized_files(app: AppTest, tmp_path: Path) -> None:
    at = _ok(app.run())
    at.switch_page("pages/documents.py").run()
    uploader = at.file_uploader(key="uploads")
    uploader.set_value([("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "text/plain")])
    at.button(key="upload_submit").click().run()
    _ok(at)
    errors = [e.value.replace("\\", "") for e in at.error]  # file names are shown escaped: never Markdown
    assert errors
    assert "photo.txt was not added" in errors[0]
    assert not (tmp_path / "corpus" / "photo.txt").exists()
    assert _ok(at).caption  # the page is still usable


def test_briefing_view_hides_chrome(app: AppTest) -> None:
    app.query_params["briefing"] = "1"
    at = _ok(app.run())
    assert not at.title
    assert not at.metric
    html = "".join(h.proto.body for h in at.get("html"))
    assert "ca-brief-caption" in html
    assert "all dates" in html
    assert "4 events" in html
    assert 'header[data-testid="stHeader"]' in html


def test_places_page_saves_corrections_as_csv(app: AppTest, tmp_path: Path) -> None:
    at = _ok(app.run())
    at.switch_page("pages/places.py").run()
    at.selectbox(key="review_place").set_value("gn:616052").run()  # Yerevan, a weak mention
    at.button(key="not_place").click().run()
    _ok(at)
    saved = (tmp_path / "corrections.csv").read_text(encoding="utf-8").splitlines()
    assert saved[0].startswith("doc_id,document,start,end,text,action")
    assert saved[1].startswith("d3,003_undated.txt,")
    assert ",Yerevan,not_place," in saved[1]
    assert "next build" in at.success[0].value  # no articles in this corpus: nothing rebuilt yet

    at.selectbox(key="review_place").set_value("gn:587084").run()  # Baku
    other = next(p for p in candidates("Baku", limit=40) if p.place_id != "gn:587084")
    assert at.button(key="reassign").disabled  # nothing chosen yet
    at.selectbox(key="review_target").set_value(other).run()
    at.button(key="reassign").click().run()
    _ok(at)
    rows = (tmp_path / "corrections.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3
    assert any(f",Baku,reassign,{other.place_id}," in row for row in rows)
