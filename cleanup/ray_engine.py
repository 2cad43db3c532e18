"""Run the cleaning of many inputs as Ray tasks (``cleanup run --engine ray``).

Ray is an optional dependency (``pip install 'cleanup[ray]'``): this module imports
it only when a run asks for it, so importing this module (the CLI does, for
:class:`EngineError`) costs nothing and works without Ray.

:func:`ray_map` does what :func:`cleanup.parallel.ordered_map` does with processes
on this machine, with Ray tasks on a cluster: items go out in batches of about
``batch_weight`` (bytes of input), at most ``in_flight`` batches per CPU of the
cluster are out at once (so a huge input list streams through), and the results
come back in input order (so the output is the same whatever ran where).

Fault tolerance comes from Ray and from the tasks: a batch whose worker process
dies (killed, out of memory, a node lost) is run again by Ray (``max_retries``),
and that is safe because a task's only effects are whole-file renames of outputs
that depend on nothing but their input (``cleanup.output.atomic_file``): a retry
writes the same bytes again. Results reach the driver once, in order, so the
summary and the manifest count each input once.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable
from typing import Any, TypeVar

from .parallel import batches

T = TypeVar("T")
R = TypeVar("R")

#: How many times Ray runs a batch again when its worker process dies.
MAX_RETRIES = 3

INSTALL_HINT = "the ray engine needs Ray: pip install 'cleanup[ray]'"


class EngineError(RuntimeError):
    """Ray is missing, or the cluster cannot be reached (a message for the user)."""


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as err:
        raise EngineError(INSTALL_HINT) from err
    return ray


def _run_batch(
    function: Callable[[T], R],
    initializer: Callable[..., Any] | None,
    initargs: tuple[Any, ...],
    batch: list[T],
) -> list[R]:
    """A Ray task: set the worker up (cheap: a few globals), then map the batch."""
    if initializer is not None:
        initializer(*initargs)
    return [function(item) for item in batch]


class Cluster:
    """A connection to a Ray cluster for one run: the cluster at ``address``, or a new
    local one with ``jobs`` CPUs (stopped again at the end). An already initialized
    Ray (a caller's own ``ray.init()``) is used as it is and left running."""

    def __init__(self, jobs: int, address: str | None = None) -> None:
        self.ray = _import_ray()
        self.owned = False
        if self.ray.is_initialized():
            return
        # A local cluster for one run reports nothing home, unless the user said so.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        options: dict[str, Any] = {
            "include_dashboard": False,
            "logging_level": logging.ERROR,
            "log_to_driver": False,
        }
        try:
            if address is None:
                self.ray.init(num_cpus=jobs, **options)
            else:
                self.ray.init(address=address, **options)
        except (ConnectionError, RuntimeError, ValueError) as err:
            where = f"the Ray cluster at {address}" if address else "a local Ray cluster"
            raise EngineError(f"cannot start or reach {where}: {err}") from err
        self.owned = True

    @property
    def cpus(self) -> int:
        return max(1, int(self.ray.cluster_resources().get("CPU", 1)))

    def close(self) -> None:
        if self.owned:
            self.ray.shutdown()
            self.owned = False


def ray_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    address: str | None = None,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    in_flight: int = 4,
    weight: Callable[[T], int] | None = None,
    batch_weight: int = 1 << 16,
) -> Generator[R, None, None]:
    """``map(function, items)`` as Ray tasks, results in input order (see module doc).
    ``function`` and ``initializer`` must be importable module-level functions."""
    cluster = Cluster(jobs, address)
    try:
        ray = cluster.ray
        task = ray.remote(max_retries=MAX_RETRIES)(_run_batch)
        shared = ray.put(initargs)  # sent to the object store once, not with every batch
        limit = cluster.cpus * in_flight
        pending: deque[Any] = deque()
        for batch in batches(items, weight, batch_weight):
            pending.append(task.remote(function, initializer, shared, batch))
            if len(pending) >= limit:
                yield from _result(ray, pending.popleft())
        while pending:
            yield from _result(ray, pending.popleft())
    finally:
        cluster.close()


def _result(ray: Any, ref: Any) -> list[Any]:
    """A batch's results. An exception the function raised comes through as it is
    (with --debug); the cluster failing to run the batch at all becomes an
    :class:`EngineError`."""
    try:
        return ray.get(ref)  # type: ignore[no-any-return]
    except ray.exceptions.RayTaskError:
        raise
    except ray.exceptions.RayError as err:
        raise EngineError(
            f"a batch of inputs could not be run, even after {MAX_RETRIES} retries "
            f"({type(err).__name__}); the outputs written so far are complete, and a "
            "rerun skips them"
        ) from err
