"""Review what the pipeline changed, and why: a terminal diff, ``explain`` for one raw
line, and a static HTML report, all built from the edit log."""

from ..document import DOUBTFUL_BELOW
from .model import Decision, FileReview, RawLine, build_review, review_text

__all__ = ["DOUBTFUL_BELOW", "Decision", "FileReview", "RawLine", "build_review", "review_text"]
