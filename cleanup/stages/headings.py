"""Stage ``headings``: recognise titles and section headings that carry no markup.

Web extractions lose heading tags and leave a heading as a short line of its own.
Evidence for a section heading (all must hold): the block stands between blank
lines as a paragraph of its own; it is at most ``max_chars`` long; it does not end
like a sentence (``.!?:;,``); it starts with a capital or a digit; it holds a letter
(a bare number is a page number, a year or a figure); it has no comma (unless
``allow_comma``); and a real paragraph follows it (a long block or one that
ends a sentence), so that a signature (``International Communist Party`` /
``June, 18th 2021``) is not taken for one; or another heading follows (a part
title over a chapter title). A line with an e-mail or web address is an author's
or a site's line, and a contents entry (dot leaders) names a heading: neither is
one. A heading the document's own contents list (the same words as an entry,
leader and page number aside) is sure; the others rest on shape alone. The
document's first block, when it
stands alone and is at most ``title_max_chars`` long, is the title (``#``), unless
the document already has a ``#`` heading. A decision on shape alone is logged
with a moderate confidence. The evidence is the block's text, its neighbours and
the document's contents only (not how many raw lines it came from), so cleaning
clean text, which keeps the contents, decides the same way.

Footnotes are then placed at the end of the article they belong to (see
:func:`cleanup.placement.place_notes`).

An **epigraph** is a paragraph wholly in quotation marks followed by a short
attribution that starts with a dash (``“...the movement is confronted with ...”`` /
``- Declaration of the Revolutionary Internationalist Movement``): both become quote
blocks.

Example: ``"A key question"`` between two paragraphs -> ``## A key question``.
"""

from __future__ import annotations

import re

from .. import markup
from ..document import Block, Document, Edit
from ..evidence.page_model import PageModel
from ..placement import place_notes
from ..rules import Rules
from ..textutil import ends_sentence, has_dot_leader

STAGE = "headings"


def _looks_like_heading(block: Block, limit: int, allow_comma: bool, marks: str) -> bool:
    text = block.text
    if block.kind != "paragraph" or len(text) > limit:
        return False
    opening = text[1:2] if text[:1] == "(" else text[:1]  # "(A) Feudal Socialism"
    if ends_sentence(text, marks + ",") or not (opening.isupper() or opening.isdigit()):
        return False
    if not any(char.isalpha() for char in text):
        return False  # a bare number ("12", "1917"): a page number or a figure
    if _ADDRESS.search(text):
        return False  # an author's or a site's line: ``Ann Smith <ann@example.org>``
    if has_dot_leader(text):
        return False  # a contents entry names a heading; it is none
    return allow_comma or "," not in text


#: An e-mail address or a web address: a line holding one is an author's, a
#: maintainer's or a site's line, not a heading.
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:https?|ftp)://|\bwww\.\w")


def _listed(block: Block, layout: PageModel) -> bool:
    """Whether a paragraph (or a list's item) of one line is a title the document's
    contents list."""
    return (
        block.kind in ("paragraph", "list_item")
        and "\n" not in block.text
        and (layout.listed(block.text))
    )


def _is_body(block: Block, limit: int, marks: str) -> bool:
    """A block a heading can stand over: a real paragraph, list or quote."""
    if block.kind in ("list_item", "quote") or has_dot_leader(block.text):
        return True  # (a contents entry: the heading is the contents')
    return block.kind == "paragraph" and (
        len(block.text) > limit or ends_sentence(block.text, marks)
    )


def mark_headings(doc: Document, rules: Rules) -> Document:
    """Turn standalone short lines into headings (see module doc)."""
    settings = rules.headings
    marks = rules.reflow.sentence_end
    blocks = list(doc.require_blocks())
    edits: list[Edit] = []
    has_title = any(b.kind == "heading" and b.level == 1 for b in blocks)
    layout = doc.layout
    # From the end backwards, so that a heading over another heading (a part title
    # over a chapter title) sees the one below it already decided.
    for index in range(len(blocks) - 2, -1, -1):
        block, following = blocks[index], blocks[index + 1]
        if index == 0 and not has_title:
            if _looks_like_heading(block, settings.title_max_chars, True, marks):
                blocks[0] = Block("heading", block.text, block.lines, level=1)
                edits.append(
                    Edit(
                        STAGE,
                        "title",
                        block.lines,
                        block.text,
                        markup.write_heading(1, block.text),
                        "the document's first line stands alone and does not end like a sentence",
                        0.7,
                    )
                )
            continue
        # A title the contents list may read as a list's item (``1. Introduction``).
        listed = layout is not None and _listed(block, layout)
        shaped = listed or _looks_like_heading(
            block, settings.max_chars, settings.allow_comma, marks
        )
        if shaped and (
            _is_body(following, settings.max_chars, marks)
            or (following.kind == "heading" and following.level == 2)
        ):
            blocks[index] = Block("heading", block.text, block.lines, level=2)
            edits.append(
                Edit(
                    STAGE,
                    "listed-heading" if listed else "section-heading",
                    block.lines,
                    block.text,
                    markup.write_heading(2, block.text),
                    "a short standalone line without final punctuation, before a paragraph"
                    + (", and the document's contents list it" if listed else ""),
                    0.95 if listed else 0.7,
                )
            )
    edits.sort(key=lambda edit: edit.lines)  # found from the end: list them in reading order
    _mark_epigraphs(blocks, edits, settings.max_chars)
    return doc.with_blocks(place_notes(blocks), edits)


_QUOTED = re.compile(r"^[“\"].*[”\"](?:\[\^\d+\])?$", re.S)
_ATTRIBUTION = re.compile(r"^[-–—]\s*\S")


def _mark_epigraphs(blocks: list[Block], edits: list[Edit], limit: int) -> None:
    """Turn a quoted paragraph and the dash-led attribution after it into quotes."""
    for index in range(len(blocks) - 1):
        quote, source = blocks[index], blocks[index + 1]
        if quote.kind != "paragraph" or source.kind not in ("paragraph", "list_item"):
            continue
        if not _QUOTED.match(quote.text) or not _ATTRIBUTION.match(source.text):
            continue
        if len(source.text) > limit:
            continue
        for position, block in ((index, quote), (index + 1, source)):
            blocks[position] = Block("quote", block.text, block.lines)
            edits.append(
                Edit(
                    STAGE,
                    "epigraph",
                    block.lines,
                    block.text,
                    f"> {block.text}",
                    "a paragraph in quotation marks with a dash-led attribution after it: "
                    "an epigraph",
                    0.8,
                )
            )
