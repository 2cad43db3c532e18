"""What the commands share: exit codes, rule options, input collection, output."""

from __future__ import annotations

import errno
import functools
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import IO, Any

import click

from ..parallel import default_jobs
from ..pipeline import STAGE_NAMES, StageError, check_rule_stages, load_stage
from ..reader import InputError, decode
from ..rules import RulesError, RuleSet

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: The exit codes of every command (each command's --help ends with them).
EXIT_CODES = """\b
Exit codes:
  0    done: every input (file, record) was cleaned or reviewed
  1    some inputs failed, bad records were kept or skipped (each is named on
       stderr; the others were written), or --check found outputs that would
       change
  2    bad usage: unknown option, missing file, invalid rule file or value,
       unknown stage, no such line
  130  interrupted (Ctrl-C): the files finished are written and recorded in
       the manifest (a JSON Lines output is written whole or not at all); run
       the same command again to go on"""


def rule_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--rules``, ``--set``, ``--rules-dir`` and ``--stage``: how a command picks its
    rules and stages. The command receives them as one ``rules: RuleSet`` argument."""
    options = [
        click.option(
            "-r",
            "--rules",
            "rule_files",
            multiple=True,
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            help="Extra rule file(s), read over the defaults and the matching source "
            "rule files (later wins). Repeatable.",
        ),
        click.option(
            "--set",
            "settings",
            multiple=True,
            metavar="SECTION.KEY=VALUE",
            help="One setting over all rule files, e.g. --set hyphens.join_zipf=3.5 or "
            '--set \'lexicon.languages=["en", "it"]\'. Repeatable.',
        ),
        click.option(
            "--rules-dir",
            type=click.Path(file_okay=False, exists=True, path_type=Path),
            help="Folder of source rule files, each applied to the inputs its [source] "
            "matches [default: $CLEANUP_RULES_DIR, else the rules that come with the "
            "package].",
        ),
        click.option(
            "--stage",
            "stages",
            multiple=True,
            metavar="STAGE",
            help="Run a custom stage after the others: an import path "
            "(mypkg.stages:fix_roman_numerals) or an installed cleanup.stages entry "
            "point (see `cleanup stages`). Repeatable; to run it elsewhere, set "
            "[pipeline] order in a rule file.",
        ),
    ]

    @functools.wraps(function)
    def with_rules(
        *args: Any,
        rule_files: tuple[Path, ...],
        settings: tuple[str, ...],
        rules_dir: Path | None,
        stages: tuple[str, ...],
        **kwargs: Any,
    ) -> Any:
        rules = rule_set(rule_files, settings, rules_dir, stages)
        return function(*args, rules=rules, **kwargs)

    command: Callable[..., Any] = with_rules
    for option in reversed(options):
        command = option(command)
    return command


def jobs_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--jobs N``: how many ``what`` (files, records) are cleaned at once."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=default_jobs,
        show_default="the number of CPUs",
        help=f"{what} cleaned at once, in worker processes. The output is the same "
        "whatever the number.",
    )


def engine_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--engine local|ray`` and ``--address``: where the workers run."""
    function = click.option(
        "--address",
        metavar="ADDRESS",
        help="The Ray cluster to connect to (e.g. auto, or ray://head:10001); with "
        "--engine ray only. Inputs and outputs must be on storage every node of the "
        "cluster sees.",
    )(function)
    return click.option(
        "--engine",
        type=click.Choice(["local", "ray"]),
        default="local",
        show_default=True,
        help="Where the workers run: processes on this machine, or a Ray cluster "
        "(pip install 'cleanup[ray]'). Without --address, ray starts a local cluster "
        "with --jobs CPUs for the run.",
    )(function)


def check_engine(engine: str, address: str | None) -> None:
    """Refuse --address without --engine ray."""
    if address is not None and engine != "ray":
        raise click.UsageError("--address is for --engine ray (the cluster to connect to)")


def engine_label(engine: str, jobs: int, address: str | None) -> str:
    """Where a run's work ran, for its summary: "2 jobs", "2 jobs on a local Ray
    cluster", "on the Ray cluster at auto"."""
    label = f"{jobs} job{'s' if jobs > 1 else ''}"
    if engine != "ray":
        return label
    return f"on the Ray cluster at {address}" if address else f"{label} on a local Ray cluster"


def encoding_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--encoding NAME``: read inputs in this encoding instead of detecting it."""
    return click.option(
        "-e",
        "--encoding",
        metavar="NAME",
        help="Read inputs in this encoding (a Python codec name: cp1252, latin-1, "
        "utf-16-le, ...). Default: UTF-8, or UTF-16 with a byte order mark, or else "
        "the encoding charset-normalizer detects, with a warning.",
    )(function)


#: Where ``--debug`` leaves its value for the command group (``Context.meta`` is
#: shared by a command's context and its group's), which turns an unexpected error
#: into one line unless it is set.
DEBUG_KEY = "cleanup.debug"


def _remember_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta[DEBUG_KEY] = value
    return value


def debug_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--debug``: let an unexpected error show its traceback."""
    return click.option(
        "--debug",
        is_flag=True,
        callback=_remember_debug,
        help="Show the traceback of an unexpected error (a bug) instead of one line.",
    )(function)


def display_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--width``, ``--color/--no-color`` and ``--pager/--no-pager``: how a review
    command prints to a terminal."""
    options = [
        click.option(
            "--width",
            type=click.IntRange(min=40),
            help="Wrap at this many columns [default: the terminal's width, or 80].",
        ),
        click.option(
            "--color/--no-color",
            default=None,
            help="Colour the output [default: on a terminal, unless NO_COLOR is set].",
        ),
        click.option(
            "--pager/--no-pager", default=None, help="Page long output [default: on a terminal]."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def terminal_width(width: int | None) -> int:
    """The width asked for, else the terminal's, else 80."""
    if width is not None:
        return width
    return shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80


def check_output(
    given: tuple[str, ...], targets: list[tuple[Path, Path]], output: Path, write: bool = True
) -> None:
    """Refuse, before any work, an output that would overwrite or feed back into the
    input: the output folder inside an input folder, an input written over by its own
    output, one file given twice, or two inputs with the same output. Then, unless
    nothing will be written (``write``), make sure the output folder can be written."""
    target_root = output.resolve()
    for name in given:
        root = Path(name).resolve()
        if Path(name).is_dir() and (target_root == root or root in target_root.parents):
            raise click.UsageError(
                f"the output folder {output} is inside the input folder {name}: the "
                "clean files would be read as inputs next time; choose a folder outside it"
            )
    sources: dict[Path, Path] = {}
    writers: dict[Path, Path] = {}
    for path, target in targets:
        real, written = path.resolve(), target.resolve()
        if real in sources:
            also = "" if str(sources[real]) == str(path) else f" (also as {sources[real]})"
            raise click.UsageError(f"{path} is given twice{also}")
        if written in writers:
            raise click.UsageError(
                f"{writers[written]} and {path} would both be written to {target}; "
                "clean them in separate runs"
            )
        if written == real:
            raise click.UsageError(f"{path} would be overwritten by its own output")
        sources[real], writers[written] = path, path
    if not write:
        return
    try:
        output.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".cleanup-probe-", dir=output)
        os.close(handle)
        os.unlink(probe)
    except OSError as err:
        click.echo(
            f"cleanup: {output}: cannot write to the output folder ({err.strerror})", err=True
        )
        sys.exit(EXIT_FAILED)


