"""Concurrent corrections: P processes save S corrections each into one file at the same time
(issue 17, target: 0 lost of 400 with 2 processes).

Usage::

    .venv/bin/python bench/corrections_bench.py [--processes 2] [--saves 200]

Each process adds its own corrections through ``add_correction`` (read, change, write the
whole CSV, as the Places page does); at the end every one of the P × S must be in the file.
Prints kept and lost, wall time and the CPU seconds of the saving processes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from geo.parse.corrections import load_corrections

_SAVER = """
import sys
from geo.parse.corrections import Correction, add_correction
path, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    add_correction(path, Correction.create(doc_id=f"doc-{who}", document=f"{who}.txt", start=i, end=i + 1,
                                           text="x", action="not_place"))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corrections.csv"
        began = time.perf_counter()
        children = [subprocess.Popen([sys.executable, "-c", _SAVER, str(path), str(who), str(args.saves)])  # noqa: S603
                    for who in range(args.processes)]
        watched = [psutil.Process(child.pid) for child in children]
        cpu = [0.0] * len(children)
        while any(child.poll() is None for child in children):
            for i, process in enumerate(watched):
                try:
                    times = process.cpu_times()
                    cpu[i] = times.user + times.system
                except psutil.NoSuchProcess:
                    pass
            time.sleep(0.05)
        wall = time.perf_counter() - began
        kept = len(load_corrections(path))
    expected = args.processes * args.saves
    print(f"{args.processes} processes x {args.saves} saves: kept {kept} of {expected}, lost {expected - kept}; "
          f"{wall:.1f} s wall, about {sum(cpu):.1f} s CPU in the saving processes")
    return 0 if kept == expected else 1


if __name__ == "__main__":
    raise SystemExit(main())
