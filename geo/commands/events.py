"""``python -m geo events PATH... [--format geojson]``: one GeoJSON Feature per event each article tells.

PATH may be article files or folders of articles. Each document is geoparsed once and its
events are placed on those toponyms. An event whose place is unknown keeps a null geometry,
so nothing the text tells is silently dropped. Reports of one event in several articles keep
one Feature each (one per article), with the id of the merged event (``merged_id``) and the
number of articles that report it (``reports``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from geo.commands import _documents

if TYPE_CHECKING:
    from geo.models import Document, Event


configure = _documents.configure


def run(args: argparse.Namespace) -> int:
    documents = _documents.load(args.paths)
    if documents is None:
        return 2
    _documents.write_collection(collection_features(documents, progress=True), args.output)
    return 0


def collection_features(documents: list[Document], *, progress: bool = False) -> list[dict[str, Any]]:
    """The events of all ``documents`` as GeoJSON Features, one per event each document tells."""
    from geo.events.extract import extract_events
    from geo.events.merge import ReportKey, merge_reports
    from geo.parse.geoparser import geoparse

    shown = _documents.progress(documents, "events") if progress else documents
    events = [event for doc in shown for event in extract_events(doc, geoparse(doc.text))]
    merged: dict[int, tuple[str, int]] = {}
    for report in merge_reports([ReportKey.of(event) for event in events]):
        documents_reporting = len({events[i].doc_id for i in report.mentions})
        merged.update(dict.fromkeys(report.mentions, (report.event_id, documents_reporting)))
    return [event_feature(event, *merged[i]) for i, event in enumerate(events)]


def event_feature(event: Event, merged_id: str | None = None, reports: int = 1) -> dict[str, Any]:
    """A GeoJSON Feature for one event: a Point at its place, or a null geometry."""
    place = event.place
    interval = event.interval
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]} if place else None,
        "properties": {
            "event_id": event.event_id,
            "merged_id": merged_id or event.event_id,
            "reports": reports,
            "document": event.document,
            "doc_id": event.doc_id,
            "type": event.type,
            "start": interval.start.isoformat() if interval.start else None,
            "end": interval.end.isoformat() if interval.end else None,
            "precision": interval.precision,
            "planned": event.planned,
            **event.actor_columns(),
            "place": place.name if place else None,
            "place_id": place.place_id if place else None,
            "country_code": place.country_code if place else None,
            "place_precision": event.place_precision,
            "fatalities": event.fatalities,
            "injuries": event.injuries,
            "crowd_size": event.crowd_size,
            "measure": event.measure,
            "sentence": event.sentence,
            "sentences": list(event.sentences),
            "confidence": event.confidence,
        },
    }
