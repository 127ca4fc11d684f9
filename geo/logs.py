"""Where the app's errors go: a log file, so a page shows a short message and the details stay
on the machine (a traceback shown in the browser tells any visitor the server's paths)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

_BYTES = 5 * 1024 * 1024
_KEPT = 3


def log_to_file(path: Path) -> Path:
    """Send warnings and errors of every logger to ``path`` (rotated at 5 MiB); once per process."""
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path.resolve() for h in root.handlers):
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=_BYTES, backupCount=_KEPT, encoding="utf-8")
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    return path
