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
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped a map: ``finished`` holds the results of the items that were
    done but not yet yielded (in input order, with gaps where an item was cut
    short), so that a caller can record them before it exits."""

    def __init__(self, finished: list[Any]) -> None:
        super().__init__()
        self.finished = finished

    @staticmethod
    def drain(results: Iterator[Any]) -> list[Any]:
        """Stop a map interrupted while its caller held a result (the interrupt hit
        the caller, not the map) and return what it had finished."""
        throw = getattr(results, "throw", None)
        if throw is None:
            return []
        try:
            throw(KeyboardInterrupt())
        except Interrupted as stopped:
            return stopped.finished
        except (KeyboardInterrupt, StopIteration):
            pass
        return []


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
) -> Generator[R, None, None]:
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
        try:
            yield from map(function, items)
        except KeyboardInterrupt:
            raise Interrupted([]) from None  # every finished result was yielded
        return
    with ProcessPoolExecutor(
        jobs, initializer=_start_worker, initargs=(initializer, initargs)
    ) as pool:
        pending: deque[Future[list[R]]] = deque()
        ready: deque[R] = deque()
        try:
            for batch in batches(items, weight, batch_weight):
                pending.append(pool.submit(_map_batch, function, batch))
                if len(pending) >= jobs * in_flight:
                    ready.extend(_results_of(pending))
                    while ready:
                        yield ready.popleft()
            while pending:
                ready.extend(_results_of(pending))
                while ready:
                    yield ready.popleft()
        except KeyboardInterrupt:
            # Ctrl-C here, in a worker (a batch cut short) or in the caller while it
            # held a result (see Interrupted.drain): collect what is finished.
            raise Interrupted([*ready, *_finish(pending)]) from None
        except GeneratorExit:
            # The caller stopped early (a bad record ends a JSON Lines run): start
            # nothing more; the pool then waits only for the batches running.
            for future in pending:
                future.cancel()
            raise


def _results_of(pending: deque[Future[list[R]]]) -> list[R]:
    """The first pending batch's results, once it is done; it leaves ``pending`` only
    then (so that an interrupt while waiting for it still finds it there). A batch
    cut short by Ctrl-C raises :class:`_CutShort`, and stays for :func:`_finish`."""
    results = pending[0].result()
    if isinstance(results, _Partial):
        raise _CutShort
    pending.popleft()
    return results


def _finish(pending: deque[Future[list[R]]]) -> list[R]:
    """After Ctrl-C: cancel the batches not started, and collect what the running
    ones finished (the workers stop at their next item, see :func:`_map_batch`)."""
    for future in pending:
        future.cancel()
    finished: list[R] = []
    for future in pending:
        if future.cancelled():
            continue
        try:
            results = future.result()
        except BaseException:  # a worker that died: its items are not finished
            continue
        finished.extend(results)
    return finished


class _Partial(list[Any]):
    """What a worker returns for a batch that Ctrl-C cut short: the results of the
    items it finished first."""


class _CutShort(KeyboardInterrupt):
    """A batch came back cut short: the run was interrupted."""


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
) -> Generator[R, None, None]:
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


# Whether this worker process is running a batch, and whether Ctrl-C reached it.
_busy = False
_stopping = False


def _start_worker(initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    """Set up a worker process. Ctrl-C reaches the workers too: one running a batch
    stops at the item it is on (its output's temporary file is tidied on the way
    out) and returns what it finished; after it, a worker starts no new batch."""
    signal.signal(signal.SIGINT, _on_interrupt)
    if initializer is not None:
        initializer(*initargs)


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    global _stopping
    _stopping = True
    if _busy:
        raise KeyboardInterrupt


def _map_batch(function: Callable[[T], R], batch: list[T]) -> list[R]:
    global _busy
    results: list[R] = []
    if _stopping:
        return _Partial(results)
    _busy = True
    try:
        for item in batch:
            results.append(function(item))
    except KeyboardInterrupt:
        return _Partial(results)
    finally:
        _busy = False
    return results
