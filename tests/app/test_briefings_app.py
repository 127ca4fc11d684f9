"""Briefings in the app, run headless with ``AppTest``: "Save view" from the sidebar, the Briefings
page's edits (rename, reorder, duplicate, delete), load problems as warnings, and presenter mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import settings
from geo.briefings.files import load_briefing, save_briefing
from geo.briefings.model import Briefing, View
from geo.maps.view import MapView
from geo.store.filters import Filters
from tests.app import APP_TIMEOUT
from tests.app.test_app import _navigation_mode, store_dir  # noqa: F401 - the shared store and page mode

APP = settings.ROOT / "app.py"
NAME = "Caspian test"


@pytest.fixture
def briefings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "briefings"
    monkeypatch.setenv("CORRIDOR_ATLAS_BRIEFINGS", str(folder))
    return folder


@pytest.fixture
def app(store_dir: Path, briefings: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:  # noqa: F811
    monkeypatch.setenv("CORRIDOR_ATLAS_STORE", str(store_dir))
    monkeypatch.setenv("CORRIDOR_ATLAS_CORPUS", str(tmp_path / "corpus"))
    monkeypatch.setenv("CORRIDOR_ATLAS_CORRECTIONS", str(tmp_path / "corrections.csv"))
    return AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def _three_views(folder: Path) -> Path:
    path = folder / "caspian-test.yaml"
    save_briefing(Briefing(NAME, (
        View("First", "Note **one**", Filters(event_types=("meeting",)), MapView(40.38, 49.89, 8.0)),
        View("Second", filters=Filters(countries=("IR",))),
        View("Third", layers=("corridors",)),
    )), path)
    return path


def _titles(path: Path) -> list[str]:
    return [view.title for view in load_briefing(path).briefing.views]


def _html(at: AppTest) -> str:
    return "".join(element.proto.body for element in at.get("html"))


def test_save_view_adds_the_filters_and_the_map_frame_to_a_new_then_the_same_briefing(app: AppTest,
                                                                                       briefings: Path) -> None:
    app.query_params["event_types"] = "meeting"
    app.query_params["view"] = "40.4,49.9,8"
    at = _ok(app.run())
    assert at.selectbox(key="sv_briefing").value == "New briefing…"
    at.text_input(key="sv_new_name").set_value(NAME)
    at.text_input(key="sv_title").set_value("Meetings around Baku")
    at.text_area(key="sv_note").set_value("Talks on the **ports**.")
    at.multiselect(key="sv_layers").set_value(["events", "places"])
    _ok(at.button(key="sv_save").click().run())
    assert "Saved “Meetings around Baku” as view 1" in at.sidebar.success[0].value.replace("\\", "")

    (path,) = briefings.glob("*.yaml")
    (view,) = load_briefing(path).briefing.views
    assert view.filters == Filters(event_types=("meeting",))
    assert view.extent == MapView(40.4, 49.9, 8.0)
    assert view.layers == ("events", "places")
    assert view.note == "Talks on the **ports**."
    assert view.saved_at is not None
    assert view.snapshot.events == 1  # the one meeting in the fixture store
    assert at.selectbox(key="sv_briefing").value == NAME  # the next view goes to the same briefing
    assert at.text_input(key="sv_title").value == ""

    at.text_input(key="sv_title").set_value("Everything")
    _ok(at.button(key="sv_save").click().run())
    assert _titles(path) == ["Meetings around Baku", "Everything"]


def test_a_view_without_a_title_is_not_saved(app: AppTest, briefings: Path) -> None:
    at = _ok(app.run())
    at.text_input(key="sv_new_name").set_value(NAME)
    _ok(at.button(key="sv_save").click().run())
    assert "Give a title" in at.sidebar.error[0].value
    assert not list(briefings.glob("*.yaml"))


def test_the_briefings_page_reorders_duplicates_renames_and_deletes(app: AppTest, briefings: Path) -> None:
    path = _three_views(briefings)
    at = _ok(app.run())
    _ok(at.switch_page("pages/briefings.py").run())
    assert [t.value for t in at.text_input if t.key.startswith("bf_title_")] == ["First", "Second", "Third"]
    assert at.button(key="bf_up_0").disabled
    assert at.button(key="bf_down_2").disabled

    _ok(at.button(key="bf_down_0").click().run())
    assert _titles(path) == ["Second", "First", "Third"]
    _ok(at.button(key="bf_up_2").click().run())
    assert _titles(path) == ["Second", "Third", "First"]
    _ok(at.button(key="bf_copy_0").click().run())
    assert _titles(path) == ["Second", "Second (copy)", "Third", "First"]
    _ok(at.button(key="bf_delete_1").click().run())
    assert _titles(path) == ["Second", "Third", "First"]
    next(t for t in at.text_input if t.label == "View 3").set_value("Baku, close up")
    _ok(at.run())
    assert _titles(path) == ["Second", "Third", "Baku, close up"]
    assert [t.value for t in at.text_input if t.key.startswith("bf_title_")] == ["Second", "Third", "Baku, close up"]
    moved = load_briefing(path).briefing.views[2]
    assert moved.extent == MapView(40.38, 49.89, 8.0)  # a view keeps its frame and note when edited
    assert moved.note == "Note **one**"


def test_the_briefings_page_names_each_problem_and_keeps_the_good_views(app: AppTest, briefings: Path) -> None:
    briefings.mkdir()
    (briefings / "edited.yaml").write_text(
        "version: 1\nname: Edited\nviews:\n"
        "- title: Gone corridor\n  filters: {corridors: [Vanished Corridor]}\n"
        "- title: Good\n  view: {lat: 40.4, lon: 49.9, zoom: 8}\n"
        "- title: Bad frame\n  view: {lat: north, lon: 49.9, zoom: 8}\n", encoding="utf-8")
    at = _ok(app.run())
    _ok(at.switch_page("pages/briefings.py").run())
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any(w.startswith("view 1 “Gone corridor”, filters.corridors: corridor “Vanished Corridor”") for w in warnings)
    assert any(w.startswith("view 3 “Bad frame”, view:") for w in warnings)
    assert [t.value for t in at.text_input if t.key.startswith("bf_title_")] == ["Gone corridor", "Good", "Bad frame"]
    assert [b.label for b in at.get("download_button")] == ["PDF", "PNG slides (zip)", "HTML slideshow"]


def test_presenter_mode_shows_one_view_and_steps_through_the_url(app: AppTest, briefings: Path) -> None:
    _three_views(briefings)
    app.query_params["briefing"] = NAME
    app.query_params["step"] = "1"
    at = _ok(app.run())
    html = _html(at)
    assert "<h1>First</h1>" in html
    assert "1 / 3" in html
    assert "<strong>one</strong>" in html  # the note, as Markdown
    assert "types: meeting" in html  # the caption names the view's filters
    assert not at.sidebar.multiselect  # no filter sidebar: the view brings its own
    assert at.button(key="presenter_prev").disabled

    _ok(at.button(key="presenter_next").click().run())
    assert at.query_params["step"] in ("2", ["2"])
    assert "2 / 3" in _html(at)
    assert "<h1>Second</h1>" in _html(at)
    _ok(at.button(key="presenter_next").click().run())
    assert "<h1>Third</h1>" in _html(at)
    assert at.button(key="presenter_next").disabled
    _ok(at.button(key="presenter_prev").click().run())
    assert "<h1>Second</h1>" in _html(at)


def test_presenter_mode_clamps_the_step_and_names_the_briefings_there_are(app: AppTest, briefings: Path) -> None:
    _three_views(briefings)
    app.query_params["briefing"] = "caspian-test"  # the file stem works too
    app.query_params["step"] = "9"
    at = _ok(app.run())
    assert "3 / 3" in _html(at)
    other = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    other.query_params["briefing"] = "Nothing like it"
    other = _ok(other.run())
    assert "no briefing called 'Nothing like it'" in other.error[0].value.replace("\\", "")
    assert NAME in other.error[0].value


def test_briefing_1_keeps_meaning_the_briefing_style(app: AppTest, briefings: Path) -> None:
    _three_views(briefings)
    app.query_params["briefing"] = "1"
    at = _ok(app.run())
    assert "ca-brief-caption" in _html(at)
    assert "ca-present-head" not in _html(at)


def test_switching_briefings_shows_the_other_briefings_titles(app: AppTest, briefings: Path) -> None:
    _three_views(briefings)
    save_briefing(Briefing("Another", (View("Only view"),)), briefings / "another.yaml")
    at = _ok(app.run())
    _ok(at.switch_page("pages/briefings.py").run())
    assert at.selectbox(key="bf_choice").value == "Another"  # by name
    assert [t.value for t in at.text_input if t.label.startswith("View ")] == ["Only view"]
    _ok(at.selectbox(key="bf_choice").set_value(NAME).run())
    assert [t.value for t in at.text_input if t.label.startswith("View ")] == ["First", "Second", "Third"]
