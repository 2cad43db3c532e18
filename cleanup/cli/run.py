"""``cleanup run`` (clean files, folders or stdin) and ``cleanup stages``."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .. import ConservationError, Result
from ..manifest import (
    MANIFEST_NAME,
    Entry,
    ManifestWriter,
    file_sha256,
    input_key,
    is_up_to_date,
    read_manifest,
    settings_fingerprint,
)
from ..output import atomic_file, remove_partial_files
from ..parallel import map_on
from ..pipeline import STAGES, Pipeline, StageError, installed_stages, load_stage
from ..ray_engine import EngineError
from ..reader import Decoded, InputError, decode
from ..render import FORMATS, Format
from ..rules import RuleSet
from .common import (
    EXIT_CODES,
    EXIT_FAILED,
    check_engine,
    check_output,
    collect,
    debug_option,
    encoding_option,
    engine_label,
    engine_options,
    internal_error,
    jobs_option,
    per_stage,
    rule_options,
)


def _suffix(fmt: Format) -> str | None:
    """Output file suffix: md and text keep the input's name, json gets .json."""
    return ".json" if fmt == "json" else None


@dataclass(frozen=True)
class Outcome:
    """What cleaning one input gave: counts for the summary, or why it failed."""

    source: str
    size: int
    edits: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    doubtful: int = 0
    error: str | None = None
    warning: str | None = None
    # How the output was made (for the manifest); skipped: it was up to date.
    entry: Entry | None = None
    skipped: bool = False

    @classmethod
    def of(
        cls, result: Result, size: int, warning: str | None = None, entry: Entry | None = None
    ) -> Outcome:
        return cls(
            result.source,
            size,
            Counter(edit.stage for edit in result.edits),
            Counter(item.kind for item in result.removed),
            sum(edit.doubtful for edit in result.edits),
            warning=warning,
            entry=entry,
        )


@dataclass
class Summary:
    """What a run did, printed at the end."""

    # Where the work ran: "2 jobs", "2 jobs on a local Ray cluster", ...
    where: str = "1 job"
    files: int = 0
    up_to_date: int = 0
    failed: list[str] = field(default_factory=list)
    bytes_in: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    doubtful: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.failed.append(outcome.error)
            return
        if outcome.skipped:
            self.up_to_date += 1
            return
        self.files += 1
        self.bytes_in += outcome.size
        if outcome.warning is not None:
            self.warnings.append(f"{outcome.source}: {outcome.warning}")
        self.edits.update(outcome.edits)
        self.removed.update(outcome.removed)
        if outcome.doubtful:
            self.doubtful[outcome.source] = outcome.doubtful

    def report(self) -> str:
        seconds = time.perf_counter() - self.started
        lines = [
            f"cleaned {self.files} file(s), {self.bytes_in / 1e6:.2f} MB in {seconds:.2f} s"
            f" ({self.where})" + (f"; {len(self.failed)} failed" if self.failed else "")
        ]
        if self.up_to_date:
            lines.append(
                f"up to date, skipped: {self.up_to_date} file(s) (same input, rules and "
                "version as when their output was written; --force cleans them again)"
            )
        if self.edits:
            lines.append("edits: " + per_stage(self.edits))
        if self.removed:
            lines.append(
                "removed: " + ", ".join(f"{k} {n}" for k, n in sorted(self.removed.items()))
            )
        if self.doubtful:
            worst = sorted(self.doubtful.items(), key=lambda item: (-item[1], item[0]))
            shown = ", ".join(f"{source} ({n})" for source, n in worst[:5])
            more = f" and {len(worst) - 5} more" if len(worst) > 5 else ""
            lines.append(
                f"doubtful decisions in {len(worst)} file(s): {shown}{more}; "
                "check them with `cleanup diff FILE --doubtful`"
            )
        lines.extend(f"warning: {warning}" for warning in self.warnings)
        lines.extend(f"failed: {reason}" for reason in self.failed)
        return "\n".join(lines)


@dataclass(frozen=True)
class Task:
    """One file to clean: where it is, where its output goes (both as given, relative
    to the run's folder), and how the output there was made last time (from the
    manifest), if it was."""

    path: Path
    target: Path
    fmt: Format
    previous: Entry | None = None


@dataclass(frozen=True)
class RunSettings:
    """What every file of a run is cleaned with (sent once to each worker)."""

    rules: RuleSet
    encoding: str | None
    debug: bool
    force: bool
    fingerprint: str  # settings_fingerprint(rules, encoding, fmt)
    # The folder the run was started in: relative paths are relative to it, also in a
    # Ray worker, which runs in a folder of its own.
    folder: Path = field(default_factory=Path.cwd)


