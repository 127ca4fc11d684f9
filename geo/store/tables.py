"""The GeoParquet store under ``data/processed/``: what the pipeline writes and the app reads.

Layout of a store folder::

    documents.parquet  mentions.parquet  places.parquet  events.parquet  corridors.parquet
    places.geojson  events.geojson  corridors.geojson      (RFC 7946 twins for other tools)
    build.json                                             (counts, skipped files, build time)
    _corridor_evidence.parquet                             (per-document cache, not for readers)

Why it is safe to read while a build runs, and to kill a build: every file is written to a
temporary name in the same folder, flushed to disk, and only then renamed over the old one
(``os.replace`` is atomic). ``documents.parquet`` is renamed last because it is the
incremental cache key: rows of other tables whose document it does not list are ignored on
the next build, so even a build killed between two renames heals itself.

Columns and types come from :mod:`geo.store.schema`, so empty or all-null columns keep their types
and DuckDB, GDAL and GeoPandas read the same thing.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import shapely

from geo.errors import StoreBusyError
from geo.store.schema import TABLES

CRS = "EPSG:4326"
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)
GEOJSON_TABLES: tuple[str, ...] = ("places", "events", "corridors")
MANIFEST = "build.json"
LOCK = ".build.lock"
# documents last: it is the cache key (see module docstring); the manifest after everything.
_REPLACE_ORDER = ("_corridor_evidence", "mentions", "events", "places", "corridors", "documents")
_GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString")
_TYPE_NAMES = {0: "Point", 1: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString", 6: "MultiPolygon"}
_ARROW_TYPES: dict[str, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "date": pa.date32(),
    "bool": pa.bool_(),
    "list[str]": pa.list_(pa.string()),
}


@dataclass
class Store:
    """All tables of one store folder, as GeoDataFrames in WGS84 (empty if never built)."""

    folder: Path
    documents: gpd.GeoDataFrame
    mentions: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    events: gpd.GeoDataFrame
    corridors: gpd.GeoDataFrame
    manifest: dict[str, Any] = field(default_factory=dict)

    def table(self, name: str) -> gpd.GeoDataFrame:
        return getattr(self, name)

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """Files the last build could not use, with the reason."""
        return [(item["file"], item["reason"]) for item in self.manifest.get("skipped", [])]

    @property
    def built_at(self) -> str | None:
        return self.manifest.get("built_at")


def table_path(folder: str | Path, name: str) -> Path:
    return Path(folder) / f"{name}.parquet"


def load_store(folder: str | Path) -> Store:
    """Read every table of the store in ``folder``; missing tables come back empty.

    List columns hold Python lists and date columns ``datetime.date`` (or ``None``), as
    :mod:`geo.store.schema` promises.
    """
    folder = Path(folder)
    tables = {name: read_table(folder, name) for name in TABLE_NAMES}
    return Store(folder=folder, manifest=read_manifest(folder), **tables)


def read_table(
    folder: str | Path, name: str, *, plain_lists: bool = True, doc_ids: Iterable[str] | None = None
) -> gpd.GeoDataFrame:
    """One table of the store with its schema columns (empty if the file does not exist yet).

    ``doc_ids`` keeps only those documents' rows, filtered before conversion to pandas (the
    incremental build reads the unchanged part of a large store this way).
    """
    path = table_path(folder, name)
    if not path.exists():
        return empty_table(name)
    table = pq.read_table(path)
    if doc_ids is not None:
        table = table.filter(pc.is_in(table["doc_id"], value_set=pa.array(list(doc_ids), type=pa.string())))
    frame = table.drop_columns(["geometry"]).to_pandas()
    if plain_lists:
        for column in _list_columns(name):
            frame[column] = [list(v) if v is not None else [] for v in frame[column]]
    geometry = shapely.from_wkb(table["geometry"].to_numpy(zero_copy_only=False))
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def read_manifest(folder: str | Path) -> dict[str, Any]:
    path = Path(folder) / MANIFEST
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def read_cache(folder: str | Path, name: str) -> pd.DataFrame:
    """A private per-document cache table (``_<name>.parquet``); empty if absent."""
    path = Path(folder) / f"_{name}.parquet"
    return pq.read_table(path).to_pandas() if path.exists() else pd.DataFrame()


def read_index(folder: str | Path) -> pd.DataFrame:
    """The cache key of each stored document: ``file_name, source_hash, corrections_hash, doc_id``.

    Reads only these columns, so checking a 10,000-document store for changes is quick.
    """
    path = table_path(folder, "documents")
    columns = ["doc_id", "file_name", "source_hash", "corrections_hash"]
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="str") for c in columns})
    return pq.read_table(path, columns=columns).to_pandas()


def has_current_schema(folder: str | Path) -> bool:
    """Whether every table in ``folder`` has exactly the columns :mod:`geo.store.schema` names now.

    A store written by an older version is rebuilt from scratch rather than patched.
    """
    for name in TABLE_NAMES:
        path = table_path(folder, name)
        if path.exists() and pq.read_schema(path).names != list(TABLES[name]):
            return False
    return True


def empty_table(name: str) -> gpd.GeoDataFrame:
    """A table with no rows but all its schema columns."""
    columns = {c: pd.Series(dtype="object") for c in TABLES[name] if c != "geometry"}
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


@contextlib.contextmanager
def locked(folder: str | Path) -> Iterator[Path]:
    """Hold the store's write lock; refuse (rather than wait) if another build holds it.

    The lock dies with its process, so a killed build never leaves the store locked.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusyError(folder) from None
        for stale in folder.glob(".*.tmp"):  # left by a killed build
            stale.unlink(missing_ok=True)
        try:
            yield folder
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_store(
    folder: str | Path,
    tables: Mapping[str, gpd.GeoDataFrame],
    *,
    cache: Mapping[str, pd.DataFrame],
    manifest: Mapping[str, Any],
) -> None:
    """Write all tables, their GeoJSON twins, the private caches and the manifest atomically.

    Call it inside :func:`locked`. Everything is first written to temporary files; the old
    files are replaced only once all new ones are complete on disk.
    """
    folder = Path(folder)
    staged: dict[str, tuple[Path, Path]] = {}
    try:
        for name in TABLE_NAMES:
            staged[name] = _stage(table_path(folder, name), lambda tmp, n=name: _write_parquet(tables[n], n, tmp))
        for name, frame in cache.items():
            staged[f"_{name}"] = _stage(
                folder / f"_{name}.parquet", lambda tmp, f=frame: pq.write_table(pa.Table.from_pandas(f, preserve_index=False), tmp)
            )
        for name in GEOJSON_TABLES:
            staged[f"{name}.geojson"] = _stage(
                folder / f"{name}.geojson", lambda tmp, n=name: tmp.write_text(geojson_text(tables[n], n), encoding="utf-8")
            )
        staged[MANIFEST] = _stage(folder / MANIFEST, lambda tmp: _write_json(tmp, manifest))
    except BaseException:
        for tmp, _ in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    order = [k for k in staged if k not in _REPLACE_ORDER and k != MANIFEST]
    order += [k for k in _REPLACE_ORDER if k in staged] + [MANIFEST]
    for key in order:
        tmp, final = staged[key]
        tmp.replace(final)
    _fsync_dir(folder)


