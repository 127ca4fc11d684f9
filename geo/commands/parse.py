"""``python -m geo parse PATH... [--format geojson]``: one GeoJSON Feature per place mention.

PATH may be article files or folders of articles. Each file is cleaned by ``geo.ingest``
first, so offsets refer to the cleaned text, like everywhere else in the engine.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from geo.commands import _documents

if TYPE_CHECKING:
    from geo.models import Document

configure = _documents.configure


def run(args: argparse.Namespace) -> int:
    return _documents.run_per_document(args, "geoparsing", mention_features)


def mention_features(doc: Document) -> list[dict[str, Any]]:
    """One Point Feature per place mention of ``doc``, with the sentence it stands in."""
    from geo.parse.geoparser import geoparse
    from geo.text.sentences import split_sentences

    sentences = split_sentences(doc.text)
    return [
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
    ]
