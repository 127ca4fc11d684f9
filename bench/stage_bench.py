"""Where a document's CPU time goes in the build's per-document stage, one process.

Usage::

    .venv/bin/python bench/stage_bench.py ../shared/eval/lgl.xml ../shared/eval/GeoVirus.xml \
        --tud ../shared/eval/tud-loc-2013-*.xml [--n 453] [--batch 32]

Runs :func:`geo.store.build.process_documents` (what each build worker runs) on the first N
distinct LGL, GeoVirus and TUD-Loc-2013 articles, in batches of ``--batch`` documents as the
build sends them, after the worker's warm-up (gazetteer and language model loaded, timed apart).
Prints the CPU seconds of each stage: geoparsing, the spaCy parse of the sentences that may tell
an event (and within it the memoised attribute ruler and lemmatizer, learning included), the
rest of event extraction, corridor evidence. 453 is what each of two workers gets of the 906
articles in ``bench/build_bench.py``.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from build_bench import read_articles

import geo.corridors.assemble as corridors
import geo.events.extract as events
import geo.parse.geoparser as geoparser
import geo.text.language as language
from geo.models import Document
from geo.store.build import process_documents, warm_up

SECONDS: Counter[str] = Counter()


def _timed(owner: Any, name: str, label: str) -> None:
    """Replace ``owner.name`` by a wrapper that adds its CPU time to ``SECONDS[label]``."""
    function = getattr(owner, name)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SECONDS[label] += time.process_time() - start

    setattr(owner, name, wrapper)


class _TimedPipe:
    """The language model with its ``pipe`` timed (the parse of the candidate sentences)."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> list[Any]:
        texts = list(texts)
        start = time.process_time()
        docs = list(self.nlp.pipe(texts, **kwargs))
        SECONDS["spaCy parse"] += time.process_time() - start
        SECONDS["sentences parsed"] += len(texts)
        return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lgl", type=Path)
    parser.add_argument("geovirus", type=Path)
    parser.add_argument("--tud", type=Path, nargs="*", default=[])
    parser.add_argument("--n", type=int, default=453)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()

    articles = read_articles(args.lgl, args.geovirus, args.tud)[: args.n]
    documents = [Document(f"doc-{i}", f"doc-{i}.txt", title, f"{title}\n{day}\n\n{text}", None, "unknown")
                 for i, (title, day, text) in enumerate(articles)]
    start = time.process_time()
    warm_up()
    print(f"worker warm-up (gazetteer, language model, registries): {time.process_time() - start:.2f} CPU-s")

    _timed(geoparser, "geoparse_document", "geoparsing")
    _timed(events, "extract_events_batch", "events, all")
    _timed(language.MemoisedMorphology, "__call__", "attribute ruler + lemmatizer (memoised)")
    _timed(language.MemoisedMorphology, "_learn", "learning unseen words")
    _timed(corridors, "document_evidence", "corridor evidence")
    nlp = _TimedPipe(language.language_model())
    events.language_model = lambda: nlp  # type: ignore[assignment]

    start = time.process_time()
    for i in range(0, len(documents), args.batch):
        process_documents([(document, ()) for document in documents[i : i + args.batch]])
    total = time.process_time() - start
    print(f"{len(documents)} documents: {total:.2f} CPU-s = {1000 * total / len(documents):.1f} ms per document; "
          f"{SECONDS.pop('sentences parsed'):.0f} sentences parsed")
    SECONDS["event rules"] = SECONDS["events, all"] - SECONDS["spaCy parse"]
    rows = [("geoparsing", "geoparsing"), ("spaCy parse", "spaCy parse"),
            ("  of which attribute ruler + lemmatizer (memoised)", "attribute ruler + lemmatizer (memoised)"),
            ("    of which learning unseen words", "learning unseen words"),
            ("event rules", "event rules"), ("corridor evidence", "corridor evidence")]
    for label, key in rows:
        print(f"  {label:52s} {SECONDS[key]:6.2f} CPU-s {SECONDS[key] / total:6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
