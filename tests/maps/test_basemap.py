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


def test_detail_cells_cover_a_view_and_skip_open_ocean() -> None:
    assert basemap.cells_for((44.0, 36.0, 52.0, 47.0)) == ["e040n30", "e040n40", "e050n30", "e050n40"]
    assert basemap.cells_for((-35.0, 20.0, -25.0, 30.0)) == []  # mid-Atlantic: no land, lake or river
    caspian = basemap.tiles((46.0, 44.0, 50.0, 47.0))
    assert set(caspian["layer"]) == {"land", "lake", "river", "border"}
    volga = caspian[(caspian["layer"] == "river") & (caspian["name"] == "Volga")]
    assert volga.intersects(shapely.box(47.5, 45.8, 48.5, 46.6)).any()  # through the delta at Astrakhan


def test_label_points_carry_natural_earth_ranks() -> None:
    labels = basemap.label_points()
    caspian = next(row for row in labels["seas"] if row[0] == "Caspian Sea")
    assert 46 < caspian[1] < 54
    assert 36 < caspian[2] < 47
    baku = next(row for row in labels["places"] if row[0] == "Baku")
    assert baku[6] == 1  # a national capital
    iran = next(row for row in labels["countries"] if row[6] == "IR")
    assert iran[3] <= 4 <= iran[4]  # labelled at a regional zoom
    assert all(row[0] == row[0].strip() and not row[0].isupper() for row in labels["seas"])


def test_publish_mirrors_the_files_the_browser_reads(tmp_path: object) -> None:
    from pathlib import Path

    static = Path(str(tmp_path))
    target = basemap.publish(static)
    assert (target / "countries-50m.geojson").stat().st_size == basemap.basemap_path("50m").stat().st_size
    assert (target / "tiles-10m" / "index.json").is_file()
    assert (target / "tiles-10m" / "e040n40.geojson").is_file()
    assert '"seas"' in (target / "labels.json").read_text(encoding="utf-8")[:100_000]
    mtime = (target / "labels.json").stat().st_mtime_ns
    basemap.publish(static)  # nothing changed: nothing rewritten
    assert (target / "labels.json").stat().st_mtime_ns == mtime


def test_seas_border_the_countries_on_their_shores() -> None:
    assert basemap.bordering_countries("Caspian Sea", 50.67, 41.67) == ("AZ", "IR", "KZ", "RU", "TM")
    assert "IQ" in basemap.bordering_countries("Persian Gulf", 52.0, 26.0)
    assert basemap.bordering_countries("No Such Sea", 10.0, 50.0) == ()  # inland: no marine area holds it


def test_a_standalone_file_gets_the_cells_of_its_view_only() -> None:
    close = basemap.standalone_files((44.0, 38.5, 50.0, 41.5), 7)
    cells = [name for name in close if name.startswith("tiles-10m/e")]
    assert "tiles-10m/e040n30.geojson" in cells
    assert len(cells) <= basemap.MAX_INLINE_CELLS
    world = basemap.standalone_files(None, 2)
    assert not [name for name in world if name.startswith("tiles-10m/e")]
    assert "countries-50m.geojson" not in world  # the coarse tier is enough for a world view
