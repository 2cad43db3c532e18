"""The ``cleanup`` command line. Thin: all the work is in the pipeline, the renderers
and the review module. One module per group of commands:

- ``run``: ``cleanup run`` and ``cleanup stages``;
- ``jsonl``: ``cleanup jsonl``;
- ``review``: ``cleanup diff``, ``cleanup explain`` and ``cleanup review``;
- ``rules``: ``cleanup rules check`` and ``cleanup rules show``;
- ``common``: options and helpers they share (rule options, input collection).
"""

from __future__ import annotations

import click

from . import jsonl, review, rules, run
from .common import EXIT_CODES


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleanup")
def main() -> None:
    """Clean raw text extracted from PDFs and web pages, and explain every change.

    Start with `cleanup run FILE` (clean text on stdout) or
    `cleanup run raw/ -o clean/` (a whole folder).
    """


main.epilog = EXIT_CODES
for command in (
    run.run,
    run.stages,
    jsonl.jsonl,
    review.diff,
    review.explain,
    review.review,
    rules.rules,
):
    main.add_command(command)

__all__ = ["main"]
