"""The GeoParquet store under ``data/processed/``: what the pipeline writes and the app reads.

Layout of a store folder::

    current -> generations/000042        one complete build (a symbolic link)
    generations/000042/                  documents mentions places events corridors (.parquet),
                                         places events corridors (.geojson, RFC 7946 twins),
                                         build.json (counts, skipped files, warnings, build time),
                                         _corridor_evidence.parquet (per-document cache, not for readers)
    documents.parquet -> current/documents.parquet   (and the same for every published file)
    .build.lock

Why readers always see one complete build: a build writes a new generation folder that no
reader knows about yet, flushes it to disk, and then switches ``current`` to it with one
atomic rename. A reader resolves ``current`` once and reads every table from that folder, so
it never mixes two builds; the generation before stays on disk until the next build, so a
reader halfway through it can finish (and one that is slower still retries on the new one).
A killed build leaves only an unfinished generation folder, which the next build deletes.
The links at the top let other tools open ``data/processed/events.parquet`` as before.

Files are written and read through GeoPandas (GeoParquet 1.1 with a bbox covering column),
typed by :mod:`geo.store.schema`, so empty or all-null columns keep their types and DuckDB,
GDAL and GeoPandas read the same thing.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import math
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from geo.errors import StoreBusyError, StoreError
from geo.store.schema import TABLES, Column, list_columns

CRS = "EPSG:4326"
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)
GEOJSON_TABLES: tuple[str, ...] = ("places", "events", "corridors")
MANIFEST = "build.json"
LOCK = ".build.lock"
CURRENT = "current"
GENERATIONS = "generations"
BBOX = "bbox"
"""The GeoParquet 1.1 covering column GeoPandas adds (per-row bounding box, for spatial filters)."""
PUBLISHED = (*(f"{name}.parquet" for name in TABLE_NAMES), *(f"{name}.geojson" for name in GEOJSON_TABLES), MANIFEST)
"""The files other tools open, linked at the top of the store folder."""
READ_ATTEMPTS = 12
"""A read restarts only when a build has finished meanwhile (its generation was removed two builds
later), so this bounds only a reader slower than several whole builds in a row (a busy machine,
builds back to back: three attempts were not always enough)."""
_INDEX_COLUMNS = ("doc_id", "file_name", "source_hash", "corrections_hash")
COMPRESSION = "zstd"
_GENERATION = re.compile(r"\d{6,}")
_TYPE_NAMES = {0: "Point", 1: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString", 6: "MultiPolygon"}
_LOG = logging.getLogger(__name__)
T = TypeVar("T")


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
    event_mentions: gpd.GeoDataFrame = field(default_factory=lambda: empty_table("event_mentions"))
    """Each article's own events (``merged_id`` links them to ``events``)."""

    def table(self, name: str) -> gpd.GeoDataFrame:
        return getattr(self, name)

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """Files the last build could not use, with the reason."""
        return [(item["file"], item["reason"]) for item in self.manifest.get("skipped", [])]

    @property
    def warnings(self) -> list[tuple[str, str]]:
        """Articles kept only in part (over a per-article budget), with what was left out."""
        return [(item["file"], item["warning"]) for item in self.manifest.get("warnings", [])]

    @property
    def built_at(self) -> str | None:
        return self.manifest.get("built_at")


# --------------------------------------------------------------------------- reading


def generation(folder: str | Path) -> Path:
    """The folder holding the current build's files: ``current``'s target, or ``folder``
    itself for a store written before generations (or never built)."""
    folder = Path(folder)
    try:
        return folder / (folder / CURRENT).readlink()
    except OSError:  # no link: a flat (older) store or none at all
        return folder


def table_path(folder: str | Path, name: str) -> Path:
    """A table's file in the current generation of the store in ``folder``."""
    return generation(folder) / f"{name}.parquet"


def load_store(folder: str | Path) -> Store:
    """Read every table of the store in ``folder`` from one build; missing tables come back empty.

    List columns hold Python lists and date columns ``datetime.date`` (or ``None``), as
    :mod:`geo.store.schema` promises. Raises :class:`StoreError` (naming the file) for a
    damaged table.
    """
    folder = Path(folder)

    def load(current: Path) -> Store:
        tables = {name: _read_file(current / f"{name}.parquet", name) for name in TABLE_NAMES}
        return Store(folder=folder, manifest=_read_manifest_file(current / MANIFEST, strict=False), **tables)

    return _in_one_generation(folder, load)


