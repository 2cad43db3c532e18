"""`make bench`: the pipeline's speed and memory, against baselines measured in the
same run.

Inputs, built from the seeds in raw/: the seeds as they are; the journal seed (the
largest) repeated to 1, 8 and 32 MB; and many small files (the seeds cut at
paragraph breaks into files of about 2 KB). Measured, each as the median of several
runs unless said otherwise:

- our full pipeline (``cleanup.process``, word check included) in this process, in MB/s;
- ``ftfy.fix_text`` alone on the same text, and a naive unwrap-and-dehyphenate (two
  regular expressions), as baselines; ratios ours / baseline;
- ``cleanup run`` on the many small files with ``--jobs 1`` and ``--jobs 2`` (scaling);
- start-up: ``cleanup run`` of a one-paragraph file, wall time: the first run on an
  empty cache folder, and the median of the runs after it;
- ``cleanup run raw -o DIR --force`` (what ``make clean`` runs after a change, when
  no output is up to date) on the seeds, wall time;
- peak memory (RSS) of ``cleanup run`` on the 32 MB input, and its throughput.

The two sides of each ratio take turns, run by run, so that a slow spell of this
shared machine slows both rather than one.

Prints a table and writes the figures to bench/results/bench.json. A benchmark, not a
test: it asserts nothing (the README states the targets).

    python -m bench.bench [--runs 3] [--sizes 1 8 32]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import ftfy

import cleanup
from bench.common import RAW, ROOT, median_seconds, medians_taking_turns, run_measured

RESULTS = ROOT / "bench" / "results" / "bench.json"
CLEANUP = str(Path(sys.executable).with_name("cleanup"))
JOURNAL = max(RAW.glob("*.txt"), key=lambda p: p.stat().st_size)


def naive_unwrap(text: str) -> str:
    """The baseline: join end-of-line hyphens and single line breaks, nothing else."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return re.sub(r"(?<!\n)\n(?!\n)", " ", text)


