"""What the commands share: exit codes, rule options, input collection, output."""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..parallel import default_jobs
from ..pipeline import STAGE_NAMES, StageError
from ..reader import InputError, decode
from ..rules import RulesError, RuleSet

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

EXIT_CODES = """\b
Exit codes:
  0  every input (file, record) was cleaned
  1  some inputs failed, or bad records were skipped (each is named on stderr;
     the others were written)
  2  bad usage: unknown option, missing path, invalid rule file, unknown stage"""


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
            "matches [default: rules/ beside default.toml, or $CLEANUP_RULES_DIR].",
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
        return RuleSet(rules_dir, rule_files, overrides, stages)
    except (RulesError, StageError) as err:
        raise click.UsageError(str(err)) from err


def read_text(path: Path) -> str:
    """The text of one input file, or a clean exit with the reason on stderr."""
    try:
        decoded = decode(path.read_bytes(), str(path))
        if decoded.warning is not None:
            click.echo(f"cleanup: warning: {path}: {decoded.warning}", err=True)
        return decoded.text
    except OSError as err:
        click.echo(f"cleanup: {path}: cannot read ({err.strerror})", err=True)
        sys.exit(EXIT_FAILED)
    except InputError as err:
        click.echo(f"cleanup: {err}", err=True)
        sys.exit(EXIT_FAILED)


def collect(paths: tuple[str, ...]) -> list[tuple[Path, Path]]:
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
