"""Benchmark the build: documents/s and peak memory, no-change rebuild and add-one times.

    .venv/bin/python bench/build_bench.py /work/shared/eval/lgl.xml /work/shared/eval/GeoVirus.xml --n 10000
    .venv/bin/python bench/build_bench.py /work/shared/eval/lgl.xml /work/shared/eval/GeoVirus.xml \
        --tud /work/shared/eval/tud-loc-2013-train.xml /work/shared/eval/tud-loc-2013-validation.xml \
        --distinct --runs local

Makes a corpus of N articles from the real LGL, GeoVirus (and TUD-Loc-2013) texts (repeated with
a distinct first line, so every file is a distinct document; ``--distinct`` writes each article
once and no more, so no engine cache sees a text twice) and, in one run, builds it
1. with all local worker processes, 2. on a Dask ``LocalCluster`` with 2 worker processes,
3. with 1 worker (in this process); then times 4. a no-change rebuild (in this process
and as a fresh ``python -m geo build`` command) and 5. adding one article to the built store
(in this process, gazetteer already loaded). Peak memory is the largest sum of the resident
set sizes of this process and all its children, sampled every 50 ms.

Targets (issue 6): >= 100 docs/s with all local workers, Dask >= 80 % of that, peak memory
<= 2 GB for 10,000 documents, no-change rebuild <= 5 s, adding one <= 3 s.
Repeated texts let the engine's lookup caches help a little more than fully new text would.
Each build also prints the CPU seconds per document of this process and its children (on a
shared machine wall-clock rates depend on the other load; CPU time much less).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import psutil

from geo import settings
from geo.store import parallel
from geo.store.build import BuildSummary, build, warm_up

REPO = settings.ROOT


def read_articles(lgl: Path, geovirus: Path, tud: list[Path]) -> list[tuple[str, str, str]]:
    """``(title, date line, text)`` of every LGL, GeoVirus and TUD-Loc-2013 article."""
    articles = []
    for article in ET.parse(lgl).getroot():  # noqa: S314 - a local benchmark file given by the user
        day = (article.findtext("dltime") or "")[:10]
        articles.append((article.findtext("title") or "", f"date {day}" if day else "", article.findtext("text") or ""))
    for article in ET.parse(geovirus).getroot():  # noqa: S314
        source = article.findtext("source") or ""
        title = source.rsplit("/", 1)[-1].replace("_", " ")
        articles.append((title, "", article.findtext("text") or ""))
    for path in tud:
        root = ET.parse(path).getroot()  # noqa: S314
        articles.extend((article.get("docid") or "", "", article.findtext("text") or "") for article in root)
    return [a for a in articles if a[2].strip()]


def write_corpus(folder: Path, articles: list[tuple[str, str, str]], count: int, *, distinct: bool = False) -> None:
    """``count`` articles, repeated with a distinct title line; ``distinct``: each article once, as it is."""
    folder.mkdir(parents=True)
    for i in range(min(count, len(articles)) if distinct else count):
        title, date_line, text = articles[i % len(articles)]
        header = title if distinct else f"{title} (copy {i // len(articles) + 1})"
        body = "\n".join(part for part in (header, date_line, "", text) if part is not None)
        (folder / f"article_{i:05d}.txt").write_text(body + "\n", encoding="utf-8")


@contextmanager
def peak_memory() -> Iterator[dict[str, float]]:
    """Track the peak of RSS summed over this process and its children (in MB)."""
    result = {"peak_mb": 0.0}
    stop = threading.Event()
    me = psutil.Process()

    def sample() -> None:
        while not stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with suppress(psutil.Error):  # a child may exit between listing and reading
                    total += process.memory_info().rss
            result["peak_mb"] = max(result["peak_mb"], total / 1e6)
            stop.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()


def cpu_seconds() -> float:
    """CPU time of this process and its children, the live ones included (workers still running)."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:4])
    for child in me.children(recursive=True):
        with suppress(psutil.Error):
            total += sum(child.cpu_times()[:4])  # a forkserver holds its finished workers' time
    return total


def timed_build(label: str, corpus: Path, out: Path, **options: Any) -> tuple[BuildSummary, float]:
    with peak_memory() as memory:
        cpu = cpu_seconds()
        summary = build(corpus, out, progress=False, **options)
        cpu = cpu_seconds() - cpu
    print(
        f"{label:<34} {summary.parsed:>6} docs  {summary.docs_per_second:8.1f} docs/s  "
        f"total {summary.seconds:6.1f} s  peak {memory['peak_mb']:7.0f} MB  "
        f"CPU {cpu:6.1f} s = {1000 * cpu / max(summary.parsed, 1):.1f} ms/doc",
        flush=True,
    )
    return summary, memory["peak_mb"]


def seconds(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lgl", type=Path, help="lgl.xml")
    parser.add_argument("geovirus", type=Path, help="GeoVirus.xml")
    parser.add_argument("--tud", type=Path, nargs="*", default=[], help="TUD-Loc-2013 XML files (LGL schema)")
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--distinct", action="store_true", help="each article once (at most N), no repeats")
    parser.add_argument("--workdir", type=Path, default=None, help="where to write the corpus and stores")
    parser.add_argument(
        "--runs",
        default="one,local,dask",
        help="comma-separated subset of one,local,dask (default: all three; the rebuild timings use local)",
    )
    args = parser.parse_args()
    runs = set(args.runs.split(","))

    work = Path(tempfile.mkdtemp(prefix="build-bench-", dir=args.workdir))
    try:
        corpus = work / "corpus"
        write_corpus(corpus, read_articles(args.lgl, args.geovirus, args.tud), args.n, distinct=args.distinct)
        workers = parallel.default_workers()
        count = sum(1 for _ in corpus.iterdir())
        print(f"{count} {'distinct ' if args.distinct else ''}articles in {corpus}; {workers} cores", flush=True)

        local, local_peak = timed_build(f"{workers} local worker processes", corpus, work / "local", workers=workers)
        dask, dask_peak = local, 0.0
        if "dask" in runs:
            from distributed import LocalCluster

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                dask, dask_peak = timed_build(
                    "Dask LocalCluster, 2 workers", corpus, work / "dask", scheduler=cluster.scheduler_address
                )
        if "one" in runs:  # last: it loads the engine into this process, whose memory counts in the peaks
            timed_build("1 worker (in process)", corpus, work / "one", workers=1)

        warm_up()  # the app's situation: engine loaded once, then rebuilds
        unchanged = seconds(lambda: build(corpus, work / "local", progress=False))
        command = [sys.executable, "-m", "geo", "build", str(corpus), "--out", str(work / "local"), "--quiet"]
        unchanged_cli = seconds(lambda: subprocess.run(command, check=True, cwd=REPO, capture_output=True))  # noqa: S603
        shutil.copy(corpus / "article_00000.txt", corpus / "new_article.txt")
        with (corpus / "new_article.txt").open("a", encoding="utf-8") as handle:
            handle.write("\nA new closing paragraph makes this a new document.\n")
        add_one = build(corpus, work / "local", workers=1, progress=False)
        assert add_one.parsed == 1, add_one.report()

        print()
        print(f"no-change rebuild of {local.documents} docs: {unchanged:.2f} s in process, {unchanged_cli:.2f} s as a command")
        print(f"adding one document: {add_one.seconds:.2f} s (engine loaded)")
        if "dask" in runs:
            print(f"Dask / local processes: {dask.docs_per_second / max(local.docs_per_second, 1e-9):.0%}")
            print(f"peak memory: local {local_peak:.0f} MB, Dask {dask_peak:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
