"""``cleanup diff``, ``cleanup explain`` and ``cleanup review``: what the pipeline
changed, and why, from the edit log."""

from __future__ import annotations

import contextlib
import difflib
import json
import sys
import time
from pathlib import Path

import click

from ..pipeline import STAGE_NAMES
from ..reader import InputError, decode
from ..render import Format
from ..review import DOUBTFUL_BELOW, FileReview, review_text
from ..review.html import ReportFile, page_name, write_report
from ..review.terminal import render_diff, render_explain, render_summary
from ..rules import RuleSet
from .common import (
    EXIT_CODES,
    EXIT_FAILED,
    collect,
    debug_option,
    display_options,
    encoding_option,
    read_text,
    rule_options,
    show,
    terminal_width,
    use_color,
)


def _load_review(raw: Path, rules: RuleSet, encoding: str | None) -> FileReview:
    """The review of one raw file, or a clean exit with the reason on stderr."""
    text = read_text(raw, encoding)
    return review_text(text, rules.for_input(str(raw), text), str(raw))


def stale_note(review: FileReview, clean: Path) -> str | None:
    """A warning when ``clean`` is not what the pipeline makes of the raw file now, in
    the format ``clean`` is written in (md, text or json, as ``cleanup run`` wrote it)."""
    try:
        written = clean.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return f"note: cannot read {clean} ({err}): not compared"
    fmt = _format_of(written)
    if fmt == "json":
        if _without_source(written) == _without_source(review.rendered("json")):
            return None
        differing = None
    else:
        if written in (review.rendered("md"), review.rendered("text")):
            return None
        # Of md and text, the one the file is closer to is the one it was made in.
        fmt, differing = min(
            ((name, _lines_differing(written, review.rendered(name))) for name in ("md", "text")),
            key=lambda item: item[1],
        )
    how = f"{differing} line(s) of it differently" if differing is not None else "it differently"
    again = f"cleanup run {review.source} -o {clean}" + (f" --format {fmt}" if fmt != "md" else "")
    return (
        f"note: {clean} is stale: the pipeline now makes {how} (--format {fmt}); remake it "
        f"with `{again}` (with the rule options it was made with); the review below is "
        "of what the pipeline does now"
    )


def _format_of(written: str) -> Format:
    """json for a file that is our JSON (an object with blocks), else md (or text)."""
    if written.lstrip().startswith("{"):
        try:
            parsed = json.loads(written)
        except ValueError:
            return "md"
        if isinstance(parsed, dict) and "blocks" in parsed:
            return "json"
    return "md"


def _without_source(text: str) -> object:
    """Our JSON without its ``source``, which names the input as it was given."""
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    if isinstance(parsed, dict):
        parsed.pop("source", None)
    return parsed


def _lines_differing(written: str, now: str) -> int:
    old, new = written.splitlines(), now.splitlines()
    return sum(a != b for a, b in zip(old, new, strict=False)) + abs(len(old) - len(new))


