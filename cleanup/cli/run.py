"""``cleanup run`` (clean files, folders or stdin) and ``cleanup stages``."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .. import ConservationError
from ..files import (
    Outcome,
    RunSettings,
    clean_decoded,
    internal_error,
    run_files,
    tasks_for,
)
from ..manifest import MANIFEST_NAME, settings_fingerprint
from ..parallel import Interrupted
from ..pipeline import STAGES, Pipeline, StageError, installed_stages, load_stage
from ..ray_engine import EngineError
from ..reader import InputError, decode
from ..render import FORMATS, Format
from ..rules import RuleSet
from .common import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    check_engine,
    check_output,
    collect,
    debug_option,
    encoding_option,
    engine_label,
    engine_options,
    jobs_option,
    names_a_folder,
    per_stage,
    rule_options,
)

#: An input this large (bytes) cleaned to stdout gets a progress line and a summary.
LARGE_INPUT = 5_000_000


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
    # --check: the outputs that would change.
    changed: list[str] = field(default_factory=list)
    checking: bool = False
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
        if outcome.changed is not None:
            self.changed.append(outcome.changed)
        self.add_counts(outcome)

    def add_counts(self, outcome: Outcome) -> None:
        """Count what cleaning one input did."""
        if outcome.warning is not None:
            self.warnings.append(f"{outcome.source}: {outcome.warning}")
        self.edits.update(outcome.edits)
        self.removed.update(outcome.removed)
        if outcome.doubtful:
            self.doubtful[outcome.source] = outcome.doubtful

    def report(self) -> str:
        seconds = time.perf_counter() - self.started
        lines = [
            f"{'checked' if self.checking else 'cleaned'} {self.files} file(s), "
            f"{self.bytes_in / 1e6:.2f} MB in {seconds:.2f} s ({self.where})"
            + (f"; {len(self.failed)} failed" if self.failed else "")
        ]
        if self.checking:
            lines.append(
                f"would change: {len(self.changed)} output(s)"
                + "".join(f"\n  {name}" for name in self.changed)
                if self.changed
                else "all outputs are up to date"
            )
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
            self.bar = None


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="Where the output goes. One input file: PATH is the output file, unless it "
    "is a folder (one that exists, or a path ending in /). Folders or several "
    "inputs: PATH is a folder, and the outputs keep the inputs' names (.json for "
    "--format json; see --suffix). Without -o, a single input goes to stdout.",
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
    "--suffix",
    metavar="SUFFIX",
    help="Give the outputs in a folder this suffix instead of the input's (e.g. .md). "
    "[default: the input's name as it is; .json for --format json]",
)
@click.option(
    "--include",
    "includes",
    multiple=True,
    metavar="GLOB",
    help="Clean only the files of a folder whose path inside it, or name, matches "
    "GLOB ('*.txt', 'issues/*'). Repeatable: any may match. Files named on the "
    "command line are always cleaned.",
)
@click.option(
    "--exclude",
    "excludes",
    multiple=True,
    metavar="GLOB",
    help="Leave out the files of a folder whose path inside it, or name, matches "
    "GLOB. Repeatable; wins over --include.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing: exit 1 and name the outputs that would change (or are "
    "missing), exit 0 when all are up to date. For a corpus's CI.",
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
    output: str | None,
    fmt: Format,
    suffix: str | None,
    includes: tuple[str, ...],
    excludes: tuple[str, ...],
    check: bool,
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
    cleanup run raw/000_2a0ad43434f64918.txt      clean text on stdout
    cleanup run raw/000_2a0ad43434f64918.txt -o issue.md    into one file
    cleanup run raw/ -o clean/           every file of raw/ into clean/
    cleanup run raw/ -o clean/ --check   exit 1 if an output in clean/ would change
    cat x.txt | cleanup run - > y.md     as a Unix filter
    cleanup run x.txt --format json      blocks, removed text and every edit
    cleanup run raw/ -o clean/ --engine ray --address auto    on a Ray cluster

    A run of several files ends with a summary on stderr: files, MB, seconds,
    edits per stage, the files with doubtful decisions, and the files that failed
    and why. Run again, it skips the files whose output is up to date, so an
    interrupted run goes on where it stopped (--force cleans everything again).
    Input is read as UTF-8 (or UTF-16 with a byte order mark); other text is
    decoded with the encoding charset-normalizer detects, with a warning, unless
    --encoding names it. A PDF, image or other binary file is refused, with what
    to do instead; HTML is cleaned with a warning (extract its text first).
    """
    check_engine(engine, address)
    if check and output is None:
        raise click.UsageError("--check compares with the outputs: give them with -o PATH")
    if paths == ("-",):
        _clean_to_stdout("-", rules, fmt, encoding, debug, quiet)
        return
    if "-" in paths:
        raise click.UsageError("'-' (stdin) cannot be combined with other paths")
    found = collect(paths, includes, excludes)
    inputs = found.files
    one_file = len(paths) == 1 and len(inputs) == 1 and not Path(paths[0]).is_dir()
    if output is None and one_file and not found.skipped:
        _clean_to_stdout(str(inputs[0][0]), rules, fmt, encoding, debug, quiet)
        return
    if output is None:
        raise click.UsageError(
            f"{len(inputs)} input files: give an output folder with -o DIR "
            "(without -o only a single file is cleaned, to stdout)"
        )
    if one_file and not names_a_folder(output):
        folder, targets = Path(output).parent, [(inputs[0][0], Path(output))]
    else:
        folder = Path(output)
        ending = suffix if suffix is not None else ".json" if fmt == "json" else None
        targets = [
            (path, (folder / relative).with_suffix(ending) if ending else folder / relative)
            for path, relative in inputs
        ]
    check_output(paths, targets, folder, write=not check)
    tasks = tasks_for(targets, fmt, folder, check)
    fingerprint = settings_fingerprint(rules, encoding, fmt)
    settings = RunSettings(rules, encoding, debug, force, fingerprint)
    jobs = min(jobs, len(tasks)) or 1
    where = engine_label(engine, jobs, address)
    summary = Summary(where=where, failed=list(found.skipped), checking=check)
    progress = _Progress(len(tasks), "checking" if check else "cleaning")

    def take(outcome: Outcome) -> None:
        summary.add(outcome)
        progress.step()

    try:
        run_files(tasks, settings, folder, take, engine=engine, jobs=jobs, address=address)
    except EngineError as err:
        click.echo(f"cleanup: {err}", err=True)
        sys.exit(EXIT_FAILED)
    except Interrupted as stopped:
        progress.close()  # before the message, so that it stands on a line of its own
        done = summary.files + summary.up_to_date + len(stopped.finished)
        click.echo(
            f"cleanup: interrupted after {done} of {len(tasks)} file(s); every finished "
            "output is recorded: run the same command again to go on",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    finally:
        progress.close()
    if not quiet:
        click.echo(summary.report(), err=True)
    elif summary.failed or summary.warnings or summary.changed:
        notes = [f"warning: {w}" for w in summary.warnings] + summary.failed
        notes += [f"would change: {name}" for name in summary.changed]
        click.echo("\n".join(f"cleanup: {note}" for note in notes), err=True)
    if summary.failed or summary.changed:
        sys.exit(EXIT_FAILED)


def _clean_to_stdout(
    path: str, rules: RuleSet, fmt: Format, encoding: str | None, debug: bool, quiet: bool
) -> None:
    """Clean one file (or stdin, for ``-``) to stdout; errors go to stderr only. A
    large input ends with a summary on stderr, and shows its stages as they run on a
    terminal: a long run is never silent."""
    source = "<stdin>" if path == "-" else path
    started = time.perf_counter()
    progress: _StageLine | None = None
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        size = len(data)
        large = not quiet and size >= LARGE_INPUT
        progress = _StageLine(source, size) if large and _stderr_is_terminal() else None
        decoded = decode(data, source, encoding)
        del data
        result = clean_decoded(decoded, source, rules, progress)
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
    finally:
        if progress is not None:
            progress.close()
    if warning is not None:
        click.echo(f"cleanup: warning: {source}: {warning}", err=True)
    result.write(sys.stdout, fmt)
    if large:
        summary = Summary(files=1, bytes_in=size, started=started)
        summary.add_counts(Outcome.of(result, size))
        click.echo(summary.report(), err=True)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


class _StageLine:
    """One line on stderr, rewritten as each stage starts: ``cleaning x.txt (40.0
    MB): stage 3 of 14, pages``."""

    def __init__(self, source: str, size: int) -> None:
        self.prefix = f"cleaning {source} ({size / 1e6:.1f} MB)"
        self.width = 0

    def __call__(self, number: int, of: int, name: str) -> None:
        line = f"{self.prefix}: stage {number} of {of}, {name}"
        click.echo("\r" + line.ljust(self.width), err=True, nl=False)
        self.width = len(line)

    def close(self) -> None:
        if self.width:
            click.echo("\r" + " " * self.width + "\r", err=True, nl=False)


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


stages.epilog = EXIT_CODES
