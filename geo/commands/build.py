"""``python -m geo build [CORPUS_DIR] [--out DIR]``: build or update the GeoParquet store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import settings
from geo.errors import AtlasError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="?", type=Path, default=settings.corpus_dir(),
                        help=f"folder of articles (default: {settings.corpus_dir()})")
    parser.add_argument("--out", type=Path, default=settings.store_dir(), help=f"store folder (default: {settings.store_dir()})")
    parser.add_argument(
        "--workers", type=int, default=None, metavar="N", help="local worker processes (default: all cores)"
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        type=_scheduler_address,
        metavar="ADDRESS",
        help="run the per-document stage on this Dask scheduler, e.g. tcp://10.0.0.5:8786",
    )
    parser.add_argument(
        "--corrections",
        default=None,
        metavar="CSV",
        help="analyst corrections (default: corrections.csv beside the store folder, i.e. data/corrections.csv)",
    )
    parser.add_argument("--force", action="store_true", help="parse every article again (after an engine upgrade)")
    parser.add_argument("--allow-empty", action="store_true",
                        help="let a corpus with no articles empty a store that holds documents (refused otherwise)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    from geo.store.build import build

    if args.workers is not None and args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return 2
    try:
        summary = build(
            args.corpus,
            args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            corrections_path=args.corrections,
            progress=not args.quiet,
            force=args.force,
            allow_empty=args.allow_empty,
        )
    except (AtlasError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(summary.report())
    print(f"store: {args.out}")
    return 0


def _scheduler_address(text: str) -> str:
    """A Dask scheduler address (``tcp://host:port``, ``host:port``), checked before any connection."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(text)
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a Dask scheduler address: {text!r}; expected one such as tcp://10.0.0.5:8786"
        ) from None
    return text
