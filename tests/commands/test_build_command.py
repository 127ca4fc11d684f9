"""``python -m geo build``: defaults, a summary with skipped files, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.cli import main


def test_summary_lists_counts_and_skipped_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "README.md").write_text("About this corpus", encoding="utf-8")
    (corpus / "lost.txt").symlink_to(tmp_path / "missing.txt")
    out = tmp_path / "store"
    assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "0 documents, 0 mentions, 0 places, 0 events, 0 corridors" in printed
    assert "README.md: not an article" in printed
    assert "lost.txt: a symbolic link" in printed
    assert (out / "events.parquet").exists()
    assert (out / "places.geojson").exists()


def test_missing_corpus_and_bad_options_fail_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 1
    assert "corpus folder not found" in capsys.readouterr().err
    assert main(["build", str(tmp_path), "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err


def test_defaults_are_the_project_folders_wherever_it_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import argparse

    from geo import settings
    from geo.commands import build

    monkeypatch.chdir(tmp_path)  # the defaults are the repository's folders, not the working directory's
    monkeypatch.delenv(settings.STORE_ENV, raising=False)
    monkeypatch.delenv(settings.CORPUS_ENV, raising=False)
    parser = argparse.ArgumentParser()
    build.configure(parser)
    args = parser.parse_args([])
    assert (args.corpus, args.out, args.workers, args.scheduler) == (
        settings.ROOT / "data" / "corpus", settings.ROOT / "data" / "processed", None, None)


def test_the_real_engine_builds_a_store_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from geo.store.tables import load_store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talks.txt").write_text(
        "Rail link talks\ndate 2024-05-03\n\nIranian and Iraqi officials met in Tehran on Friday to discuss "
        "a new rail link from Kermanshah to Baghdad.\n",
        encoding="utf-8",
    )
    (corpus / "cargo.txt").write_text(
        "Caspian cargo\n\nRussian delegations visited Baku on Monday. Cargo along the INSTC rose.\n", encoding="utf-8"
    )
    out = tmp_path / "store"
    assert main(["build", str(corpus), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    stored = load_store(out)
    tehran = stored.places.set_index("name").loc["Tehran"]
    assert abs(tehran.geometry.x - 51.42) < 0.2
    assert abs(tehran.geometry.y - 35.69) < 0.2
    meeting = stored.events[stored.events.place == "Tehran"].iloc[0]
    assert str(meeting["start"]) == "2024-05-03"
    assert "Tehran" in meeting["sentence"]
    kinds = dict(zip(stored.corridors.corridor_id, stored.corridors.kind, strict=True))
    assert kinds.get("instc") == "named"
    assert any(w[0] == "Kermanshah" for w in stored.corridors.waypoints)
    capsys.readouterr()
    assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert "up to date" in capsys.readouterr().out
