"""``cleanup jsonl``: clean one text field of every record of a JSON Lines stream."""

from __future__ import annotations

import contextlib
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path
from typing import IO, Literal, cast

import click

from ..json_lines import (
    Done,
    LinesJob,
    OnError,
    clean_line,
    line_size,
    numbered_lines,
    set_up_worker,
)
from ..manifest import MANIFEST_NAME, file_sha256
from ..output import atomic_file
from ..parallel import map_on
from ..ray_engine import EngineError
from ..rules import RuleSet
from .common import (
    EXIT_CODES,
    EXIT_FAILED,
    check_engine,
    debug_option,
    encoding_option,
    engine_label,
    engine_options,
    jobs_option,
    output_file,
    per_stage,
    rule_options,
    write_bytes,
)


def _what_became(on_error: OnError) -> str:
    return "kept as they were" if on_error == "keep" else "skipped"


class _Digest:
    """A text sink that keeps only the hash of what is written to it (--check)."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.buffer = self  # bytes written as they are (write_bytes) go here too

    def write(self, data: str | bytes) -> int:
        self._hash.update(data.encode("utf-8") if isinstance(data, str) else data)
        return len(data)

    def flush(self) -> None:
        pass

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


@click.command()
@click.argument(
    "input_path",
    metavar="[IN]",
    default="-",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    help="File to write the records to (written whole or not at all); a folder (one "
    "that exists, or a path ending in /) gets a file of IN's name [default: stdout].",
)
@click.option(
    "--field", default="text", show_default=True, help="The field that holds the text to clean."
)
@click.option(
    "--edits-field",
    metavar="NAME",
    help="Also store the edit log of each record in this field (a list of edits, as in "
    "--format json of `cleanup run`).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["md", "text"]),
    default="md",
    show_default=True,
    help="How the cleaned field is written: markdown blocks or plain text.",
)
@click.option(
    "--on-error",
    type=click.Choice(["fail", "keep", "skip"]),
    default="fail",
    show_default=True,
    help="A bad record (not JSON, not an object, no such field, not a string, or one "
    "the pipeline cannot clean): stop (fail), write it as it was (keep; its edits "
    "field null) or leave it out (skip). Kept or skipped, it is reported and the run "
    "exits 1.",
)
@encoding_option
@jobs_option("Records")
@engine_options
@click.option(
    "--force",
    is_flag=True,
    help="Clean the input even if the output file is up to date (by default a run "
    "whose output was written from the same input, options, rules and version is "
    f"skipped; see {MANIFEST_NAME} beside the output).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing: exit 1 when the output file (-o) would change, 0 when it is "
    "up to date. For a corpus's CI.",
)
@rule_options
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@debug_option
def jsonl(
    input_path: str,
    output: str | None,
    field: str,
    edits_field: str | None,
    fmt: Literal["md", "text"],
    on_error: OnError,
    encoding: str | None,
    jobs: int,
    engine: str,
    address: str | None,
    force: bool,
    check: bool,
    rules: RuleSet,
    quiet: bool,
    debug: bool,
) -> None:
    """Clean one text field of every record of a JSON Lines file (IN, or stdin).

    Records stream through in constant memory and come out in their order, with every
    other field as it was. A bad record is reported on stderr with its line number,
    and either ends the run (--on-error fail, the default), or is written as it was
    (keep) or left out (skip), and the run then exits 1. Blank lines are not
    records: they are passed over and counted in the summary. Lines are read as
    UTF-8, as JSON Lines are, unless --encoding names another encoding.

    \b
    cleanup jsonl pages.jsonl -o clean.jsonl
    cleanup jsonl pages.jsonl --field body --edits-field cleanup_edits -o out.jsonl
    zcat dump.jsonl.gz | cleanup jsonl --on-error skip | gzip > clean.jsonl.gz
    cleanup jsonl pages.jsonl -o clean.jsonl --engine ray --address auto

    With --engine ray, blocks of records (about 64 KB each) are Ray tasks; this
    process reads the input and writes the output, in order, as locally. Run again
    on the same input with the same options, rules and version, a finished output
    file is skipped (--force cleans it again), so a loop over an archive's shards
    resumes where it stopped.
    """
    check_engine(engine, address)
    name = "<stdin>" if input_path == "-" else input_path
    job = LinesJob(name, field, edits_field, fmt, rules, encoding, debug)
    started = time.perf_counter()
    to_file = None
    if output is not None and output != "-":
        default_name = Path("stdin.jsonl" if input_path == "-" else Path(input_path).name)
        to_file = output_file(output, default_name)
    if check and to_file is None:
        raise click.UsageError("--check compares with the output: give it with -o FILE")
    done = Done.of(input_path, to_file, job) if to_file is not None else None
    if done is not None and not force and done.up_to_date():
        if not quiet:
            click.echo(
                f"up to date, skipped: {to_file} (same input, rules and version as when it "
                "was written; --force cleans it again)",
                err=True,
            )
        return
    try:
        source = sys.stdin.buffer if input_path == "-" else open(input_path, "rb")  # noqa: SIM115
    except OSError as err:
        click.echo(f"cleanup: {input_path}: cannot read ({err.strerror})", err=True)
        sys.exit(EXIT_FAILED)
    digest = _Digest()
    writer: contextlib.AbstractContextManager[IO[str]]
    if check:
        writer = contextlib.nullcontext(cast(IO[str], digest))
    elif to_file is not None:
        writer = atomic_file(to_file)
    else:
        writer = contextlib.nullcontext(sys.stdout)
    blank: list[int] = []
    records = bad = size = doubtful = 0
    edits: Counter[str] = Counter()
    try:
        outcomes = map_on(
            engine,
            clean_line,
            numbered_lines(source, blank),
            jobs,
            address=address,
            initializer=set_up_worker,
            initargs=(job,),
            weight=line_size,
        )
        # closing: a run stopped at a bad record ends its workers here and now.
        with source, writer as sink, contextlib.closing(outcomes):
            for outcome in outcomes:
                if outcome.error is not None:
                    bad += 1
                    if on_error == "fail":
                        click.echo(f"cleanup: {outcome.error}", err=True)
                        click.echo(
                            "cleanup: stopped at the first bad record (--on-error skip leaves "
                            "bad records out and goes on)",
                            err=True,
                        )
                        sys.exit(EXIT_FAILED)
                    if on_error == "keep":
                        click.echo(f"cleanup: {outcome.error} (kept as it was)", err=True)
                        write_bytes(sink, outcome.kept)
                    else:
                        click.echo(f"cleanup: {outcome.error} (skipped)", err=True)
                    continue
                assert outcome.line is not None
                sink.write(outcome.line)
                records += 1
                size += outcome.size
                edits.update(outcome.edits)
                doubtful += outcome.doubtful
    except EngineError as err:  # the output file is not written (it is atomic)
        click.echo(f"cleanup: {err}", err=True)
        sys.exit(EXIT_FAILED)
    if check:
        assert to_file is not None
        if digest.hexdigest() != file_sha256(to_file):
            click.echo(f"cleanup: would change: {to_file} (from {name})", err=True)
            sys.exit(EXIT_FAILED)
        if not quiet:
            click.echo(f"up to date: {to_file}", err=True)
        return
    if done is not None and not bad:  # with bad records left out, a rerun says so again
        done.record()
    if not quiet:
        seconds = time.perf_counter() - started
        lines = [
            f"cleaned {records} record(s), {size / 1e6:.2f} MB in {seconds:.2f} s "
            f"({size / 1e6 / max(seconds, 1e-9):.2f} MB/s, {engine_label(engine, jobs, address)})"
            + (f"; {bad} bad record(s) {_what_became(on_error)}" if bad else "")
        ]
        if edits:
            lines.append("edits: " + per_stage(edits))
        if doubtful:
            lines.append(f"records with doubtful decisions: {doubtful}")
        if blank:
            lines.append(f"blank lines passed over: {len(blank)} (line {blank[0]} first)")
        click.echo("\n".join(lines), err=True)
    if bad:
        sys.exit(EXIT_FAILED)


jsonl.epilog = EXIT_CODES
