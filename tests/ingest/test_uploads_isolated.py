"""Uploads are checked and parsed in a child process with a time limit, never in the app's server.

Proof that the work happens elsewhere: in this process, loading a document or building the
store raises, and the upload still succeeds. A child stopped at the limit leaves nothing
behind: the files it had added to the corpus are taken out again, the store is untouched.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from geo.ingest import uploads
from geo.ingest.uploads import add_uploads
from geo.store.tables import load_store

ARTICLE = b"Talks in Baku\n\nBAKU, 3 May 2024 - Officials met in Baku on Friday to discuss the railway.\n"


def _refuse(*_: object, **__: object) -> None:
    raise AssertionError("upload work ran in the app's own process")


def test_an_upload_is_checked_and_parsed_in_a_child_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.import_module("geo.store.build"), "build", _refuse)
    monkeypatch.setattr("geo.ingest.uploads.load_document", _refuse)
    corpus, store_dir = tmp_path / "corpus", tmp_path / "store"
    report = add_uploads([("baku.txt", ARTICLE), ("tool.exe", b"MZ")], corpus, store_dir)
    assert report.added == ["baku.txt"], report
    assert ".exe" in dict(report.rejected)["tool.exe"]
    assert "1 documents" in report.build_report
    assert load_store(store_dir).documents["file_name"].tolist() == ["baku.txt"]


def test_an_upload_over_the_time_limit_is_stopped_and_leaves_nothing(tmp_path: Path) -> None:
    corpus, store_dir = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    report = add_uploads([("baku.txt", ARTICLE)], corpus, store_dir, timeout=0.001)  # the child cannot even start
    assert report.added == []
    assert "longer than the limit of 0.001 s" in dict(report.rejected)["baku.txt"]
    assert list(corpus.iterdir()) == []
    assert not store_dir.exists()


def test_files_a_stopped_child_had_added_are_taken_out_of_the_corpus(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "old.txt").write_bytes(ARTICLE)

    def stopped_while_building(staging: Path, timeout: float) -> tuple[None, str]:
        (corpus / "deep.html").write_bytes(b"<div>" * 1000)  # stored, then the build ran out of time
        (staging / "added.json").write_text(json.dumps(["deep.html"]), encoding="utf-8")
        return None, "not added: stopped"

    monkeypatch.setattr(uploads, "_run_child", stopped_while_building)
    report = add_uploads([("deep.html", b"<div>" * 1000), ("huge.txt", b"a" * (5 * 1024 * 1024 + 1))], corpus,
                         tmp_path / "store")
    assert dict(report.rejected) == {"deep.html": "not added: stopped",
                                     "huge.txt": "too large (5 MiB; the limit is 5 MiB)"}
    assert sorted(p.name for p in corpus.iterdir()) == ["old.txt"]
