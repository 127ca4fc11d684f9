"""Readers see one complete build, never a mix of two, however often the store is rebuilt.

A child process rebuilds the store again and again (with the fake engine) from a corpus that
alternates between three and five articles; meanwhile this process reads the store in a
loop and checks that every read is one build: the tables agree with each other and with the
counts in that build's ``build.json``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from geo import settings
from geo.store.tables import TABLE_NAMES, Store, load_store
from tests.support.pipeline_fakes import ARTICLES, build_fake, many_articles, write_corpus

REBUILDS = 8
READS = 30
_REBUILDER = """
import shutil, sys
from pathlib import Path
from tests.support.pipeline_fakes import ARTICLES, build_fake, many_articles, write_corpus
corpus, out, progress, stop = (Path(arg) for arg in sys.argv[1:5])
builds = 0
while not stop.exists():
    shutil.rmtree(corpus)
    write_corpus(corpus, ARTICLES if builds % 2 else many_articles(5))
    build_fake(corpus, out)
    builds += 1
    progress.write_text(str(builds))
"""


def _problems(read: Store) -> list[str]:
    """What in one read shows two builds mixed (empty when the read is one whole build)."""
    documents = set(read.documents["doc_id"])
    problems = [
        f"{name} rows of documents not in this documents table"
        for name in ("mentions", "events")
        if not set(read.table(name)["doc_id"]) <= documents
    ]
    counts = read.manifest.get("counts", {})
    problems += [
        f"{name}: {len(read.table(name))} rows, build.json says {counts.get(name)}"
        for name in TABLE_NAMES
        if counts.get(name) != len(read.table(name))
    ]
    return problems


def test_a_reader_loop_during_rebuilds_sees_only_whole_builds(tmp_path: Path) -> None:
    corpus, out = write_corpus(tmp_path / "corpus", ARTICLES), tmp_path / "out"
    progress, stop = tmp_path / "builds", tmp_path / "stop"
    build_fake(corpus, out)
    assert len(many_articles(5)) != len(ARTICLES)  # the two corpora differ in every count
    python_path = os.pathsep.join([str(settings.ROOT), str(settings.ROOT / "tests")])
    reads, bad = 0, []
    with subprocess.Popen(
        [sys.executable, "-c", _REBUILDER, str(corpus), str(out), str(progress), str(stop)],
        env={**os.environ, "PYTHONPATH": python_path},
        stderr=subprocess.PIPE,
    ) as child:
        while child.poll() is None:  # read until enough reads overlapped enough rebuilds, however slow
            try:
                problems = _problems(load_store(out))
            except Exception as error:  # any failure to read is a failure of the store
                problems = [f"{type(error).__name__}: {error}"]
            reads += 1
            bad += problems
            if reads >= READS and progress.exists() and int(progress.read_text() or 0) >= REBUILDS:
                stop.touch()
        errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    assert child.returncode == 0, errors
    assert bad == [], f"{len(bad)} bad reads of {reads}, e.g. {bad[:3]}"