# The settings of a run, set once per worker process (see ``ordered_map``).
_settings: RunSettings | None = None


def set_up_worker(settings: RunSettings) -> None:
    """Give this worker process the run's settings (the pool's initializer)."""
    global _settings
    _settings = settings


def _clean_one(decoded: Decoded, source: str, rules: RuleSet) -> Result:
    """Clean one decoded input with the rules that apply to it. Callers drop the
    input's bytes once decoded: a large input would otherwise be held twice over."""
    chosen = rules.for_input(source, decoded.text)
    return Pipeline.for_rules(chosen).process(decoded.text, chosen, source, decoded)


def input_size(task: Task) -> int:
    """The size of a task's input (how ``ordered_map`` weighs tasks into batches)."""
    try:
        return task.path.stat().st_size
    except OSError:
        return 0  # the worker reports the error


def clean_file(task: Task) -> Outcome:
    """Clean one file into its target (in a worker process, after
    :func:`set_up_worker`), or skip it when its output is up to date."""
    settings = _settings
    assert settings is not None, "set_up_worker runs first"
    source = str(task.path)  # names the input in messages and rule matching, as given
    path, target = settings.folder / task.path, settings.folder / task.target
    try:
        data = path.read_bytes()
    except OSError as err:
        return Outcome(source, 0, error=f"{source}: cannot read ({err.strerror})")
    size = len(data)
    key = input_key(data, settings.fingerprint)
    if not settings.force and is_up_to_date(target, key, task.previous):
        return Outcome(source, size, skipped=True)
    try:
        decoded = decode(data, source, settings.encoding)
        del data
        result = _clean_one(decoded, source, settings.rules)
    except (InputError, ConservationError, StageError) as err:
        return Outcome(source, 0, error=str(err))
    except Exception as err:
        if settings.debug:
            raise
        return Outcome(source, 0, error=internal_error(source, err))
    warning = decoded.warning
    del decoded
    try:
        with atomic_file(target) as out:
            result.write(out, task.fmt)
    except OSError as err:
        return Outcome(source, 0, error=f"{task.target}: cannot write ({err.strerror})")
    written = file_sha256(target)
    entry = Entry(key, written) if written is not None else None
    return Outcome.of(result, size, warning, entry)


