"""A damaged store is repaired by the next build, and a mistaken build never empties it.

Damage as it happens: a table cut short (disk full, a copy interrupted), ``build.json``
deleted by hand, a corpus folder emptied by mistake or mounted late.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import EmptyCorpusError, StoreError
from geo.store.tables import MANIFEST, load_store
from tests.support.pipeline_fakes import ARTICLES, FAKE, assert_same_store, build_fake, write_corpus


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    corpus, out = write_corpus(tmp_path / "corpus"), tmp_path / "out"
    build_fake(corpus, out)
    return corpus, out


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_an_empty_corpus_folder_does_not_empty_the_store(built: tuple[Path, Path], tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    _, out = built
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(EmptyCorpusError, match="holds 3 document"):
        build_fake(empty, out)
    assert len(load_store(out).documents) == 3
    assert main(["build", str(empty), "--out", str(out), "--quiet", "--workers", "1"]) == 1
    assert "--allow-empty" in capsys.readouterr().err
    assert len(load_store(out).documents) == 3
    assert build_fake(empty, out, allow_empty=True).documents == 0  # when asked for explicitly
    assert load_store(out).documents.empty


def test_a_corpus_of_only_unusable_files_does_not_empty_the_store(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = built
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.txt").write_bytes(b"")
    (junk / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    with pytest.raises(EmptyCorpusError, match=r"2 file\(s\) skipped"):
        build_fake(junk, out)
    assert len(load_store(out).documents) == 3


@pytest.mark.parametrize("table", ["documents", "events", "mentions"])
def test_a_truncated_table_is_repaired_by_the_next_build(built: tuple[Path, Path], tmp_path: Path, table: str) -> None:
    corpus, out = built
    _truncate(out / f"{table}.parquet")
    with pytest.raises(StoreError, match=f"{table}.parquet"):  # readers get a clear error, not pyarrow's
        load_store(out)
    summary = build_fake(corpus, out)
    assert summary.parsed == len(ARTICLES)
    assert any(note.startswith(f"repaired: {table}.parquet") for note in summary.notes)
    fresh = tmp_path / "fresh"
    build_fake(corpus, fresh)
    assert_same_store(out, fresh)


def test_build_force_rebuilds_a_store_with_a_truncated_index(built: tuple[Path, Path]) -> None:
    corpus, out = built
    _truncate(out / "documents.parquet")
    assert build_fake(corpus, out, force=True).parsed == len(ARTICLES)  # the old index is never read
    assert len(load_store(out).documents) == len(ARTICLES)


def test_a_missing_manifest_gives_true_counts_and_keeps_change_detection(built: tuple[Path, Path]) -> None:
    corpus, out = built
    counts = load_store(out).manifest["counts"]
    (out / MANIFEST).resolve().unlink()
    summary = build_fake(corpus, out)
    assert summary.counts() == counts  # not zeros
    assert summary.parsed == len(ARTICLES)  # what the last build read is unknown: parsed again
    assert load_store(out).manifest["counts"] == counts
    upgraded = replace(FAKE, fingerprint=lambda: "registry v2")
    assert build_fake(corpus, out, stages=upgraded).parsed == len(ARTICLES)  # curated data changed: noticed
    assert build_fake(corpus, out, stages=upgraded).up_to_date
