"""``python -m geo export --format FORMAT [filters] [--store DIR] [--out PATH]``: export the filtered view.

The formats are the export registry's (``geo.export.registry``) and the filter flags the
dashboard's filters (``geo.store.filters.FIELDS``), so a view chosen in the app can be
reproduced from a script, and a new format or filter appears here without an edit.

``--briefing NAME --format pdf|png|html`` exports a saved briefing as a deck instead
(``geo.briefings.export``): each view brings its own filters and frame.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo import settings
from geo.errors import AtlasError

if TYPE_CHECKING:
    from geo.maps.view import MapView
    from geo.store.filters import FilterField, Filters


def configure(parser: argparse.ArgumentParser) -> None:
    from geo.briefings.export import DECK_FORMATS
    from geo.export.registry import BY_NAME, OPTIONS
    from geo.store.filters import FIELDS

    parser.add_argument("--format", required=True, choices=tuple(dict.fromkeys([*BY_NAME, *DECK_FORMATS])),
                        help=f"what to write (with --briefing: {', '.join(DECK_FORMATS)})")
    parser.add_argument("--briefing", metavar="NAME", default=None,
                        help="export this saved briefing as a deck (its name, file stem or YAML file); "
                        "png writes one file per view and a sources slide into the --out folder")
    parser.add_argument("--mark-changes", action="store_true",
                        help="with --briefing: mark on each slide what changed since the view was saved")
    parser.add_argument("--store", type=Path, default=settings.store_dir(), help=f"store folder (default: {settings.store_dir()})")
    parser.add_argument(
        "--out",
        default=None,
        metavar="PATH",
        help="file to write, or an existing folder for the default name (default: the default name in the "
        "current folder); CSV writes PATH's stem + -events.csv and -places.csv",
    )
    for option in OPTIONS.values():
        parse = _view if option.name == "current" else str
        parser.add_argument(option.flag, dest=option.name, default=None, choices=option.choices, type=parse,
                            help=option.help, metavar="LAT,LON,ZOOM" if option.name == "current" else None)
    group = parser.add_argument_group("filters (as in the dashboard sidebar)")
    for spec in FIELDS:
        if spec.flag is not None:
            _add_filter_flag(group, spec)


def _add_filter_flag(group: argparse._ArgumentGroup, spec: FilterField) -> None:
    """One flag per filter, its form following the filter's kind."""
    from geo.store.filters import default

    flag, start = str(spec.flag), default(spec.name)
    common: dict[str, Any] = {"dest": spec.name, "help": spec.flag_help}
    if spec.kind == "bool":
        group.add_argument(flag, action="store_const", const=not start, default=start, **common)
    elif spec.kind == "choice":
        group.add_argument(flag, action="append", metavar=spec.metavar, **common)
    else:
        parsers: dict[str, Callable[[str], Any]] = {"date": _iso_date, "fraction": _fraction, "text": str}
        group.add_argument(flag, type=parsers[spec.kind], default=start, metavar=spec.metavar, **common)


def run(args: argparse.Namespace) -> int:
    from geo.export.registry import BY_NAME, OPTIONS, exporter
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
    if args.briefing is not None:
        return _export_briefing(args, store_dir)
    if args.format not in BY_NAME:
        print(f"error: --format {args.format} is for briefings only (add --briefing NAME)", file=sys.stderr)
        return 2
    chosen = exporter(args.format)
    filters = filters_from_args(args)
    try:
        view = apply_filters(load_store(store_dir), filters)
    except AtlasError as error:  # a damaged store: say which file, and how to repair it
        print(f"error: {error}", file=sys.stderr)
        return 1
    options = {name: getattr(args, name) for name in chosen.options if getattr(args, name) is not None}
    ignored = [OPTIONS[name].flag for name in OPTIONS if name not in chosen.options and getattr(args, name) is not None]
    if ignored:
        print(f"note: {args.format} export takes no {', '.join(ignored)}; ignored", file=sys.stderr)
    try:
        files = {chosen.file_name(filters, layer): chosen.data(view, filters, layer, **options)
                 for layer in chosen.parts()}
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


def _export_briefing(args: argparse.Namespace, store_dir: Path) -> int:
    """Write a saved briefing's deck; its views bring their own filters, so filter flags are refused."""
    from geo.briefings.export import DECK_FORMATS, deck_files, open_briefing
    from geo.export.registry import OPTIONS
    from geo.store.filters import Filters
    from geo.store.tables import load_store

    if args.format not in DECK_FORMATS:
        print(f"error: a briefing exports as {', '.join(DECK_FORMATS)}, not {args.format}", file=sys.stderr)
        return 2
    given = [OPTIONS[name].flag for name in OPTIONS if getattr(args, name) is not None]
    if given or filters_from_args(args) != Filters():
        print("note: each view of a briefing has its own filters, frame and title; filter and map flags are "
              "ignored with --briefing", file=sys.stderr)
    try:
        store = load_store(store_dir)
        loaded = open_briefing(args.briefing, store)
    except AtlasError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for problem in loaded.problems:
        print(f"warning: {loaded.path}: {problem}", file=sys.stderr)
    briefing = loaded.briefing
    if not briefing.views:
        print(f"error: briefing {briefing.name!r} has no view to export", file=sys.stderr)
        return 1
    files = deck_files(store, briefing, args.format, mark_changes=args.mark_changes)
    for name, data in files.items():
        target = _deck_target(args.out, name, several=len(files) > 1)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"wrote {target} ({len(data):,} bytes)")
    print(f"{briefing.name}: {len(briefing.views)} view(s) and a sources slide")
    return 0


def _deck_target(out: str | None, default_name: str, *, several: bool) -> Path:
    """Where one deck file goes: PNG slides always into a folder (``--out`` or here), a PDF or HTML as ``_target``."""
    if several:
        return Path(out or ".") / default_name
    return _target(out, default_name, several=False)


def filters_from_args(args: argparse.Namespace) -> Filters:
    """The dashboard filter state the flags describe."""
    from geo.store.filters import FIELDS, Filters, default, parse_value

    values: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.flag is None:
            continue
        value = getattr(args, spec.name)
        if spec.kind == "choice":
            value = parse_value(spec, list(_items(value)))
        elif spec.kind == "text":
            value = value.strip()
        if value != default(spec.name):
            values[spec.name] = value
    return Filters(**values)


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


def _view(text: str) -> MapView:
    from geo.maps.view import MapView

    view = MapView.from_param(text)
    if view is None:
        raise argparse.ArgumentTypeError(f"not a view LAT,LON,ZOOM (zoom 2–18): {text!r}")
    return view


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text}")
    return value
