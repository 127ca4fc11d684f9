"""``python -m geo parse PATH... [--format geojson]``: one GeoJSON Feature per place mention.

PATH may be article files or folders of articles. Each file is cleaned by ``geo.corpus``
first, so offsets refer to the cleaned text, like everywhere else in the engine.
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
    from geo.geoparser import geoparse
    from geo.sentences import split_sentences

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
    features = []
    for doc in tqdm(documents, desc="geoparsing", unit="doc", disable=len(documents) < 2, file=sys.stderr):
        sentences = split_sentences(doc.text)
        features.extend(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [top.lon, top.lat]},
                "properties": {
                    "document": doc.file_name,
                    "start": top.start,
                    "end": top.end,
                    "text": top.text,
                    "name": top.name,
                    "kind": top.kind,
                    "country_code": top.country_code,
                    "score": top.score,
                    "place_id": top.place_id,
                    "sentence": sentences.sentence_at(top.start),
                },
            }
            for top in geoparse(doc.text)
        )
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0
