"""The shipped offline basemap: real country shapes, fast to load, valid GeoJSON."""

from __future__ import annotations

import shapely

from geo.maps import basemap


def test_countries_have_names_codes_and_valid_polygons() -> None:
    frame = basemap.countries()
    assert len(frame) > 200
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    iran = frame[frame["iso_a2"] == "IR"]
    assert iran["name"].tolist() == ["Iran"]
    # Tehran lies in Iran, Baku in Azerbaijan, not the other way round.
    assert iran.geometry.iloc[0].contains(shapely.Point(51.39, 35.69))
    assert not iran.geometry.iloc[0].contains(shapely.Point(49.87, 40.41))


def test_land_excludes_the_caspian_and_open_sea() -> None:
    land = basemap.land()
    assert land.contains(shapely.Point(44.5, 40.2))  # Yerevan
    assert not land.contains(shapely.Point(50.5, 41.0))  # middle of the Caspian Sea
    assert not land.contains(shapely.Point(-30.0, 30.0))  # Atlantic


def test_geojson_is_small_feature_collection() -> None:
    data = basemap.countries_geojson()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) > 150
    assert basemap.basemap_path("110m").stat().st_size < 400_000
    assert basemap.countries_geojson() is data  # cached: read once per process


def test_no_polygon_wraps_around_the_antimeridian() -> None:
    frame = basemap.countries("110m")
    russia = frame[frame["iso_a2"] == "RU"].geometry.iloc[0]
    # Chukotka east of 180° stays Russian, and no part spans the globe (a band on web maps).
    assert russia.contains(shapely.Point(-175.0, 66.5))
    assert russia.contains(shapely.Point(100.0, 65.0))  # Siberia
    assert not russia.contains(shapely.Point(45.0, 70.5))  # Barents Sea
    for geometry, name in zip(frame.geometry, frame["name"], strict=True):
        if name == "Antarctica":
            continue
        widths = [part.bounds[2] - part.bounds[0] for part in shapely.get_parts(geometry)]
        assert max(widths) < 180, name
