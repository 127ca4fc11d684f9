"""Dask worker plugin that loads the engine once per worker (imported only for cluster builds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class WarmUp(WorkerPlugin):
    """Run ``warm_up`` when a worker joins, so its first task does not pay for loading the gazetteer.

    Registered with a fixed name, it also runs on workers that join later.
    """

    def __init__(self, warm_up: Callable[[], None]) -> None:
        self.warm_up = warm_up

    def setup(self, worker: Any) -> None:
        self.warm_up()
