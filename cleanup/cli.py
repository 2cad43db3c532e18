"""The ``cleanup`` command line. Thin: all the work is in the pipeline and renderers."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from . import ConservationError, Result, process, resolve_rules
from .output import write_atomic
from .pipeline import STAGE_NAMES, STAGES
from .reader import InputError, decode
from .render import FORMATS, Format
from .review import DOUBTFUL_BELOW, FileReview, review_text
from .review.html import ReportFile, page_name, write_report
from .review.terminal import render_diff, render_explain, render_summary
from .rules import Rules, RulesError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

EXIT_CODES = """\b
Exit codes:
  0  every input was cleaned
  1  some inputs failed (each is named on stderr; the others were written)
  2  bad usage: unknown option, missing path, invalid rule file"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleanup")
def main() -> None:
    """Clean raw text extracted from PDFs and web pages, and explain every change.

    Start with `cleanup run FILE` (clean text on stdout) or
    `cleanup run raw/ -o clean/` (a whole folder).
    """


def _suffix(fmt: Format) -> str | None:
    """Output file suffix: md and text keep the input's name, json gets .json."""
    return ".json" if fmt == "json" else None


def _collect(paths: tuple[str, ...]) -> list[tuple[Path, Path]]:
    """(file, path relative to its root) for every input file; folders are walked in
    sorted order, skipping hidden files."""
    found: list[tuple[Path, Path]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_file() and not any(p.startswith(".") for p in relative.parts):
                    found.append((child, relative))
        elif path.exists():
            found.append((path, Path(path.name)))
        else:
            raise click.UsageError(f"{given}: no such file or folder")
    return found


@dataclass
class Summary:
    """What a run did, printed at the end."""

    files: int = 0
    failed: list[str] = field(default_factory=list)
    bytes_in: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def add(self, result: Result, size: int) -> None:
        self.files += 1
        self.bytes_in += size
        self.edits.update(edit.stage for edit in result.edits)
        self.removed.update(item.kind for item in result.removed)

    def report(self) -> str:
        seconds = time.perf_counter() - self.started
        lines = [
            f"cleaned {self.files} file(s), {self.bytes_in / 1e6:.2f} MB in {seconds:.2f} s"
            + (f"; {len(self.failed)} failed" if self.failed else "")
        ]
        if self.edits:
            per_stage = ", ".join(
                f"{s.name} {self.edits[s.name]}" for s in STAGES if self.edits[s.name]
            )
            lines.append(f"edits: {per_stage}")
        if self.removed:
            lines.append(
                "removed: " + ", ".join(f"{k} {n}" for k, n in sorted(self.removed.items()))
            )
        lines.extend(f"failed: {reason}" for reason in self.failed)
        return "\n".join(lines)


def _clean_one(data: bytes, source: str, rules: Rules, fmt: Format) -> tuple[Result, str]:
    result = process(decode(data, source), rules=rules, source=source)
    return result, result.render(fmt)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write cleaned files to (same names; .json for --format json). "
    "Without it, a single input is written to stdout.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="md",
    show_default=True,
    help="md: markdown blocks; text: plain text; json: blocks, removed text and edits.",
)
@click.option(
    "-r",
    "--rules",
    "rule_files",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Extra rule file(s) read over rules/default.toml (later wins). Repeatable.",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def run(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: Format,
    rule_files: tuple[Path, ...],
    quiet: bool,
) -> None:
    """Clean PATHS (files, folders, or - for stdin).

    \b
    cleanup run article.txt              clean text on stdout
    cleanup run raw/ -o clean/           every file of raw/ into clean/
    cat x.txt | cleanup run - > y.md     as a Unix filter
    cleanup run x.txt --format json      blocks, removed text and every edit

    Input must be UTF-8 (or UTF-16 with a byte order mark).
    """
    try:
        rules = resolve_rules(list(rule_files)) if rule_files else resolve_rules(None)
    except RulesError as err:
        raise click.UsageError(str(err)) from err

    if paths == ("-",):
        data = sys.stdin.buffer.read()
        try:
            _result, text = _clean_one(data, "<stdin>", rules, fmt)
        except (InputError, ConservationError) as err:
            click.echo(f"cleanup: {err}", err=True)
            sys.exit(EXIT_FAILED)
        sys.stdout.write(text)
        return
    if "-" in paths:
        raise click.UsageError("'-' (stdin) cannot be combined with other paths")

    inputs = _collect(paths)
    if output is None and len(inputs) != 1:
        raise click.UsageError(
            f"{len(inputs)} input files: give an output folder with -o DIR "
            "(without -o only a single file is cleaned, to stdout)"
        )
    summary = Summary()
    show_progress = output is not None and sys.stderr.isatty() and len(inputs) > 1
    progress = (
        click.progressbar(inputs, label="cleaning", file=sys.stderr)
        if show_progress
        else contextlib.nullcontext(inputs)
    )
    with progress as bar:
        for path, relative in bar:
            source = str(path)
            try:
                data = path.read_bytes()
                result, text = _clean_one(data, source, rules, fmt)
            except OSError as err:
                summary.failed.append(f"{source}: cannot read ({err.strerror})")
                continue
            except (InputError, ConservationError) as err:
                summary.failed.append(str(err))
                continue
            summary.add(result, len(data))
            if output is None:
                sys.stdout.write(text)
            else:
                target = output / relative
                suffix = _suffix(fmt)
                write_atomic(target.with_suffix(suffix) if suffix else target, text)
    if not quiet and output is not None:
        click.echo(summary.report(), err=True)
    elif summary.failed:
        click.echo("\n".join(f"cleanup: {reason}" for reason in summary.failed), err=True)
    if summary.failed:
        sys.exit(EXIT_FAILED)


