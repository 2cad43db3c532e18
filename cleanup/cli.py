"""The ``cleanup`` command line. Thin: all the work is in the pipeline and renderers."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from . import ConservationError, Result, process, resolve_rules
from .pipeline import STAGES
from .reader import InputError, decode
from .render import FORMATS, Format
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


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one,
    never half of one: write a temporary file beside it, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
