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
# Dies (as a kill would) once every file of the new generation is written, just before the
# switch that would make it current.
_DIE_BEFORE_SWITCH = """
import os
from geo.store import tables
def _switch(folder, target):
    os._exit(9)
tables._switch = _switch
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


def test_a_build_killed_before_the_switch_leaves_the_previous_build_and_is_cleaned_up(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    build_fake(corpus, out)
    before = _snapshot(out)
    write_corpus(corpus, many_articles(5))
    with _child(corpus, out, {}, prelude=_DIE_BEFORE_SWITCH) as child:
        assert child.wait(timeout=60) == 9, _log(corpus)
    assert _snapshot(out) == before  # readers still see the previous build, whole
    assert len(list((out / "generations").iterdir())) == 2  # and the unfinished one beside it
    repaired = build_fake(corpus, out)
    assert repaired.parsed == 5
    assert len(list((out / "generations").iterdir())) == 2  # the unfinished one is gone: current and previous
    fresh = tmp_path / "fresh"
    build_fake(corpus, fresh)
    assert_same_store(out, fresh)
