"""What the benchmarks share: the seeds, and the peak memory of a process tree."""

from __future__ import annotations

import re
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            found = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{current}/status").read_text())
            total += int(found.group(1)) * 1024 if found else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue  # the process ended between two reads
    return total


def run_measured(command: list[str], **kwargs: object) -> tuple[float, int]:
    """Run ``command``; its wall time (s) and the peak memory (bytes) of its process
    tree, sampled every 0.05 s. Fails loudly if the command fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, **kwargs)  # type: ignore[call-overload]
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return time.perf_counter() - started, peak


def median_seconds(function: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``function``."""
    return medians_taking_turns([function], runs)[0]


def medians_taking_turns(functions: list[Callable[[], object]], runs: int) -> list[float]:
    """The median wall time of each of ``functions`` over ``runs`` rounds in which
    each is called once, in turn: a slow spell of a shared machine then slows every
    side of a ratio, not just one."""
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(runs):
        for function, spent in zip(functions, times, strict=True):
            started = time.perf_counter()
            function()
            spent.append(time.perf_counter() - started)
    return [statistics.median(spent) for spent in times]
