"""What the per-article subcommands (parse, events, corridors) share: their arguments,
loading files and folders of articles, a progress bar, and writing one FeatureCollection."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.models import Document


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders of articles")
    parser.add_argument("--format", choices=["geojson"], default="geojson", help="output format (default: geojson)")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of standard output")


def load(paths: Iterable[Path]) -> list[Document] | None:
    """The documents named on the command line; skipped files are reported on stderr.

    ``None`` (after an error message) when a path does not exist.
    """
    from geo.ingest.read import load_paths

    try:
        documents, skipped = load_paths(paths)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    for name, reason in skipped:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    return documents


def progress(documents: list[Document], desc: str) -> Iterator[Document]:
    """Iterate with a progress bar on stderr (stdout carries the GeoJSON)."""
    from tqdm import tqdm

    yield from tqdm(documents, desc=desc, unit="doc", disable=len(documents) < 2, file=sys.stderr)


def write_collection(features: list[dict[str, Any]], output: Path | None) -> None:
    """One RFC 7946 FeatureCollection to ``output`` or standard output."""
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


def run_per_document(
    args: argparse.Namespace, desc: str, features_of: Callable[[Document], Iterable[dict[str, Any]]]
) -> int:
    """Load the articles, turn each into GeoJSON features, write one collection; the exit code."""
    documents = load(args.paths)
    if documents is None:
        return 2
    write_collection([f for doc in progress(documents, desc) for f in features_of(doc)], args.output)
    return 0
