"""Store write and read speed on a synthetic store of N articles (issue 12: GeoPandas GeoParquet
versus the former hand-written path).

Usage::

    .venv/bin/python bench/store_io_bench.py --documents 6000 --repeat 3

Times ``write_store`` (every table, GeoJSON twins, manifest), ``load_store`` (what the app
reads) and ``read_table(..., doc_ids=...)`` of half the documents (what an incremental build
reads), each as the median of ``--repeat`` runs, in wall and CPU seconds of this process.
To compare with another version of the engine, run the same command with that checkout
first on ``PYTHONPATH``; the line ``engine:`` says which one was measured.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthetic_store import synthetic_tables

import geo
from geo.store import tables as store


def _timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=6000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"engine: {Path(geo.__file__).parent}")
    tables = synthetic_tables(args.documents)
    print("rows: " + ", ".join(f"{name} {len(frame):,}" for name, frame in tables.items()))
    half = set(tables["documents"]["doc_id"].iloc[::2])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"

        def write() -> None:
            with store.locked(folder):
                store.write_store(folder, tables, cache={}, manifest={"skipped": []})

        results = {"write_store": _timed(write, args.repeat)}
        results["load_store"] = _timed(lambda: store.load_store(folder), args.repeat)
        results["read_table(mentions, half the doc_ids)"] = _timed(
            lambda: store.read_table(folder, "mentions", plain_lists=False, doc_ids=half), args.repeat
        )
        current = folder / "current" if (folder / "current").exists() else folder  # the build just written
        size = sum(p.stat().st_size for p in current.glob("*.parquet"))
    print(f"parquet bytes: {size:,}")
    for name, (wall, cpu) in results.items():
        print(f"{name:42s} {wall:6.2f} s wall  {cpu:6.2f} s CPU  (median of {args.repeat})")


if __name__ == "__main__":
    main()
