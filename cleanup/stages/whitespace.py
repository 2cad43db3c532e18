"""Stage ``whitespace``: tidy spacing inside blocks (the last stage).

Runs of spaces and tabs collapse to one space; a block has no leading or trailing
space; a space left before closing punctuation by a line join is kept (it may be the
author's). A code block keeps its spacing (a listing's indentation). Line ends and
blank lines are the renderer's business.

Example: ``"itself  has come"`` -> ``"itself has come"``.
"""

from __future__ import annotations

import re

from ..document import Block, Document, Edit
from ..rules import Rules
from ..snippets import changed_region

STAGE = "whitespace"

_RUNS = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")


def tidy_whitespace(doc: Document, rules: Rules) -> Document:
    """Collapse runs of spaces and strip blocks (see module doc)."""
    edits: list[Edit] = []
    out: list[Block] = []
    for block in doc.require_blocks():
        if block.kind == "code":
            out.append(block)  # a listing's spaces are the author's (indentation)
            continue
        text = _RUNS.sub(" ", block.text).strip()
        if text != block.text:
            count = len(_RUNS.findall(block.text))
            if count:
                before, after = changed_region(block.text, text, context=8)
                edits.append(
                    Edit(
                        STAGE,
                        "collapse-spaces",
                        block.lines,
                        before,
                        after,
                        f"{count} run(s) of spaces or tabs made single spaces",
                    )
                )
            block = Block(block.kind, text, block.lines, level=block.level, number=block.number)
        out.append(block)
    return doc.with_blocks(tuple(out), edits)
