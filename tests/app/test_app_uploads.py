"""Uploaded articles are untrusted: checked before anything is written, never overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.errors import CorpusError
from geo.ingest.uploads import add_uploads, safe_name, store_uploads
from geo.store.tables import locked

ARTICLE = b"Talks in Baku\n\nBAKU, 3 May 2024 - Officials met in Baku on Friday.\n"


def test_names_cannot_leave_the_corpus_folder() -> None:
    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("C:\\Users\\me\\news.md") == "news.md"
    with pytest.raises(CorpusError):
        safe_name("../.hidden.txt")


def test_good_files_are_stored_and_bad_ones_explained(tmp_path: Path) -> None:
    report = store_uploads(
        [("baku.txt", ARTICLE), ("scan.txt", b"\x00\x01\x02PK\x03\x04" * 100), ("tool.exe", b"MZ"),
         ("big.txt", b"a" * (5 * 1024 * 1024 + 1))],
        tmp_path,
    )
    assert report.added == ["baku.txt"]
    assert (tmp_path / "baku.txt").read_bytes() == ARTICLE
    reasons = dict(report.rejected)
    assert set(reasons) == {"scan.txt", "tool.exe", "big.txt"}
    assert "binary" in reasons["scan.txt"]
    assert ".exe" in reasons["tool.exe"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baku.txt"]


def test_same_name_other_text_is_kept_beside_not_over(tmp_path: Path) -> None:
    store_uploads([("baku.txt", ARTICLE)], tmp_path)
    again = store_uploads([("baku.txt", ARTICLE)], tmp_path)
    assert again.unchanged == ["baku.txt"]
    other = store_uploads([("baku.txt", ARTICLE + b"More news.\n")], tmp_path)
    assert len(other.added) == 1
    assert other.added[0].startswith("baku-")
    assert (tmp_path / "baku.txt").read_bytes() == ARTICLE


def test_an_upload_during_a_running_build_is_kept_for_the_next_build(tmp_path: Path) -> None:
    corpus, store_dir = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    with locked(store_dir):  # another build holds the store
        report = add_uploads([("baku.txt", ARTICLE)], corpus, store_dir)
    assert report.added == ["baku.txt"]
    assert "next build" in report.deferred
    assert (corpus / "baku.txt").read_bytes() == ARTICLE