def read_table(
    folder: str | Path, name: str, *, plain_lists: bool = True, doc_ids: Iterable[str] | None = None
) -> gpd.GeoDataFrame:
    """One table of the store with its schema columns (empty if the file does not exist yet).

    ``doc_ids`` keeps only those documents' rows, filtered while reading (the incremental
    build reads the unchanged part of a large store this way).
    """
    filters = [("doc_id", "in", sorted(set(doc_ids)))] if doc_ids is not None else None
    return _in_one_generation(
        Path(folder), lambda current: _read_file(current / f"{name}.parquet", name, plain_lists, filters)
    )


def read_manifest(folder: str | Path) -> dict[str, Any]:
    """The current build's ``build.json`` (``{}`` if there is none).

    Raises :class:`StoreError` if it exists but cannot be read as JSON.
    """
    return _read_manifest_file(generation(folder) / MANIFEST, strict=True)


def read_cache(folder: str | Path, name: str) -> pd.DataFrame:
    """A private per-document cache table (``_<name>.parquet``); empty if absent."""
    path = generation(folder) / f"_{name}.parquet"
    if not path.exists():
        return pd.DataFrame()
    with _reading(path):
        return pq.read_table(path).to_pandas()


def read_index(folder: str | Path) -> pd.DataFrame:
    """The cache key of each stored document: ``file_name, source_hash, corrections_hash, doc_id``.

    Reads only these columns, so checking a 10,000-document store for changes is quick.
    """
    path = table_path(folder, "documents")
    if not path.exists():
        return empty_index()
    with _reading(path):
        return pd.read_parquet(path, columns=list(_INDEX_COLUMNS))


def empty_index() -> pd.DataFrame:
    """The cache keys of a store with no documents."""
    return pd.DataFrame({c: pd.Series(dtype="str") for c in _INDEX_COLUMNS})


def check_tables(folder: str | Path) -> None:
    """Raise :class:`StoreError` if a table or cache of the current build is missing or cannot be opened.

    Reads only each file's footer, where a truncated or overwritten Parquet file fails.
    """
    current = generation(folder)
    if current != Path(folder):
        for name in TABLE_NAMES:
            if not (current / f"{name}.parquet").exists():
                raise StoreError(current / f"{name}.parquet", "missing")
    for path in sorted(current.glob("*.parquet")):
        with _reading(path):
            pq.read_metadata(path)


def has_current_schema(folder: str | Path) -> bool:
    """Whether every table in ``folder`` has exactly the columns :mod:`geo.store.schema` names now.

    A store written by an older version is rebuilt from scratch rather than patched.
    """
    for name in TABLE_NAMES:
        path = table_path(folder, name)
        if path.exists():
            with _reading(path):
                names = [n for n in pq.read_schema(path).names if n != BBOX]
            if names != list(TABLES[name]):
                return False
    return True


def empty_table(name: str) -> gpd.GeoDataFrame:
    """A table with no rows but all its schema columns."""
    columns = {c: pd.Series(dtype="object") for c in TABLES[name] if c != "geometry"}
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def _in_one_generation(folder: Path, read: Callable[[Path], T]) -> T:
    """``read(generation)``; if a build removed that generation meanwhile, again on the new one."""
    current = generation(folder)
    for _ in range(READ_ATTEMPTS - 1):
        try:
            return _read_generation(folder, current, read)
        except FileNotFoundError:
            newer = generation(folder)
            if newer == current:
                raise
            _LOG.info("store %s switched to a new build while reading; reading again", folder)
            current = newer
    return _read_generation(folder, current, read)


def _read_generation(folder: Path, current: Path, read: Callable[[Path], T]) -> T:
    if current != folder and not current.is_dir():
        raise FileNotFoundError(current)
    return read(current)


def _read_file(
    path: Path, name: str, plain_lists: bool = True, filters: list[tuple[str, str, Any]] | None = None
) -> gpd.GeoDataFrame:
    if _missing(path):
        if _in_generation(path):  # every build writes every table: this one was lost since
            raise StoreError(path, "missing")
        return empty_table(name)
    with _reading(path):
        # ignore_metadata: columns come back as NumPy/object columns (dates as datetime.date),
        # not as the Arrow-backed dtypes the writer used to fix their types.
        frame = gpd.read_parquet(path, columns=list(TABLES[name]), filters=filters,
                                 to_pandas_kwargs={"ignore_metadata": True})
    if plain_lists:
        for column in list_columns(name):
            frame[column] = [list(v) if v is not None else [] for v in frame[column]]
    return frame