@click.command()
@click.argument("raw", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument(
    "clean", required=False, type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@click.option(
    "--only",
    "only_stage",
    metavar="STAGE",
    help="Show only this stage's decisions (`cleanup stages` lists them; `read` for "
    "what reading the input fixed).",
)
@click.option(
    "--doubtful",
    "doubtful_only",
    is_flag=True,
    help=f"Show only doubtful decisions (confidence below {DOUBTFUL_BELOW}).",
)
@click.option("--summary", is_flag=True, help="Counts per stage and per removed kind, no walk.")
@click.option(
    "-C",
    "--context",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Unchanged raw lines shown around each change; the rest are folded.",
)
@click.option("--full", is_flag=True, help="Show every raw line (fold nothing).")
@display_options
@encoding_option
@rule_options
@debug_option
def diff(
    raw: Path,
    clean: Path | None,
    only_stage: str | None,
    doubtful_only: bool,
    summary: bool,
    context: int,
    full: bool,
    width: int | None,
    color: bool | None,
    pager: bool | None,
    encoding: str | None,
    rules: RuleSet,
    debug: bool,
) -> None:
    """Review what the pipeline does to RAW: each raw line once, marked with what
    became of it, and each decision under it with its stage, change and reason.

    \b
    Marks after the line number:
      ' ' kept   '~' changed   '-' removed   '>' moved to a footnote or caption
      '#' made a heading   '^' joined to the line before
    Notes:  ↳ stage/rule  before → after  reason  [confidence]

    Doubtful decisions are listed first, least sure first. With CLEAN (the file
    `make clean` wrote), says first if it is stale.

    \b
    cleanup diff raw/x.txt clean/x.txt     everything, paged on a terminal
    cleanup diff raw/x.txt --only pages    running heads and page numbers only
    cleanup diff raw/x.txt --doubtful      the decisions to check by eye
    cleanup diff raw/x.txt --summary       counts only
    """
    review = _load_review(raw, rules, encoding)
    if only_stage is not None:
        known = ["read", *STAGE_NAMES, *rules.stages, *(d.stage for d in review.decisions)]
        if only_stage not in known:
            close = difflib.get_close_matches(only_stage, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise click.BadParameter(
                f"no stage {only_stage!r} (see `cleanup stages`){hint}", param_hint="--only"
            )
    colour = use_color(color)
    width = terminal_width(width)
    note = stale_note(review, clean) if clean else None
    if summary:
        text = render_summary(review)
    else:
        text = render_diff(
            review,
            stage=only_stage,
            doubtful_only=doubtful_only,
            context=len(review.lines) if full else context,
            width=width,
            color=colour,
        )
    show(f"{note}\n\n{text}" if note else text, colour, pager)


@click.command()
@click.argument("raw", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "-l",
    "--line",
    "numbers",
    type=click.IntRange(min=1),
    multiple=True,
    required=True,
    help="Raw line number (1-based, as an editor shows it). Repeatable.",
)
@display_options
@encoding_option
@rule_options
@debug_option
def explain(
    raw: Path,
    numbers: tuple[int, ...],
    width: int | None,
    color: bool | None,
    pager: bool | None,
    encoding: str | None,
    rules: RuleSet,
    debug: bool,
) -> None:
    """Everything that happened to raw line N of RAW: its label (body, running head,
    footnote, caption, ...), the decisions that touched it, the block it ended in.

    \b
    cleanup explain raw/x.txt --line 131
    cleanup explain raw/x.txt -l 553 -l 554
    """
    review = _load_review(raw, rules, encoding)
    colour, width = use_color(color), terminal_width(width)
    parts = []
    for number in numbers:
        if number > len(review.lines):
            raise click.BadParameter(
                f"{raw} has {len(review.lines)} lines; there is no line {number}",
                param_hint="--line",
            )
        parts.append(render_explain(review, number, width, colour))
    show("\n".join(parts), colour, pager)


diff.epilog = EXIT_CODES
explain.epilog = EXIT_CODES


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("review"),
    show_default=True,
    help="Folder to write the report to (index.html and one page per file).",
)
@click.option(
    "--clean",
    "clean_folder",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of committed clean files (as `make clean` wrote them): a file whose "
    "clean copy differs from what the pipeline makes now is flagged stale.",
)
@click.option(
    "--include",
    "includes",
    multiple=True,
    metavar="GLOB",
    help="Review only the files of a folder whose path inside it, or name, matches "
    "GLOB. Repeatable.",
)
@click.option(
    "--exclude",
    "excludes",
    multiple=True,
    metavar="GLOB",
    help="Leave out the files of a folder matching GLOB. Repeatable.",
)
@encoding_option
@rule_options
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@debug_option
def review(
    paths: tuple[str, ...],
    output: Path,
    clean_folder: Path | None,
    includes: tuple[str, ...],
    excludes: tuple[str, ...],
    encoding: str | None,
    rules: RuleSet,
    quiet: bool,
    debug: bool,
) -> None:
    """Write a static HTML review report for PATHS (files or folders): an index with
    one row per file, and per file the raw and clean text side by side, every decision
    highlighted in its stage's colour with its reason, a filter per stage, the
    doubtful decisions first, and a check that every raw word is accounted for.

    No server needed: open OUTPUT/index.html in a browser (file:// works).

    \b
    cleanup review raw/ -o review/ --clean clean/
    """
    found = collect(paths, includes, excludes)
    inputs = found.files
    started = time.perf_counter()
    reports: list[ReportFile] = []
    failed: list[str] = list(found.skipped)
    progress = (
        click.progressbar(inputs, label="reviewing", file=sys.stderr)
        if sys.stderr.isatty() and len(inputs) > 1
        else contextlib.nullcontext(inputs)
    )
    with progress as bar:
        for path, relative in bar:
            try:
                text = decode(path.read_bytes(), str(path), encoding).text
            except OSError as err:
                failed.append(f"{path}: cannot read ({err.strerror})")
                continue
            except InputError as err:
                failed.append(str(err))
                continue
            file_review = review_text(text, rules.for_input(str(path), text), str(path))
            clean = clean_folder / relative if clean_folder else None
            stale = stale_note(file_review, clean) if clean and clean.exists() else None
            reports.append(ReportFile(file_review, page_name(relative), stale))
    index = write_report(reports, output, time.perf_counter() - started)
    doubtful = sum(len(r.review.doubtful()) for r in reports)
    lost = [r.review.source for r in reports if not r.review.account.complete]
    if not quiet:
        click.echo(
            f"review of {len(reports)} file(s), {doubtful} doubtful decision(s), in "
            f"{time.perf_counter() - started:.1f} s: open {index}",
            err=True,
        )
    for source in lost:
        click.echo(f"cleanup: {source}: words not accounted for (see its page)", err=True)
    for reason in failed:
        click.echo(f"cleanup: {reason}", err=True)
    if failed or lost:
        sys.exit(EXIT_FAILED)


review.epilog = EXIT_CODES