def names_a_folder(output: str) -> bool:
    """Whether ``-o PATH`` names a folder: one that exists, or a path ending in a
    slash (which pathlib would drop, so this reads the string as given)."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def output_file(output: str, name: Path) -> Path:
    """Where ``-o PATH`` puts the output of one input: PATH itself, or ``name``
    inside it when PATH names a folder."""
    return Path(output) / name if names_a_folder(output) else Path(output)


def write_bytes(sink: IO[str], data: bytes) -> None:
    """Write bytes as they are to a text stream (a file or stdout): a line kept as it
    was may not be UTF-8."""
    sink.flush()
    buffer = getattr(sink, "buffer", None)
    if buffer is None:  # a stream with no bytes below it (a test's StringIO)
        sink.write(data.decode("utf-8", errors="replace"))
        return
    buffer.write(data)
    buffer.flush()


def rule_set(
    rule_files: tuple[Path, ...] = (),
    settings: tuple[str, ...] = (),
    rules_dir: Path | None = None,
    stages: tuple[str, ...] = (),
) -> RuleSet:
    """The rule set the options describe, or a usage error naming what is wrong."""
    overrides: dict[str, str] = {}
    for setting in settings:
        name, equals, value = setting.partition("=")
        if not equals:
            raise click.UsageError(f"--set {setting}: expected SECTION.KEY=VALUE")
        overrides[name.strip()] = value.strip()
    try:
        rules = RuleSet(rules_dir, rule_files, overrides, stages)
        check_rule_stages([rules.default, *rules.source_files, *rules.extra], overrides)
        for name in stages:
            load_stage(name)  # fail now on a stage that cannot be imported
    except (RulesError, StageError) as err:
        raise click.UsageError(str(err)) from err
    return rules


def read_text(path: Path, encoding: str | None = None) -> str:
    """The text of one input file (in ``encoding`` if given, else as ``cleanup run``
    reads it), or a clean exit with the reason on stderr."""
    try:
        decoded = decode(path.read_bytes(), str(path), encoding)
        if decoded.warning is not None:
            click.echo(f"cleanup: warning: {path}: {decoded.warning}", err=True)
        return decoded.text
    except OSError as err:
        click.echo(f"cleanup: {path}: cannot read ({err.strerror})", err=True)
        sys.exit(EXIT_FAILED)
    except InputError as err:
        click.echo(f"cleanup: {err}", err=True)
        sys.exit(EXIT_FAILED)


@dataclass
class Inputs:
    """The files a run reads, each with its path relative to the folder it was found
    in, and what a folder held that cannot be read (reported, not fatal)."""

    files: list[tuple[Path, Path]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def collect(
    paths: tuple[str, ...], includes: tuple[str, ...] = (), excludes: tuple[str, ...] = ()
) -> Inputs:
    """Every input file: files as given, folders walked in sorted order (hidden files
    and folders skipped; linked folders followed, but never into a loop), keeping the
    files whose path inside the folder, or name, matches an ``includes`` glob (all
    without any) and no ``excludes`` glob. A path that does not exist or is a loop of
    links is a usage error; a broken link or a loop inside a folder is reported in
    ``skipped``."""
    inputs = Inputs()
    for given in paths:
        path = Path(given)
        problem = _unreadable(path)
        if problem is not None:
            raise click.UsageError(f"{given}: {problem}")
        if path.is_dir():
            found = Inputs()
            _walk(path, found)
            inputs.skipped.extend(found.skipped)
            inputs.files.extend(
                (child, relative)
                for child, relative in found.files
                if _chosen(relative, includes, excludes)
            )
        else:
            inputs.files.append((path, Path(path.name)))
    return inputs


def _chosen(relative: Path, includes: tuple[str, ...], excludes: tuple[str, ...]) -> bool:
    """Whether a file found in a folder passes --include and --exclude.

    >>> _chosen(Path("a/b.txt"), ("*.txt",), ())
    True
    >>> _chosen(Path("a/b.txt"), (), ("a/*",))
    False
    """

    def matches(globs: tuple[str, ...]) -> bool:
        posix = relative.as_posix()
        return any(fnmatch(posix, glob) or fnmatch(relative.name, glob) for glob in globs)

    return (not includes or matches(includes)) and not matches(excludes)


def _unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file or folder, or None."""
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "a loop of symbolic links (it never reaches a file)"
        if path.is_symlink():
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
        return "no such file or folder" if err.errno == errno.ENOENT else err.strerror
    return None


