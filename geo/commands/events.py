"""``python -m geo events PATH... [--format geojson]``: one GeoJSON Feature per event.

PATH may be article files or folders of articles. Each document is geoparsed once and its
events are placed on those toponyms. An event whose place is unknown keeps a null geometry,
so nothing the text tells is silently dropped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.models import Event


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders of articles")
    parser.add_argument("--format", choices=["geojson"], default="geojson", help="output format (default: geojson)")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from geo.corpus import load_paths
    from geo.events import extract_events
    from geo.geoparser import geoparse

    try:
        documents, skipped = load_paths(args.paths)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for name, reason in skipped:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    features = []
    for doc in tqdm(documents, desc="events", unit="doc", disable=len(documents) < 2, file=sys.stderr):
        features.extend(event_feature(event) for event in extract_events(doc, geoparse(doc.text)))
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0


def event_feature(event: Event) -> dict[str, Any]:
    """A GeoJSON Feature for one event: a Point at its place, or a null geometry."""
    place = event.place
    interval = event.interval
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]} if place else None,
        "properties": {
            "event_id": event.event_id,
            "document": event.document,
            "doc_id": event.doc_id,
            "type": event.type,
            "start": interval.start.isoformat() if interval.start else None,
            "end": interval.end.isoformat() if interval.end else None,
            "precision": interval.precision,
            "actors": list(event.actors),
            "place": place.name if place else None,
            "place_id": place.place_id if place else None,
            "country_code": place.country_code if place else None,
            "sentence": event.sentence,
            "confidence": event.confidence,
        },
    }
