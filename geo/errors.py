"""The engine's exceptions: one base, and attributes callers can read instead of parsing messages.

Every error the engine raises on purpose is an :class:`AtlasError`, so the command line and the
app can catch them in one place and show the message without a traceback. Each also derives
from the built-in exception it used to be (``ValueError``, ``RuntimeError``), so code written
against those keeps working.
"""

from __future__ import annotations

from pathlib import Path


class AtlasError(Exception):
    """Base of every error the engine raises on purpose; the message is meant for the user."""


class CorpusError(AtlasError, ValueError):
    """A file that cannot become a document: ``file_name`` and the ``reason`` why."""

    def __init__(self, file_name: str, reason: str) -> None:
        super().__init__(f"{file_name}: {reason}")
        self.file_name = file_name
        self.reason = reason


class CorrectionError(AtlasError, ValueError):
    """The corrections file cannot be read as corrections (``path``, ``line`` when known, ``reason``)."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")
        self.path = Path(path)
        self.line = line
        self.reason = reason


class RegistryError(AtlasError, ValueError):
    """The corridor registry is malformed or names a place the gazetteer cannot resolve."""


class StoreBusyError(AtlasError, RuntimeError):
    """Another build is writing to the same store ``folder``."""

    def __init__(self, folder: str | Path) -> None:
        super().__init__(f"another build is writing to {folder}; try again when it ends")
        self.folder = Path(folder)


class BuildError(AtlasError, RuntimeError):
    """A build that cannot start (no corpus folder, unreadable corrections)."""


class ExportError(AtlasError, ValueError):
    """An export that cannot be made as asked (unknown format, preset or layer)."""


class StoreError(AtlasError):
    """A file of the store cannot be read (truncated, overwritten, not what it should be)."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(
            f"{path} cannot be read ({reason}); `python -m geo build` repairs the store, "
            "`python -m geo build --force` rebuilds it"
        )
        self.path = Path(path)
        self.reason = reason


class EmptyCorpusError(BuildError):
    """The corpus has no article, and building would empty a store that holds ``documents``."""

    def __init__(self, corpus: str | Path, store: str | Path, documents: int, skipped: int) -> None:
        left_out = f" ({skipped} file(s) skipped)" if skipped else ""
        super().__init__(
            f"no articles in {corpus}{left_out}; the store in {store} holds {documents} document(s) and is kept. "
            "Check the corpus folder, or pass --allow-empty to empty the store."
        )
        self.corpus = Path(corpus)
        self.store = Path(store)
        self.documents = documents


class ModelError(AtlasError, ValueError):
    """The geoparser's fitted weights (``path``) cannot be used: missing, malformed or for other features."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


class UnknownBriefingError(AtlasError, LookupError):
    """No briefing called ``name``; ``available`` names the ones there are (in ``folder``)."""

    def __init__(self, name: str, folder: str | Path, available: list[str]) -> None:
        known = ", ".join(available) if available else "none yet (save a view in the app to start one)"
        super().__init__(f"no briefing called {name!r} in {folder}; briefings: {known}")
        self.name = name
        self.folder = Path(folder)
        self.available = available
