"""cleanup: turn raw text extracted from PDFs and web pages into clean, faithful text.

>>> import cleanup
>>> print(cleanup.clean("A few previ-\\nously existing groups attendedthe meeting.\\n"), end="")
A few previously existing groups attended the meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .document import Block, Document, Edit, Line, Removed
from .pipeline import STAGES, run
from .provenance import unaccounted_words
from .render import FORMATS, Format, render, to_json
from .rules import Rules, RulesError, RuleSet, default_rules, load_rules

__all__ = [
    "FORMATS",
    "STAGES",
    "Block",
    "ConservationError",
    "Document",
    "Edit",
    "Line",
    "Removed",
    "Result",
    "RuleSet",
    "Rules",
    "RulesError",
    "clean",
    "load_rules",
    "process",
]

__version__ = "0.1.0"

RulesArg = Rules | RuleSet | str | Path | Sequence[str | Path] | None


class ConservationError(RuntimeError):
    """The pipeline lost words without accounting for them: a bug, never expected."""


@dataclass(frozen=True)
class Result:
    """What cleaning one text produced: the blocks, what was removed, every edit."""

    document: Document

    @property
    def source(self) -> str:
        return self.document.source

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.document.require_blocks()

    @property
    def removed(self) -> tuple[Removed, ...]:
        return self.document.removed

    @property
    def edits(self) -> tuple[Edit, ...]:
        return self.document.edits

    def render(self, fmt: Format = "md") -> str:
        """The clean text in ``fmt`` ("md", "text" or "json")."""
        return render(self.document, fmt)

    def to_json(self) -> dict[str, object]:
        """The JSON contract as a Python dict."""
        return to_json(self.document)


def resolve_rules(rules: RulesArg, source: str = "<string>", text: str = "") -> Rules:
    """Rules from a Rules object, a RuleSet (the rules for this source and text: the
    defaults and the matching source rule files), a rule file path, a list of paths
    read over the defaults, or None (the defaults alone)."""
    if rules is None:
        return default_rules()
    if isinstance(rules, Rules):
        return rules
    if isinstance(rules, RuleSet):
        return rules.for_input(source, text)
    if isinstance(rules, str | Path):
        return load_rules([Path(rules)])
    return load_rules([Path(p) for p in rules])


def process(text: str, *, rules: RulesArg = None, source: str = "<string>") -> Result:
    """Clean ``text`` and return the full result (blocks, removed text, edits).

    Raises :class:`ConservationError` if a word of ``text`` is neither in the output nor
    accounted for by a removal or an edit (a bug in a stage, never expected).
    """
    doc = run(text, resolve_rules(rules, source, text), source)
    lost = unaccounted_words(text, doc)
    if lost:
        sample = ", ".join(f"{w!r}" for w in sorted(lost)[:10])
        raise ConservationError(f"{source}: words lost without an edit or removal: {sample}")
    return Result(doc)


def clean(text: str, *, format: Format = "md", rules: RulesArg = None) -> str:
    """Clean ``text`` and return it rendered in ``format`` ("md", "text" or "json")."""
    return process(text, rules=rules).render(format)
