"""Clean a JSON Lines stream record by record: the workers' side of ``cleanup jsonl``
(and of the benchmarks that time it).

Each line is parsed, checked and cleaned by :func:`cleanup.records.clean_record` in a
worker process (:func:`clean_line`, after :func:`set_up_worker`); the outcome, a
:class:`LineOutcome`, carries the output line, or why the record is bad and the line
as it was (for ``--on-error keep``). :class:`Done` is the manifest's record of a
finished output file, so that a rerun skips it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from .files import internal_error
from .manifest import (
    Entry,
    ManifestWriter,
    file_key,
    file_sha256,
    is_up_to_date,
    read_manifest,
    settings_fingerprint,
)
from .records import RecordError, clean_record, json_kind
from .rules import RuleSet

OnError = Literal["fail", "keep", "skip"]


@dataclass(frozen=True)
class LinesJob:
    """What every record of a run is cleaned with (sent once to each worker)."""

    name: str  # the input's name, for messages and for matching source rule files
    field: str
    edits_field: str | None
    fmt: Literal["md", "text"]
    rules: RuleSet
    encoding: str | None = None
    debug: bool = False


@dataclass(frozen=True)
class LineOutcome:
    """One input line's outcome: the output line, or why the record is bad and what
    --on-error keep writes for it (the line as it was)."""

    number: int
    line: str | None = None
    error: str | None = None
    kept: bytes = b""
    size: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    doubtful: bool = False


_job: LinesJob | None = None


def set_up_worker(job: LinesJob) -> None:
    global _job
    _job = job


def clean_line(item: tuple[int, bytes]) -> LineOutcome:
    """Clean the field of one record (in a worker process)."""
    number, raw = item
    assert _job is not None, "set_up_worker runs first"
    job = _job
    where = f"{job.name}:{number}"
    kept = raw if raw.endswith(b"\n") else raw + b"\n"
    try:
        record = json.loads(raw.decode(job.encoding) if job.encoding else raw)
    except UnicodeDecodeError as err:
        encoding = job.encoding or "UTF-8"
        reason = f"not {encoding} ({err.reason} at byte {err.start})"
        hint = "" if job.encoding else "; give its encoding with --encoding"
        return LineOutcome(number, error=f"{where}: {reason}{hint}", kept=kept)
    except ValueError as err:
        return LineOutcome(number, error=f"{where}: not JSON ({err})", kept=kept)
    if not isinstance(record, dict):
        return LineOutcome(
            number, error=f"{where}: not a JSON object ({json_kind(record)})", kept=kept
        )
    if job.edits_field is not None:  # kept as it was, with no edits
        kept = (json.dumps({**record, job.edits_field: None}, ensure_ascii=False) + "\n").encode()
    try:
        cleaned = clean_record(
            record,
            job.field,
            format=job.fmt,
            rules=job.rules,
            source=job.name,
            edits_field=job.edits_field,
            where=where,
        )
    except RecordError as err:
        return LineOutcome(number, error=str(err), kept=kept)
    except Exception as err:
        if job.debug:
            raise
        return LineOutcome(number, error=internal_error(where, err), kept=kept)
    edits = Counter(edit.stage for edit in cleaned.result.edits)
    return LineOutcome(
        number,
        json.dumps(cleaned.record, ensure_ascii=False) + "\n",
        size=len(raw),
        edits=edits,
        doubtful=any(edit.doubtful for edit in cleaned.result.edits),
    )


@dataclass(frozen=True)
class Done:
    """How an output file was made (the output folder's manifest, as for ``cleanup
    run``): a rerun with the same input, settings and version skips it."""

    output: Path
    key: str
    previous: Entry | None

    @classmethod
    def of(cls, input_path: str, output: Path, job: LinesJob) -> Done | None:
        """None for stdin (no file to hash) or an input that cannot be read (the run
        reports that)."""
        if input_path == "-":
            return None
        options = f"jsonl {job.field} {job.edits_field} {job.fmt}"
        try:
            key = file_key(Path(input_path), settings_fingerprint(job.rules, job.encoding, options))
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


def numbered_lines(stream: IO[bytes], blank: list[int]) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for every non-blank line; blank line numbers go to ``blank``."""
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield number, line
        else:
            blank.append(number)


def line_size(record: tuple[int, bytes]) -> int:
    return len(record[1])
