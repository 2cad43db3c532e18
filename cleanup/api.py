"""The Python API: :func:`clean`, :func:`process` and :func:`process_bytes`.

They choose rules exactly as ``cleanup run`` does, so that the API and the command
line give the same text for the same input: the default rules, then every source
rule file whose ``[source]`` matches the input (by its name or its text), then the
rule files given, in order. Source rule files are looked for in ``rules_dir`` if
given, else in ``$CLEANUP_RULES_DIR``, else among the rules the package ships
(the repository's ``rules/`` folder); see :func:`cleanup.rules.default_rules_folder`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .pipeline import Pipeline
from .reader import decode
from .render import Format
from .result import Result
from .rules import Rules, RuleSet

RulesArg = Rules | RuleSet | str | Path | Sequence[str | Path] | None


def resolve_rules(
    rules: RulesArg,
    source: str = "<string>",
    text: str = "",
    rules_dir: str | Path | None = None,
) -> Rules:
    """The rules for one input, as ``cleanup run`` chooses them.

    ``rules`` is a Rules object (used as it is), a RuleSet (its rules for this source
    and text), or None, a rule file path or a list of them: the default rules, the
    source rule files of ``rules_dir`` (or the default folder) that match this
    source and text, then the given files (later wins), as ``cleanup run -r FILE``.
    """
    if isinstance(rules, Rules):
        return rules
    if isinstance(rules, RuleSet):
        return rules.for_input(source, text)
    paths = () if rules is None else (rules,) if isinstance(rules, str | Path) else rules
    folder = Path(rules_dir) if rules_dir is not None else None
    rule_set = _rule_set(folder, tuple(Path(p) for p in paths), os.environ.get("CLEANUP_RULES_DIR"))
    return rule_set.for_input(source, text)


@cache
def _rule_set(folder: Path | None, extra: tuple[Path, ...], _environment: str | None) -> RuleSet:
    """Rule files are read once per process and combination (the environment
    variable is part of the key: changing it finds the files it names)."""
    return RuleSet(folder, extra)


def process(
    text: str,
    *,
    rules: RulesArg = None,
    source: str = "<string>",
    rules_dir: str | Path | None = None,
    pipeline: Pipeline | None = None,
) -> Result:
    """Clean ``text`` and return the full result (blocks, removed text, edits).

    ``source`` names the input (a file name, a URL): messages use it, and source rule
    files match it. The rules are chosen as :func:`resolve_rules` says; the stages
    are ``pipeline``'s, or else those the rules name (``[pipeline]``: the built-in
    order unless a rule file changes it).

    Raises :class:`ConservationError` if a word of ``text`` is neither in the output nor
    accounted for by a removal or an edit (a bug in a stage, never expected).
    """
    resolved = resolve_rules(rules, source, text, rules_dir)
    return (pipeline or Pipeline.for_rules(resolved)).process(text, resolved, source)


def process_bytes(
    data: bytes,
    *,
    encoding: str | None = None,
    rules: RulesArg = None,
    source: str = "<bytes>",
    rules_dir: str | Path | None = None,
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
    resolved = resolve_rules(rules, source, decoded.text, rules_dir)
    chosen = pipeline or Pipeline.for_rules(resolved)
    return chosen.process(decoded.text, resolved, source, decoded)


def clean(
    text: str,
    *,
    format: Format = "md",
    rules: RulesArg = None,
    source: str = "<string>",
    rules_dir: str | Path | None = None,
    pipeline: Pipeline | None = None,
) -> str:
    """Clean ``text`` and return it rendered in ``format`` ("md", "text" or "json"),
    with the rules ``cleanup run`` would choose for it (see :func:`process`)."""
    result = process(text, rules=rules, source=source, rules_dir=rules_dir, pipeline=pipeline)
    return result.render(format)
