"""``cleanup run`` (clean files, folders or stdin) and ``cleanup stages``."""

from __future__ import annotations

import contextlib
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from .. import ConservationError, Result, process
from ..output import write_atomic
from ..pipeline import STAGES
from ..reader import InputError, decode
from ..render import FORMATS, Format
from ..rules import RuleSet
from .common import EXIT_CODES, EXIT_FAILED, collect, rule_options, rule_set


def _suffix(fmt: Format) -> str | None:
    """Output file suffix: md and text keep the input's name, json gets .json."""
    return ".json" if fmt == "json" else None


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


def _clean_one(data: bytes, source: str, rules: RuleSet, fmt: Format) -> tuple[Result, str]:
    """Clean one input with the rules that apply to it."""
    text = decode(data, source)
    result = process(text, rules=rules.for_input(source, text), source=source)
    return result, result.render(fmt)


@click.command()
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
@rule_options
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def run(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: Format,
    rule_files: tuple[Path, ...],
    settings: tuple[str, ...],
    rules_dir: Path | None,
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
    rules = rule_set(rule_files, settings, rules_dir)

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

    inputs = collect(paths)
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


@click.command()
def stages() -> None:
    """List the stages in the order they run, with what each fixes."""
    width = max(len(stage.name) for stage in STAGES)
    for stage in STAGES:
        click.echo(f"{stage.name:<{width}}  {stage.summary}")
