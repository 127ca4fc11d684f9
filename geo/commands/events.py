"""``python -m geo events PATH... [--format geojson]``: one GeoJSON Feature per event.

PATH may be article files or folders of articles. Each document is geoparsed once and its
events are placed on those toponyms. An event whose place is unknown keeps a null geometry,
so nothing the text tells is silently dropped.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from geo.commands import _documents

if TYPE_CHECKING:
    from geo.models import Event


configure = _documents.configure


def run(args: argparse.Namespace) -> int:
    from geo.events import extract_events
    from geo.geoparser import geoparse

    documents = _documents.load(args.paths)
    if documents is None:
        return 2
    features = []
    for doc in _documents.progress(documents, "events"):
        features.extend(event_feature(event) for event in extract_events(doc, geoparse(doc.text)))
    _documents.write_collection(features, args.output)
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
