"""Stage ``boilerplate``: remove site furniture from web extractions.

What it removes, and from what evidence (both lists live in ``[boilerplate]`` of the
rules, never in code):

- lines that match one of the ``lines`` patterns as a whole (``Share this:``);
- a site's closing section: a line that is one of the ``tail_headings``
  (``Recent Articles``), standing alone, followed by nothing but short lines (a list of
  links) up to the end of the document. If a long line follows, the heading is
  probably the author's own and everything is kept.

Every removed line goes to ``removed`` (kind ``boilerplate``) with an edit saying why.

Example: ``"...the war.\\n\\nRecent Articles\\n"`` -> ``"...the war.\\n"``.
"""

from __future__ import annotations

import re

from ..document import Document, Edit, Line, Removed
from ..rules import Rules

STAGE = "boilerplate"

_DECORATION = re.compile(r"^[#>*_\s]+|[*_:\s]+$")


def _bare(text: str) -> str:
    """The line without markdown decoration, trailing colon and case: ``## Read more:`` ->
    ``read more``."""
    return _DECORATION.sub("", text).lower()


def _tail_start(lines: tuple[Line, ...], rules: Rules) -> int | None:
    """Index of the line that opens a closing boilerplate section, if there is one."""
    settings = rules.boilerplate
    headings = {h.lower() for h in settings.tail_headings}
    text_indexes = [i for i, line in enumerate(lines) if line.is_text]
    # Only the last few text lines can hold the section; look at them from the end.
    for position in range(len(text_indexes) - 1, -1, -1):
        after = len(text_indexes) - 1 - position
        if after > settings.tail_max_lines:
            return None
        index = text_indexes[position]
        if _bare(lines[index].text) not in headings:
            continue
        previous = lines[index - 1] if index > 0 else None
        if previous is not None and previous.is_text:
            return None  # not standing alone: part of a paragraph
        following = [lines[i].text for i in text_indexes[position + 1 :]]
        if all(len(text.strip()) <= settings.tail_max_chars for text in following):
            return index
        return None
    return None


def remove_boilerplate(doc: Document, rules: Rules) -> Document:
    """Remove furniture lines and a closing links section (see module doc)."""
    patterns = rules.boilerplate_patterns
    lines = list(doc.lines)
    edits: list[Edit] = []
    removed: list[Removed] = []

    def drop(index: int, rule: str, reason: str) -> None:
        line = lines[index]
        span = ((line.number, line.number),)
        removed.append(Removed("boilerplate", line.text.strip(), span))
        edits.append(Edit(STAGE, rule, span, line.text.strip(), "", reason))
        lines[index] = Line(line.number, line.text, "boilerplate")

    for index, line in enumerate(lines):
        if not line.is_text:
            continue
        stripped = line.text.strip()
        for pattern in patterns:
            if pattern.fullmatch(stripped):
                drop(index, "line-pattern", f"matches boilerplate pattern {pattern.pattern!r}")
                break

    start = _tail_start(tuple(lines), rules)
    if start is not None:
        heading = lines[start].text.strip()
        for index in range(start, len(lines)):
            if lines[index].is_text:
                drop(
                    index,
                    "closing-section",
                    f"closing site section opened by {heading!r}: only short lines follow",
                )
    return doc.with_lines(tuple(lines), edits, removed)
