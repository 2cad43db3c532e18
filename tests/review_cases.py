"""Golden files for the terminal review: ``tests/golden_review/<case>.in.txt`` ->

- ``<case>.diff.txt``: ``cleanup diff`` (80 columns, no colour, one line of context);
- ``<case>.doubtful.txt``: the same with ``--doubtful``;
- ``<case>.summary.txt``: ``cleanup diff --summary``;
- ``<case>.explain.txt``: ``cleanup explain`` for the first line of each label and
  the first line of each stage's decisions, so every kind of answer is covered.

Regenerate with ``make golden`` (this module with ``--update``) and read the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cleanup.review import FileReview, review_text
from cleanup.review.terminal import render_diff, render_explain, render_summary
from cleanup.rules import default_rules

GOLDEN = Path(__file__).parent / "golden_review"
OUTPUTS = ("diff", "doubtful", "summary", "explain")


def all_cases() -> list[Path]:
    return sorted(GOLDEN.glob("*.in.txt"))


def explained_lines(review: FileReview) -> list[int]:
    """The first raw line of each label, and each stage's first decision's line."""
    chosen: dict[str, int] = {}
    for line in review.lines:
        chosen.setdefault(f"kind {line.kind}", line.number)
    for decision in review.decisions:
        chosen.setdefault(f"stage {decision.stage}", decision.anchor)
    return sorted(set(chosen.values()))


def render_case(path: Path) -> dict[str, str]:
    """The four outputs of a case, by name."""
    text = path.read_bytes().decode("utf-8")
    review = review_text(text, default_rules(), path.name)
    return {
        "diff": render_diff(review),
        "doubtful": render_diff(review, doubtful_only=True),
        "summary": render_summary(review),
        "explain": "\n".join(render_explain(review, n) for n in explained_lines(review)),
    }


def expected(path: Path, name: str) -> Path:
    return path.with_name(path.name.removesuffix(".in.txt") + f".{name}.txt")


def update() -> None:
    for path in all_cases():
        for name, output in render_case(path).items():
            expected(path, name).write_text(output, encoding="utf-8")
        print(f"wrote review/{path.name}")


if __name__ == "__main__":
    if "--update" not in sys.argv:
        sys.exit("usage: python -m tests.review_cases --update")
    update()
