"""Add uploaded articles to the corpus and bring the store up to date.

Uploads are untrusted: each file is checked by ``geo.ingest.read.load_document`` (type, size,
binary content, encoding) *before* anything is written, and a good file never overwrites an
existing article of the same name with different content. The store is then rebuilt
incrementally, so only the new articles are parsed and nothing already stored is lost; the
files stay in the corpus folder, so they survive a restart and any later rebuild.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import CorpusError, StoreBusyError
from geo.ingest.read import load_document
from geo.settings import MAX_UPLOAD_FILES


@dataclass
class UploadReport:
    """What happened to each uploaded file."""

    added: list[str] = field(default_factory=list)  # file names as stored in the corpus
    unchanged: list[str] = field(default_factory=list)  # identical to an article already there
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (uploaded name, reason)
    build_report: str = ""
    deferred: str = ""  # why the saved files were not parsed yet (another build holds the store)


def safe_name(name: str) -> str:
    """The bare file name (no folders), so an upload cannot write outside the corpus folder."""
    bare = Path(name.replace("\\", "/")).name.strip()
    if not bare or bare.startswith("."):
        raise CorpusError(repr(name), "not a usable file name")
    return bare


def store_uploads(files: Iterable[tuple[str, bytes]], corpus_dir: str | Path) -> UploadReport:
    """Validate each ``(name, bytes)`` pair and write the good ones into ``corpus_dir``.

    A name already used by a different article gets the content hash appended
    (``report.txt`` → ``report-1a2b3c4d.txt``) rather than replacing it.
    """
    corpus = Path(corpus_dir)
    corpus.mkdir(parents=True, exist_ok=True)
    report = UploadReport()
    for index, (name, data) in enumerate(files):
        if index >= MAX_UPLOAD_FILES:
            report.rejected.append((name, f"more than {MAX_UPLOAD_FILES} files at once; upload the rest separately"))
            continue
        try:
            bare = safe_name(name)
            load_document(Path(bare), data=data, file_name=bare)
        except CorpusError as error:
            report.rejected.append((name, error.reason))
            continue
        target = corpus / bare
        if target.exists():
            if target.read_bytes() == data:
                report.unchanged.append(bare)
                continue
            digest = hashlib.sha256(data).hexdigest()[:8]
            target = corpus / f"{target.stem}-{digest}{target.suffix}"
            if target.exists():
                report.unchanged.append(target.name)
                continue
        target.write_bytes(data)
        report.added.append(target.name)
    return report


def add_uploads(
    files: Iterable[tuple[str, bytes]], corpus_dir: str | Path, store_dir: str | Path, *, workers: int = 1
) -> UploadReport:
    """Store the good uploads and rebuild the store incrementally (only new files are parsed)."""
    from geo.store.build import build  # heavy: loads the geoparser

    report = store_uploads(files, corpus_dir)
    if report.added:
        try:
            summary = build(corpus_dir, store_dir, workers=workers, progress=False)
        except StoreBusyError as error:  # the files are safe in the corpus; the next build parses them
            report.deferred = f"{error}. The files are saved and will be parsed by the next build."
            return report
        report.build_report = summary.report()
        skipped = dict(summary.skipped)
        for name in list(report.added):
            if name in skipped:  # the pipeline refused it after all: say so, keep the corpus clean
                report.added.remove(name)
                report.rejected.append((name, skipped[name]))
                (Path(corpus_dir) / name).unlink(missing_ok=True)
    return report
