"""An article kept only in part (over a per-article budget) is reported beside its name: in the
build's report, in ``build.json`` and in the store the app reads, and still after an
incremental rebuild that did not parse it again.

Two sources of warnings: reading (``Document.warnings``, e.g. HTML nested too deep) and the
per-document stages (``DocumentResult.warnings``, e.g. more place names than the geoparser's
budget).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from geo.models import Document
from geo.parse.corrections import Correction
from geo.settings import MAX_HTML_DEPTH
from geo.store.build import DocumentResult
from geo.store.tables import MANIFEST, load_store
from tests.support.pipeline_fakes import ARTICLES, FAKE, build_fake, fake_process_batch, write_corpus

BUDGET = "2,000 place names: the rest were not resolved"


def _process_with_budget(batch: Sequence[tuple[Document, Sequence[Correction]]]) -> list[DocumentResult]:
    """The fake engine, with a budget warning for every article that mentions Baku."""
    results = fake_process_batch(batch)
    return [replace(result, warnings=[BUDGET]) if "Baku" in document.text else result
            for (document, _), result in zip(batch, results, strict=True)]


def test_warnings_reach_the_report_the_manifest_and_the_store(tmp_path: Path) -> None:
    corpus, out = write_corpus(tmp_path / "corpus", ARTICLES), tmp_path / "out"
    deep = "<div>" * (MAX_HTML_DEPTH + 10) + "Envoys met in Yerevan." + "</div>" * (MAX_HTML_DEPTH + 10)
    (corpus / "deep.html").write_text(f"<html><body>{deep}</body></html>", encoding="utf-8")
    summary = build_fake(corpus, out, stages=replace(FAKE, process=_process_with_budget))
    warned = dict(summary.warnings)
    assert warned["a_baku.txt"] == BUDGET
    assert warned["b_tehran.txt"] == BUDGET
    assert f"deeper than {MAX_HTML_DEPTH} levels" in warned["deep.html"]
    assert "3 article(s) kept in part:" in summary.report()
    assert summary.documents == len(ARTICLES) + 1  # kept, not skipped
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert {item["file"] for item in manifest["warnings"]} == set(warned)
    assert dict(load_store(out).warnings) == warned
    (corpus / "c_yerevan.txt").write_text("Officials met in Paris.\n", encoding="utf-8")  # one article changes
    again = build_fake(corpus, out, stages=replace(FAKE, process=_process_with_budget))
    assert again.parsed == 1
    assert dict(again.warnings) == warned  # the others' warnings are kept, not forgotten
    assert dict(load_store(out).warnings) == warned