run.epilog = EXIT_CODES
main.epilog = EXIT_CODES


@main.command()
def stages() -> None:
    """List the stages in the order they run, with what each fixes."""
    width = max(len(stage.name) for stage in STAGES)
    for stage in STAGES:
        click.echo(f"{stage.name:<{width}}  {stage.summary}")


# -- review ------------------------------------------------------------------------

_STAGE_CHOICE = click.Choice(["read", *STAGE_NAMES])


def _rules_option(function: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "-r",
        "--rules",
        "rule_files",
        multiple=True,
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="Extra rule file(s) read over rules/default.toml, as for `cleanup run`.",
    )(function)


def _load_review(raw: Path, rule_files: tuple[Path, ...]) -> FileReview:
    """The review of one raw file, or a clean exit with the reason on stderr."""
    try:
        rules = resolve_rules(list(rule_files) or None)
    except RulesError as err:
        raise click.UsageError(str(err)) from err
    try:
        text = decode(raw.read_bytes(), str(raw))
    except OSError as err:
        click.echo(f"cleanup: {raw}: cannot read ({err.strerror})", err=True)
        sys.exit(EXIT_FAILED)
    except InputError as err:
        click.echo(f"cleanup: {err}", err=True)
        sys.exit(EXIT_FAILED)
    return review_text(text, rules, str(raw))


def _use_color(choice: bool | None) -> bool:
    """Colour when asked, else on a terminal unless NO_COLOR is set (no-color.org)."""
    if choice is not None:
        return choice
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _show(text: str, color: bool, pager: bool | None) -> None:
    """Print ``text``, through a pager when it is longer than the terminal (on a
    terminal only, unless told)."""
    if pager is None:
        pager = sys.stdout.isatty() and text.count("\n") > shutil.get_terminal_size().lines
    if pager:
        click.echo_via_pager(text, color=color)
    else:
        click.echo(text, nl=False, color=color)


def stale_note(review: FileReview, clean: Path) -> str | None:
    """A warning when ``clean`` is not what the pipeline makes of the raw file now."""
    try:
        written = clean.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return f"note: cannot read {clean} ({err}): not compared"
    if written == review.clean_text:
        return None
    now = review.clean_text.splitlines()
    differing = sum(a != b for a, b in zip(written.splitlines(), now, strict=False))
    differing += abs(len(written.splitlines()) - len(now))
    return (
        f"note: {clean} is stale: the pipeline now makes {differing} line(s) of it "
        "differently (run `make clean`, or give the rules it was made with); "
        "the review below is of what the pipeline does now"
    )


