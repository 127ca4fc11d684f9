"""Read article files: which files are articles, size limits, and loading them as documents.

Only regular files inside a corpus folder are articles. A file is opened without following
a symbolic link and checked on the open handle (regular file? size?) before a byte is read,
so a link to a file elsewhere (``/etc/passwd``), a link loop, a FIFO (reading would block for
ever), a device (``/dev/zero`` never ends) or a stray disk image never reaches memory, and
nothing can swap the file between the check and the read.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from geo.errors import CorpusError
from geo.ingest.decode import decode_bytes
from geo.ingest.document import build_document
from geo.ingest.webpage import html_to_text, limit_nesting
from geo.models import Document
from geo.settings import MAX_CORPUS_BYTES, MAX_HTML_DEPTH, MAX_UPLOAD_BYTES, format_size

_LOG = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
_NOT_ARTICLE = re.compile(r"^(readme|license|licence|changelog|notice)\b", re.IGNORECASE)
NOT_AN_ARTICLE = "not an article (project file such as a README or licence)"
SYMBOLIC_LINK = "a symbolic link; only regular files inside the corpus folder are read"
BAD_FILE_NAME = "file name is not valid UTF-8; rename the file"
_FILE_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
               stat.S_IFSOCK: "a socket"}


def is_project_file(name: str) -> bool:
    """A README, licence or changelog lying in a corpus folder: not an article to parse."""
    return bool(_NOT_ARTICLE.match(name))



def corpus_files(folder: Path) -> tuple[list[tuple[str, Path]], list[tuple[str, str]]]:
    """The entries of ``folder`` that may be articles, sorted by name, and those left out with the reason.

    Hidden entries and sub-folders are not looked at; no entry is followed or opened here.
    """
    with os.scandir(folder) as scan:
        entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    files: list[tuple[str, Path]] = []
    skipped: list[tuple[str, str]] = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            continue
        if not _is_utf8_name(entry.name):  # it could not be stored or shown as text
            printable = entry.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            skipped.append((printable, BAD_FILE_NAME))
        elif is_project_file(entry.name):
            skipped.append((entry.name, NOT_AN_ARTICLE))
        else:
            files.append((entry.name, Path(entry.path)))
    return files, skipped


def read_regular_file(path: Path, limit: int, name: str | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file (not a link, FIFO or device) of at most ``limit`` bytes.

    Raises :class:`CorpusError` with the reason otherwise.
    """
    name = name or path.name
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW: the entry itself is a symbolic link
            raise CorpusError(name, SYMBOLIC_LINK) from None
        raise CorpusError(name, f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(mode), "a special file")
            raise CorpusError(name, f"not a regular file ({kind}); only regular files are read")
        _check_size(name, os.fstat(fd).st_size, limit)
        data = handle.read(limit + 1)  # the file may have grown since fstat
    _check_size(name, len(data), limit)
    return data


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
        data = read_regular_file(path, limit, name)
    _check_size(name, len(data), limit)
    raw = decode_bytes(data, name)
    meta: dict[str, str] = {}
    warnings: list[str] = []
    if suffix in {".html", ".htm"}:
        raw, flattened = limit_nesting(raw, MAX_HTML_DEPTH)
        if flattened:
            warnings.append(f"HTML nested deeper than {MAX_HTML_DEPTH} levels: {flattened:,} tags below that "
                            "level ignored, their text kept")
        raw, meta = html_to_text(raw)
    document = build_document(raw, name, meta_date=meta.get("date"), meta_title=meta.get("title"),
                              meta_url=meta.get("url"))
    return replace(document, warnings=tuple(warnings)) if warnings else document


def load_corpus(folder: Path) -> tuple[list[Document], list[tuple[str, str]]]:
    """Load every article in ``folder`` (sorted by name).

    Returns the documents and, for every file left out, ``(file name, reason)``: one bad file
    never stops the rest. Files with the same cleaned content as an earlier one are skipped
    as duplicates, so a mention is never counted twice.
    """
    documents: list[Document] = []
    files, skipped = corpus_files(folder)
    seen: dict[str, str] = {}
    for name, path in files:
        try:
            document = load_document(path)
        except CorpusError as error:
            skipped.append((name, error.reason))
            continue
        if document.doc_id in seen:
            skipped.append((name, f"duplicate of {seen[document.doc_id]}"))
            continue
        seen[document.doc_id] = name
        documents.append(document)
    for name, reason in skipped:
        _LOG.info("%s skipped: %s", name, reason)
    return documents, skipped


def _check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise CorpusError(name, f"too large ({format_size(size)}; the limit is {format_size(limit)})")


def _is_utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.scandir keeps undecodable bytes as surrogates
        return False
    return True


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
            try:  # a file named on the command line may be a link: that is the user's own choice
                documents.append(load_document(path.resolve(), file_name=path.name))
            except CorpusError as error:
                skipped.append((path.name, error.reason))
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return documents, skipped
