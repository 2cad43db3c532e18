"""``cleanup rules check`` and ``cleanup rules show``: validate rule files, and say
which apply to an input and what the settings come to."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from ..pipeline import check_rule_stages
from ..rules import (
    NOT_SECTIONS,
    RulesError,
    RuleSet,
    default_rules_folder,
    default_rules_path,
    read_rule_file,
)
from ..rules import setting_origins as origins_of
from .common import EXIT_CODES, EXIT_FAILED, debug_option, encoding_option, read_text, rule_options


@click.group()
def rules() -> None:
    """Rule files: `check` validates them, `show` prints the settings for an input.

    Rules are read in this order, later wins: rules/default.toml, then every source
    rule file (rules/*.toml) whose [source] matches the input, then --rules files,
    then --set settings.
    """


@rules.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--rules-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder whose *.toml files to check when no FILES are given.",
)
def check(files: tuple[Path, ...], rules_dir: Path | None) -> None:
    """Validate rule FILES (default: rules/default.toml and every file beside it).

    Each error names the file, the line and the key, and says what was expected.
    Exit code 1 when any file is invalid.
    """
    if not files:
        folder = rules_dir or default_rules_folder()
        found = sorted(folder.glob("*.toml")) if folder else []
        files = tuple(dict.fromkeys([default_rules_path(), *found]))
    failed = 0
    for path in files:
        try:
            rule_file = read_rule_file(path)
            check_rule_stages([rule_file])
        except RulesError as err:
            failed += 1
            click.echo(f"error: {err}")
            continue
        settings = sum(len(values) for values in rule_file.settings.values())
        scope = (
            f"applies where {_describe_source(rule_file.source)}"
            if rule_file.source
            else "applies when given (--rules) or as the defaults"
        )
        click.echo(f"ok: {path}: {settings} setting(s); {scope}")
    click.echo(f"{len(files)} file(s) checked, {failed} invalid", err=True)
    if failed:
        sys.exit(EXIT_FAILED)


def _describe_source(source: object) -> str:
    paths = getattr(source, "paths", ())
    signature = getattr(source, "signature", ())
    parts = []
    if paths:
        parts.append("the path matches " + " or ".join(f"'{p}'" for p in paths))
    if signature:
        parts.append("the text contains " + " and ".join(f"'{p}'" for p in signature))
    return " and ".join(parts)


@rules.command()
@click.argument(
    "input_path", metavar="INPUT", type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@encoding_option
@rule_options
@debug_option
def show(
    input_path: Path,
    encoding: str | None,
    rules: RuleSet,
    debug: bool,
) -> None:
    """Print the effective settings for INPUT: which rule files apply and why, then
    every setting, each non-default one with the file (or --set) it comes from."""
    text = read_text(input_path, encoding)
    matched = rules.matching(str(input_path), text)
    click.echo(f"rules for {input_path}, in order (later wins):")
    click.echo(f"  {rules.default.path}: the defaults")
    for rule_file, reason in matched:
        click.echo(f"  {rule_file.path}: matched: {reason}")
    for rule_file in rules.extra:
        click.echo(f"  {rule_file.path}: given with --rules")
    for name, value in rules.overrides.items():
        click.echo(f"  --set {name}={value}")
    unmatched = [f for f in rules.source_files if f not in [m for m, _ in matched]]
    for rule_file in unmatched:
        click.echo(f"  (not applied: {rule_file.path}: {_describe_source(rule_file.source)})")
    effective = rules.for_input(str(input_path), text)
    files = [rules.default, *(f for f, _ in matched), *rules.extra]
    origins = origins_of(files[1:], rules.overrides)
    for section in dataclasses.fields(effective):
        if section.name in NOT_SECTIONS:
            continue
        click.echo(f"\n[{section.name}]")
        values = dataclasses.asdict(getattr(effective, section.name))
        for key, value in values.items():
            shown = json.dumps(
                list(value) if isinstance(value, tuple) else value, ensure_ascii=False
            )
            origin = origins.get((section.name, key))
            click.echo(f"{key} = {shown}" + (f"  # from {origin}" if origin else ""))


check.epilog = EXIT_CODES
show.epilog = EXIT_CODES
