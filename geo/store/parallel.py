"""Run the per-document stage in this process, in local worker processes, or on a Dask cluster.

The three ways share one contract: ``function(chunk, shared)`` is applied to chunks of items
and lists of results come back as chunks finish (for the progress bar). ``shared`` is data
every chunk needs (the analyst corrections); it is sent to each worker once, not with every
chunk. ``warm_up`` runs once per worker process before its first chunk, so the gazetteer and
the language model are loaded once per worker and never shipped with tasks.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
ChunkFunction = Callable[[list[T], Any], list[R]]

# Chunks small enough for a smooth progress bar and balanced workers, big enough that
# per-task overhead (pickling, scheduling) stays far below the parsing time.
MAX_CHUNK = 32
CHUNKS_PER_WORKER = 4
_DASK_PLUGIN_NAME = "corridor-atlas-warm-up"
_shared: Any = None  # set in each local worker process by _init_worker


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def chunked(items: Sequence[T], workers: int) -> list[list[T]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(items) / (max(workers, 1) * CHUNKS_PER_WORKER))))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def map_chunks(
    function: ChunkFunction[T, R],
    items: Sequence[T],
    shared: Any,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    warm_up: Callable[[], None] | None = None,
) -> Iterator[list[R]]:
    """Apply ``function`` to chunks of ``items``; yield each chunk's results as it completes.

    ``scheduler`` (a Dask scheduler address) wins over ``workers``; ``workers == 1`` runs here.
    """
    if not items:
        return
    workers = min(workers, len(items))  # a pool for one article costs more than it saves
    if scheduler:
        yield from _on_dask(function, items, shared, scheduler, warm_up)
    elif workers <= 1:
        if warm_up is not None:
            warm_up()
        for chunk in chunked(items, 1):
            yield function(chunk, shared)
    else:
        yield from _on_processes(function, items, shared, workers, warm_up)


def _init_worker(warm_up: Callable[[], None] | None, shared: Any) -> None:
    global _shared
    _shared = shared
    if warm_up is not None:
        warm_up()


def _call_with_shared(function: ChunkFunction[T, R], chunk: list[T]) -> list[R]:
    return function(chunk, _shared)


def _on_processes(
    function: ChunkFunction[T, R],
    items: Sequence[T],
    shared: Any,
    workers: int,
    warm_up: Callable[[], None] | None,
) -> Iterator[list[R]]:
    # forkserver, not fork: the parent may hold an open SQLite gazetteer connection or
    # threads, which must not be copied into children.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(warm_up, shared)
    ) as pool:
        futures = [pool.submit(_call_with_shared, function, chunk) for chunk in chunked(items, workers)]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def _on_dask(
    function: ChunkFunction[T, R],
    items: Sequence[T],
    shared: Any,
    address: str,
    warm_up: Callable[[], None] | None,
) -> Iterator[list[R]]:
    # Imported here: distributed is heavy and only cluster builds need it.
    from distributed import Client
    from distributed import as_completed as dask_completed

    from geo.store.dask_plugin import WarmUp

    with Client(address) as client:
        if warm_up is not None:
            client.register_plugin(WarmUp(warm_up), name=_DASK_PLUGIN_NAME)
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        shared_future = client.scatter(shared, broadcast=True)
        # Scattered rather than embedded in the task graph: the articles' bytes go straight to
        # the workers and the scheduler only handles small keys.
        chunks = client.scatter(chunked(items, workers))
        futures = client.map(function, chunks, shared=shared_future, pure=False)
        try:
            for future in dask_completed(futures):
                yield future.result()
                future.release()
        finally:
            client.cancel(futures)
