"""Time the events engine alone on real articles: CPU milliseconds per document.

Usage: python bench/events_speed.py LGL_XML [--n 300] [--batch 32]
       (LGL_XML is e.g. ../shared/eval/lgl.xml)

The first N LGL articles are cleaned and geoparsed first (not timed); then events are extracted
from all of them in one process, after one warm-up call that loads the language model, in
batches of ``--batch`` documents (one spaCy batch each, as the build runs them; ``--batch 1``
is one document at a time). Also prints how many sentences were parsed.
"""

from __future__ import annotations

import argparse
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import geo.events.extract as events_module
from geo.ingest.document import build_document
from geo.parse.geoparser import geoparse
from geo.store.parallel import MAX_CHUNK


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lgl", type=Path)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--batch", type=int, default=MAX_CHUNK,
                        help=f"documents per call of extract_events_batch (default {MAX_CHUNK}, as the build; 1: one by one)")
    args = parser.parse_args()
    docs = []
    for article in list(ET.parse(args.lgl).getroot())[: args.n]:  # noqa: S314 - a local benchmark file
        day = (article.findtext("dltime") or "")[:10]
        raw = "\n".join([article.findtext("title") or "", f"date {day}", "", article.findtext("text") or ""])
        docs.append(build_document(raw + "\n", f"{article.get('docid')}.txt"))
    toponyms = [geoparse(doc.text) for doc in docs]
    nlp = events_module.language_model()
    events_module.extract_events(docs[0], toponyms[0])
    parsed = {"sentences": 0, "characters": 0}

    class Counting:
        def pipe(self, texts: Any, **options: Any) -> Any:
            texts = list(texts)
            parsed["sentences"] += len(texts)
            parsed["characters"] += sum(map(len, texts))
            return nlp.pipe(texts, **options)

        def get_pipe(self, name: str) -> Any:
            return nlp.get_pipe(name)

        def __call__(self, text: str) -> Any:
            parsed["sentences"] += 1
            parsed["characters"] += len(text)
            return nlp(text)

    events_module.language_model = lambda: Counting()  # type: ignore[assignment]
    pairs = list(zip(docs, toponyms, strict=True))
    cpu = time.process_time()
    found = sum(
        len(events) for i in range(0, len(pairs), args.batch)
        for events in events_module.extract_events_batch(pairs[i : i + args.batch])
    )
    cpu = time.process_time() - cpu
    print(f"{len(docs)} documents in batches of {args.batch}: {cpu * 1000 / len(docs):.1f} ms CPU per document, "
          f"{found} events, {parsed['sentences']} sentences ({parsed['characters']} characters) parsed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
