"""``cleanup jsonl``: clean one text field of every record of a JSON Lines stream."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import click

from .. import ConservationError, process
from ..manifest import (
    MANIFEST_NAME,
    Entry,
    ManifestWriter,
    file_key,
    file_sha256,
    is_up_to_date,
    read_manifest,
    settings_fingerprint,
)
from ..output import atomic_file
from ..parallel import map_on
from ..pipeline import StageError
from ..ray_engine import EngineError
from ..render import to_json
from ..rules import RuleSet
from .common import (
    EXIT_CODES,
    EXIT_FAILED,
    check_engine,
    engine_label,
    engine_options,
    jobs_option,
    per_stage,
    rule_options,
)

OnError = Literal["skip", "fail"]


@dataclass(frozen=True)
class _Job:
    """What every record of a run is cleaned with (sent once to each worker)."""

    name: str  # the input's name, for messages and for matching source rule files
    field: str
    edits_field: str | None
    fmt: Literal["md", "text"]
    rules: RuleSet


@dataclass(frozen=True)
class _Record:
    """One input line's outcome: the output line, or why the record is bad."""

    number: int
    line: str | None = None
    error: str | None = None
    size: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    doubtful: bool = False


_job: _Job | None = None


def _start(job: _Job) -> None:
    global _job
    _job = job


def _clean_record(item: tuple[int, bytes]) -> _Record:
    """Clean the field of one record (in a worker process)."""
    number, raw = item
    assert _job is not None, "_start runs first"
    job = _job
    where = f"{job.name}:{number}"
    try:
        record = json.loads(raw)
    except UnicodeDecodeError as err:
        return _Record(number, error=f"{where}: not UTF-8 ({err.reason} at byte {err.start})")
    except ValueError as err:
        return _Record(number, error=f"{where}: not JSON ({err})")
    if not isinstance(record, dict):
        return _Record(number, error=f"{where}: not a JSON object (a {_kind(record)})")
    if job.field not in record:
        fields = ", ".join(record) or "none"
        return _Record(number, error=f"{where}: no field {job.field!r} (fields: {fields})")
    text = record[job.field]
    if not isinstance(text, str):
        return _Record(number, error=f"{where}: field {job.field!r} is a {_kind(text)}, not text")
    try:
        result = process(text, rules=job.rules.for_input(job.name, text), source=where)
    except (ConservationError, StageError) as err:
        return _Record(number, error=str(err))
    record[job.field] = result.render(job.fmt).removesuffix("\n")  # a value, not a file
    if job.edits_field is not None:
        record[job.edits_field] = to_json(result.document)["edits"]
    return _Record(
        number,
        json.dumps(record, ensure_ascii=False) + "\n",
        size=len(raw),
        edits=Counter(edit.stage for edit in result.edits),
        doubtful=any(edit.doubtful for edit in result.edits),
    )


@dataclass(frozen=True)
class _Done:
    """How an output file was made (the output folder's manifest, as for ``cleanup
    run``): a rerun with the same input, settings and version skips it."""

    output: Path
    key: str
    previous: Entry | None

    @classmethod
    def of(cls, input_path: str, output: Path, job: _Job) -> _Done | None:
        """None for stdin (no file to hash) or an input that cannot be read (the run
        reports that)."""
        if input_path == "-":
            return None
        options = f"jsonl {job.field} {job.edits_field} {job.fmt}"
        try:
            key = file_key(Path(input_path), settings_fingerprint(job.rules, None, options))
        except OSError:
            return None
        return cls(output, key, read_manifest(output.parent).get(output.name))

    def up_to_date(self) -> bool:
        return is_up_to_date(self.output, self.key, self.previous)

    def record(self) -> None:
        written = file_sha256(self.output)
        if written is not None:
            writer = ManifestWriter(self.output.parent, read_manifest(self.output.parent))
            writer.add(self.output.name, Entry(self.key, written))
            writer.close()


def _kind(value: Any) -> str:
    names = {list: "list", dict: "object", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _records(stream: IO[bytes], blank: list[int]) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for every non-blank line; blank line numbers go to ``blank``."""
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield number, line
        else:
            blank.append(number)


def _record_size(record: tuple[int, bytes]) -> int:
    return len(record[1])


@click.command()
@click.argument("input_path", metavar="[IN]", default="-", type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="File to write the records to (written whole or not at all) [default: stdout].",
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
    type=click.Choice(["skip", "fail"]),
    default="fail",
    show_default=True,
    help="A bad record (not JSON, not an object, no such field, not a string): report "
    "it and go on without it (skip), or stop (fail).",
)
@jobs_option("Records")
@engine_options
@click.option(
    "--force",
    is_flag=True,
    help="Clean the input even if the output file is up to date (by default a run "
    "whose output was written from the same input, options, rules and version is "
    f"skipped; see {MANIFEST_NAME} beside the output).",
)
@rule_options
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def jsonl(
    input_path: str,
    output: Path | None,
    field: str,
    edits_field: str | None,
    fmt: Literal["md", "text"],
    on_error: OnError,
    jobs: int,
    engine: str,
    address: str | None,
    force: bool,
    rules: RuleSet,
    quiet: bool,
) -> None:
    """Clean one text field of every record of a JSON Lines file (IN, or stdin).

    Records stream through in constant memory and come out in their order, with every
    other field as it was. A bad record is reported on stderr with its line number,
    and either left out (--on-error skip; the run then exits 1) or ends the run
    (--on-error fail, the default). Blank lines are not records: they are passed
    over and counted in the summary.

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
    job = _Job(name, field, edits_field, fmt, rules)
    started = time.perf_counter()
    to_file = output if output is not None and str(output) != "-" else None
    done = _Done.of(input_path, to_file, job) if to_file is not None else None
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
    writer: contextlib.AbstractContextManager[IO[str]] = (
        atomic_file(to_file) if to_file is not None else contextlib.nullcontext(sys.stdout)
    )
    blank: list[int] = []
    records = bad = size = doubtful = 0
    edits: Counter[str] = Counter()
    try:
        with source, writer as sink:
            outcomes = map_on(
                engine,
                _clean_record,
                _records(source, blank),
                jobs,
                address=address,
                initializer=_start,
                initargs=(job,),
                weight=_record_size,
            )
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
    if done is not None and not bad:  # with bad records left out, a rerun says so again
        done.record()
    if not quiet:
        seconds = time.perf_counter() - started
        lines = [
            f"cleaned {records} record(s), {size / 1e6:.2f} MB in {seconds:.2f} s "
            f"({size / 1e6 / max(seconds, 1e-9):.2f} MB/s, {engine_label(engine, jobs, address)})"
            + (f"; {bad} bad record(s) skipped" if bad else "")
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
