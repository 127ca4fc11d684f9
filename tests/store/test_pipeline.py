"""The build: bad files skipped with reasons, incremental rebuilds, corrections, parallel runners.

The engine stages are replaced by the tiny fake in ``pipeline_fakes`` so these tests measure
the pipeline and the store, not the geoparser.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from geo.parse.corrections import Correction, add_correction, remove_correction
from geo.store.build import BuildError
from geo.store.tables import load_store
from tests.support.pipeline_fakes import (
    ARTICLES,
    FAKE,
    PARIS_TEXAS,
    WARM_UP_LOG,
    assert_same_store,
    build_fake,
    many_articles,
    write_corpus,
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_built(corpus: Path, tmp_path: Path) -> None:
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    (corpus / "copy.txt").write_bytes((corpus / "a_baku.txt").read_bytes())
    (corpus / "spaced.txt").write_text(ARTICLES["a_baku.txt"] + "\n\n\n", encoding="utf-8")
    (corpus / "broken.txt").write_text("CRASH in Baku.", encoding="utf-8")
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (corpus / "gone.txt").symlink_to(tmp_path / "no-such-file")
    with (corpus / "huge.txt").open("wb") as huge:  # sparse: 20 MB on paper, nothing on disk
        huge.truncate(20_000_000)
    summary = build_fake(corpus, tmp_path / "out")
    reasons = dict(summary.skipped)
    assert set(reasons) == {
        "binary.txt", "empty.txt", "copy.txt", "spaced.txt", "broken.txt", "photo.jpg", "gone.txt", "huge.txt"
    }
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["copy.txt"] == reasons["spaced.txt"] == "duplicate of a_baku.txt"
    assert reasons["broken.txt"].startswith("processing failed: RuntimeError")
    assert "unsupported file type .jpg" in reasons["photo.jpg"]
    assert "symbolic link" in reasons["gone.txt"]
    assert reasons["huge.txt"].startswith("too large (19.1 MiB; the limit is 10 MiB)")
    stored = load_store(tmp_path / "out")
    assert sorted(stored.documents.file_name) == sorted(ARTICLES)
    assert stored.skipped == sorted(summary.skipped)
    assert "binary.txt: binary file, not text" in summary.report()


def test_tables_hold_what_the_stages_found(corpus: Path, tmp_path: Path) -> None:
    (corpus / "b0_nowhere.txt").write_text("Officials spoke today.", encoding="utf-8")
    summary = build_fake(corpus, tmp_path / "out")
    stored = load_store(tmp_path / "out")
    assert (summary.documents, summary.mentions, summary.places, summary.events, summary.corridors) == (4, 9, 4, 2, 2)
    assert stored.documents.set_index("file_name").loc["b0_nowhere.txt"].geometry is None
    baku = stored.places.set_index("name").loc["Baku"]
    assert baku["mentions"] == 3
    assert baku["documents"] == ["a_baku.txt", "b_tehran.txt"]
    assert (baku.geometry.x, baku.geometry.y) == (49.892, 40.3777)
    mention = stored.mentions.iloc[0]
    assert mention["sentence"] == "Aliyev met Putin in Baku on Monday."
    doc = stored.documents.set_index("file_name").loc["a_baku.txt"]
    assert len(doc.geometry.geoms) == 2  # Baku and Astrakhan
    assert stored.corridors["corridor_id"].tolist() == ["astrakhan-baku", "tehran-yerevan"]
    twins = {name: json.loads((tmp_path / "out" / f"{name}.geojson").read_text()) for name in ("places", "events")}
    assert len(twins["places"]["features"]) == 4
    assert {f["properties"]["place"] for f in twins["events"]["features"]} == {"Baku", "Tehran"}


def test_no_change_rebuild_parses_and_rewrites_nothing(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus / "binary.txt").write_bytes(b"\x00" * 100)
    (corpus / "broken.txt").write_text("CRASH in Baku.", encoding="utf-8")
    (corpus / "spaced.txt").write_text(ARTICLES["a_baku.txt"] + "\n\n\n", encoding="utf-8")
    out = tmp_path / "out"
    first = build_fake(corpus, out)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    log = tmp_path / "warm-ups.log"
    monkeypatch.setenv(WARM_UP_LOG, str(log))
    again = build_fake(corpus, out)
    assert again.up_to_date
    assert again.parsed == 0
    assert not log.exists()  # bad files are not retried: the engine is not even loaded
    assert (again.documents, again.mentions) == (first.documents, first.mentions)
    assert again.skipped == first.skipped
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps


def test_only_new_or_changed_files_are_parsed_and_removed_ones_dropped(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_fake(corpus, out)
    (corpus / "d_paris.txt").write_text("Macron met Aliyev in Paris.", encoding="utf-8")
    added = build_fake(corpus, out)
    assert (added.parsed, added.reused, added.removed, added.documents) == (1, 3, 0, 4)
    (corpus / "b_tehran.txt").write_text("Lavrov met officials in Yerevan.", encoding="utf-8")
    changed = build_fake(corpus, out)
    assert (changed.parsed, changed.reused) == (1, 3)
    (corpus / "c_yerevan.txt").unlink()
    removed = build_fake(corpus, out)
    assert (removed.parsed, removed.removed, removed.documents) == (0, 1, 3)
    stored = load_store(out)
    assert "c_yerevan.txt" not in set(stored.mentions.document)
    assert "Tehran" not in set(stored.places.name)  # only b_tehran (now changed) and c_yerevan named it
    assert stored.corridors["corridor_id"].tolist() == ["astrakhan-baku"]
    fresh = tmp_path / "fresh"
    build_fake(corpus, fresh)
    assert_same_store(out, fresh)


def test_a_duplicate_takes_over_when_its_original_is_removed(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (corpus / "z_copy.txt").write_text(ARTICLES["a_baku.txt"] + "\n\n", encoding="utf-8")
    assert ("z_copy.txt", "duplicate of a_baku.txt") in build_fake(corpus, out).skipped
    (corpus / "a_baku.txt").unlink()
    summary = build_fake(corpus, out)
    assert summary.skipped == []
    assert "z_copy.txt" in set(load_store(out).documents.file_name)


def test_corrections_reparse_only_their_document_and_move_its_events(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_fake(corpus, out)
    stored = load_store(out)
    mention = stored.mentions[(stored.mentions.document == "a_baku.txt") & (stored.mentions.start == 20)].iloc[0]
    fix = Correction.create(
        doc_id=mention.doc_id,
        document=mention.document,
        start=int(mention.start),
        end=int(mention.end),
        text=mention.text,
        action="reassign",
        place_id=PARIS_TEXAS.place_id,
    )
    corrections = tmp_path / "corrections.csv"  # beside the store folder: the default location
    add_correction(corrections, fix)
    summary = build_fake(corpus, out)
    assert (summary.parsed, summary.reused) == (1, 2)
    stored = load_store(out)
    event = stored.events[stored.events.document == "a_baku.txt"].iloc[0]
    assert (event["place_id"], event["country_code"]) == (PARIS_TEXAS.place_id, "US")
    assert stored.places.set_index("place_id").loc[PARIS_TEXAS.place_id, "score"] == 1.0
    assert stored.documents.set_index("file_name").loc["a_baku.txt", "corrections_hash"] != ""
    # A full rebuild applies it again; removing it restores the geoparser's reading.
    build_fake(corpus, out, force=True)
    assert PARIS_TEXAS.place_id in set(load_store(out).mentions.place_id)
    remove_correction(corrections, fix.doc_id, fix.start, fix.end)
    assert build_fake(corpus, out).parsed == 1
    assert PARIS_TEXAS.place_id not in set(load_store(out).mentions.place_id)
    # A correction about a text that has since changed no longer applies, and the build says so.
    add_correction(corrections, fix)
    (corpus / "a_baku.txt").write_text("Aliyev met Putin in Baku on Tuesday.", encoding="utf-8")
    edited = build_fake(corpus, out)
    assert edited.stale_corrections == 1
    assert "1 correction(s) refer to documents no longer in the corpus" in edited.report()


def test_a_bad_corrections_file_stops_the_build_with_its_line(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("doc_id,start,end,action\nd1,4,2,not_place\n", encoding="utf-8")
    with pytest.raises(BuildError, match="line 2"):
        build_fake(corpus, tmp_path / "out", corrections_path=bad)
    with pytest.raises(BuildError, match="corpus folder not found"):
        build_fake(tmp_path / "nowhere", tmp_path / "out")


def test_local_worker_processes_build_the_same_store_and_warm_up_once_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "corpus", many_articles(60))
    build_fake(corpus, tmp_path / "serial")
    log = tmp_path / "warm-ups.log"
    monkeypatch.setenv(WARM_UP_LOG, str(log))
    summary = build_fake(corpus, tmp_path / "parallel", workers=2)
    assert summary.parsed == 60
    assert len(set(log.read_text().split())) == 2  # two worker processes, one warm-up each
    assert len(log.read_text().split()) == 2
    assert_same_store(tmp_path / "serial", tmp_path / "parallel")


def test_a_dask_cluster_builds_the_same_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    corpus = write_corpus(tmp_path / "corpus", many_articles(30))
    build_fake(corpus, tmp_path / "serial")
    log = tmp_path / "warm-ups.log"
    monkeypatch.setenv(WARM_UP_LOG, str(log))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        summary = build_fake(corpus, tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert summary.parsed == 30
    assert len(log.read_text().split()) == 2  # the worker plugin ran once per worker, not per task
    assert_same_store(tmp_path / "serial", tmp_path / "dask")


def test_a_store_with_an_older_schema_is_rebuilt_from_scratch(corpus: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    build_fake(corpus, out)
    old = pq.read_table(out / "mentions.parquet").drop_columns(["sentence"])  # as an older version wrote it
    pq.write_table(old, out / "mentions.parquet")
    summary = build_fake(corpus, out)
    assert (summary.parsed, summary.reused) == (3, 0)
    assert "sentence" in load_store(out).mentions.columns


def test_a_changed_registry_or_gazetteer_supplement_reparses_every_document(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "store"
    first = build_fake(corpus, out, stages=replace(FAKE, fingerprint=lambda: "registry-v1"))
    same = build_fake(corpus, out, stages=replace(FAKE, fingerprint=lambda: "registry-v1"))
    changed = build_fake(corpus, out, stages=replace(FAKE, fingerprint=lambda: "registry-v2"))
    assert first.parsed == first.documents > 0
    assert same.parsed == 0
    assert changed.parsed == first.parsed
