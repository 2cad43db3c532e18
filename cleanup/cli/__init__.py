"""The ``cleanup`` command line. Thin: all the work is in the pipeline, the renderers
and the review module. One module per group of commands:

- ``run``: ``cleanup run`` and ``cleanup stages``;
- ``jsonl``: ``cleanup jsonl``;
- ``review``: ``cleanup diff``, ``cleanup explain`` and ``cleanup review``;
- ``rules``: ``cleanup rules check`` and ``cleanup rules show``;
- ``common``: options and helpers they share (rule options, input collection).
"""

from __future__ import annotations

import sys
from importlib import import_module

import click

from ..files import internal_error
from .common import DEBUG_KEY, EXIT_CODES, EXIT_FAILED, EXIT_INTERRUPTED

# Command name -> "module:attribute". A command's module is imported only when that
# command runs (or help lists it): `cleanup run` does not pay for the review report's
# or JSON Lines' imports, which is a tenth of its start-up.
_COMMANDS = {
    "run": "run:run",
    "stages": "run:stages",
    "jsonl": "jsonl:jsonl",
    "diff": "review:diff",
    "explain": "review:explain",
    "review": "review:review",
    "rules": "rules:rules",
}


class _LazyGroup(click.Group):
    """A group whose commands are imported on first use (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(import_module(f"{__name__}.{module}"), attribute)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> object:
        """Ctrl-C ends any command with exit code 130, as shells expect (click's own
        handling says "Aborted!" and exits 1, the code for failed inputs). An
        unexpected error (a bug) is one line and exit code 1, unless --debug asks
        for its traceback."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("cleanup: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:
            if ctx.meta.get(DEBUG_KEY):
                raise
            click.echo(
                f"cleanup: {internal_error(' '.join(sys.argv[1:2]) or 'cleanup', err)}", err=True
            )
            sys.exit(EXIT_FAILED)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleanup")
def main() -> None:
    """Clean raw text extracted from PDFs and web pages, and explain every change.

    Start with `cleanup run FILE` (clean text on stdout) or
    `cleanup run raw/ -o clean/` (a whole folder).
    """


main.epilog = (
    EXIT_CODES
    + """

\b
Environment:
  CLEANUP_RULES_DIR  the folder of source rule files when --rules-dir is not
                     given (default: the rules that come with the package)
  CLEANUP_CACHE_DIR  where the glued-word dictionary, once built, is kept for
                     later runs (default $XDG_CACHE_HOME/cleanup or
                     ~/.cache/cleanup; empty: keep nothing)
  NO_COLOR           no colour in diff and explain"""
)

__all__ = ["main"]
