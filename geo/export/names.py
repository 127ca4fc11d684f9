"""Exports of the filtered view: PNG snapshot, standalone HTML map and data files.

Every function takes what the user is looking at: the store after
:func:`geo.store.filters.apply_filters` (the "view"). The CLI (``python -m geo export``) and the Export page
call the same functions, so a file made on either is the same file.

Text in the data files comes from untrusted articles: KML descriptions are HTML-escaped (Google
Earth renders them as HTML) and CSV cells that a spreadsheet would run as a formula are defused.
"""

from __future__ import annotations

import hashlib
import html
import re
import shlex
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Figure

from geo.maps.render import Frame, MapLayers, Preset, render_png
from geo.store.filters import Filters, StoreLike, describe

APP_NAME = "corridor-atlas"
DEFAULT_TITLE = "Corridor Atlas"
LAYERS: tuple[str, ...] = ("events", "places", "corridors")
CSV_LAYERS: tuple[str, ...] = ("events", "places")
LIST_SEPARATOR = "; "
MAX_SLUG_CHARS = 80
# Cells a spreadsheet would run as a formula (OWASP "CSV injection"); they get a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """How one format is named and served."""

    extension: str
    mime: str


FORMATS: dict[str, ExportFormat] = {
    "png": ExportFormat("png", "image/png"),
    "html": ExportFormat("html", "text/html"),
    "geojson": ExportFormat("geojson", "application/geo+json"),
    "kml": ExportFormat("kml", "application/vnd.google-earth.kml+xml"),
    "csv": ExportFormat("csv", "text/csv"),
    "gpkg": ExportFormat("gpkg", "application/geopackage+sqlite3"),
}


# ---------------------------------------------------------------- names and captions


def filter_slug(filters: Filters) -> str:
    """A short, file-name-safe summary of the filters (``all`` when nothing is filtered).

    Long selections are cut and get a hash of the full state, so two different views never
    share a file name.
    """
    parts: list[str] = []
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "start"
        end = filters.date_to.isoformat() if filters.date_to else "now"
        parts.append(f"{start}_to_{end}")
    selections = (filters.event_types, filters.countries, filters.corridors, filters.actors)
    parts += ["+".join(values) for values in selections if values]
    if filters.min_confidence:
        parts.append(f"conf{filters.min_confidence:g}")
    if filters.text:
        parts.append(f"q-{filters.text}")
    if not filters.include_undated:
        parts.append("dated-only")
    slug = re.sub(r"[^A-Za-z0-9.+_-]+", "-", "_".join(parts)).strip("-_.").lower() or "all"
    if len(slug) > MAX_SLUG_CHARS:
        digest = hashlib.sha1(repr(filters.to_query_params()).encode(), usedforsecurity=False).hexdigest()[:8]
        slug = f"{slug[:MAX_SLUG_CHARS].rstrip('-_.+')}-{digest}"
    return slug


def export_file_name(fmt: str, filters: Filters, *, layer: str | None = None, today: date | None = None) -> str:
    """``corridor-atlas[_layer]_<filters>_<YYYY-MM-DD>.<ext>``: what and when, readable in a folder."""
    spec = _format(fmt)
    stamp = (today or date.today()).isoformat()  # noqa: DTZ011 - the user's local date is what they expect
    middle = f"_{layer}" if layer else ""
    return f"{APP_NAME}{middle}_{filter_slug(filters)}_{stamp}.{spec.extension}"


def caption(view: MapLayers, filters: Filters) -> str:
    """The snapshot caption: time window, active filters, what is drawn and the events' date span."""
    counts = f"{len(view.events)} events, {len(view.corridors)} corridors, {len(view.places)} places"
    dates = pd.to_datetime(pd.concat([view.events["start"], view.events["end"]]), errors="coerce").dropna()
    if len(dates):
        counts += f" (events dated {dates.min():%Y-%m-%d} – {dates.max():%Y-%m-%d})"
    return f"Time window: {describe(filters)} · {counts}"


def cli_command(fmt: str, filters: Filters, *, preset: str = "slides", frame: Frame = "auto") -> str:
    """The ``python -m geo export`` command that writes the same file from a script."""
    args = ["python", "-m", "geo", "export", "--format", _format(fmt).extension]
    if fmt == "png" and preset != "slides":
        args += ["--preset", preset]
    if fmt == "png" and frame != "auto":
        args += ["--frame", frame]
    if filters.date_from:
        args += ["--from", filters.date_from.isoformat()]
    if filters.date_to:
        args += ["--to", filters.date_to.isoformat()]
    if not filters.include_undated:
        args.append("--dated-only")
    for flag, values in (("--types", filters.event_types), ("--countries", filters.countries),
                         ("--corridors", filters.corridors), ("--actors", filters.actors)):
        args += [item for value in values for item in (flag, value)]
    if filters.min_confidence:
        args += ["--min-confidence", f"{filters.min_confidence:g}"]
    if filters.text:
        args += ["--search", filters.text]
    return shlex.join(args)