def _read_manifest_file(path: Path, *, strict: bool) -> dict[str, Any]:
    if _missing(path):
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise
    except OSError as error:
        raise StoreError(path, error.strerror or str(error)) from error
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except ValueError as error:
        if strict:
            raise StoreError(path, f"not valid JSON ({error})") from None
        _LOG.warning("%s is damaged (%s); showing the tables without it", path, error)
        return {}
    return data


def _missing(path: Path) -> bool:
    """Whether ``path`` does not exist.

    In a generation that is no longer current, a missing file means a build removed that
    generation while it was read: FileNotFoundError, and the reader starts again on the
    current one.
    """
    if path.exists():
        return False
    if _in_generation(path) and generation(path.parent.parent.parent) != path.parent:
        raise FileNotFoundError(path)
    return True


def _in_generation(path: Path) -> bool:
    return path.parent.parent.name == GENERATIONS


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn a damaged file's low-level error into a :class:`StoreError` naming it."""
    try:
        yield
    except FileNotFoundError:
        raise
    except (OSError, pa.ArrowException, ValueError) as error:
        raise StoreError(path, _reason(error)) from error


def _reason(error: Exception) -> str:
    """The gist of a reader's error: ``Parquet magic bytes not found in footer`` rather than a
    paragraph that repeats the file's path."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text.split(": ")[-1].split(". ")[0].rstrip(".")


# --------------------------------------------------------------------------- writing


@contextlib.contextmanager
def locked(folder: str | Path) -> Iterator[Path]:
    """Hold the store's write lock; refuse (rather than wait) if another build holds it.

    The lock dies with its process, so a killed build never leaves the store locked. Once
    held, leftovers of a killed build (an unfinished generation, temporary files) are removed.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusyError(folder) from None
        for stale in folder.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        _prune(folder, keep=_live_generations(folder))
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
    """Write all tables, their GeoJSON twins, the private caches and the manifest as a new
    generation, then make it current (one atomic rename).

    Call it inside :func:`locked`. If anything fails the new generation is removed and the
    current one stays as it was.
    """
    folder = Path(folder)
    before = generation(folder)
    target = folder / GENERATIONS / _next_generation(folder)
    target.mkdir(parents=True)
    try:
        for name in TABLE_NAMES:
            write_parquet(tables[name], name, target / f"{name}.parquet")
        for name, frame in cache.items():
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), target / f"_{name}.parquet")
        for name in GEOJSON_TABLES:
            (target / f"{name}.geojson").write_text(geojson_text(tables[name], name), encoding="utf-8")
        _write_json(target / MANIFEST, manifest)
        _fsync_tree(target)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _switch(folder, target)
    _prune(folder, keep={target, before})


def write_manifest(folder: str | Path, manifest: Mapping[str, Any]) -> None:
    """Replace only the current build's manifest (a rebuild that changed no table but saw
    other skipped files). Atomic: written beside it, then renamed over it."""
    final = generation(folder) / MANIFEST
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    _write_json(tmp, manifest)
    _fsync(tmp)
    tmp.replace(final)


def write_parquet(frame: gpd.GeoDataFrame, name: str, path: Path) -> None:
    """One table as GeoParquet 1.1 (WKB, bbox covering column), typed by the schema."""
    typed_frame(frame, name).to_parquet(
        path, index=False, compression=COMPRESSION, schema_version="1.1.0", write_covering_bbox=True
    )
    if not len(frame):
        _type_empty_lists(path, name)


def typed_frame(frame: gpd.GeoDataFrame, name: str) -> gpd.GeoDataFrame:
    """The schema's columns of ``frame``, each holding exactly the Arrow type the schema names.

    Scalar columns become Arrow-backed, so an all-null column keeps its type. List columns
    hold NumPy string arrays: an Arrow-backed list column would make GeoParquet's pandas
    metadata unreadable, and plain Python lists that are all empty would be typed list<null>.
    """
    columns: dict[str, Any] = {}
    for column, spec in TABLES[name].items():
        if spec.is_geometry:
            _check_geometry_types(frame, name, spec)
            continue
        given = frame[column] if column in frame else _unstated(frame, name, column, spec)
        if spec.is_list:
            columns[column] = pd.Series([_str_array(v) for v in given], dtype=object)
        else:
            values = pa.array(given, type=spec.type, from_pandas=True) if len(frame) else pa.array([], spec.type)
            columns[column] = pd.arrays.ArrowExtensionArray(values)
    geometry = np.asarray(frame.geometry.values) if len(frame) else gpd.GeoSeries([], crs=CRS)
    return gpd.GeoDataFrame(columns, geometry=geometry, crs=CRS)


