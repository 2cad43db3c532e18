"""cleanup: turn raw text extracted from PDFs and web pages into clean, faithful text.

>>> import cleanup
>>> print(cleanup.clean("A few previ-\\nously existing groups attendedthe meeting.\\n"), end="")
A few previously existing groups attended the meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .batch import BatchError, clean_batch
from .document import Block, Document, Edit, Line, Removed
from .pipeline import STAGES, Pipeline, Stage, StageError, StageFunction
from .reader import InputError, decode
from .render import FORMATS, Format, render, to_json
from .result import ConservationError, Result
from .rules import Rules, RulesError, RuleSet, default_rules, load_rules

__all__ = [
    "FORMATS",
    "STAGES",
    "BatchError",
    "Block",
    "ConservationError",
    "Document",
    "Edit",
    "InputError",
    "Line",
    "Pipeline",
    "Removed",
    "Result",
    "RuleSet",
    "Rules",
    "RulesError",
    "Stage",
    "StageError",
    "StageFunction",
    "clean",
    "clean_batch",
    "load_rules",
    "process",
    "process_bytes",
    "render",
    "resolve_rules",
    "to_json",
]

__version__ = "0.1.0"

RulesArg = Rules | RuleSet | str | Path | Sequence[str | Path] | None


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


def process(
    text: str,
    *,
    rules: RulesArg = None,
    source: str = "<string>",
    pipeline: Pipeline | None = None,
) -> Result:
    """Clean ``text`` and return the full result (blocks, removed text, edits).

    The stages are ``pipeline``'s, or else those the rules name (``[pipeline]``: the
    built-in order unless a rule file changes it).

    Raises :class:`ConservationError` if a word of ``text`` is neither in the output nor
    accounted for by a removal or an edit (a bug in a stage, never expected).
    """
    resolved = resolve_rules(rules, source, text)
    return (pipeline or Pipeline.for_rules(resolved)).process(text, resolved, source)


def process_bytes(
    data: bytes,
    *,
    encoding: str | None = None,
    rules: RulesArg = None,
    source: str = "<bytes>",
    pipeline: Pipeline | None = None,
) -> Result:
    """Decode ``data`` and clean it, as ``cleanup run`` does with a file.

    UTF-8 and UTF-16 with a byte order mark are read as they are; ``encoding`` forces
    one; otherwise the encoding charset-normalizer detects is used and recorded as a
    doubtful edit (stage "read", rule "encoding"). Raises :class:`InputError` for a
    PDF, an image, an archive or other binary data, with what to do instead.

    >>> result = process_bytes("Café prices rose.\\n".encode("cp1252"))
    >>> result.blocks[0].text, result.edits[0].reason.endswith("detected cp1252")
    ('Café prices rose.', True)
    """
    decoded = decode(data, source, encoding)
    resolved = resolve_rules(rules, source, decoded.text)
    chosen = pipeline or Pipeline.for_rules(resolved)
    return chosen.process(decoded.text, resolved, source, decoded)


def clean(
    text: str, *, format: Format = "md", rules: RulesArg = None, pipeline: Pipeline | None = None
) -> str:
    """Clean ``text`` and return it rendered in ``format`` ("md", "text" or "json")."""
    return process(text, rules=rules, pipeline=pipeline).render(format)
