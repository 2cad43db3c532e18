"""Run a function over many items in worker processes, results in input order.

Both folder runs and JSON Lines runs need the same thing: results in the order of
the input (so the output is identical whatever the number of jobs), and a bounded
number of items in flight (so a multi-GB input streams in constant memory, which
``Pool.imap`` and ``Executor.map`` do not promise: they read the whole input ahead).
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    *,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    in_flight: int = 4,
    weight: Callable[[T], int] | None = None,
    batch_weight: int = 1 << 16,
) -> Iterator[R]:
    """``map(function, items)`` over ``jobs`` worker processes, in input order.

    Items go to the workers in batches: consecutive items up to a total ``weight`` of
    about ``batch_weight`` (e.g. bytes), or one by one without ``weight``. Handing an
    item to a process costs about a millisecond in this process, which would
    otherwise compete with the workers for the CPUs on many small items. At most
    ``in_flight`` batches per job are read ahead of the result being yielded. With
    ``jobs == 1`` everything runs here, in this process (after ``initializer``).
    ``function`` must be a module-level function (it is sent to the workers by name).

    >>> list(ordered_map(abs, [-2, 1, -3], jobs=1))
    [2, 1, 3]
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, items)
        return
    with ProcessPoolExecutor(
        jobs, initializer=_start_worker, initargs=(initializer, initargs)
    ) as pool:
        pending: deque[Future[list[R]]] = deque()
        for batch in batches(items, weight, batch_weight):
            pending.append(pool.submit(_map_batch, function, batch))
            if len(pending) >= jobs * in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def map_on(
    engine: str,
    function: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    *,
    address: str | None = None,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    weight: Callable[[T], int] | None = None,
) -> Iterator[R]:
    """:func:`ordered_map` on ``engine``: "local" (processes on this machine) or "ray"
    (tasks on a Ray cluster, :mod:`cleanup.ray_engine`, imported only then)."""
    if engine == "ray":
        from .ray_engine import ray_map

        return ray_map(
            function,
            items,
            jobs=jobs,
            address=address,
            initializer=initializer,
            initargs=initargs,
            weight=weight,
        )
    if address is not None:
        raise ValueError("an address is for the ray engine")
    return ordered_map(
        function, items, jobs, initializer=initializer, initargs=initargs, weight=weight
    )


def batches(items: Iterable[T], weight: Callable[[T], int] | None, limit: int) -> Iterator[list[T]]:
    """Consecutive items in lists of total ``weight`` about ``limit`` (one item each
    without ``weight``).

    >>> list(batches([3, 1, 1, 5, 2], weight=lambda n: n, limit=4))
    [[3, 1], [1, 5], [2]]
    """
    batch: list[T] = []
    total = 0
    for item in items:
        batch.append(item)
        total += weight(item) if weight is not None else limit
        if total >= limit:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


# Whether this worker process is running a batch (see _start_worker).
_busy = False


def _start_worker(initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    """Set up a worker process. Ctrl-C reaches the workers too: one running a batch
    stops it as Python does (its outputs' temporary files are tidied on the way
    out); an idle one leaves at once, without the traceback the pool's loop would
    print."""
    signal.signal(signal.SIGINT, _on_interrupt)
    if initializer is not None:
        initializer(*initargs)


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    if _busy:
        raise KeyboardInterrupt
    os._exit(128 + signum)


def _map_batch(function: Callable[[T], R], batch: list[T]) -> list[R]:
    global _busy
    _busy = True
    try:
        return [function(item) for item in batch]
    finally:
        _busy = False
