"""Data exports hold exactly the filtered features and read back with the same coordinates."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from fastkml import KML
from fastkml.validator import get_schema_parser
from lxml import etree

from geo import export
from geo.store.filters import Filters, apply_filters
from tests.support.export_layers import FakeStore, fake_store

TOLERANCE_DEG = 1e-6
MEETINGS = Filters(event_types=("meeting",))


@pytest.fixture
def view() -> FakeStore:
    """The fixture store seen through a filter, as the page and the CLI export it."""
    return apply_filters(fake_store(), Filters(date_from=date(2024, 1, 1)))


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _assert_same_points(read: gpd.GeoDataFrame, expected: gpd.GeoDataFrame, key: str) -> None:
    assert len(read) == len(expected)
    got = read.set_index(key).loc[list(expected[key])]
    assert np.abs(got.geometry.x.to_numpy() - expected.geometry.x.to_numpy()).max() < TOLERANCE_DEG
    assert np.abs(got.geometry.y.to_numpy() - expected.geometry.y.to_numpy()).max() < TOLERANCE_DEG


def _assert_same_lines(read: gpd.GeoSeries, expected: gpd.GeoSeries) -> None:
    assert len(read) == len(expected)
    for got, want in zip(read, expected, strict=True):
        got_xy, want_xy = shapely.get_coordinates(got), shapely.get_coordinates(want)
        assert got_xy.shape == want_xy.shape
        assert np.abs(got_xy - want_xy).max() < TOLERANCE_DEG


def test_an_event_without_a_place_is_in_every_data_format(tmp_path: Path) -> None:
    store = fake_store()
    events = store.events.copy()
    events.loc[4, ["place", "place_id", "geometry"]] = [None, None, None]
    view = replace(store, events=events)
    written = {
        "geojson": _write(tmp_path, "v.geojson", export.to_geojson(view)),
        "kml": _write(tmp_path, "v.kml", export.to_kml(view, Filters())),
        "gpkg": _write(tmp_path, "v.gpkg", export.to_gpkg(view)),
    }
    read = {
        "geojson": gpd.read_file(written["geojson"]).query("layer == 'events'"),
        "kml": gpd.read_file(written["kml"], layer="Events"),
        "gpkg": gpd.read_file(written["gpkg"], layer="events"),
    }
    csv_rows = list(csv.DictReader(io.StringIO(export.to_csv(view, "events").decode("utf-8"))))

    assert {name: len(frame) for name, frame in read.items()} == dict.fromkeys(read, 5)
    assert all(frame.set_index("event_id").loc["ev4"].geometry is None for frame in read.values())
    assert len(csv_rows) == 5
    assert csv_rows[4]["lat"] == ""


def test_view_fixture_is_filtered(view: FakeStore) -> None:
    # The undated agreement is kept (include_undated) and the filter drops nothing else:
    # the round trips below then cover every geometry type.
    assert len(view.events) == 5
    assert len(view.corridors) == 2


def test_geojson_round_trip(tmp_path: Path, view: FakeStore) -> None:
    path = _write(tmp_path, "view.geojson", export.to_geojson(view))
    read = gpd.read_file(path)

    assert sorted(read["layer"].unique()) == ["corridors", "events", "places"]
    _assert_same_points(read[read["layer"] == "events"], view.events, "event_id")
    _assert_same_points(read[read["layer"] == "places"], view.places, "place_id")
    _assert_same_lines(read[read["layer"] == "corridors"].geometry, view.corridors.geometry)
    events = read[read["layer"] == "events"].set_index("event_id")
    assert str(events.loc["ev2", "start"])[:10] == "2024-04-01"


def test_geojson_holds_only_the_filtered_features(tmp_path: Path) -> None:
    meetings = apply_filters(fake_store(), MEETINGS)
    read = gpd.read_file(_write(tmp_path, "m.geojson", export.to_geojson(meetings)))

    assert set(read.loc[read["layer"] == "events", "type"]) == {"meeting"}
    assert (read["layer"] == "events").sum() == 2
    assert (read["layer"] == "places").sum() == len(meetings.places) == 1


def test_kml_round_trip_with_gdal(tmp_path: Path, view: FakeStore) -> None:
    path = _write(tmp_path, "view.kml", export.to_kml(view, Filters()))

    assert [name for name, _ in pyogrio.list_layers(path)] == ["Events", "Places", "Corridors"]
    events = gpd.read_file(path, layer="Events")
    _assert_same_points(events, view.events, "event_id")
    _assert_same_points(gpd.read_file(path, layer="Places"), view.places, "place_id")
    _assert_same_lines(gpd.read_file(path, layer="Corridors").geometry, view.corridors.geometry)
    # Events carry their interval as a KML TimeSpan (GDAL reads it as begin / end).
    dated = events.set_index("event_id").loc["ev2"]
    assert (dated["begin"].date(), dated["end"].date()) == (date(2024, 4, 1), date(2024, 4, 30))
    assert events.set_index("event_id").loc["ev4", ["begin", "end"]].isna().all()  # undated: no TimeSpan


def test_kml_is_valid_ogc_kml_2_2(view: FakeStore) -> None:
    schema = get_schema_parser()  # the OGC KML 2.2 XSD shipped with fastkml
    tree = etree.fromstring(export.to_kml(view, Filters()))

    assert schema.validate(tree), schema.error_log


def test_kml_parses_with_fastkml_and_escapes_descriptions(view: FakeStore) -> None:
    document = KML.from_string(export.to_kml(view, Filters()))
    folders = {folder.name: folder for folder in document.features[0].features}
    events = folders["Events"].features

    assert len(events) == len(view.events)
    assert len(folders["Corridors"].features) == len(view.corridors)
    assert "Natural Earth" in document.features[0].description
    first = next(p for p in events if p.name == "Meeting: Tehran")
    assert first.times.begin.dt == date(2024, 3, 4)
    # Google Earth renders descriptions as HTML: article text must arrive escaped, not as markup.
    assert "<b>met</b>" not in first.description
    assert html.escape("<b>met</b>") in first.description


@pytest.mark.parametrize("layer", ["events", "places"])
def test_csv_round_trip(layer: str, view: FakeStore) -> None:
    data = export.to_csv(view, layer)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    frame = getattr(view, layer)
    key = "event_id" if layer == "events" else "place_id"
    read = gpd.GeoDataFrame(
        rows, geometry=gpd.points_from_xy([float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows])
    )
    _assert_same_points(read, frame, key)


def test_csv_reads_in_gdal_as_points(tmp_path: Path, view: FakeStore) -> None:
    path = _write(tmp_path, "events.csv", export.to_csv(view, "events"))
    read = gpd.read_file(path, X_POSSIBLE_NAMES="lon", Y_POSSIBLE_NAMES="lat")

    _assert_same_points(read, view.events, "event_id")
    assert read.set_index("event_id").loc["ev1", "actors"] == "Iran; Azerbaijan"


def test_csv_defuses_spreadsheet_formulas() -> None:
    store = fake_store()
    events = store.events.copy()
    events.loc[0, "sentence"] = '=HYPERLINK("http://evil.example","click")'
    data = export.to_csv(FakeStore(store.documents, store.mentions, events, store.corridors, store.places), "events")
    row = next(csv.DictReader(io.StringIO(data.decode("utf-8"))))

    assert row["sentence"].startswith("'=")


def test_csv_refuses_corridors(view: FakeStore) -> None:
    with pytest.raises(ValueError, match="events or places"):
        export.to_csv(view, "corridors")


def test_geopackage_round_trip(tmp_path: Path, view: FakeStore) -> None:
    path = _write(tmp_path, "view.gpkg", export.to_gpkg(view))

    assert sorted(name for name, _ in pyogrio.list_layers(path)) == ["corridors", "events", "places"]
    _assert_same_points(gpd.read_file(path, layer="events"), view.events, "event_id")
    _assert_same_points(gpd.read_file(path, layer="places"), view.places, "place_id")
    corridors = gpd.read_file(path, layer="corridors")
    _assert_same_lines(corridors.geometry, view.corridors.geometry)
    assert corridors.loc[0, "waypoints"] == "Astrakhan; Baku; Tehran; Bandar Abbas; Mumbai"


def test_geopackage_keeps_empty_layers(tmp_path: Path) -> None:
    nothing = apply_filters(fake_store(), Filters(text="no such words anywhere"))
    path = _write(tmp_path, "empty.gpkg", export.to_gpkg(nothing))

    assert sorted(name for name, _ in pyogrio.list_layers(path)) == ["corridors", "events", "places"]
    assert len(gpd.read_file(path, layer="events")) == 0


def test_file_names_carry_filters_and_date() -> None:
    filters = Filters(date_from=date(2024, 1, 1), date_to=date(2024, 6, 30), event_types=("meeting", "visit"),
                      countries=("IR",), min_confidence=0.5)
    name = export.export_file_name("png", filters, today=date(2026, 11, 23))

    assert name == "corridor-atlas_2024-01-01_to_2024-06-30_meeting+visit_ir_conf0.5_2026-11-23.png"
    assert export.export_file_name("geojson", Filters(), today=date(2026, 11, 23)) == (
        "corridor-atlas_all_2026-11-23.geojson"
    )
    assert export.export_file_name("csv", Filters(), layer="events", today=date(2026, 1, 2)) == (
        "corridor-atlas_events_all_2026-01-02.csv"
    )


def test_file_names_are_safe_and_distinct_for_long_or_hostile_filters() -> None:
    hostile = export.export_file_name("kml", Filters(text="../../etc/passwd <x>"))
    assert "/" not in hostile
    assert "<" not in hostile

    many_a = Filters(actors=tuple(f"Minister number {i}" for i in range(30)))
    many_b = Filters(actors=tuple(f"Minister number {i}" for i in range(31)))
    name_a, name_b = export.export_file_name("png", many_a), export.export_file_name("png", many_b)
    assert len(name_a) < 130
    assert name_a != name_b


def test_export_files_gives_one_csv_per_layer(view: FakeStore) -> None:
    files = export.export_files(view, Filters(), "csv")

    assert sorted(name.split("_")[1] for name in files) == ["events", "places"]


def test_unknown_format_is_a_clear_error(view: FakeStore) -> None:
    with pytest.raises(ValueError, match="png, html, geojson, kml, csv, gpkg"):
        export.export_files(view, Filters(), "shp")


def test_png_caption_names_window_and_filters(view: FakeStore) -> None:
    text = export.caption(view, Filters(date_from=date(2024, 1, 1), event_types=("meeting",)))

    assert text.startswith("Time window: 2024-01-01 – …")
    assert "types: meeting" in text
    assert "5 events, 2 corridors, 7 places" in text
    assert "events dated 2024-03-04 – 2024-07-05" in text


def test_thumbnail_scales_a_wide_snapshot_down_and_keeps_a_narrow_one() -> None:
    from PIL import Image

    from geo.export.png import thumbnail

    def png(width: int, height: int) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
        return out.getvalue()

    wide = png(3508, 2480)  # an A4 snapshot at 300 dpi
    with Image.open(io.BytesIO(thumbnail(wide, 1460))) as small:
        assert small.format == "PNG"
        assert small.size == (1460, round(2480 * 1460 / 3508))
        assert small.getpixel((700, 500)) == (200, 30, 30)
    narrow = png(800, 450)
    assert thumbnail(narrow, 1460) is narrow
