"""The interactive map: offline assets, layers, escaped popups, aggregation, labels and framing config."""

from __future__ import annotations

import base64
import json
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
from geo.maps import features, webmap
from geo.maps.highlight import Span, mark_spans
from geo.maps.popups import event_popup, format_when
from geo.maps.style import corridor_colour
from geo.maps.view import MapView
from geo.store.filters import Filters
from geo.store.tables import Store
from tests.support import app_fixtures

LINKS = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"')
CONFIG = re.compile(r"Atlas\.init\([^,]+, (\{.*\})\);")


@pytest.fixture
def store() -> Store:
    return Store(folder=Path("unused"), **app_fixtures.tables())


def _html(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def _config(html: str) -> dict:
    return json.loads(CONFIG.search(html).group(1))


def test_static_assets_point_at_vendored_files(store: Store) -> None:
    html = _html(webmap.build_map(store, Filters(), assets="static"))
    links = LINKS.findall(html)
    assert len(links) >= 10
    assert all(link.startswith("/app/static/") for link in links), links
    for link in links:
        assert (map_assets.STATIC_DIR / link.removeprefix("/app/static/")).is_file(), link
    assert "/app/static/atlas/atlas.js" in links
    assert "jquery" in html  # without jQuery the map frame stays blank
    assert "glyphicons" not in html
    assert _config(html)["base"] == "/app/static/basemap/"


def test_inline_assets_make_a_self_contained_file(store: Store) -> None:
    html = _html(webmap.build_map(store, Filters(), assets="inline"))
    links = LINKS.findall(html)
    assert links
    assert all(link.startswith("data:") for link in links)
    # Only the optional online tile layers and attribution links name a web address.
    hosts = set(re.findall(r"https?://([^/\"'\\]+)", html))
    assert hosts <= {"tile.openstreetmap.org", "{s}.basemaps.cartocdn.com", "www.openstreetmap.org", "carto.com"}
    css = base64.b64decode(map_assets.asset_url("awesome_markers_font_css", "inline").split(",", 1)[1]).decode()
    assert "url(data:font/woff2;base64," in css  # Font Awesome's stylesheet carries its font inside
    inline = _config(html)["inline"]
    assert "countries-110m.geojson" in inline
    assert "labels.json" in inline


def test_a_standalone_file_carries_only_the_basemap_its_view_needs(store: Store) -> None:
    caucasus = Store(folder=Path("unused"), **{**app_fixtures.tables(),
                                               "corridors": app_fixtures.tables()["corridors"].iloc[[1]]})
    inline = _config(_html(webmap.build_map(caucasus, Filters(corridors=("Kermanshah – Baghdad",)), assets="inline")))["inline"]
    cells = [name for name in inline if name.startswith("tiles-10m/e")]
    assert cells  # a regional view gets the detail tier around it…
    assert len(cells) < 20  # …and not the world's 462 cells
    assert set(inline["tiles-10m/index.json"]["cells"]) == {name.split("/")[1].split(".")[0] for name in cells}
    west, south, east, north = -30, 0, 90, 70  # every name carried lies near the view
    assert all(west < row[1] < east and south < row[2] < north for row in inline["labels.json"]["places"])


def test_a_plugin_without_a_local_copy_is_refused() -> None:
    fmap = map_assets.AtlasMap(assets="static", tiles=None)
    HeatMap([[35.7, 51.4]]).add_to(fmap)
    with pytest.raises(ValueError, match="No offline copy"):
        _html(fmap)


def test_layers_legend_basemaps_and_frame(store: Store) -> None:
    html = _html(webmap.build_map(store, Filters()))
    for name in ("Offline basemap (Natural Earth)", "OpenStreetMap (online)", "CartoDB Positron (online)",
                 "Corridors (2)", "Events (4)", "Places (7)"):
        assert name in html, name
    assert "openstreetmap.org/copyright" in html
    assert "GeoNames (CC BY 4.0)" in html
    assert "ca-legend" in html
    assert "Kermanshah – Baghdad" in html
    assert "fa-handshake" in html
    config = _config(html)
    assert config["view"] is None
    assert config["frame"] == [[33.3406, 37.6156], [55.7522, 51.4215]]
    assert len(config["points"]) == 4 + 7  # the outside note counts events and places
    assert len(config["boxes"]) == 2


def test_a_saved_view_opens_where_it_was(store: Store) -> None:
    config = _config(_html(webmap.build_map(store, Filters(), view=MapView(40.1, 47.3, 7))))
    assert config["view"] == {"lat": 40.1, "lon": 47.3, "zoom": 7}


def test_labels_rank_places_and_carry_corridor_lines(store: Store) -> None:
    labels = features.label_config(store)
    ranked = [row[0] for row in labels["places"]]
    # Tehran: 1 mention + 2 per event + 3 as a corridor waypoint; Yerevan: one weak mention.
    assert ranked[0] == "Tehran"
    assert ranked[-1] == "Yerevan"
    assert {c["name"] for c in labels["corridors"]} == {"INSTC", "Kermanshah – Baghdad"}
    instc = next(c for c in labels["corridors"] if c["name"] == "INSTC")
    assert instc["colour"] == corridor_colour("named:instc", "INSTC")
    assert instc["lines"][0][0] == [35.694, 51.422]  # lat, lon for Leaflet
    assert "Baku" in labels["waypoints"]


def test_corridors_keep_their_colour_and_stated_ones_are_dashed(store: Store) -> None:
    drawn = features.corridor_features(store.corridors)
    styles = {f["properties"]["tooltip"]: f["properties"]["style"] for f in drawn}
    named, stated = styles["Corridor: INSTC"], styles["Corridor: Kermanshah – Baghdad"]
    assert named["dashArray"] is None
    assert stated["dashArray"]
    assert named["weight"] > stated["weight"]
    alone = features.corridor_features(store.corridors.iloc[[0]])  # the same corridor, filtered alone
    assert alone[0]["properties"]["style"]["color"] == named["color"]


def test_approximate_routes_are_dotted(store: Store) -> None:
    corridors = store.corridors.copy()
    corridors["approximate"] = [False, True]
    styles = {f["properties"]["tooltip"]: f["properties"]["style"] for f in features.corridor_features(corridors)}
    assert "ca-approximate" in styles["Corridor: Kermanshah – Baghdad"]["className"]
    assert styles["Corridor: Kermanshah – Baghdad"]["weight"] < styles["Corridor: INSTC"]["weight"]
    html = _html(webmap.draw_map(features.map_layers(Store(folder=Path("unused"), **{
        **app_fixtures.tables(), "corridors": corridors}))))
    assert "dotted: course not known" in html


def test_popups_escape_article_text_and_highlight_the_place(store: Store) -> None:
    row = next(store.events[store.events["event_id"] == "e2"].itertuples(index=False))
    popup = event_popup(row, ["Tehran"], "https://example.org/a?b=1&c=<2>")
    assert "<script>" not in popup
    assert "&lt;script&gt;" in popup
    assert "Astrakhan &amp; Moscow" in popup
    assert "<mark>Tehran</mark>" in popup
    assert "Nov 2024 (month)" in popup
    assert "Iran, Russia" in popup
    assert "002_tehran.txt" in popup
    assert 'href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in popup
    hostile = store.events.copy()
    hostile["place"] = '<img src=x onerror="alert(1)">'
    feature = features.event_features(hostile)[0]
    assert "<img" not in feature["properties"]["popup"] + feature["properties"]["tooltip"]


def test_every_feature_names_itself_for_clicks(store: Store) -> None:
    layers = features.map_layers(store)
    refs = {f["properties"]["ref"] for layer in (layers.events, layers.places, layers.corridors) for f in layer["features"]}
    assert {"event:e1", "place:gn:587084", "corridor:named:instc"} <= refs


def test_format_when_follows_precision() -> None:
    assert format_when(date(2024, 5, 3), date(2024, 5, 3), "day") == "3 May 2024"
    assert format_when(date(2024, 5, 1), date(2024, 5, 31), "month") == "May 2024"
    assert format_when(date(2024, 1, 1), date(2024, 12, 31), "year") == "2024"
    assert format_when(date(2024, 1, 1), date(2024, 3, 31), "approximate") == "c. 1 Jan 2024 – 31 Mar 2024"
    assert format_when(None, None, "unknown") == "undated"


def test_marked_spans_nest_and_escape() -> None:
    text = "Talks in <Baku> & Tehran."
    spans = [Span(0, len(text), "ev", "meeting"), Span(10, 14, "pl", 'Baku "AZ"')]
    html = mark_spans(text, spans)
    assert html.count('<span class="ev"') == 3  # cut around the nested mention
    assert '<span class="ev" title="meeting"><span class="pl" title="Baku &quot;AZ&quot;">Baku</span></span>' in html
    assert "&lt;" in html
    assert "&amp;" in html
    assert "<Baku>" not in html


def many_events(count: int, places: int, seed: int = 7) -> gpd.GeoDataFrame:
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


def test_many_events_are_aggregated_not_drawn_one_by_one() -> None:
    events = many_events(20_000, 5_000)
    big = Store(folder=Path("unused"), **{**app_fixtures.tables(), "events": events})
    layers = features.map_layers(big)
    assert not layers.events_as_markers
    drawn = layers.events["features"]
    assert 0 < len(drawn) <= features.POINT_LIMIT
    assert sum(f["properties"]["count"] for f in drawn) == 20_000
    assert sum(p[2] for p in layers.outside_points()) >= 20_000  # the outside note counts events, not circles


def test_few_events_are_pins_with_type_icons(store: Store) -> None:
    layers = features.map_layers(store)
    assert layers.events_as_markers
    icons = {f["properties"]["icon"] for f in layers.events["features"]}
    assert icons == {"handshake", "plane", "users", "file-signature"}


def test_dark_map_gives_black_pins_a_halo(store: Store) -> None:
    dark = _html(webmap.build_map(store, Filters(dark=True)))
    assert ".awesome-marker-icon-black { filter: drop-shadow" in dark
    assert ".awesome-marker-icon-black { filter" not in _html(webmap.build_map(store, Filters()))
