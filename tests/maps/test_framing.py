"""Where a map opens: the concentration of features, robust to far outliers; views in the URL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import shapely

from geo.maps.framing import frame_of
from geo.maps.view import MapView, fit_view, fit_zoom, view_bounds
from geo.store.tables import Store
from tests.support import app_fixtures
from tests.support.export_layers import fake_store


def _with_far_places(store: object, count: int) -> object:
    places = store.places.copy()  # type: ignore[attr-defined]
    for i in range(count):
        places.loc[len(places)] = {**places.iloc[0].to_dict(), "place_id": f"gn:far{i}", "name": f"Far {i}",
                                   "mentions": 1, "geometry": shapely.Point(-74.0 + i, 40.7)}
    return replace(store, places=places)  # type: ignore[type-var]


def test_a_far_outlier_leaves_the_frame_on_the_region() -> None:
    store = _with_far_places(fake_store(), 1)
    frame = frame_of(store)
    assert frame.bounds[0] > 30  # the Caspian region, not New York
    assert frame.everything[0] < -70  # "show all" still reaches it
    assert frame.is_partial


def test_features_close_together_keep_the_whole_frame() -> None:
    frame = frame_of(Store(folder=Path("unused"), **app_fixtures.tables()))
    assert frame.bounds == frame.everything  # Moscow to Baghdad: one region, nothing left out


def test_a_selected_corridor_is_framed_alone() -> None:
    store = _with_far_places(fake_store(), 3)
    corridors = store.corridors[store.corridors["name"] == "Kermanshah – Baghdad"]
    frame = frame_of(replace(store, corridors=corridors), corridors_selected=True)
    assert frame.bounds == pytest.approx((44.4009, 33.3406, 47.065, 34.3142))


def test_country_points_weigh_less_than_towns() -> None:
    tables = app_fixtures.tables()
    places = tables["places"].copy()
    places.loc[len(places)] = {**places.iloc[0].to_dict(), "place_id": "gn:ru", "name": "Russia", "kind": "country",
                               "mentions": 40, "geometry": shapely.Point(96.7, 61.9)}
    store = Store(folder=Path("unused"), **{**tables, "places": places})
    assert frame_of(store).bounds[2] < 60  # a country's centroid in Siberia does not stretch the frame east


def test_view_url_form_round_trips_and_rejects_nonsense() -> None:
    view = MapView(41.5, 46.25, 7)
    assert view.to_param() == "41.5000,46.2500,7"
    assert MapView.from_param(view.to_param()) == view
    for bad in ("", "41,46", "a,b,c", "41,46,40", "95,46,5", "41,200,5"):
        assert MapView.from_param(bad) is None, bad


def test_view_bounds_and_fit_zoom_agree_with_web_mercator() -> None:
    bounds = view_bounds(MapView(0.0, 0.0, 2), 1024, 1024)
    assert bounds[0] == pytest.approx(-180.0)
    assert bounds[2] == pytest.approx(180.0)
    caucasus = (44.0, 38.5, 50.0, 41.5)
    zoom = fit_zoom(caucasus, 1000, 640)
    west, south, east, north = view_bounds(fit_view(caucasus, 1000, 640), 1000, 640)
    assert west <= 44.0
    assert south <= 38.5
    assert east >= 50.0
    assert north >= 41.5
    assert fit_zoom(caucasus, 1000, 640) == zoom
    assert fit_zoom(caucasus, 2000, 1280) == zoom + 1
