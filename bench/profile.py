"""`make profile`: where the pipeline spends its time, by pyinstrument (a sampling
profiler, so the figures are not inflated by per-call overhead as cProfile's are).

Profiles ``cleanup.process`` on the journal seed repeated to about ``--mb`` MB, after
one warm-up run (so lexicon loading is not counted), and prints the call tree. With
``--html FILE`` it also writes pyinstrument's interactive report.

    python -m bench.profile [--mb 1] [--html profile.html]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pyinstrument import Profiler

import cleanup
from bench.bench import JOURNAL, repeated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="input size in MB")
    parser.add_argument("--html", type=Path, help="also write an HTML report here")
    args = parser.parse_args()
    journal = JOURNAL.read_text(encoding="utf-8")
    cleanup.process(journal)  # load the lexicons first: they are a one-off cost
    text = repeated(journal, args.mb)
    profiler = Profiler(interval=0.001)
    profiler.start()
    cleanup.process(text)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
        print(f"wrote {args.html}")


if __name__ == "__main__":
    main()
