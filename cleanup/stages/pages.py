"""Stage ``pages``: remove the page furniture the page model found; record page breaks.

A PDF extraction is a sequence of pages, each with furniture (running heads, page
numbers) that is not the author's text. The page model (:mod:`cleanup.evidence.page_model`,
computed once per document) decides from the document's own evidence which lines are
furniture and where pages start: form feeds, page numbers that keep step with the
pages, lines that recur at the edges of many pages. This stage carries those decisions
out: it takes the form feeds out of the lines (an edit each), relabels furniture lines
``running_head`` or ``page_number`` and moves their text to ``removed``, each with an
edit that gives the model's reason.

Example: ``"...end of page\\n\\nTHE REVIEW\\n\\n71\\n\\nnext page..."`` (with the same
head and rising numbers on other pages) -> the head and the number are removed, and
``next page`` starts a page.
"""

from __future__ import annotations

from ..document import Document, Edit, Line, Removed
from ..rules import Rules
from ..snippets import changed_region

STAGE = "pages"

_FORM_FEED = "\f"


def find_pages(doc: Document, rules: Rules) -> Document:
    """Remove the furniture the page model found (see module doc)."""
    model = doc.require_layout()
    lines = list(doc.lines)
    edits: list[Edit] = []
    removed: list[Removed] = []
    for index, line in enumerate(lines):
        if _FORM_FEED not in line.text:
            continue
        text = line.text.replace(_FORM_FEED, "")
        lines[index] = line.with_text(text)
        span = ((line.number, line.number),)
        edits.append(
            Edit(STAGE, "form-feed", span, line.text, text, "a form feed marks a page break")
        )
    for furniture in model.furniture:
        line = lines[furniture.index]
        span = ((line.number, line.number),)
        if furniture.start:  # a folio glued to the line's end: the line stays
            text = line.text[: furniture.start] + "-"
            lines[furniture.index] = line.with_text(text)
            removed.append(Removed(furniture.kind, line.text[furniture.start :].strip(), span))
            before, after = changed_region(line.text, text)
            edits.append(
                Edit(
                    STAGE,
                    "glued-page-number",
                    span,
                    before,
                    after,
                    furniture.reason,
                    furniture.confidence,
                )
            )
            continue
        lines[furniture.index] = Line(line.number, line.text, furniture.kind)
        removed.append(Removed(furniture.kind, line.text.strip(), span))
        edits.append(
            Edit(
                STAGE,
                furniture.kind.replace("_", "-"),
                span,
                line.text.strip(),
                "",
                furniture.reason,
                furniture.confidence,
            )
        )
    return doc.with_lines(tuple(lines), edits, removed)