def repeated(text: str, megabytes: float) -> str:
    """``text`` repeated to at least ``megabytes`` MB (of UTF-8)."""
    size = len(text.encode("utf-8"))
    return text * max(1, -(-int(megabytes * 1e6) // size))


def small_files(folder: Path, size: int = 2000, copies: int = 20) -> int:
    """The seeds cut at paragraph breaks into files of about ``size`` characters,
    ``copies`` times over; returns the number of files."""
    count = 0
    for _copy in range(copies):
        for path in sorted(RAW.glob("*.txt")):
            buffer = ""
            for paragraph in re.split(r"\n\n+", path.read_text(encoding="utf-8")):
                buffer += paragraph + "\n\n"
                if len(buffer) >= size:
                    (folder / f"{count:05d}.txt").write_text(buffer, encoding="utf-8")
                    count, buffer = count + 1, ""
    return count


def throughput(text: str, runs: int) -> dict[str, float]:
    """MB/s of our pipeline, ftfy and the naive baseline on ``text``."""
    megabytes = len(text.encode("utf-8")) / 1e6
    ours, fixed, naive = medians_taking_turns(
        [lambda: cleanup.process(text), lambda: ftfy.fix_text(text), lambda: naive_unwrap(text)],
        runs,
    )
    return {
        "mb": round(megabytes, 2),
        "ours_mb_s": round(megabytes / ours, 3),
        "ftfy_mb_s": round(megabytes / fixed, 3),
        "naive_mb_s": round(megabytes / naive, 3),
        "ours_over_ftfy": round(fixed / ours, 3),
        "ours_over_naive": round(naive / ours, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per median")
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 8, 32])
    args = parser.parse_args()
    journal = JOURNAL.read_text(encoding="utf-8")
    cleanup.process(journal)  # load the lexicons before timing
    figures: dict[str, object] = {}

    print("throughput, one process (median of runs):")
    rows = {"seeds": throughput("".join(p.read_text() for p in sorted(RAW.glob("*.txt"))), 1)}
    largest = max(args.sizes)
    for megabytes in args.sizes:
        if megabytes != largest:  # the largest is measured in its own process below
            rows[f"journal x{megabytes:g} MB"] = throughput(repeated(journal, megabytes), args.runs)
    figures["throughput"] = rows

    with tempfile.TemporaryDirectory(prefix="cleanup-bench-") as folder:
        work = Path(folder)
        big = work / "big.txt"
        big.write_text(repeated(journal, largest), encoding="utf-8")
        seconds, peak = run_measured([CLEANUP, "run", str(big)], stdout=subprocess.DEVNULL)
        big_mb = big.stat().st_size / 1e6
        figures["largest"] = {
            "mb": round(big_mb, 1),
            "seconds": round(seconds, 1),
            "mb_s": round(big_mb / seconds, 3),
            "peak_rss_mb": round(peak / 1e6, 1),
            "peak_over_input": round(peak / 1e6 / big_mb, 2),
        }

        many = work / "many"
        many.mkdir()
        files = small_files(many)

        # --force: each round cleans again, rather than skip the outputs of the last.
        def many_files(count: int) -> tuple[float, int]:
            out = str(work / f"jobs{count}")
            command = [CLEANUP, "run", str(many), "-o", out, "-q", "-j", str(count), "--force"]
            return run_measured(command)

        one_job, two_jobs = medians_taking_turns(
            [partial(many_files, 1), partial(many_files, 2)], max(args.runs, 5)
        )
        jobs = {1: one_job, 2: two_jobs}
        figures["many_files"] = {
            "files": files,
            "jobs_1_s": round(jobs[1], 2),
            "jobs_2_s": round(jobs[2], 2),
            "speedup": round(jobs[1] / jobs[2], 2),
        }

        paragraph = work / "paragraph.txt"
        paragraph.write_text("A few previ-\nously existing groups attendedthe meeting.\n")
        # The first run builds symspell's dictionary and keeps it in the cache folder
        # (an empty one here, as on a fresh machine); later runs load it.
        cache = {**os.environ, "CLEANUP_CACHE_DIR": str(work / "cache")}
        one_paragraph = [CLEANUP, "run", str(paragraph)]
        first, _peak = run_measured(one_paragraph, stdout=subprocess.DEVNULL, env=cache)
        figures["startup_first_s"] = round(first, 3)
        figures["startup_s"] = round(
            median_seconds(
                lambda: run_measured(one_paragraph, stdout=subprocess.DEVNULL, env=cache), 5
            ),
            3,
        )
        figures["make_clean_s"] = round(
            median_seconds(
                lambda: run_measured(
                    [CLEANUP, "run", str(RAW), "-o", str(work / "c"), "-q", "--force"]
                ),
                args.runs,
            ),
            2,
        )

    report(figures)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


def report(figures: dict[str, object]) -> None:
    """The table the README shows."""
    rows = figures["throughput"]
    assert isinstance(rows, dict)
    print(
        f"\n{'input':<22}{'MB':>7}{'ours MB/s':>11}{'ftfy MB/s':>11}{'naive MB/s':>12}"
        f"{'ours/ftfy':>11}{'ours/naive':>12}"
    )
    for name, row in rows.items():
        print(
            f"{name:<22}{row['mb']:>7}{row['ours_mb_s']:>11}{row['ftfy_mb_s']:>11}"
            f"{row['naive_mb_s']:>12}{row['ours_over_ftfy']:>11}{row['ours_over_naive']:>12}"
        )
    largest = figures["largest"]
    many = figures["many_files"]
    assert isinstance(largest, dict) and isinstance(many, dict)
    print(
        f"\n{largest['mb']} MB in one `cleanup run`: {largest['seconds']} s, "
        f"{largest['mb_s']} MB/s, peak {largest['peak_rss_mb']} MB "
        f"({largest['peak_over_input']}x the input)"
    )
    print(
        f"{many['files']} small files: --jobs 1 {many['jobs_1_s']} s, --jobs 2 "
        f"{many['jobs_2_s']} s ({many['speedup']}x)"
    )
    print(
        f"start-up (one paragraph): {figures['startup_s']} s "
        f"(first run, empty cache: {figures['startup_first_s']} s)"
    )
    print(f"`make clean` on the seeds: {figures['make_clean_s']} s")


if __name__ == "__main__":
    main()
