"""The interactive map: offline assets, layers, escaped popups, aggregation, click lookup."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pytest
from folium.plugins import HeatMap
from shapely.geometry import Point

from geo.maps import assets as map_assets
from geo.maps import webmap
from geo.maps.highlight import Span, mark_spans
from geo.store.filters import Filters
from geo.store.tables import Store
from tests.support import app_fixtures

LINKS = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"')


@pytest.fixture
def store() -> Store:
    return Store(folder=Path("unused"), **app_fixtures.tables())


def _html(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def test_static_assets_point_at_vendored_files(store: Store) -> None:
    html = _html(webmap.build_map(store, Filters(), assets="static"))
    links = LINKS.findall(html)
    assert len(links) >= 10
    assert all(link.startswith("/app/static/") for link in links), links
    for link in links:
        assert (map_assets.STATIC_DIR / link.removeprefix("/app/static/")).is_file(), link
    assert "jquery" in html  # without jQuery the map frame stays blank
    assert "glyphicons" not in html


def test_inline_assets_make_a_self_contained_file(store: Store) -> None:
    html = _html(webmap.build_map(store, Filters(), assets="inline"))
    links = LINKS.findall(html)
    assert links
    assert all(link.startswith("data:") for link in links)
    # Only the optional online tile layers and attribution links name a web address.
    hosts = set(re.findall(r"https?://([^/\"'\\]+)", html))
    assert hosts <= {"tile.openstreetmap.org", "{s}.basemaps.cartocdn.com", "www.openstreetmap.org", "carto.com"}
    # Font Awesome's stylesheet carries its font inside.
    css_uri = map_assets.asset_url("awesome_markers_font_css", "inline")
    import base64

    css = base64.b64decode(css_uri.split(",", 1)[1]).decode()
    assert "url(data:font/woff2;base64," in css


def test_a_plugin_without_a_local_copy_is_refused() -> None:
    fmap = map_assets.AtlasMap(assets="static", tiles=None)
    HeatMap([[35.7, 51.4]]).add_to(fmap)
    with pytest.raises(ValueError, match="No offline copy"):
        _html(fmap)


def test_layers_legend_and_basemaps(store: Store) -> None:
    html = _html(webmap.build_map(store, Filters()))
    for name in ("Offline basemap (Natural Earth)", "OpenStreetMap (online)", "CartoDB Positron (online)",
                 "Corridors (2)", "Events (4)", "Places (7)"):
        assert name in html, name
    assert "openstreetmap.org/copyright" in html
    assert "GeoNames (CC BY 4.0)" in html
    assert "ca-legend" in html
    assert "Kermanshah – Baghdad" in html
    assert "fa-handshake" in html
    assert "fitBounds" in html


def test_corridors_coloured_per_corridor_and_stated_ones_dashed(store: Store) -> None:
    features = webmap.corridor_features(store.corridors)
    styles = {f["properties"]["tooltip"]: f["properties"]["style"] for f in features}
    named, stated = styles["Corridor: INSTC"], styles["Corridor: Kermanshah – Baghdad"]
    assert named["color"] != stated["color"]
    assert named["dashArray"] is None
    assert stated["dashArray"]
    assert named["weight"] > stated["weight"]


def test_popups_escape_article_text_and_highlight_the_place(store: Store) -> None:
    row = next(store.events[store.events["event_id"] == "e2"].itertuples(index=False))
    popup = webmap.event_popup(row)
    assert "<script>" not in popup
    assert "&lt;script&gt;" in popup
    assert "Astrakhan &amp; Moscow" in popup
    assert "<mark>Tehran</mark>" in popup
    assert "Nov 2024 (month)" in popup
    assert "Iran, Russia" in popup
    assert "002_tehran.txt" in popup
    hostile = store.events.copy()
    hostile["place"] = '<img src=x onerror="alert(1)">'
    feature = webmap.event_features(hostile)[0]
    assert "<img" not in feature["properties"]["popup"] + feature["properties"]["tooltip"]


def test_format_when_follows_precision() -> None:
    assert webmap.format_when(date(2024, 5, 3), date(2024, 5, 3), "day") == "3 May 2024"
    assert webmap.format_when(date(2024, 5, 1), date(2024, 5, 31), "month") == "May 2024"
    assert webmap.format_when(date(2024, 1, 1), date(2024, 12, 31), "year") == "2024"
    assert webmap.format_when(date(2024, 1, 1), date(2024, 3, 31), "approximate") == "c. 1 Jan 2024 – 31 Mar 2024"
    assert webmap.format_when(None, None, "unknown") == "undated"


def test_marked_spans_nest_and_escape() -> None:
    text = "Talks in <Baku> & Tehran."
    spans = [Span(0, len(text), "ev", "meeting"), Span(10, 14, "pl", 'Baku "AZ"')]
    html = mark_spans(text, spans)
    assert html.count('<span class="ev"') == 3  # cut around the nested mention
    assert '<span class="ev" title="meeting"><span class="pl" title="Baku &quot;AZ&quot;">Baku</span></span>' in html
    assert "&lt;" in html
    assert "&amp;" in html
    assert "<Baku>" not in html


def _many_events(count: int, places: int, seed: int = 7) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    base = app_fixtures.tables()["events"].iloc[[0]]
    lon = rng.uniform(20, 80, places)
    lat = rng.uniform(10, 60, places)
    pick = rng.integers(0, places, count)
    frame = base.loc[base.index.repeat(count)].reset_index(drop=True)
    frame["event_id"] = [f"x{i}" for i in range(count)]
    frame["place_id"] = [f"gn:{p}" for p in pick]
    frame["place"] = [f"Town {p}" for p in pick]
    frame["type"] = rng.choice(["meeting", "visit", "agreement"], count)
    start = [date(2020, 1, 1) + timedelta(days=int(d)) for d in rng.integers(0, 1500, count)]
    frame["start"] = start
    frame["end"] = start
    return gpd.GeoDataFrame(frame, geometry=[Point(lon[p], lat[p]) for p in pick], crs="EPSG:4326")


def test_many_events_are_aggregated_not_drawn_one_by_one(store: Store) -> None:
    events = _many_events(20_000, 5_000)
    big = Store(folder=Path("unused"), **{**app_fixtures.tables(), "events": events})
    layers = webmap.map_layers(big)
    assert not layers.events_as_markers
    features = layers.events["features"]
    assert 0 < len(features) <= webmap.POINT_LIMIT
    assert sum(int(f["properties"]["tooltip"].split(": ")[1].split()[0]) for f in features) == 20_000
    timeline = webmap.timeline_features(events)
    assert len(timeline) <= webmap.POINT_LIMIT
    assert all(f["properties"]["start"] < f["properties"]["end"] for f in timeline)


def test_few_events_are_pins_with_type_icons(store: Store) -> None:
    layers = webmap.map_layers(store)
    assert layers.events_as_markers
    icons = {f["properties"]["icon"] for f in layers.events["features"]}
    assert icons == {"handshake", "plane", "users", "file-signature"}
    assert layers.bounds == [[33.3406, 37.6156], [55.7522, 51.4215]]


def test_timeline_features_carry_epoch_millis(store: Store) -> None:
    features = webmap.timeline_features(store.events)
    assert len(features) == 3  # the undated agreement cannot be placed in time
    may = next(f for f in features if "Meeting" in f["properties"]["tooltip"])
    assert may["properties"]["start"] == 1714694400000  # 2024-05-03T00:00Z
    assert may["properties"]["end"] - may["properties"]["start"] == 86_400_000
    html = _html(webmap.build_timeline_map(store))
    assert "/app/static/leaflet-timeline/leaflet.timeline.js" in html
    assert "timelineSliderControl" in html


def test_sources_at_a_click(store: Store) -> None:
    near_baku = webmap.sources_at(store, 40.38, 49.9)
    assert near_baku["title"].tolist()[0] == "Meeting · Baku"
    assert "<mark>Baku</mark>" in near_baku["quote_html"].iloc[0]
    assert len(near_baku) == 1  # the mention repeats the event's sentence
    corridor = webmap.sources_at(store, 0, 0, "Corridor: INSTC")
    assert len(corridor) == 2
    assert corridor["document"].iloc[0] == "001_baku.txt, 002_tehran.txt"
    assert webmap.sources_at(store, -40.0, -60.0).empty  # open ocean, far from everything


def test_a_click_on_a_big_circle_finds_the_place_its_tooltip_names(store: Store) -> None:
    # Clicked on the edge of Tehran's circle, nearer to Kermanshah: the tooltip decides.
    found = webmap.sources_at(store, 34.6, 48.0, "Tehran: 1 mention(s)")
    assert found["title"].tolist() == ["Conference · Tehran"]
    assert "<mark>Tehran</mark>" in found["quote_html"].iloc[0]
