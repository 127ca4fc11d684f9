"""``python -m geo corridors PATH... [--format geojson]``: one GeoJSON Feature per corridor.

PATH may be article files or folders of articles. Named corridors come from
``data/corridors.yaml``; stated routes from the articles' own sentences.
"""

from __future__ import annotations

import argparse
import sys

from geo.commands import _documents

configure = _documents.configure


def run(args: argparse.Namespace) -> int:
    from geo.corridors.assemble import corridor_features, extract_corridors
    from geo.corridors.registry import RegistryError
    from geo.parse.geoparser import geoparse

    documents = _documents.load(args.paths)
    if documents is None:
        return 2
    try:
        corridors = extract_corridors(
            [(doc, geoparse(doc.text)) for doc in _documents.progress(documents, "geoparsing")]
        )
    except RegistryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    _documents.write_collection(corridor_features(corridors), args.output)
    return 0
