"""Where the built index lives: a file named by the hash of everything it is built from.

Why a content hash and not file modification times: two checkouts of the same version (or a
fresh clone, whose files all have new mtimes) have the same inputs and must share one index
in the cache folder, and an edited input must never be mistaken for an old one. Why a lock:
several processes (Dask workers, the app and a build, parallel test runs) may start at once
on an empty cache; one builds, the others wait for it and reuse its file.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from geo.settings import cache_dir

_LOG = logging.getLogger(__name__)

SCHEMA_VERSION = 14
"""The table layout that ``geo.gazetteer.index`` reads; part of the key."""
KEY_LENGTH = 16
INDEX_GLOB = "gazetteer-*.sqlite"


@lru_cache(maxsize=1)
def content_key() -> str:
    """SHA-1 over the schema version and the name and bytes of every input file (~0.1 s)."""
    from geo.gazetteer.sources import input_files  # the list of sources, not the builder

    digest = hashlib.sha1(f"schema {SCHEMA_VERSION}\n".encode(), usedforsecurity=False)
    for path in input_files():
        with path.open("rb") as handle:
            digest.update(f"{path.name}\n".encode())
            digest.update(hashlib.file_digest(handle, "sha1").digest())
    return digest.hexdigest()[:KEY_LENGTH]


def index_path() -> Path:
    """The index file for the current inputs, in the cache folder."""
    return cache_dir() / f"gazetteer-{content_key()}.sqlite"


@contextlib.contextmanager
def build_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``path`` while it is built; others block until it is released.

    ``fcntl.flock`` locks are released by the kernel when the holder exits, so a crashed build
    never leaves the cache locked.
    """
    import fcntl  # POSIX; the engine targets Debian

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_suffix(".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_index(build: Callable[[Path], None]) -> Path:
    """The current index, built once under the lock if it does not exist yet.

    ``build(path)`` writes the index atomically (temporary file, then rename), so a reader
    never sees half a file, and a process that waited on the lock finds the finished one.
    """
    path = index_path()
    if path.exists():
        return path
    with build_lock(path):
        if not path.exists():
            _LOG.info("building the gazetteer index %s (once per version of its inputs)", path)
            started = time.perf_counter()
            build(path)
            _LOG.info("gazetteer index built in %.0f s", time.perf_counter() - started)
            _remove_stale(path)
    return path


def _remove_stale(current: Path) -> None:
    """Indexes built from other inputs, kept only while recent: another checkout may use them."""
    keep = 3
    others = sorted((p for p in current.parent.glob(INDEX_GLOB) if p != current),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [*others[keep - 1 :], *current.parent.glob("gazetteer-v*.sqlite")]:
        with contextlib.suppress(OSError):
            old.unlink()
            old.with_suffix(".lock").unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        os.utime(current)
