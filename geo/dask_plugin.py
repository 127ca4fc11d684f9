"""Dask worker plugin that loads the engine once per worker (imported only for cluster builds)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class WarmUp(WorkerPlugin):
    """Run ``warm_up`` when a worker joins, so its first task does not pay for loading the gazetteer.

    Registered with a fixed name, it also runs on workers that join later. It runs in a
    thread so the worker's event loop keeps answering the scheduler meanwhile.
    """

    def __init__(self, warm_up: Callable[[], None]) -> None:
        self.warm_up = warm_up

    async def setup(self, worker: Any) -> None:
        await asyncio.to_thread(self.warm_up)
