"""Stage ``side_text``: put footnotes and captions where the rules ask, or drop them.

Footnotes and photo captions stand beside the running text. Earlier stages already
moved them out of it: a caption goes after the paragraph it interrupted, and each
article's footnotes go at its end. That is the default, and then this stage does
nothing. The ``[side_text]`` rules choose otherwise, for readers or for tools that
want the running text alone:

- ``captions = "end"`` gathers every caption at the end of the document, in order;
  ``"drop"`` removes them. Figures drawn in text (``figure`` blocks: a plot's tick
  labels) go with the captions.
- ``footnotes = "drop"`` removes the footnotes and the references to them
  (``the US.[^2]`` -> ``the US.``).

Nothing is lost unaccounted: every dropped block is a ``removed`` entry and an edit,
and every moved caption an edit (``before == after``).

Example, with ``captions = "end"``: ``[paragraph, caption, paragraph]`` ->
``[paragraph, paragraph, caption]``.
"""

from __future__ import annotations

from ..document import Block, Document, Edit, Removed
from ..markup import REFERENCE
from ..rules import Rules

STAGE = "side_text"


def place_side_text(doc: Document, rules: Rules) -> Document:
    """Move or drop caption and footnote blocks (see module doc)."""
    captions, footnotes = rules.side_text.captions, rules.side_text.footnotes
    blocks = doc.require_blocks()
    if captions == "in_place" and footnotes == "article_end":
        return doc
    edits: list[Edit] = []
    removed: list[Removed] = []
    kept: list[Block] = []
    moved: list[Block] = []
    for block in blocks:
        if block.kind in ("caption", "figure") and captions == "drop":
            removed.append(Removed(block.kind, block.text, block.lines))
            edits.append(_edit("drop-caption", block, "", "captions are dropped ([side_text])"))
        elif block.kind in ("caption", "figure") and captions == "end":
            moved.append(block)
            edits.append(
                _edit(
                    "caption-to-end",
                    block,
                    block.text,
                    "captions go at the end of the document ([side_text])",
                )
            )
        elif block.kind == "footnote" and footnotes == "drop":
            text = block.text if block.number is None else f"{block.number} {block.text}"
            removed.append(Removed("footnote", text, block.lines))
            edits.append(_edit("drop-footnote", block, "", "footnotes are dropped ([side_text])"))
        elif footnotes == "drop" and REFERENCE.search(block.text):
            kept.append(_without_references(block, edits))
        else:
            kept.append(block)
    return doc.with_blocks((*kept, *moved), edits, removed)


def _edit(rule: str, block: Block, after: str, reason: str) -> Edit:
    return Edit(STAGE, rule, block.lines, block.text, after, reason)


def _without_references(block: Block, edits: list[Edit]) -> Block:
    """The block without its footnote references, one edit per reference."""
    for found in REFERENCE.finditer(block.text):
        start = max(0, found.start() - 20)
        before = block.text[start : found.end() + 10]
        edits.append(
            Edit(
                STAGE,
                "drop-reference",
                block.lines,
                before,
                before[: found.start() - start] + before[found.end() - start :],
                "the footnote it points to is dropped ([side_text])",
            )
        )
    text = REFERENCE.sub("", block.text)
    return Block(block.kind, text, block.lines, level=block.level, number=block.number)
