"""The export formats: one table from which the command line and the Export page are made.

Each :class:`Exporter` says how a format is named, served and made; ``python -m geo export
--format`` offers exactly these names and the Export page a button for each (one per layer
for per-layer formats such as CSV). Adding a format is one module with its ``to_…`` function
and one entry in :data:`EXPORTERS`. The options some formats take (title, PNG size and
framing) are described once in :data:`OPTIONS` for the flags and the command shown on the page.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from geo.export.csv_table import CSV_LAYERS, to_csv
from geo.export.geojson import to_geojson
from geo.export.gpkg import to_gpkg
from geo.export.html_map import to_html
from geo.export.kml import to_kml
from geo.export.names import DEFAULT_TITLE, export_file_name
from geo.export.png import to_png
from geo.maps.render import PRESETS
from geo.maps.view import MapView
from geo.store.filters import FIELDS, Filters, StoreLike, default


@dataclass(frozen=True, slots=True)
class ExportOption:
    """A setting some formats take, with its command-line flag."""

    name: str
    flag: str
    default: Any
    help: str
    choices: tuple[str, ...] | None = None


OPTIONS: dict[str, ExportOption] = {
    option.name: option
    for option in (
        ExportOption("title", "--title", DEFAULT_TITLE, f"map title (PNG, HTML; default: {DEFAULT_TITLE})"),
        ExportOption("preset", "--preset", "slides",
                     "PNG size: slides = 1920×1080, a4 = A4 landscape at 300 dpi (default: slides)", tuple(PRESETS)),
        ExportOption("frame", "--frame", "auto",
                     "PNG framing: auto = where most features are (stray far-off points are counted on the map), "
                     "all = every feature (default: auto)", ("auto", "all")),
        ExportOption("current", "--view", None,
                     "draw this view instead of a frame: LAT,LON,ZOOM as in the app's URL (view=…) (PNG, HTML)"),
    )
}

Make = Callable[..., bytes]
"""``make(view, filters, layer=…, **options) -> bytes``; ``layer`` only for per-layer formats."""


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: its name (the ``--format`` value), file extension, MIME type, the
    label of its button, and the function that makes the file.

    ``layers``: one file per layer (CSV); empty for a file of the whole view. ``options``: the
    :data:`OPTIONS` it takes. ``group``: where the Export page shows it (a map or a data file).
    """

    name: str
    extension: str
    mime: str
    label: str
    make: Make
    group: Literal["map", "data"] = "data"
    layers: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    description: str = ""

    def parts(self) -> tuple[str | None, ...]:
        """The files this format makes: one per layer, or the one file (``None``)."""
        return self.layers or (None,)

    def button_label(self, layer: str | None = None) -> str:
        return f"{layer.capitalize()} {self.label}" if layer else self.label

    def file_name(self, filters: Filters, layer: str | None = None) -> str:
        return export_file_name(self.extension, filters, layer=layer)

    def data(self, view: StoreLike, filters: Filters, layer: str | None = None, **options: Any) -> bytes:
        """The bytes of one file; options it does not take are refused."""
        unknown = set(options) - set(self.options)
        if unknown:
            raise ValueError(f"{self.name} export takes no {', '.join(sorted(unknown))} option")
        if self.layers:
            return self.make(view, filters, layer=layer or self.layers[0], **options)
        return self.make(view, filters, **options)


EXPORTERS: tuple[Exporter, ...] = (
    Exporter("png", "png", "image/png", "PNG", lambda view, filters, **o: to_png(view, filters, **o),
             group="map", options=("title", "preset", "frame", "current"),
             description="Drawn offline over Natural Earth; caption, legend, scale bar and sources are on the image."),
    Exporter("html", "html", "text/html", "HTML map", lambda view, filters, **o: to_html(view, filters, **o),
             group="map", options=("title", "current"),
             description="One file with the map, its scripts and the offline basemap inside: it opens in a "
             "browser with no network."),
    Exporter("geojson", "geojson", "application/geo+json", "GeoJSON", lambda view, filters: to_geojson(view)),
    Exporter("kml", "kml", "application/vnd.google-earth.kml+xml", "KML (Google Earth)",
             lambda view, filters: to_kml(view, filters)),
    Exporter("csv", "csv", "text/csv", "CSV", lambda view, filters, layer: to_csv(view, layer), layers=CSV_LAYERS),
    Exporter("gpkg", "gpkg", "application/geopackage+sqlite3", "GeoPackage", lambda view, filters: to_gpkg(view)),
)
BY_NAME: dict[str, Exporter] = {exporter.name: exporter for exporter in EXPORTERS}


def exporter(name: str) -> Exporter:
    """The format called ``name``; a clear error for an unknown one."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"Unknown export format {name!r}; choose one of {', '.join(BY_NAME)}") from None


def export_files(view: StoreLike, filters: Filters, fmt: str, **options: Any) -> dict[str, bytes]:
    """Every file one format makes of ``view``, by file name (CSV gives one file per layer)."""
    chosen = exporter(fmt)
    return {
        chosen.file_name(filters, layer): chosen.data(view, filters, layer, **options) for layer in chosen.parts()
    }


def cli_command(fmt: str, filters: Filters, **options: Any) -> str:
    """The ``python -m geo export`` command that writes the same file from a script."""
    chosen = exporter(fmt)
    args = ["python", "-m", "geo", "export", "--format", chosen.name]
    for name in chosen.options:
        value = options.get(name, OPTIONS[name].default)
        if value != OPTIONS[name].default:
            args += [OPTIONS[name].flag, value.to_param() if isinstance(value, MapView) else str(value)]
    for spec in FIELDS:
        args += spec.cli_args(getattr(filters, spec.name), default(spec.name))
    return shlex.join(args)