def write_manifest(folder: str | Path, manifest: Mapping[str, Any]) -> None:
    """Replace only the manifest (a rebuild that changed no table but saw other skipped files)."""
    tmp, final = _stage(Path(folder) / MANIFEST, lambda tmp: _write_json(tmp, manifest))
    tmp.replace(final)


def arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema of a store table, derived from :mod:`geo.store.schema`."""
    fields = []
    for column, description in TABLES[name].items():
        head = description.split(":")[0].split("|")[0].split()[0]
        if head in _GEOMETRY_TYPES:
            fields.append(pa.field(column, pa.binary()))
        else:
            fields.append(pa.field(column, _ARROW_TYPES[head]))
    return pa.schema(fields)


def geojson_text(frame: gpd.GeoDataFrame, name: str | None = None) -> str:
    """RFC 7946 FeatureCollection: WGS84 lon/lat, no ``crs`` member, dates as ISO strings.

    ``name`` (a store table) types the properties by the schema; otherwise they are inferred.
    """
    geometries = shapely.to_geojson(np.asarray(frame.geometry.values))
    features = [
        '{"type":"Feature","properties":'
        + json.dumps(properties, ensure_ascii=False, allow_nan=False, default=_json_default)
        + ',"geometry":'
        + (geometry if geometry is not None else "null")
        + "}"
        for properties, geometry in zip(_property_rows(frame, name), geometries, strict=True)
    ]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"


def _property_rows(frame: gpd.GeoDataFrame, name: str | None) -> list[dict[str, Any]]:
    """Feature properties as plain Python values, nulls for NaN (converted by Arrow: fast)."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    try:
        if name is not None:
            table, _ = _arrow_table(frame, name)
            table = table.drop_columns(["geometry"])
        else:
            table = pa.Table.from_pandas(pd.DataFrame(frame[columns]), preserve_index=False)
        return table.to_pylist()
    except (pa.ArrowException, TypeError, ValueError):  # mixed-type columns: convert value by value
        values = [[_json_value(v) for v in frame[c]] for c in columns]
        return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)] if columns else [{}] * len(frame)


def _arrow_table(frame: gpd.GeoDataFrame, name: str) -> tuple[pa.Table, set[str]]:
    """The frame as an Arrow table typed by the schema (geometry as WKB), and its geometry types."""
    schema = arrow_schema(name)
    arrays = []
    geometry_types: set[str] = set()
    for column in schema:
        if column.type == pa.binary():
            geometry = np.asarray(frame[column.name].values) if len(frame) else np.array([], dtype=object)
            type_ids = np.unique(shapely.get_type_id(geometry))
            geometry_types.update(_TYPE_NAMES[i] for i in type_ids if i in _TYPE_NAMES)
            arrays.append(pa.array(shapely.to_wkb(geometry), type=pa.binary()))
        elif len(frame):
            arrays.append(pa.array(frame[column.name], type=column.type, from_pandas=True))
        else:  # an empty column may have any dtype; the schema decides
            arrays.append(pa.array([], type=column.type))
    return pa.Table.from_arrays(arrays, schema=schema), geometry_types


def _write_parquet(frame: gpd.GeoDataFrame, name: str, path: Path) -> None:
    table, geometry_types = _arrow_table(frame, name)
    geo = {
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {"encoding": "WKB", "geometry_types": sorted(geometry_types), "crs": _crs_json()}
        },
    }
    table = table.replace_schema_metadata({b"geo": json.dumps(geo).encode()})
    pq.write_table(table, path, compression="zstd")


@cache
def _crs_json() -> dict[str, Any]:
    import pyproj

    return pyproj.CRS.from_user_input(CRS).to_json_dict()


def _list_columns(name: str) -> list[str]:
    return [c for c, d in TABLES[name].items() if d.startswith("list[")]


def _stage(final: Path, write: Any) -> tuple[Path, Path]:
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    write(tmp)
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    return tmp, final


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, np.generic):
        return _json_value(value.item())
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | np.ndarray):
        return [_json_value(v) for v in value]
    return value
