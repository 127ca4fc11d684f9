"""Presenter mode in the URL: a briefing's name opens it; ``briefing=1`` keeps meaning the briefing style."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from geo.briefings.model import PRESENTER_MAP, View
from geo.briefings.present import Presenting, presenting
from geo.briefings.shown import captured, fitted
from geo.maps.view import MapView, view_bounds
from geo.store.filters import Filters
from geo.store.tables import Store
from tests.support import app_fixtures


@pytest.mark.parametrize("flag", ["1", "true", "True", "yes", "on", "0", "false", "off", ""])
def test_a_flag_value_is_the_old_briefing_style_not_a_briefing(flag: str) -> None:
    assert presenting({"briefing": flag}) is None
    assert Filters.from_query_params({"briefing": flag}).briefing == (flag.lower() in {"1", "true", "yes", "on"})


def test_a_name_opens_presenter_mode_at_its_step() -> None:
    assert presenting({"briefing": "Caspian corridors 2023–2024", "step": "3"}) == \
        Presenting("Caspian corridors 2023–2024", 3)
    assert presenting({"briefing": ["caspian"]}) == Presenting("caspian", 1)
    assert presenting({"briefing": "caspian", "step": "zero"}) == Presenting("caspian", 1)
    assert presenting({"briefing": "caspian", "step": "-4"}) == Presenting("caspian", 1)
    assert not Filters.from_query_params({"briefing": "caspian"}).briefing  # never the style flag as well


def test_steps_stay_within_the_briefing_and_make_their_own_links() -> None:
    at = Presenting("Caspian corridors 2023–2024", 2)
    assert at.at(9, 4).step == 4
    assert at.at(0, 4).step == 1
    assert at.at(3, 4).query() == "?briefing=Caspian+corridors+2023%E2%80%932024&step=3"
    assert presenting(parse_qs(at.query()[1:])) == at  # the link reads back as the same view


def test_a_captured_view_records_when_and_what_it_drew() -> None:
    store = Store(folder=Path("unused"), **app_fixtures.tables())
    now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    view = captured(store, View("Baku", extent=MapView(40.38, 49.89, 9.0)), now)
    assert view.saved_at == now
    assert view.snapshot.events == 1
    assert view.snapshot.digest
    assert "001_baku.txt" in view.snapshot.documents


def test_a_fitted_view_keeps_the_frame_the_map_would_open_on_its_corridors() -> None:
    store = Store(folder=Path("unused"), **app_fixtures.tables())
    corridors = store.corridors
    name = str(corridors["name"].iloc[0])
    view = fitted(store, View("one corridor", filters=Filters(corridors=(name,))))
    assert view.extent is not None
    west, south, east, north = view_bounds(view.extent, *PRESENTER_MAP)
    line = corridors[corridors["name"] == name].geometry.iloc[0]
    lo_x, lo_y, hi_x, hi_y = line.bounds
    assert west < lo_x < hi_x < east  # the whole line shows
    assert south < lo_y < hi_y < north
    nothing = View("none", filters=Filters(text="no such words anywhere"))
    assert fitted(store, nothing).extent is None  # nothing placed: left to the features' frame
