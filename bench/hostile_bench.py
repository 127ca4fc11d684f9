"""Hostile-input benchmark: one huge article naming thousands of places, through one worker's whole stage.

Usage::

    .venv/bin/python bench/hostile_bench.py --places 10000            # one case, ~1 MB of text
    .venv/bin/python bench/hostile_bench.py --sweep 1000 2000 5000 10000   # each in a fresh process

The article is generated from gazetteer names (towns of 1,000+ people, a fixed random sample)
set in plain news sentences and padded with filler to ``--bytes``, and goes through the build's
per-document stage (``geo.store.build.process_documents``: geoparse, events, corridor evidence).
Prints the wall time, the CPU time and the peak resident memory of the worker, how many
mentions and events came out, and what the per-article budgets (``settings.MAX_PLACE_NAMES``,
``settings.MAX_EVENT_SENTENCES``) left out. Targets
(issue 17): 10,000 names within 60 s and 1 GB on one worker, the article kept.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

from geo.gazetteer.index import gazetteer
from geo.models import Document
from geo.store.build import process_documents, warm_up

MIN_POPULATION = 1_000
SEED = 17
TEMPLATES = (
    "Officials in {0} said the delegation from {1} would travel on to {2} next week.",
    "Trucks left {0} for {1}, where traders from {2} were waiting.",
    "The storm reached {0} on Monday and moved towards {1} and {2}.",
)
FILLER = "The council said the report would be published after the holiday. "


def article(places: int, size: int) -> str:
    """``places`` gazetteer names in news sentences, padded with filler to about ``size`` bytes."""
    names = sorted({p.name for p in gazetteer().places_of_kind(["city"]) if p.population >= MIN_POPULATION})
    chosen = random.Random(SEED).sample(names, places)  # noqa: S311 - a fixed sample, not a secret
    sentences = [TEMPLATES[k % len(TEMPLATES)].format(*chosen[3 * k : 3 * k + 3])
                 for k in range(len(chosen) // 3)]
    body = " ".join(sentences)
    padding = max(0, size - len(body.encode("utf-8")))
    return body + " " + FILLER * (padding // len(FILLER))


def run_case(places: int, size: int) -> dict:
    text = article(places, size)
    warm_up()
    start, cpu = time.perf_counter(), time.process_time()
    [result] = process_documents([(Document("hostile", "hostile.txt", "Hostile", text, None, "unknown"), ())])
    return {
        "places named": places,
        "bytes": len(text.encode("utf-8")),
        "seconds": round(time.perf_counter() - start, 1),
        "cpu_seconds": round(time.process_time() - cpu, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "mentions": len(result.mentions),
        "events": len(result.events),
        "left out": "; ".join(result.warnings) or "nothing",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--bytes", type=int, default=1_000_000)
    parser.add_argument("--sweep", type=int, nargs="*", help="run each count in a fresh process")
    args = parser.parse_args(argv)
    if not args.sweep:
        print(json.dumps(run_case(args.places, args.bytes)))
        return 0
    print("| places named | bytes | wall s | CPU s | peak RSS MB | mentions | events | left out |")
    print("|---|---|---|---|---|---|---|---|")
    for count in args.sweep:
        out = subprocess.run([sys.executable, __file__, "--places", str(count), "--bytes", str(args.bytes)],  # noqa: S603
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"| {count} | {row['bytes']} | {row['seconds']} | {row['cpu_seconds']} | {row['peak_rss_mb']} "
              f"| {row['mentions']} | {row['events']} | {row['left out']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
