"""Clean files into outputs: the folder runner that ``cleanup run``, the benchmarks
and the engines share.

A run is a list of :class:`Task` (an input file, where its output goes, and how that
output was made last time, from the output folder's manifest). :func:`run_files`
cleans them on an engine (worker processes here, or Ray tasks), gives an
:class:`Outcome` per task in input order, and records each finished output in the
manifest as it comes, so that a rerun skips what is up to date. Interrupted
(Ctrl-C), it records the outputs the workers had finished before raising
:class:`cleanup.parallel.Interrupted`, so that the rerun does not redo them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .manifest import (
    Entry,
    ManifestWriter,
    file_sha256,
    input_key,
    is_up_to_date,
    read_manifest,
)
from .output import atomic_file, remove_partial_files
from .parallel import Interrupted, map_on
from .pipeline import Pipeline, StageError, StageProgress
from .reader import Decoded, InputError, decode
from .render import Format
from .result import ConservationError, Result
from .rules import RuleSet


@dataclass(frozen=True)
class Task:
    """One file to clean: where it is, where its output goes (both as given, relative
    to the run's folder), and how the output there was made last time (from the
    manifest), if it was."""

    path: Path
    target: Path
    fmt: Format
    previous: Entry | None = None
    # --check: compare the output with the target instead of writing it.
    check: bool = False


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
    # The output written (for the manifest of an interrupted run, whose outcomes
    # come back out of order).
    target: Path | None = None
    # --check: the output that would change (or be written anew), if it would.
    changed: str | None = None

    @classmethod
    def of(
        cls,
        result: Result,
        size: int,
        warning: str | None = None,
        entry: Entry | None = None,
        target: Path | None = None,
    ) -> Outcome:
        return cls(
            result.source,
            size,
            Counter(edit.stage for edit in result.edits),
            Counter(item.kind for item in result.removed),
            sum(edit.doubtful for edit in result.edits),
            warning=warning,
            entry=entry,
            target=target,
        )


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


# The settings of a run, set once per worker process (see ``map_on``).
_settings: RunSettings | None = None


def set_up_worker(settings: RunSettings) -> None:
    """Give this worker process the run's settings (the pool's initializer)."""
    global _settings
    _settings = settings


def clean_decoded(
    decoded: Decoded, source: str, rules: RuleSet, on_stage: StageProgress | None = None
) -> Result:
    """Clean one decoded input with the rules that apply to it. Callers drop the
    input's bytes once decoded: a large input would otherwise be held twice over."""
    chosen = rules.for_input(source, decoded.text)
    pipeline = Pipeline.for_rules(chosen)
    return pipeline.process(decoded.text, chosen, source, decoded, on_stage)


def internal_error(source: str, err: Exception) -> str:
    """One line for an unexpected error (a bug) while cleaning ``source``."""
    return (
        f"{source}: internal error ({type(err).__name__}: {err}); rerun with --debug "
        "for the traceback, and please report it"
    )


def input_size(task: Task) -> int:
    """The size of a task's input (how the engines weigh tasks into batches)."""
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
        result = clean_decoded(decoded, source, settings.rules)
    except (InputError, ConservationError, StageError) as err:
        return Outcome(source, 0, error=str(err))
    except Exception as err:
        if settings.debug:
            raise
        return Outcome(source, 0, error=internal_error(source, err))
    warning = decoded.warning
    del decoded
    if task.check:
        changed = None if _same(target, result, task.fmt) else source_of(task)
        return replace(Outcome.of(result, size, warning), changed=changed)
    try:
        with atomic_file(target) as out:
            result.write(out, task.fmt)
    except OSError as err:
        return Outcome(source, 0, error=f"{task.target}: cannot write ({err.strerror})")
    written = file_sha256(target)
    entry = Entry(key, written) if written is not None else None
    return Outcome.of(result, size, warning, entry, task.target)


def _same(target: Path, result: Result, fmt: Format) -> bool:
    """Whether ``target`` holds exactly what ``result`` renders to."""
    try:
        return target.read_bytes() == result.render(fmt).encode("utf-8")
    except OSError:
        return False


def source_of(task: Task) -> str:
    """How --check names an output that would change: ``output (from input)``."""
    return f"{task.target} (from {task.path})"


def tasks_for(
    targets: list[tuple[Path, Path]], fmt: Format, manifest_folder: Path, check: bool = False
) -> list[Task]:
    """A task per (input, output), each with how its output was made last time."""
    manifest = read_manifest(manifest_folder)
    return [
        Task(path, target, fmt, manifest.get(_manifest_name(target, manifest_folder)), check)
        for path, target in targets
    ]


def run_files(
    tasks: list[Task],
    settings: RunSettings,
    manifest_folder: Path,
    on_outcome: Callable[[Outcome], None],
    *,
    engine: str = "local",
    jobs: int = 1,
    address: str | None = None,
) -> None:
    """Clean every task on ``engine`` and give each outcome, in order, to
    ``on_outcome``. Each finished output goes into the manifest of
    ``manifest_folder`` (the output folder) as it comes; on Ctrl-C the outputs the
    workers had finished are recorded too, and then :class:`Interrupted` is raised."""
    record = ManifestWriter(manifest_folder, read_manifest(manifest_folder))
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
    try:
        try:
            for outcome in outcomes:
                _record(record, outcome, manifest_folder)
                on_outcome(outcome)
        except KeyboardInterrupt as interrupt:
            finished = (
                interrupt.finished
                if isinstance(interrupt, Interrupted)
                else Interrupted.drain(outcomes)  # it reached on_outcome
            )
            for outcome in finished:
                _record(record, outcome, manifest_folder)
            raise Interrupted(finished) from None
        # A worker killed while writing (its batch run again elsewhere) leaves its
        # temporary file behind; every output is written now.
        remove_partial_files(task.target for task in tasks)
    finally:
        outcomes.close()  # here, not whenever (and in whatever thread) it is collected
        record.close()


def _record(record: ManifestWriter, outcome: Outcome, manifest_folder: Path) -> None:
    if outcome.entry is not None and outcome.target is not None:
        record.add(_manifest_name(outcome.target, manifest_folder), outcome.entry)


def _manifest_name(target: Path, folder: Path) -> str:
    """An output's name in the manifest: its path inside the output folder."""
    return target.relative_to(folder).as_posix()
