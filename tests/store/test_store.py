"""The GeoParquet store: typed tables any GeoParquet reader can open, RFC 7946 twins, atomic writes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from shapely.geometry import LineString, Point

from geo.store import tables as store
from geo.store.schema import TABLES


def _tables() -> dict[str, gpd.GeoDataFrame]:
    tables = {name: store.empty_table(name) for name in TABLES}
    tables["events"] = gpd.GeoDataFrame(
        {
            "event_id": ["e1", "e2"],
            "doc_id": ["d1", "d1"],
            "document": ["a.txt", "a.txt"],
            "type": ["meeting", "visit"],
            "start": [date(2024, 5, 3), None],
            "end": [date(2024, 5, 4), None],
            "precision": ["day", "unknown"],
            "place_id": ["gn:587084", None],
            "place": ["Baku", None],
            "country_code": ["AZ", None],
            "actors": [["Aliyev", "Putin"], []],
            "sentence": ["Aliyev met Putin in Baku.", "He visited."],
            "confidence": [0.9, float("nan")],
        },
        geometry=[Point(49.892, 40.3777), None],
        crs=store.CRS,
    )
    tables["corridors"] = gpd.GeoDataFrame(
        {
            "corridor_id": ["c1"],
            "name": ["Astrakhan – Baku"],
            "kind": ["stated"],
            "documents": [["a.txt"]],
            "first_mentioned": [date(2024, 5, 3)],
            "last_mentioned": [date(2024, 5, 3)],
            "length_km": [650.5],
            "waypoints": [["Astrakhan", "Baku"]],
            "modes": [["sea"]],
            "sentence": ["From Astrakhan to Baku."],
            "sentences": [["From Astrakhan to Baku."]],
            "part_of": [None],
            "aliases": [[]],
            "approximate": [False],
        },
        geometry=[LineString([(48.04, 46.35), (49.89, 40.38)])],
        crs=store.CRS,
    )
    return tables


def _write(folder: Path, tables: dict[str, gpd.GeoDataFrame] | None = None) -> None:
    with store.locked(folder):
        store.write_store(folder, tables or _tables(), cache={}, manifest={"counts": {}, "skipped": []})


def test_tables_round_trip_with_schema_types(tmp_path: Path) -> None:
    _write(tmp_path)
    loaded = store.load_store(tmp_path)
    events = loaded.events
    assert events.crs.to_epsg() == 4326
    assert events.loc[0, "start"] == date(2024, 5, 3)
    assert events.loc[1, "start"] is None
    assert events.loc[0, "actors"] == ["Aliyev", "Putin"]
    assert events.loc[1, "actors"] == []
    assert events.geometry.iloc[1] is None
    assert loaded.corridors.geometry.iloc[0].geom_type == "LineString"
    # Every column keeps the type the schema names, even when a table is empty.
    assert pq.read_schema(tmp_path / "places.parquet").field("documents").type == pa.list_(pa.string())
    assert pq.read_schema(tmp_path / "events.parquet").field("start").type == pa.date32()
    assert list(loaded.places.columns) == list(TABLES["places"])


def test_duckdb_and_geopandas_read_the_files_directly(tmp_path: Path) -> None:
    _write(tmp_path)
    rows = duckdb.execute(
        "SELECT type, place, len(actors) FROM read_parquet(?) ORDER BY event_id", [str(tmp_path / "events.parquet")]
    ).fetchall()
    assert rows == [("meeting", "Baku", 2), ("visit", None, 0)]
    geo = json.loads(pq.read_schema(tmp_path / "corridors.parquet").metadata[b"geo"])
    assert geo["columns"]["geometry"]["geometry_types"] == ["LineString"]
    assert gpd.read_parquet(tmp_path / "corridors.parquet").length_km.tolist() == [650.5]


def test_tables_are_geoparquet_1_1_with_a_bbox_covering_for_spatial_filters(tmp_path: Path) -> None:
    _write(tmp_path)
    geo = json.loads(pq.read_schema(tmp_path / "events.parquet").metadata[b"geo"])
    assert geo["version"] == "1.1.0"
    assert geo["columns"]["geometry"]["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]
    around_baku = gpd.read_parquet(tmp_path / "events.parquet", bbox=(49.0, 40.0, 50.0, 41.0))
    assert around_baku["event_id"].tolist() == ["e1"]  # the event without a place is outside every box
    assert "bbox" not in store.load_store(tmp_path).events.columns


def test_empty_tables_keep_their_schema_types(tmp_path: Path) -> None:
    _write(tmp_path)
    for name in TABLES:
        written = pq.read_schema(tmp_path / f"{name}.parquet")
        for column, spec in TABLES[name].items():
            assert written.field(column).type.equals(spec.type) or (
                spec.is_list and written.field(column).type.value_type == spec.type.value_type
            ), (name, column)


def test_geojson_twins_follow_rfc_7946(tmp_path: Path) -> None:
    _write(tmp_path)
    collection = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    first, second = collection["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [49.892, 40.3777]}
    assert first["properties"]["start"] == "2024-05-03"
    assert first["properties"]["actors"] == ["Aliyev", "Putin"]
    assert second["geometry"] is None
    assert second["properties"]["confidence"] is None  # NaN is not JSON
    corridors = json.loads((tmp_path / "corridors.geojson").read_text(encoding="utf-8"))
    assert corridors["features"][0]["properties"]["name"] == "Astrakhan – Baku"
    assert json.loads((tmp_path / "places.geojson").read_text())["features"] == []


def test_missing_store_loads_as_empty_tables(tmp_path: Path) -> None:
    loaded = store.load_store(tmp_path / "never-built")
    assert loaded.events.empty
    assert "sentence" in loaded.events.columns
    assert loaded.built_at is None
    assert loaded.skipped == []


def test_a_failed_write_keeps_the_old_tables_and_leaves_no_temp_files(tmp_path: Path) -> None:
    _write(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    broken = _tables()
    broken["events"] = broken["events"].drop(columns=["type"])  # cannot be written
    with pytest.raises(ValueError, match=r"no 'type' column"):
        _write(tmp_path, broken)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_second_writer_is_refused_and_stale_temp_files_are_cleared(tmp_path: Path) -> None:
    (tmp_path / ".events.parquet.999.tmp").write_bytes(b"half written")
    with store.locked(tmp_path):
        assert not (tmp_path / ".events.parquet.999.tmp").exists()
        with pytest.raises(store.StoreBusyError, match="another build"), store.locked(tmp_path):
            pass
    with store.locked(tmp_path):  # released again
        pass


def test_read_index_reads_only_the_cache_keys(tmp_path: Path) -> None:
    tables = _tables()
    tables["documents"] = gpd.GeoDataFrame(
        pd.DataFrame(
            {
                "doc_id": ["d1"],
                "file_name": ["a.txt"],
                "title": ["A"],
                "published": [None],
                "date_precision": ["unknown"],
                "url": [None],
                "text": ["Aliyev met Putin in Baku."],
                "source_hash": ["abc"],
                "corrections_hash": [""],
            }
        ),
        geometry=[None],
        crs=store.CRS,
    )
    _write(tmp_path, tables)
    index = store.read_index(tmp_path)
    assert list(index.columns) == ["doc_id", "file_name", "source_hash", "corrections_hash"]
    assert index.iloc[0].tolist() == ["d1", "a.txt", "abc", ""]
    assert store.read_index(tmp_path / "none").empty


def test_geojson_of_any_frame_infers_types_and_survives_mixed_columns() -> None:
    frame = gpd.GeoDataFrame(
        {"layer": ["events", "events"], "when": [date(2024, 1, 2), None], "mixed": [1, "two"], "tags": [["a"], []]},
        geometry=[Point(1.5, 2.5), None],
        crs=store.CRS,
    )
    features = json.loads(store.geojson_text(frame))["features"]
    assert features[0]["properties"] == {"layer": "events", "when": "2024-01-02", "mixed": 1, "tags": ["a"]}
    assert features[1]["properties"]["mixed"] == "two"
    assert features[1]["properties"]["when"] is None
    assert features[1]["geometry"] is None
