"""Stage ``captions``: move photo captions out of the running text.

A caption is set in a wider measure than the body (it spans the picture, not the
text column), so in a hard-wrapped extraction its lines are clearly longer than the
body's. Evidence (all must hold): the document is hard-wrapped; the chunk (lines
between blank lines or page breaks) has at most ``max_lines`` lines; its lines
(leaving out the last, often short one) are at least ``min_width_ratio`` times the
body width and also longer than footnote lines (footnotes are set smaller, so their
lines are longer than the body's too: the caption must beat them by a tenth); it
does not begin like a footnote (a number and a space). Its lines become ``caption``
lines, which reflow turns into a caption block placed after the paragraph they
interrupted.

Example: body lines of ~65 characters, then a chunk of two 110-character lines
``Members of Mi Casa ... a community protest art project,`` -> a caption block.
"""

from __future__ import annotations

import re

from ..document import Document, Edit, Line
from ..layout import body_width, chunks, is_hard_wrapped, length, median_length, page_ranges
from ..rules import Rules

STAGE = "captions"

_FOOTNOTE_START = re.compile(r"^\s*(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\])\s*\S")
_MARKUP = re.compile(r"^\s*(?:#|>|\[\^)")


def footnote_width(lines: tuple[Line, ...] | list[Line], width: int) -> int:
    """The typical length of full footnote lines (lines starting with a number that
    run past the body width); the body width if there are too few to tell."""
    lengths = sorted(
        length(line)
        for line in lines
        if line.is_text and _FOOTNOTE_START.match(line.text) and length(line) > width
    )
    return lengths[len(lengths) // 2] if len(lengths) >= 2 else width


def find_captions(doc: Document, rules: Rules) -> Document:
    """Mark chunks set wider than the body and its footnotes as captions (see module doc)."""
    settings = rules.captions
    lines = list(doc.lines)
    if not is_hard_wrapped(lines):
        return doc
    width = body_width(lines)
    threshold = max(settings.min_width_ratio * width, 1.1 * footnote_width(lines, width))
    edits: list[Edit] = []
    page_chunks = [
        c for page in page_ranges(lines, doc.page_starts) for c in chunks(lines, page, ("body",))
    ]
    for chunk in page_chunks:
        size = chunk.last - chunk.first + 1
        first = lines[chunk.first].text
        if size > settings.max_lines or _FOOTNOTE_START.match(first) or _MARKUP.match(first):
            continue
        if median_length(lines, chunk) < threshold:
            continue
        for index in chunk.indexes:
            lines[index] = Line(lines[index].number, lines[index].text, "caption")
        first_number, last_number = lines[chunk.first].number, lines[chunk.last].number
        edits.append(
            Edit(
                STAGE,
                "caption",
                ((first_number, last_number),),
                " ".join(lines[i].text.strip() for i in chunk.indexes),
                "",
                f"lines of {median_length(lines, chunk):.0f} characters in a body "
                f"{width} wide: set in a caption's measure; moved to a caption block",
                0.8,
            )
        )
    return doc.with_lines(tuple(lines), edits)