def _unstated(frame: gpd.GeoDataFrame, name: str, column: str, spec: Column) -> list[Any]:
    """A column the rows do not give: empty lists or nulls where the schema allows, else an error."""
    if not (spec.is_list or spec.nullable):
        raise ValueError(f"{name}: the rows have no {column!r} column, which the schema requires")
    return [spec.empty_value() for _ in range(len(frame))]


def _type_empty_lists(path: Path, name: str) -> None:
    """A table with no rows gives Arrow no list to infer a type from (it writes list columns as
    null): cast them to the schema's type. Costs nothing, there are no rows to rewrite."""
    table = pq.read_table(path)
    schema = table.schema
    for column in list_columns(name):
        index = schema.get_field_index(column)
        schema = schema.set(index, schema.field(index).with_type(TABLES[name][column].type))
    pq.write_table(table.cast(schema), path, compression=COMPRESSION)


def _str_array(value: Any) -> np.ndarray:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return np.array([], dtype=str)
    return np.array(list(value), dtype=str)


def _check_geometry_types(frame: gpd.GeoDataFrame, name: str, spec: Column) -> None:
    """A geometry the schema does not allow in this table is a bug upstream: fail loudly."""
    if not len(frame):
        return
    type_ids = np.unique(shapely.get_type_id(np.asarray(frame.geometry.values)))
    found = {_TYPE_NAMES.get(int(i), str(i)) for i in type_ids if i >= 0}
    if found - set(spec.geometry_types):
        raise ValueError(f"{name}: geometry types {sorted(found)} where the schema allows {list(spec.geometry_types)}")
    if (type_ids < 0).any() and not spec.nullable:
        raise ValueError(f"{name}: null geometries where the schema requires one per row")


def _next_generation(folder: Path) -> str:
    numbers = [int(path.name) for path in _generation_dirs(folder)]
    return f"{max(numbers, default=0) + 1:06d}"


def _generation_dirs(folder: Path) -> list[Path]:
    root = folder / GENERATIONS
    if not root.is_dir():
        return []
    return sorted(path for path in root.iterdir() if _GENERATION.fullmatch(path.name) and path.is_dir())


def _live_generations(folder: Path) -> set[Path]:
    """The current generation and the newest one before it (a reader may still be on it)."""
    current = generation(folder)
    if current == folder:  # no build finished yet: any generation folder is unfinished
        return set()
    older = [path for path in _generation_dirs(folder) if path.name < current.name]
    return {current, *older[-1:]}


def _prune(folder: Path, keep: set[Path]) -> None:
    """Remove every generation folder but ``keep`` (unfinished ones and those no reader needs)."""
    kept = {path.resolve() for path in keep}
    for path in _generation_dirs(folder):
        if path.resolve() not in kept:
            shutil.rmtree(path, ignore_errors=True)


def _switch(folder: Path, target: Path) -> None:
    """Make ``target`` the current generation: one atomic rename of a symbolic link."""
    link = folder / f".{CURRENT}.{os.getpid()}.tmp"
    link.unlink(missing_ok=True)
    link.symlink_to(target.relative_to(folder))
    link.replace(folder / CURRENT)
    for name in PUBLISHED:  # stable links for other tools; a flat store's files give way to them
        public = folder / name
        if not (public.is_symlink() and public.readlink() == Path(CURRENT, name)):
            tmp = folder / f".{name}.{os.getpid()}.tmp"
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(f"{CURRENT}/{name}")
            tmp.replace(public)
    for legacy in folder.glob("_*.parquet"):  # a flat store's private cache, now in the generation
        legacy.unlink()
    _fsync(folder)


# --------------------------------------------------------------------------- GeoJSON twins


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
        source = typed_frame(frame, name) if name is not None else frame
        table = pa.Table.from_pandas(pd.DataFrame(source[columns]), preserve_index=False)
        return table.to_pylist()
    except (pa.ArrowException, TypeError, ValueError):  # mixed-type columns: convert value by value
        values = [[_json_value(v) for v in frame[c]] for c in columns]
        return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)] if columns else [{}] * len(frame)


# --------------------------------------------------------------------------- small helpers


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        _fsync(path)
    _fsync(folder)
    _fsync(folder.parent)


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")


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
