"""Killing a build never leaves tables the app cannot read, and the next build repairs everything.

The build runs in a child process (with the fake engine) that is killed mid-way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from geo import settings
from geo.store.tables import TABLE_NAMES, load_store
from tests.support.pipeline_fakes import (
    SLOW,
    STARTED,
    assert_same_store,
    build_fake,
    many_articles,
    write_corpus,
)

REPO = settings.ROOT
_CHILD = """
import sys
from tests.support.pipeline_fakes import FAKE
from geo.store.build import build
build(sys.argv[1], sys.argv[2], stages=FAKE, workers=1, progress=False)
"""
# Dies (as a kill would) right after the first renames: the geojson twins, the corridor
# evidence cache and mentions.parquet are new, documents.parquet is still the old one.
_DIE_AFTER_FIVE_RENAMES = """
import os, pathlib
_calls = []
_replace = pathlib.Path.replace
def replace(self, target):
    result = _replace(self, target)
    _calls.append(target)
    if len(_calls) == 5:
        os._exit(9)
    return result
pathlib.Path.replace = replace
"""


def _child(corpus: Path, out: Path, env: dict[str, str], prelude: str = "") -> subprocess.Popen[bytes]:
    """The build in a child process; its stderr goes to ``child.log`` beside the corpus."""
    python_path = os.pathsep.join([str(REPO), str(REPO / "tests")])
    with (corpus.parent / "child.log").open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-c", prelude + _CHILD, str(corpus), str(out)],
            env={**os.environ, "PYTHONPATH": python_path, **env},
            stderr=log,
        )


def _log(corpus: Path) -> str:
    return (corpus.parent / "child.log").read_text(errors="replace")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.name != ".build.lock"}


def test_killing_a_build_while_it_parses_keeps_the_previous_tables(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    build_fake(corpus, out)
    before = _snapshot(out)
    tables_before = {name: load_store(out).table(name) for name in TABLE_NAMES}
    write_corpus(corpus, many_articles(50))
    started = tmp_path / "started"
    with _child(corpus, out, {SLOW: "0.2", STARTED: str(started)}) as child:
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
        assert started.exists(), _log(corpus)
        child.kill()
        child.wait(timeout=30)
    assert _snapshot(out) == before
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(load_store(out).table(name), tables_before[name])
    # The lock died with the process: the next build runs and takes in the new articles.
    assert build_fake(corpus, out).documents == 53


def test_a_build_killed_between_renames_is_repaired_by_the_next_build(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    build_fake(corpus, out)
    write_corpus(corpus, many_articles(5))
    with _child(corpus, out, {}, prelude=_DIE_AFTER_FIVE_RENAMES) as child:
        assert child.wait(timeout=60) == 9, _log(corpus)
    half = load_store(out)  # mixed generations, but every table still loads
    assert len(half.documents) == 3
    assert len(half.mentions) > 9
    repaired = build_fake(corpus, out)
    assert repaired.parsed == 5  # the old documents table did not list them: parsed again
    fresh = tmp_path / "fresh"
    build_fake(corpus, fresh)
    assert_same_store(out, fresh)