def _walk(root: Path, inputs: Inputs) -> None:
    visited = {_identity(root)}
    found: list[tuple[Path, Path]] = []
    for folder, folders, names in os.walk(root, followlinks=True):
        here = Path(folder)
        for name in list(folders):
            child = here / name
            if name.startswith("."):
                folders.remove(name)
            elif _identity(child) in visited:
                folders.remove(name)  # a link back to a folder already read: a loop
                inputs.skipped.append(f"{child}: a symbolic link back to a folder already read")
            else:
                visited.add(_identity(child))
        folders.sort()
        for name in names:
            child = here / name
            if name.startswith("."):
                continue
            problem = _unreadable(child)
            if problem is not None:
                inputs.skipped.append(f"{child}: {problem}")
            elif child.is_file():
                found.append((child, child.relative_to(root)))
    inputs.files.extend(sorted(found))


def _identity(folder: Path) -> tuple[int, int]:
    status = folder.stat()
    return status.st_dev, status.st_ino


def per_stage(counts: Counter[str]) -> str:
    """Edit counts in pipeline order, then custom stages by name.

    >>> per_stage(Counter({"hyphens": 3, "my_stage": 1, "pages": 2}))
    'pages 2, hyphens 3, my_stage 1'
    """
    order = [name for name in ("read", *STAGE_NAMES) if counts[name]]
    order += sorted(name for name in counts if name not in order)
    return ", ".join(f"{name} {counts[name]}" for name in order)


def use_color(choice: bool | None) -> bool:
    """Colour when asked, else on a terminal unless NO_COLOR is set (no-color.org)."""
    if choice is not None:
        return choice
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def show(text: str, color: bool, pager: bool | None) -> None:
    """Print ``text``, through a pager when it is longer than the terminal (on a
    terminal only, unless told)."""
    if pager is None:
        pager = sys.stdout.isatty() and text.count("\n") > shutil.get_terminal_size().lines
    if pager:
        click.echo_via_pager(text, color=color)
    else:
        click.echo(text, nl=False, color=color)
