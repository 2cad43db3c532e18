"""Where footnote blocks go: at the end of the article they belong to."""

from __future__ import annotations

from .document import Block
from .inline import reference_numbers


def place_notes(blocks: list[Block]) -> tuple[Block, ...]:
    """Put each article's footnotes at the end of that article.

    Footnote numbers restart with each article of a journal issue, so one list of
    footnotes at the end would repeat labels. A new article shows where references
    restart (``[^1]`` again); its boundary is the article's ``#`` title if one stands
    after the last reference, else the paragraph where references restart, together
    with the headings and quotes right before it (its section head, an epigraph).
    The footnotes, split where their numbers restart, go at the end of the article
    whose turn it is; any left over go at the end of the document.
    """
    notes = [b for b in blocks if b.kind == "footnote"]
    body = [b for b in blocks if b.kind != "footnote"]
    if not notes:
        return tuple(blocks)
    runs: list[list[Block]] = []
    for note in notes:
        if not runs or (note.number == 1 and runs[-1]):
            runs.append([])
        runs[-1].append(note)
    cuts: list[int] = []  # indexes in ``body`` where a new article begins
    seen: set[int] = set()
    last_title = last_reference = 0
    for index, block in enumerate(body):
        if block.kind == "heading" and block.level == 1:
            last_title = index
        numbers = reference_numbers(block.text)
        if numbers and numbers[0] in seen and numbers[0] == 1:
            cut = index
            while cut - 1 > last_reference and body[cut - 1].kind in ("quote", "heading"):
                cut -= 1
            cuts.append(last_title if last_title > last_reference else cut)
            seen = set()
        if numbers:
            seen.update(numbers)
            last_reference = index
    out: list[Block] = []
    start = 0
    for position, cut in enumerate([*cuts, len(body)]):
        out.extend(body[start:cut])
        if position < len(runs):
            out.extend(runs[position])
        start = cut
    for run in runs[len(cuts) + 1 :]:
        out.extend(run)
    return tuple(out)