class _Progress:
    """A progress bar on stderr, shown only on a terminal and only once a run has
    lasted more than a moment (short runs stay quiet)."""

    def __init__(self, total: int, label: str, delay: float = 0.5) -> None:
        self.total, self.label, self.delay = total, label, delay
        self.enabled = sys.stderr.isatty() and total > 1
        self.started = time.perf_counter()
        self.done = 0
        self.bar: Any = None

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.bar is None and time.perf_counter() - self.started > self.delay:
            self.bar = click.progressbar(length=self.total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
            self.bar.update(self.done)
        elif self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


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
@encoding_option
@jobs_option("Files")
@engine_options
@click.option(
    "--force",
    is_flag=True,
    help="Clean every input, even one whose output is up to date (by default a "
    "folder run skips inputs cleaned before with the same bytes, rules and version; "
    f"see {MANIFEST_NAME} in the output folder).",
)
@rule_options
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@debug_option
def run(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: Format,
    encoding: str | None,
    jobs: int,
    engine: str,
    address: str | None,
    force: bool,
    rules: RuleSet,
    quiet: bool,
    debug: bool,
) -> None:
    """Clean PATHS (files, folders, or - for stdin).

    \b
    cleanup run article.txt              clean text on stdout
    cleanup run raw/ -o clean/           every file of raw/ into clean/
    cat x.txt | cleanup run - > y.md     as a Unix filter
    cleanup run x.txt --format json      blocks, removed text and every edit
    cleanup run raw/ -o clean/ --engine ray --address auto    on a Ray cluster

    A folder run ends with a summary on stderr: files, MB, seconds, edits per
    stage, the files with doubtful decisions, and the files that failed and why.
    Run again, it skips the files whose output is up to date, so an interrupted
    run goes on where it stopped (--force cleans everything again).
    Input is read as UTF-8 (or UTF-16 with a byte order mark); other text is
    decoded with the encoding charset-normalizer detects, with a warning, unless
    --encoding names it. A PDF, image or other binary file is refused, with what
    to do instead.
    """
    check_engine(engine, address)
    if paths == ("-",):
        _clean_to_stdout("-", rules, fmt, encoding, debug)
        return
    if "-" in paths:
        raise click.UsageError("'-' (stdin) cannot be combined with other paths")
    found = collect(paths)
    inputs = found.files
    if output is None and len(inputs) == 1 and not found.skipped:
        _clean_to_stdout(str(inputs[0][0]), rules, fmt, encoding, debug)
        return
    if output is None:
        raise click.UsageError(
            f"{len(inputs)} input files: give an output folder with -o DIR "
            "(without -o only a single file is cleaned, to stdout)"
        )
    suffix = _suffix(fmt)
    targets = [
        (path, (output / relative).with_suffix(suffix) if suffix else output / relative)
        for path, relative in inputs
    ]
    check_output(paths, targets, output)
    manifest = read_manifest(output)
    tasks = [
        Task(path, target, fmt, manifest.get(_manifest_name(target, output)))
        for path, target in targets
    ]
    fingerprint = settings_fingerprint(rules, encoding, fmt)
    settings = RunSettings(rules, encoding, debug, force, fingerprint)
    jobs = min(jobs, len(tasks)) or 1
    summary = Summary(where=engine_label(engine, jobs, address), failed=list(found.skipped))
    progress = _Progress(len(tasks), "cleaning")
    record = ManifestWriter(output, manifest)
    try:
        outcomes = map_on(
            engine,
            clean_file,
            tasks,
            jobs,
            address=address,
            initializer=set_up_worker,
            initargs=(settings,),
            weight=input_size,
        )
        for task, outcome in zip(tasks, outcomes, strict=True):
            if outcome.entry is not None:
                record.add(_manifest_name(task.target, output), outcome.entry)
            summary.add(outcome)
            progress.step()
        # A worker killed while writing (its batch run again elsewhere) leaves its
        # temporary file behind; every output is written now.
        remove_partial_files(task.target for task in tasks)
    except EngineError as err:
        click.echo(f"cleanup: {err}", err=True)
        sys.exit(EXIT_FAILED)
    finally:
        progress.close()
        record.close()
    if not quiet:
        click.echo(summary.report(), err=True)
    elif summary.failed or summary.warnings:
        notes = [f"warning: {w}" for w in summary.warnings] + summary.failed
        click.echo("\n".join(f"cleanup: {note}" for note in notes), err=True)
    if summary.failed:
        sys.exit(EXIT_FAILED)


def _manifest_name(target: Path, output: Path) -> str:
    """An output's name in the manifest: its path inside the output folder."""
    return target.relative_to(output).as_posix()


def _clean_to_stdout(
    path: str, rules: RuleSet, fmt: Format, encoding: str | None, debug: bool
) -> None:
    """Clean one file (or stdin, for ``-``) to stdout; errors go to stderr only."""
    source = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        decoded = decode(data, source, encoding)
        del data
        result = _clean_one(decoded, source, rules)
        warning = decoded.warning
        del decoded
    except OSError as err:
        click.echo(f"cleanup: {source}: cannot read ({err.strerror})", err=True)
        sys.exit(EXIT_FAILED)
    except (InputError, ConservationError, StageError) as err:
        click.echo(f"cleanup: {err}", err=True)
        sys.exit(EXIT_FAILED)
    except Exception as err:
        if debug:
            raise
        click.echo(f"cleanup: {internal_error(source, err)}", err=True)
        sys.exit(EXIT_FAILED)
    if warning is not None:
        click.echo(f"cleanup: warning: {source}: {warning}", err=True)
    result.write(sys.stdout, fmt)


run.epilog = EXIT_CODES


@click.command()
@rule_options
def stages(rules: RuleSet) -> None:
    """List the stages with what each fixes: first those that run by default, in
    their order, then the others (disabled by the rules, or offered by an installed
    package's `cleanup.stages` entry point; those run only when named, with --stage
    or in [pipeline] order). The rule options show their effect on the list."""
    pipeline = Pipeline.for_rules(rules.for_input("", ""))
    rows = [(s.name, "yes", s.summary) for s in pipeline.stages]
    rows += [(s.name, "no: disabled", s.summary) for s in STAGES if s.name not in pipeline.names]
    for name, package in installed_stages().items():
        if name not in pipeline.names:
            try:
                summary = load_stage(name).summary
            except StageError as err:  # listed all the same, with why it cannot run
                summary = str(err)
            rows.append((name, f"no: entry point ({package})", summary))
    name_width = max(len(name) for name, _, _ in rows)
    runs_width = max(len("runs"), *(len(runs) for _, runs, _ in rows))
    click.echo(f"{'stage':<{name_width}}  {'runs':<{runs_width}}  what it fixes")
    for name, runs, summary in rows:
        click.echo(f"{name:<{name_width}}  {runs:<{runs_width}}  {summary}")
