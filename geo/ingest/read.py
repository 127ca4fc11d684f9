"""Read article files: which files are articles, size limits, and loading them as documents.

Only regular files inside a corpus folder are read; a file is checked for its type and size
before its bytes are read, so a stray video or disk image never reaches memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from geo.errors import CorpusError
from geo.ingest.decode import decode_bytes
from geo.ingest.document import build_document
from geo.ingest.webpage import html_to_text
from geo.models import Document
from geo.settings import MAX_CORPUS_BYTES, MAX_UPLOAD_BYTES, format_size

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
_NOT_ARTICLE = re.compile(r"^(readme|license|licence|changelog|notice)\b", re.IGNORECASE)
NOT_AN_ARTICLE = "not an article (project file such as a README or licence)"


def is_project_file(name: str) -> bool:
    """A README, licence or changelog lying in a corpus folder: not an article to parse."""
    return bool(_NOT_ARTICLE.match(name))




def load_document(path: Path, *, data: bytes | None = None, file_name: str | None = None,
                  max_bytes: int | None = None) -> Document:
    """Load one article from ``path`` (or from ``data`` already read) and clean it.

    ``max_bytes`` defaults to :data:`MAX_UPLOAD_BYTES` when ``data`` is given (an untrusted
    upload) and to :data:`MAX_CORPUS_BYTES` for a file read here; a build that reads corpus
    files itself passes ``max_bytes=MAX_CORPUS_BYTES``.
    Raises :class:`CorpusError` (naming the file) for anything that is not a readable text article.
    """
    name = file_name or path.name
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise CorpusError(name, f"unsupported file type {suffix or '(none)'}; expected .txt, .md or .html")
    limit = max_bytes if max_bytes is not None else (MAX_UPLOAD_BYTES if data is not None else MAX_CORPUS_BYTES)
    if data is None:
        try:
            _check_size(name, path.stat().st_size, limit)  # before reading a huge file into memory
            data = path.read_bytes()
        except OSError as error:
            raise CorpusError(name, f"cannot be read ({error.strerror or error})") from error
    _check_size(name, len(data), limit)
    raw = decode_bytes(data, name)
    meta: dict[str, str] = {}
    if suffix in {".html", ".htm"}:
        raw, meta = html_to_text(raw)
    return build_document(raw, name, meta_date=meta.get("date"), meta_title=meta.get("title"),
                          meta_url=meta.get("url"))


def load_corpus(folder: Path) -> tuple[list[Document], list[tuple[str, str]]]:
    """Load every article in ``folder`` (sorted by name).

    Returns the documents and, for every file left out, ``(file name, reason)``: one bad file
    never stops the rest. Files with the same cleaned content as an earlier one are skipped
    as duplicates, so a mention is never counted twice.
    """
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if is_project_file(path.name):
            skipped.append((path.name, NOT_AN_ARTICLE))
            continue
        try:
            document = load_document(path)
        except CorpusError as error:
            skipped.append((path.name, error.reason))
            continue
        if document.doc_id in seen:
            skipped.append((path.name, f"duplicate of {seen[document.doc_id]}"))
            continue
        seen[document.doc_id] = path.name
        documents.append(document)
    return documents, skipped


def _check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise CorpusError(name, f"too large ({format_size(size)}; the limit is {format_size(limit)})")


def source_hash(data: bytes) -> str:
    """Hash of the raw file bytes, for incremental rebuilds of the store."""
    return hashlib.sha256(data).hexdigest()[:16]


def load_paths(paths: Iterable[Path]) -> tuple[list[Document], list[tuple[str, str]]]:
    """Load articles named on a command line: files and folders of files.

    Returns the documents and ``(file name, reason)`` for each file left out.
    Raises :class:`FileNotFoundError` for a path that does not exist.
    """
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            loaded, left_out = load_corpus(path)
            documents.extend(loaded)
            skipped.extend(left_out)
        elif path.is_file():
            try:
                documents.append(load_document(path))
            except CorpusError as error:
                skipped.append((path.name, error.reason))
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return documents, skipped
