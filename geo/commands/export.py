"""``python -m geo export --format FORMAT [filters] [--store DIR] [--out PATH]``: export the filtered view.

The filter flags are the dashboard's filters (``geo.store.filters.Filters``), so a view chosen in the
app can be reproduced from a script. The files are the ones the Export page offers.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from geo import settings
from geo.errors import AtlasError

if TYPE_CHECKING:
    from geo.store.filters import Filters

FORMAT_CHOICES = ("png", "html", "geojson", "kml", "csv", "gpkg")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", required=True, choices=FORMAT_CHOICES, help="what to write")
    parser.add_argument("--store", type=Path, default=settings.store_dir(), help=f"store folder (default: {settings.store_dir()})")
    parser.add_argument(
        "--out",
        default=None,
        metavar="PATH",
        help="file to write, or an existing folder for the default name (default: the default name in the "
        "current folder); CSV writes PATH's stem + -events.csv and -places.csv",
    )
    parser.add_argument("--preset", default="slides", choices=("slides", "a4"),
                        help="PNG size: slides = 1920×1080, a4 = A4 landscape at 300 dpi (default: slides)")
    parser.add_argument("--frame", default="auto", choices=("auto", "all"),
                        help="PNG framing: auto = where most features are (stray far-off points are counted "
                        "on the map), all = every feature (default: auto)")
    parser.add_argument("--title", default=None, help="map title (PNG, HTML; default: Corridor Atlas)")
    filters = parser.add_argument_group("filters (as in the dashboard sidebar)")
    filters.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD", help="first day")
    filters.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD", help="last day")
    filters.add_argument("--dated-only", action="store_true", help="leave out undated events and articles")
    filters.add_argument("--types", action="append", metavar="T[,T…]", help="event types, e.g. meeting,visit")
    filters.add_argument("--countries", action="append", metavar="CC[,CC…]", help="ISO 3166 alpha-2 codes, e.g. IR,AZ")
    filters.add_argument("--corridors", action="append", metavar="NAME[,NAME…]", help="corridor names")
    filters.add_argument("--actors", action="append", metavar="NAME[,NAME…]", help="event actors")
    filters.add_argument("--min-confidence", type=_fraction, default=0.0, metavar="0..1",
                         help="minimum event confidence / mention score")
    filters.add_argument("--search", default="", metavar="TEXT", help="text to find in sentences and names")


def run(args: argparse.Namespace) -> int:
    from geo import export
    from geo.store.filters import apply_filters
    from geo.store.tables import load_store

    if args.date_from and args.date_to and args.date_from > args.date_to:
        print(f"error: --from {args.date_from} is after --to {args.date_to}; nothing could match", file=sys.stderr)
        return 2
    store_dir = Path(args.store)
    if not store_dir.is_dir():
        print(f"error: no store at {store_dir}; build one with: python -m geo build CORPUS --out {store_dir}",
              file=sys.stderr)
        return 1
    filters = filters_from_args(args)
    try:
        view = apply_filters(load_store(store_dir), filters)
    except AtlasError as error:  # a damaged store: say which file, and how to repair it
        print(f"error: {error}", file=sys.stderr)
        return 1
    options = {"preset": args.preset, "frame": args.frame} if args.format == "png" else {}
    if args.title and args.format in ("png", "html"):
        options["title"] = args.title
    try:
        files = export.export_files(view, filters, args.format, **options)
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    counts = f"{len(view.events)} events, {len(view.corridors)} corridors, {len(view.places)} places"
    for name, data in files.items():
        target = _target(args.out, name, several=len(files) > 1)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"wrote {target} ({len(data):,} bytes; {counts})")
    return 0


def filters_from_args(args: argparse.Namespace) -> Filters:
    """The dashboard filter state the flags describe."""
    from geo.store.filters import Filters

    return Filters(
        date_from=args.date_from,
        date_to=args.date_to,
        include_undated=not args.dated_only,
        event_types=_items(args.types),
        countries=tuple(code.upper() for code in _items(args.countries)),
        corridors=_items(args.corridors),
        actors=_items(args.actors),
        min_confidence=args.min_confidence,
        text=args.search.strip(),
    )


def _target(out: str | None, default_name: str, *, several: bool) -> Path:
    """Where one file goes: the default name in a folder, or ``--out`` (with the layer for multi-file formats)."""
    if out is None:
        return Path(default_name)
    path = Path(out)
    if path.is_dir() or out.endswith(("/", "\\")):
        return path / default_name
    if several:
        layer = default_name.split("_")[1]
        return path.with_name(f"{path.stem}-{layer}{path.suffix or Path(default_name).suffix}")
    return path


def _items(values: list[str] | None) -> tuple[str, ...]:
    """Repeated and comma-separated flag values, trimmed, in order, without duplicates."""
    items = [item.strip() for value in values or [] for item in value.split(",")]
    return tuple(dict.fromkeys(item for item in items if item))


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text}")
    return value
