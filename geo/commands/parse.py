"""``python -m geo parse PATH... [--format geojson]``: one GeoJSON Feature per place mention.

PATH may be article files or folders of articles. Each file is cleaned by ``geo.corpus``
first, so offsets refer to the cleaned text, like everywhere else in the engine.
"""

from __future__ import annotations

import argparse

from geo.commands import _documents

configure = _documents.configure


def run(args: argparse.Namespace) -> int:
    from geo.geoparser import geoparse
    from geo.sentences import split_sentences

    documents = _documents.load(args.paths)
    if documents is None:
        return 2
    features = []
    for doc in _documents.progress(documents, "geoparsing"):
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
    _documents.write_collection(features, args.output)
    return 0
