"""Test-wide hygiene."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _restore_main_module() -> Iterator[None]:
    """Streamlit's script runner (and so ``AppTest``) installs each page script as ``__main__``
    and leaves it there. Worker processes started later (forkserver/spawn) re-import
    ``__main__``, which would re-run a page script outside Streamlit and kill the worker."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main
