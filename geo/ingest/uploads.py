"""Add uploaded articles to the corpus and bring the store up to date.

Uploads are untrusted: each file is checked by ``geo.ingest.read.load_document`` (type, size,
binary content, encoding) *before* anything is written, and a good file never overwrites an
existing article of the same name with different content. The store is then rebuilt
incrementally, so only the new articles are parsed and nothing already stored is lost; the
files stay in the corpus folder, so they survive a restart and any later rebuild.

Checking and parsing run in a child process (``python -m geo.ingest.uploads STAGING``) with a
time limit: a hostile article that would cost minutes or gigabytes cannot stall or crash the
app's server, and when the limit is reached the child is stopped and its files are taken out
of the corpus again, so the next build does not trip on them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from geo.errors import CorpusError, StoreBusyError
from geo.ingest.read import load_document
from geo.settings import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, UPLOAD_TIMEOUT_SECONDS, format_size

_LOG = logging.getLogger(__name__)
_REQUEST, _ADDED, _REPORT = "request.json", "added.json", "report.json"


@dataclass
class UploadReport:
    """What happened to each uploaded file."""

    added: list[str] = field(default_factory=list)  # file names as stored in the corpus
    unchanged: list[str] = field(default_factory=list)  # identical to an article already there
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (uploaded name, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (added name, what its budget left out)
    build_report: str = ""
    deferred: str = ""  # why the saved files were not parsed yet (another build holds the store)

    @classmethod
    def from_json(cls, text: str) -> UploadReport:
        """The report a child process wrote with ``json.dumps(asdict(report))``."""
        data = json.loads(text)
        return cls(added=data["added"], unchanged=data["unchanged"],
                   rejected=[(name, reason) for name, reason in data["rejected"]],
                   warnings=[(name, warning) for name, warning in data["warnings"]],
                   build_report=data["build_report"], deferred=data["deferred"])


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
        try:
            _precheck(index, name, len(data))
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
        staged = target.with_name(f".{target.name}.upload.tmp")  # hidden: no build reads it half-written
        staged.write_bytes(data)
        staged.replace(target)
        report.added.append(target.name)
    return report


def add_uploads(
    files: Iterable[tuple[str, bytes]],
    corpus_dir: str | Path,
    store_dir: str | Path,
    *,
    timeout: float = UPLOAD_TIMEOUT_SECONDS,
) -> UploadReport:
    """Store the good uploads and rebuild the store incrementally (only new files are parsed),
    in a child process stopped after ``timeout`` seconds."""
    report = UploadReport()
    staged: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="corridor-atlas-upload-") as tmp:
        staging = Path(tmp)
        for index, (name, data) in enumerate(files):
            try:  # the cheap checks here: an oversized file is never even written
                _precheck(index, name, len(data))
            except CorpusError as error:
                report.rejected.append((name, error.reason))
                continue
            (staging / f"{index:03d}.upload").write_bytes(data)
            staged.append((name, f"{index:03d}.upload"))
        if not staged:
            return report
        request = {"corpus": str(Path(corpus_dir).resolve()), "store": str(Path(store_dir).resolve()), "files": staged}
        (staging / _REQUEST).write_text(json.dumps(request), encoding="utf-8")
        outcome, failure = _run_child(staging, timeout)
        if outcome is None:
            _take_back(staging, Path(corpus_dir))
            report.rejected += [(name, failure) for name, _ in staged]
            return report
    outcome.rejected[:0] = report.rejected
    return outcome


def _precheck(index: int, name: str, size: int) -> None:
    if index >= MAX_UPLOAD_FILES:
        raise CorpusError(name, f"more than {MAX_UPLOAD_FILES} files at once; upload the rest separately")
    if size > MAX_UPLOAD_BYTES:
        raise CorpusError(name, f"too large ({format_size(size)}; the limit is {format_size(MAX_UPLOAD_BYTES)})")


def _run_child(staging: Path, timeout: float) -> tuple[UploadReport | None, str]:
    """The child's report, or None and why it has none (stopped at the time limit, or failed)."""
    command = [sys.executable, "-m", "geo.ingest.uploads", str(staging)]
    try:
        child = subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # noqa: S603
    except subprocess.TimeoutExpired:
        _LOG.warning("upload in %s stopped at the time limit (%s s)", staging, timeout)
        return None, f"not added: checking and parsing took longer than the limit of {timeout:g} s"
    if child.returncode != 0 or not (staging / _REPORT).exists():
        _LOG.error("upload failed (exit %s):\n%s", child.returncode, child.stderr.decode(errors="replace"))
        return None, "not added: checking or parsing failed (the details are in the log)"
    return UploadReport.from_json((staging / _REPORT).read_text(encoding="utf-8")), ""


def _take_back(staging: Path, corpus: Path) -> None:
    """Remove what a stopped or failed child added to the corpus: the store never took it in."""
    if (staging / _ADDED).exists():
        for name in json.loads((staging / _ADDED).read_text(encoding="utf-8")):
            (corpus / name).unlink(missing_ok=True)


def _process_staged(staging: Path) -> None:
    """The child's work: check and store the staged files, then rebuild the store."""
    from geo.store.build import build  # heavy: loads the geoparser

    request = json.loads((staging / _REQUEST).read_text(encoding="utf-8"))
    files = [(name, (staging / staged).read_bytes()) for name, staged in request["files"]]
    report = store_uploads(files, request["corpus"])
    (staging / _ADDED).write_text(json.dumps(report.added), encoding="utf-8")
    if report.added:
        try:
            summary = build(request["corpus"], request["store"], workers=1, progress=False)
        except StoreBusyError as error:  # the files are safe in the corpus; the next build parses them
            report.deferred = f"{error}. The files are saved and will be parsed by the next build."
        else:
            _after_build(report, summary.report(), dict(summary.skipped), summary.warnings, Path(request["corpus"]))
    (staging / _REPORT).write_text(json.dumps(asdict(report)), encoding="utf-8")


def _after_build(report: UploadReport, build_report: str, skipped: dict[str, str],
                 warnings: list[tuple[str, str]], corpus: Path) -> None:
    report.build_report = build_report
    for name in list(report.added):
        if name in skipped:  # the pipeline refused it after all: say so, keep the corpus clean
            report.added.remove(name)
            report.rejected.append((name, skipped[name]))
            (corpus / name).unlink(missing_ok=True)
    report.warnings = [(name, warning) for name, warning in warnings if name in report.added]


if __name__ == "__main__":
    _process_staged(Path(sys.argv[1]))
