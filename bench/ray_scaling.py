"""Benchmark: throughput on a local Ray cluster with 1 and 2 workers (``make bench-ray``).

On the same input, measured in the same run:

- files: ``cleanup run`` as Ray tasks (``cleanup.ray_engine.ray_map`` over
  ``clean_file``), against the local engine (processes on this machine) as baseline;
- JSON Lines, two ways, to choose the better per-worker rate: Ray tasks over blocks
  of records sent by the driver (what ``cleanup jsonl --engine ray`` does), and Ray
  Data (``read_json`` -> ``map_batches(cleanup.clean_batch)`` -> ``write_json``).

Each configuration gets a fresh cluster with that many CPUs. Starting it is timed
apart, and each worker cleans a small warm-up input first (loading the dictionaries),
so the rates are steady-state rates, the ones that scale to a long archive run. Prints
a table and writes bench/results/ray.json.

    python -m bench.ray_scaling [--megabytes 4] [--workers 1 2]

This is a benchmark, not a test: it takes a minute or two and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import cleanup
from bench.common import ROOT
from bench.jsonl_memory import seed_records, write_corpus

RESULTS = ROOT / "bench" / "results" / "ray.json"


def write_files(folder: Path, megabytes: float) -> int:
    """Text files of about 8 KB each (the JSON Lines corpus's records), ``megabytes`` in all."""
    records = seed_records()
    folder.mkdir()
    size = count = 0
    while size < megabytes * 1_000_000:
        text = records[count % len(records)]
        (folder / f"{count:05d}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        count += 1
    return count


def file_tasks(raw: Path, out: Path) -> tuple[list[Any], Any]:
    """The tasks and settings ``cleanup run raw -o out --force`` would give its workers."""
    from cleanup.files import RunSettings, Task
    from cleanup.manifest import settings_fingerprint
    from cleanup.rules import RuleSet

    rules = RuleSet()
    settings = RunSettings(rules, None, False, True, settings_fingerprint(rules, None, "md"))
    tasks = [Task(path, out / path.name, "md") for path in sorted(raw.iterdir())]
    return tasks, settings


def time_files(engine: str, workers: int, raw: Path, out: Path) -> float:
    from cleanup.files import clean_file, input_size, set_up_worker
    from cleanup.parallel import map_on

    tasks, settings = file_tasks(raw, out)
    started = time.perf_counter()
    for outcome in map_on(
        engine,
        clean_file,
        tasks,
        workers,
        initializer=set_up_worker,
        initargs=(settings,),
        weight=input_size,
    ):
        assert outcome.error is None, outcome.error
    return time.perf_counter() - started


def time_jsonl_tasks(workers: int, corpus: Path) -> float:
    from cleanup.json_lines import LinesJob, clean_line, line_size, numbered_lines, set_up_worker
    from cleanup.parallel import map_on
    from cleanup.rules import RuleSet

    job = LinesJob(str(corpus), "text", None, "md", RuleSet())
    started = time.perf_counter()
    with corpus.open("rb") as source:
        for outcome in map_on(
            "ray",
            clean_line,
            numbered_lines(source, []),
            workers,
            initializer=set_up_worker,
            initargs=(job,),
            weight=line_size,
        ):
            assert outcome.error is None, outcome.error
    return time.perf_counter() - started


def time_jsonl_ray_data(workers: int, corpus: Path, out: Path) -> float:
    import ray

    import cleanup

    started = time.perf_counter()
    # One input file is one block unless told: split it at reading (a repartition
    # afterwards is a barrier that costs more than the cleaning here).
    dataset = ray.data.read_json(str(corpus), lines=True, override_num_blocks=8 * workers)
    dataset.map_batches(cleanup.clean_batch, batch_format="pandas", batch_size=8).write_json(
        str(out)
    )
    return time.perf_counter() - started


def on_cluster(workers: int, measures: dict[str, Callable[[], float]]) -> dict[str, float]:
    """Start a local cluster of ``workers`` CPUs, warm its workers, take each measure."""
    import ray

    import cleanup

    started = time.perf_counter()
    ray.init(
        num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    warm = ray.remote(cleanup.clean)
    ray.get([warm.remote(record) for record in seed_records()[: 4 * workers]])
    figures = {"start_seconds": time.perf_counter() - started}
    try:
        for name, measure in measures.items():
            figures[name] = measure()
    finally:
        ray.shutdown()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0, help="input size (MB)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    rows = []
    with tempfile.TemporaryDirectory(prefix="cleanup-bench-ray-") as name:
        folder = Path(name)
        files = write_files(folder / "raw", args.megabytes)
        corpus = folder / "corpus.jsonl"
        records = write_corpus(corpus, max(1, round(args.megabytes)))
        file_mb = sum(p.stat().st_size for p in (folder / "raw").iterdir()) / 1e6
        jsonl_mb = corpus.stat().st_size / 1e6
        print(f"{files} files ({file_mb:.1f} MB); {records} records ({jsonl_mb:.1f} MB)")
        cleanup.clean(seed_records()[0])  # this process's dictionaries, as a warm worker's
        for workers in args.workers:
            local = time_files("local", workers, folder / "raw", folder / f"local{workers}")
            figures = on_cluster(
                workers,
                {
                    "files_ray_tasks": partial(
                        time_files, "ray", workers, folder / "raw", folder / f"ray{workers}"
                    ),
                    "jsonl_ray_tasks": partial(time_jsonl_tasks, workers, corpus),
                    "jsonl_ray_data": partial(
                        time_jsonl_ray_data, workers, corpus, folder / f"data{workers}"
                    ),
                },
            )
            row = {
                "workers": workers,
                "cluster_start_s": round(figures["start_seconds"], 1),
                "files_local_mb_s": round(file_mb / local, 3),
                "files_ray_tasks_mb_s": round(file_mb / figures["files_ray_tasks"], 3),
                "jsonl_ray_tasks_mb_s": round(jsonl_mb / figures["jsonl_ray_tasks"], 3),
                "jsonl_ray_data_mb_s": round(jsonl_mb / figures["jsonl_ray_data"], 3),
            }
            rows.append(row)
            print(row)
    columns = [
        ("workers", "workers"),
        ("cluster_start_s", "start s"),
        ("files_local_mb_s", "files local MB/s"),
        ("files_ray_tasks_mb_s", "files Ray MB/s"),
        ("jsonl_ray_tasks_mb_s", "JSONL tasks MB/s"),
        ("jsonl_ray_data_mb_s", "JSONL Ray Data MB/s"),
    ]
    print("\n" + " | ".join(title for _, title in columns))
    for row in rows:
        print(" | ".join(str(row[key]) for key, _ in columns))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        for key in ("files_ray_tasks_mb_s", "jsonl_ray_tasks_mb_s", "jsonl_ray_data_mb_s"):
            print(
                f"{key}: {last['workers']} workers / {first['workers']}: "
                f"{last[key] / first[key]:.2f}x; per worker at {last['workers']}: "
                f"{last[key] / last['workers']:.3f} MB/s"
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({"megabytes": args.megabytes, "rows": rows}, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
