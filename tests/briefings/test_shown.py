"""What a saved view draws, and what changed in it since it was saved."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.briefings.model import SCREEN, View
from geo.briefings.shown import changes, documents_behind, shown, snapshot
from geo.maps.view import MapView, view_bounds
from geo.store.filters import Filters
from geo.store.tables import Store
from tests.support import app_fixtures

BAKU_CLOSE = MapView(40.38, 49.89, 9.0)


def _store() -> Store:
    return Store(folder=Path("unused"), **app_fixtures.tables())


def test_an_extent_covers_the_ground_a_1920_by_1080_leaflet_map_shows() -> None:
    west, south, east, north = view_bounds(MapView(0.0, 0.0, 2.0), *SCREEN)
    assert (west, east) == (-180.0, 180.0)  # 1920 px is wider than the 1024-px world at zoom 2
    west, south, east, north = view_bounds(BAKU_CLOSE, *SCREEN)
    assert east - west == pytest.approx(1920 / (256 * 2**9) * 360)
    assert south < 40.38 < north
    assert (north - south) < (east - west)  # a landscape screen


def test_a_view_draws_its_filters_its_frame_and_only_its_layers() -> None:
    store = _store()
    everything = shown(store, View("all"))
    assert len(everything.events) == len(store.events)
    around_baku = shown(store, View("Baku", extent=BAKU_CLOSE))
    assert set(around_baku.events["place"]) == {"Baku"}
    assert set(around_baku.places["name"]) == {"Baku"}
    assert set(around_baku.corridors["name"]) == {"INSTC"}  # the line passes through the frame
    no_events = shown(store, View("lines", layers=("corridors",)))
    assert no_events.events.empty
    assert no_events.places.empty
    assert len(no_events.corridors) == 2
    meetings = shown(store, View("meetings", filters=Filters(event_types=("meeting",))))
    assert set(meetings.events["type"]) == {"meeting"}


def test_the_documents_behind_a_view_are_those_of_everything_drawn() -> None:
    drawn = shown(_store(), View("Baku", extent=BAKU_CLOSE))
    assert documents_behind(drawn) == ["001_baku.txt", "002_tehran.txt"]  # the event, the place, the corridor


def test_a_view_saved_before_an_article_was_added_says_what_is_new() -> None:
    store = _store()
    view = View("Baku", extent=BAKU_CLOSE)
    view = dataclasses.replace(view, snapshot=snapshot(shown(store, view)))
    assert not changes(view, shown(store, view)).changed

    new_event = store.events.iloc[[0]].assign(event_id="e9", doc_id="d9", document="009_new.txt")
    grown = dataclasses.replace(store, events=gpd.GeoDataFrame(pd.concat([store.events, new_event]), crs="EPSG:4326"))
    change = changes(view, shown(grown, view))
    assert change.changed
    assert change.new_documents == ("009_new.txt",)
    assert change.new_events == 1
    assert change.summary() == "1 new event from 1 new article since saved"


def test_an_event_outside_the_frame_is_no_change() -> None:
    store = _store()
    view = View("Baku", extent=BAKU_CLOSE)
    view = dataclasses.replace(view, snapshot=snapshot(shown(store, view)))
    far = store.events.iloc[[0]].assign(event_id="e9", document="009_far.txt", geometry=[Point(-74.0, 40.7)])
    grown = dataclasses.replace(store, events=gpd.GeoDataFrame(pd.concat([store.events, far]), crs="EPSG:4326"))
    assert not changes(view, shown(grown, view)).changed