# ---------------------------------------------------------------- maps


def to_png(
    view: MapLayers,
    filters: Filters,
    *,
    preset: str | Preset = "slides",
    title: str = DEFAULT_TITLE,
    frame: Frame = "auto",
    basemap: gpd.GeoDataFrame | None = None,
) -> bytes:
    """The static snapshot of the filtered view (see :mod:`geo.maps.render`)."""
    return render_png(view, title=title, caption=caption(view, filters), preset=preset, frame=frame, basemap=basemap)


def to_html(view: StoreLike, filters: Filters, *, title: str = DEFAULT_TITLE) -> bytes:
    """A standalone interactive map: scripts, styles and the offline basemap inlined, so it opens offline."""
    from geo.maps.webmap import render_map

    fmap = render_map(
        view, assets="inline", briefing=filters.briefing, dark=filters.dark, caption=caption(view, filters)
    )
    root = cast(Figure, fmap.get_root())
    root.title = html.escape(title)  # branca writes the title into <title> unescaped
    return root.render().encode("utf-8")


# ---------------------------------------------------------------- data files


def flat_table(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy that any format can hold: dates as ISO text, lists joined with ``"; "``."""
    flat = frame.copy()
    for column in flat.columns:
        if column == flat.geometry.name or flat[column].dtype != object:
            continue
        values = flat[column]
        first = next((v for v in values if v is not None and not (isinstance(v, float) and np.isnan(v))), None)
        if isinstance(first, list | tuple | np.ndarray):  # store columns hold one type each (geo/store/schema.py)
            flat[column] = values.map(_join, na_action="ignore")
        elif isinstance(first, date):
            flat[column] = values.map(lambda v: v.isoformat() if isinstance(v, date) else None)
    return flat


def to_geojson(view: MapLayers) -> bytes:
    """One RFC 7946 FeatureCollection; each feature's ``layer`` property says events, places or corridors."""
    from geo.store.tables import geojson_text

    chunks = []
    for name in LAYERS:
        frame = getattr(view, name)
        if frame.empty:
            continue
        text = geojson_text(frame.assign(layer=name)[["layer", *frame.columns]])
        # geojson_text writes '{"type":"FeatureCollection","features":[\n' + one feature per line + '\n]}'
        body = text.split("[\n", 1)[1].rsplit("\n]", 1)[0]
        chunks.append(body)
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(chunks) + "\n]}\n").encode("utf-8")


def to_csv(view: MapLayers, layer: str) -> bytes:
    """Events or places as a spreadsheet table with ``lat`` and ``lon`` columns (UTF-8)."""
    if layer not in CSV_LAYERS:
        raise ValueError(f"CSV export holds {' or '.join(CSV_LAYERS)}, not {layer!r}")
    frame = flat_table(getattr(view, layer))
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    at = table.columns.get_loc("country_code") + 1 if "country_code" in table else len(table.columns)
    table.insert(at, "lat", frame.geometry.y.to_numpy())
    table.insert(at + 1, "lon", frame.geometry.x.to_numpy())
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            text = table[column]
            risky = text.astype("string").str.startswith(_FORMULA_START).fillna(False).astype(bool)
            if risky.any():
                table.loc[risky, column] = "'" + text[risky].astype(str)
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_gpkg(view: MapLayers) -> bytes:
    """A GeoPackage with one layer per map layer (corridors as MultiLineString)."""
    geometry_types = {"events": "Point", "places": "Point", "corridors": "MultiLineString"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        for name in LAYERS:
            flat = flat_table(getattr(view, name))
            flat.to_file(
                path, layer=name, driver="GPKG", engine="pyogrio", promote_to_multi=name == "corridors",
                geometry_type=geometry_types[name],
            )
        return path.read_bytes()


def to_kml(view: MapLayers, filters: Filters, *, title: str = DEFAULT_TITLE) -> bytes:
    """KML for Google Earth: a folder per layer; events carry a TimeSpan so the time slider works."""
    from geo.export import kml

    return kml.document(view, title=title, description=caption(view, filters))


def export_files(view: StoreLike, filters: Filters, fmt: str, **options: Any) -> dict[str, bytes]:
    """Every file one export format produces, by file name (CSV gives one file per layer)."""
    makers: dict[str, Callable[[], bytes]] = {
        "png": lambda: to_png(view, filters, **options),
        "html": lambda: to_html(view, filters, **options),
        "geojson": lambda: to_geojson(view),
        "kml": lambda: to_kml(view, filters),
        "gpkg": lambda: to_gpkg(view),
    }
    if fmt == "csv":
        return {export_file_name("csv", filters, layer=layer): to_csv(view, layer) for layer in CSV_LAYERS}
    _format(fmt)
    return {export_file_name(fmt, filters): makers[fmt]()}


def _format(fmt: str) -> ExportFormat:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}") from None


def _join(values: Any) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)
