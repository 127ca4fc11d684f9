"""Benchmark document dates and events against the hand-made gold of the sample articles.

Usage: python bench/events_bench.py GOLD_PATH [CORPUS_DIR]
       (GOLD_PATH is e.g. ../shared/eval/seeds_gold.json; CORPUS_DIR defaults to data/corpus)

Figures printed:
- document dates: right date *and* precision (day, month, unknown) out of the gold documents;
- events: gold events found with the right place (within the gold place's tolerance, or the
  same country for a gold country) and an interval overlapping the gold date at its precision;
  also how many of those have the right type;
- events that match no gold event, per document, listed with their sentence for review (the
  target allows at most 2 per document that are not real events of the text).
"""

from __future__ import annotations

import calendar
import json
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from geo import geoparse
from geo.events.extract import extract_events
from geo.geodesy import distance_km
from geo.ingest.read import load_corpus
from geo.models import Document, Event, Interval

APPROXIMATE_DAYS = 15
"""A gold date of precision "approximate" stands for this many days either side."""
TARGET_FOUND = 0.85
TARGET_UNMATCHED_PER_DOC = 2


@dataclass(frozen=True)
class GoldEvent:
    doc: str
    type: str
    interval: Interval
    place: dict[str, Any]
    evidence: str


def gold_interval(value: str | None, precision: str) -> Interval:
    """The interval a gold date stands for at its precision ("2022-05" → all of May 2022)."""
    if value is None or precision == "unknown":
        return Interval(None, None, "unknown")
    if "/" in value:
        first, last = value.split("/")
        return Interval(date.fromisoformat(first), date.fromisoformat(last), "day")
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return Interval(date(parts[0], 1, 1), date(parts[0], 12, 31), "year")
    if len(parts) == 2:
        year, month = parts
        return Interval(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")
    day = date(*parts)
    if precision == "approximate":
        return Interval(day - timedelta(days=APPROXIMATE_DAYS), day + timedelta(days=APPROXIMATE_DAYS), "approximate")
    return Interval(day, day, "day")


def overlaps(predicted: Interval, gold: Interval) -> bool:
    if gold.start is None or gold.end is None:
        return predicted.start is None  # gold says the text gives no date
    if predicted.start is None or predicted.end is None:
        return False
    return predicted.start <= gold.end and gold.start <= predicted.end


def right_place(event: Event, gold: dict[str, Any]) -> bool:
    if event.place is None:
        return False
    if gold["kind"] == "country":
        return event.place.country_code == gold["country_code"]
    return distance_km((event.place.lon, event.place.lat), (gold["lon"], gold["lat"])) <= gold["tolerance_km"]


def document_date_right(doc: Document, gold: dict[str, Any]) -> bool:
    expected, precision = gold["date"], gold["date_precision"]
    if precision == "unknown":
        return doc.published is None and doc.date_precision == "unknown"
    if doc.published is None or doc.date_precision != precision:
        return False
    width = {"day": 10, "month": 7, "year": 4}[precision]
    return doc.published.isoformat()[:width] == expected[:width]


def load_gold(path: Path) -> tuple[dict[str, Any], list[GoldEvent]]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    events = [
        GoldEvent(e["doc"], e["type"], gold_interval(e["date"], e["date_precision"]), gold["places"][e["place"]],
                  e["evidence"])
        for e in gold["events"]
    ]
    return gold["documents"], events


def match(predicted: list[Event], gold: list[GoldEvent]) -> tuple[dict[int, Event], list[Event]]:
    """Pair gold events with predicted ones (same type first), each predicted event used once."""
    pairs: dict[int, Event] = {}
    used: set[str] = set()
    for same_type_only in (True, False):
        for index, wanted in enumerate(gold):
            if index in pairs:
                continue
            for event in predicted:
                if event.event_id in used or (same_type_only and event.type != wanted.type):
                    continue
                if right_place(event, wanted.place) and overlaps(event.interval, wanted.interval):
                    pairs[index] = event
                    used.add(event.event_id)
                    break
    return pairs, [e for e in predicted if e.event_id not in used]


def describe(event: Event) -> str:
    interval = event.interval
    place = event.place.name if event.place else "no place"
    return f"{event.type} @ {place} [{interval.start} .. {interval.end}, {interval.precision}] {event.confidence}"


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    gold_docs, gold_events = load_gold(Path(argv[0]))
    corpus = Path(argv[1]) if len(argv) > 1 else Path("data/corpus")
    documents, skipped = load_corpus(corpus)
    for name, reason in skipped:
        print(f"skipped {name}: {reason}")
    by_name = {d.file_name: d for d in documents}

    print("Document dates")
    right_dates = 0
    for name, gold in gold_docs.items():
        doc = by_name.get(name)
        ok = doc is not None and document_date_right(doc, gold)
        right_dates += ok
        found = f"{doc.published} ({doc.date_precision})" if doc else "missing"
        print(f"  {'ok ' if ok else 'BAD'} {name}: {found}; gold {gold['date']} ({gold['date_precision']})")
    print(f"document dates right: {right_dates}/{len(gold_docs)}")

    started = time.perf_counter()
    found = typed = 0
    worst_unmatched = 0
    print("\nEvents")
    for name in gold_docs:
        doc = by_name.get(name)
        wanted = [g for g in gold_events if g.doc == name]
        predicted = extract_events(doc, geoparse(doc.text)) if doc else []
        pairs, unmatched = match(predicted, wanted)
        found += len(pairs)
        typed += sum(1 for i, e in pairs.items() if e.type == wanted[i].type)
        worst_unmatched = max(worst_unmatched, len(unmatched))
        placed = sum(1 for e in unmatched if e.place is not None)
        print(f"  {name}: {len(pairs)}/{len(wanted)} gold events found, {len(predicted)} predicted, "
              f"{len(unmatched)} unmatched ({placed} of them on the map)")
        for index, gold in enumerate(wanted):
            event = pairs.get(index)
            mark = "ok " if event else "MISS"
            print(f"    {mark} gold {gold.type} @ {gold.place['name']}: {gold.evidence[:70]}")
            if event:
                print(f"         -> {describe(event)}")
        for event in unmatched:
            print(f"    extra {describe(event)}: {event.sentence[:110]}")
    elapsed = time.perf_counter() - started
    total = len(gold_events)
    print(f"\nevents found (place + interval): {found}/{total} = {found / total:.0%} (target {TARGET_FOUND:.0%})")
    print(f"   ... of which with the gold type: {typed}/{total} = {typed / total:.0%}")
    print(f"most unmatched events in one document: {worst_unmatched} "
          f"(target: at most {TARGET_UNMATCHED_PER_DOC} that are not real events; review the list above)")
    print(f"event extraction incl. geoparsing: {elapsed:.1f} s for {len(gold_docs)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
