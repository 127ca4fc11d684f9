"""``python -m geo corridors PATH... [--format geojson]``: one GeoJSON Feature per corridor.

PATH may be article files or folders of articles. Named corridors come from
``data/corridors.yaml``; stated routes from the articles' own sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    parser.add_argument(
        "--format", choices=["geojson"], default="geojson", help="output format (default: geojson)"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from geo.corpus import CorpusError, load_corpus, load_document
    from geo.corridor_registry import RegistryError
    from geo.corridors import corridor_features, extract_corridors
    from geo.geoparser import geoparse

    documents = []
    for raw in args.paths:
        path = Path(raw)
        if path.is_dir():
            loaded, skipped = load_corpus(path)
            documents.extend(loaded)
            for name, reason in skipped:
                print(f"skipped {name}: {reason}", file=sys.stderr)
        elif path.is_file():
            try:
                documents.append(load_document(path))
            except CorpusError as error:
                print(f"skipped {error}", file=sys.stderr)
        else:
            print(f"error: {raw}: no such file or folder", file=sys.stderr)
            return 2
    try:
        progress = tqdm(documents, desc="geoparsing", unit="doc", disable=len(documents) < 2, file=sys.stderr)
        corridors = extract_corridors([(doc, geoparse(doc.text)) for doc in progress])
    except RegistryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    collection = {"type": "FeatureCollection", "features": corridor_features(corridors)}
    text = json.dumps(collection, ensure_ascii=False, indent=1)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0
