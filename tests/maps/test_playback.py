"""Playback: events with their interval in milliseconds, corridors with their first mention."""

from __future__ import annotations

import json
import re
from pathlib import Path

from geo.maps.playback import DAY_MS, draw_playback, playback_corridors, playback_features
from geo.store.tables import Store
from tests.maps.test_webmap import many_events
from tests.support import app_fixtures


def _store() -> Store:
    return Store(folder=Path("unused"), **app_fixtures.tables())


def test_events_carry_epoch_millis_and_colours() -> None:
    features = playback_features(_store().events)
    assert len(features) == 3  # the undated agreement cannot be placed in time
    may = next(f for f in features if f["properties"]["ref"] == "event:e1")
    assert may["properties"]["start"] == 1714694400000  # 2024-05-03T00:00Z
    assert may["properties"]["end"] - may["properties"]["start"] == DAY_MS  # end exclusive


def test_many_events_are_merged_per_place_and_month() -> None:
    features = playback_features(many_events(20_000, 5_000))
    assert len(features) <= 1000
    assert sum(f["properties"]["count"] for f in features) == 20_000
    assert all(f["properties"]["start"] < f["properties"]["end"] for f in features)


def test_corridors_are_drawn_with_their_first_mention() -> None:
    corridors = playback_corridors(_store().corridors)["features"]
    first = {f["properties"]["ref"]: f["properties"]["first"] for f in corridors}
    assert first["corridor:named:instc"] == 1714694400000
    assert first["corridor:stated:kermanshah-baghdad"] is None  # undated: always shown


def test_the_player_page_has_its_controls_and_no_scroll_zoom() -> None:
    html = draw_playback(_store()).get_root().render()
    assert "/app/static/atlas/playback.js" in html
    config = json.loads(re.search(r"AtlasPlayback\.init\([^,]+, (\{.*\})\);", html).group(1))
    assert config["windows"] == [7, 30, 90, 365]
    assert config["first"] < config["last"]
    assert '"scrollWheelZoom": false' in html