@main.command()
@click.argument("raw", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument(
    "clean", required=False, type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@click.option(
    "--stage",
    type=_STAGE_CHOICE,
    metavar="STAGE",
    help="Show only this stage's decisions (`cleanup stages` lists them).",
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
@click.option(
    "--width",
    type=click.IntRange(min=40),
    help="Wrap at this many columns [default: the terminal's width, or 80].",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the output [default: on a terminal, unless NO_COLOR is set].",
)
@click.option("--pager/--no-pager", default=None, help="Page long output [default: on a terminal].")
@_rules_option
def diff(
    raw: Path,
    clean: Path | None,
    stage: str | None,
    doubtful_only: bool,
    summary: bool,
    context: int,
    full: bool,
    width: int | None,
    color: bool | None,
    pager: bool | None,
    rule_files: tuple[Path, ...],
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
    cleanup diff raw/x.txt --stage pages   running heads and page numbers only
    cleanup diff raw/x.txt --doubtful      the decisions to check by eye
    cleanup diff raw/x.txt --summary       counts only
    """
    review = _load_review(raw, rule_files)
    use_color = _use_color(color)
    if width is None:
        width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    note = stale_note(review, clean) if clean else None
    if summary:
        text = render_summary(review)
    else:
        text = render_diff(
            review,
            stage=stage,
            doubtful_only=doubtful_only,
            context=len(review.lines) if full else context,
            width=width,
            color=use_color,
        )
    _show(f"{note}\n\n{text}" if note else text, use_color, pager)


@main.command()
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
@_rules_option
def explain(raw: Path, numbers: tuple[int, ...], rule_files: tuple[Path, ...]) -> None:
    """Everything that happened to raw line N of RAW: its label (body, running head,
    footnote, caption, ...), the decisions that touched it, the block it ended in.

    \b
    cleanup explain raw/x.txt --line 131
    cleanup explain raw/x.txt -l 553 -l 554
    """
    review = _load_review(raw, rule_files)
    for index, number in enumerate(numbers):
        if number > len(review.lines):
            raise click.BadParameter(
                f"{raw} has {len(review.lines)} lines; there is no line {number}",
                param_hint="--line",
            )
        click.echo(("\n" if index else "") + render_explain(review, number), nl=False)


REVIEW_EXIT_CODES = """\b
Exit codes:
  0  reviewed
  1  an input could not be read (or, for review, words were not accounted for)
  2  bad usage: unknown option, missing path, invalid rule file, no such line"""

diff.epilog = REVIEW_EXIT_CODES
explain.epilog = REVIEW_EXIT_CODES


@main.command()
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
@_rules_option
def review(
    paths: tuple[str, ...],
    output: Path,
    clean_folder: Path | None,
    rule_files: tuple[Path, ...],
) -> None:
    """Write a static HTML review report for PATHS (files or folders): an index with
    one row per file, and per file the raw and clean text side by side, every decision
    highlighted in its stage's colour with its reason, a filter per stage, the
    doubtful decisions first, and a check that every raw word is accounted for.

    No server needed: open OUTPUT/index.html in a browser (file:// works).

    \b
    cleanup review raw/ -o review/ --clean clean/
    """
    try:
        rules = resolve_rules(list(rule_files) or None)
    except RulesError as err:
        raise click.UsageError(str(err)) from err
    inputs = _collect(paths)
    started = time.perf_counter()
    reports: list[ReportFile] = []
    failed: list[str] = []
    progress = (
        click.progressbar(inputs, label="reviewing", file=sys.stderr)
        if sys.stderr.isatty() and len(inputs) > 1
        else contextlib.nullcontext(inputs)
    )
    with progress as bar:
        for path, relative in bar:
            try:
                text = decode(path.read_bytes(), str(path))
            except OSError as err:
                failed.append(f"{path}: cannot read ({err.strerror})")
                continue
            except InputError as err:
                failed.append(str(err))
                continue
            file_review = review_text(text, rules, str(path))
            clean = clean_folder / relative if clean_folder else None
            stale = stale_note(file_review, clean) if clean and clean.exists() else None
            reports.append(ReportFile(file_review, page_name(relative), stale))
    index = write_report(reports, output, time.perf_counter() - started)
    doubtful = sum(len(r.review.doubtful()) for r in reports)
    lost = [r.review.source for r in reports if not r.review.account.complete]
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


review.epilog = REVIEW_EXIT_CODES
