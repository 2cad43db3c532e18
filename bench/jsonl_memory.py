"""Benchmark: `cleanup jsonl` streams in constant memory.

Builds JSON Lines files of two sizes (by default 20 and 200 MB) from the seeds in
raw/ (each seed cut into records of about 8 KB at paragraph breaks, repeated), runs
`cleanup jsonl` on each in a child process, and samples the resident memory of that
process and its workers every 0.1 s. Constant memory means the peak is about the
same for both sizes. Prints a table and writes the figures to bench/results/jsonl.json.

    python -m bench.jsonl_memory [--sizes 20 200] [--jobs 2]

This is a benchmark, not a test: it takes minutes and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from bench.common import RAW, ROOT, run_measured

RESULTS = ROOT / "bench" / "results" / "jsonl.json"
CLEANUP = Path(sys.executable).with_name("cleanup")


def seed_records(record_size: int = 8000) -> list[str]:
    """The seeds cut into records of about ``record_size`` characters."""
    records: list[str] = []
    for path in sorted(RAW.glob("*.txt")):
        buffer = ""
        for paragraph in re.split(r"\n\n+", path.read_text(encoding="utf-8")):
            buffer += paragraph + "\n\n"
            if len(buffer) >= record_size:
                records.append(buffer)
                buffer = ""
        if buffer:
            records.append(buffer)
    return records


def write_corpus(path: Path, megabytes: int) -> int:
    """A JSON Lines file of at least ``megabytes`` MB; returns its record count."""
    records = seed_records()
    size = count = 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1_000_000:
            for text in records:
                line = json.dumps({"id": count, "source": "bench", "text": text}) + "\n"
                out.write(line)
                size += len(line.encode("utf-8"))
                count += 1
    return count


def measure(corpus: Path, jobs: int) -> dict[str, float]:
    """Run `cleanup jsonl` on ``corpus``; wall time and peak memory of the process tree."""
    output = corpus.with_suffix(".out.jsonl")
    command = [str(CLEANUP), "jsonl", str(corpus), "-o", str(output), "-j", str(jobs), "-q"]
    seconds, peak = run_measured(command)
    megabytes = corpus.stat().st_size / 1e6
    output.unlink()
    return {
        "input_mb": round(megabytes, 1),
        "seconds": round(seconds, 1),
        "mb_per_s": round(megabytes / seconds, 3),
        "peak_rss_mb": round(peak / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200], help="sizes in MB")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="cleanup-bench-") as folder:
        for megabytes in args.sizes:
            corpus = Path(folder) / f"{megabytes}mb.jsonl"
            records = write_corpus(corpus, megabytes)
            print(f"{corpus.name}: {records} records; running cleanup jsonl -j {args.jobs}...")
            row = {"records": records, "jobs": args.jobs, **measure(corpus, args.jobs)}
            rows.append(row)
            corpus.unlink()
    print(f"\n{'input MB':>9} {'records':>8} {'jobs':>5} {'seconds':>8} {'MB/s':>7} {'peak MB':>8}")
    for row in rows:
        print(
            f"{row['input_mb']:>9} {row['records']:>8} {row['jobs']:>5} {row['seconds']:>8}"
            f" {row['mb_per_s']:>7} {row['peak_rss_mb']:>8}"
        )
    if len(rows) > 1:
        ratio = rows[-1]["peak_rss_mb"] / rows[0]["peak_rss_mb"]
        print(f"\npeak memory, largest / smallest input: {ratio:.2f}x")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"jsonl": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
