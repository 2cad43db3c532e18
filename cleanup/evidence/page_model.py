"""The page model: where a printed document's pages are and what on them is furniture.

It is computed once per document (:func:`profile`, by the pipeline, before the first
stage that needs it) and read by every stage; no stage recomputes a layout fact.
``docs/page-model.md`` tells the whole of it; in short:

**Pages.** Form feeds are the extractor's own page breaks. Without them, the pages are
found from the page numbers: lines shaped like a folio (:mod:`.folios`) whose values
rise at a regular number of lines a page. Each accepted folio, with the furniture
beside it, is a page edge; the page starts at the first text line after that edge.

**Furniture** stands only at a page edge: the first and last :data:`EDGE_LINES` text
lines of a page, the lines beside a folio, the document's first lines.

- A *page number* is a folio whose value keeps step with the pages (a ``value -
  page`` offset most pages share) or, without form feeds, a member of the regular
  chain; a folio an extractor glued to a page's last line is cut off it.
- A *running head* is a line whose text (digits, punctuation, spacing and case
  ignored) recurs at ``min_repeats`` page edges, or that a rule pattern names. A
  line is furniture only when what lies between it and the page edge is furniture
  too (section numbers and one short line may stand in a head band at the top).

A heading that opens a chapter is kept though the running head repeats its words:
on the page that opens a run of the head, an occurrence in another case or on
another side of the page is the heading. The document's first line is its title
unless the pages show it is a head.

**Measures** (of the lines that are not furniture): whether the text is hard-wrapped;
the body width, the length a full line reaches; each line's length and first word as
extracted, before any stage moves words between lines.

Example: three pages each ending ``THE REVIEW`` / ``12`` (13, 14) give two page
starts, and six furniture lines.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..document import Line
from ..layout import body_width, is_hard_wrapped
from ..rules import Rules
from .furniture import Furniture, FurnitureFinder

_FORM_FEED = "\f"
# Room a full line may leave at its end (see PageModel.room_left): a few characters,
# or a share of the width in a wide measure.
_SLACK = 3
_SLACK_SHARE = 0.06


@dataclass(frozen=True)
class PageModel:
    """What the layout of a document is (see the module doc).

    ``page_starts`` are the raw numbers of the lines that begin a page, after the
    first; ``pages`` the index ranges of the lines of each page.
    """

    page_starts: tuple[int, ...] = ()
    pages: tuple[range, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    hard_wrapped: bool = False
    body_width: int = 0
    #: each line's length as extracted (stripped) and its first word's, before any
    #: stage moved words between lines (a hyphen join)
    line_lengths: Sequence[int] = ()
    first_word_lengths: Sequence[int] = ()

    def room_left(self, index: int, following: int) -> bool:
        """Whether, as extracted, the first word of line ``following`` would have
        fitted at the end of line ``index`` in the body width (with a few characters
        of slack: proportional type makes a character count approximate). Then the
        typesetter did not break line ``index`` for want of room."""
        if not self.line_lengths or not self.body_width:
            return False
        needed = self.line_lengths[index] + 1 + self.first_word_lengths[following]
        return needed + max(_SLACK, _SLACK_SHARE * self.body_width) <= self.body_width


def profile(lines: Sequence[Line], rules: Rules) -> PageModel:
    """The page model of a document's lines (see the module doc)."""
    feeds = _form_feed_starts(lines)
    plain = [
        line.with_text(line.text.replace(_FORM_FEED, "")) if _FORM_FEED in line.text else line
        for line in lines
    ]
    finder = FurnitureFinder(plain, rules)
    if feeds:
        bounds = [0, *sorted(feeds), len(plain)]
        pages = [range(a, b) for a, b in pairwise(bounds)]
        furniture = finder.on_pages(pages)
    else:
        furniture = finder.without_pages()
        if not furniture and not finder.hard_wrapped:
            # One paragraph a line (a web article, our own output): no printed pages.
            return PageModel(pages=(range(len(plain)),), body_width=body_width(plain))
    body = [
        Line(line.number, line.text, "running_head") if i in furniture else line
        for i, line in enumerate(plain)
    ]
    width = body_width(body)
    if feeds:
        starts = set(feeds)
    else:
        starts = _starts_after_furniture(plain, furniture)
        starts |= _leading_space_starts(body, width, rules.pages.leading_space_share)
        bounds = [0, *sorted(s for s in starts if 0 < s < len(plain)), len(plain)]
        pages = [range(a, b) for a, b in pairwise(bounds)]
    # Arrays of machine integers, not tuples: two numbers a line for the whole run.
    lengths = array("I", (len(line.text.strip()) for line in plain))
    firsts = array(
        "I", (len(line.text.split(maxsplit=1)[0]) if line.text.strip() else 0 for line in plain)
    )
    return PageModel(
        line_lengths=lengths,
        first_word_lengths=firsts,
        page_starts=tuple(sorted(plain[i].number for i in starts if 0 < i < len(plain))),
        pages=tuple(pages),
        furniture=tuple(furniture[i] for i in sorted(furniture)),
        hard_wrapped=finder.hard_wrapped if not furniture else is_hard_wrapped(body),
        body_width=width,
    )


def _form_feed_starts(lines: Sequence[Line]) -> set[int]:
    """Indexes of the lines that begin a page after a form feed."""
    starts: set[int] = set()
    for index, line in enumerate(lines):
        if _FORM_FEED in line.text:
            # The page starts at this line if text follows the form feed, else at the next.
            after = line.text.rsplit(_FORM_FEED, 1)[1]
            start = index if after.strip() else index + 1
            if 0 < start < len(lines):
                starts.add(start)
    return starts


def _starts_after_furniture(lines: list[Line], furniture: dict[int, Furniture]) -> set[int]:
    """The first text line after each group of furniture (not counting furniture above
    the document's first text)."""
    starts: set[int] = set()
    in_furniture = seen_text = False
    for index, line in enumerate(lines):
        if index in furniture:
            in_furniture = seen_text
        elif line.is_text:
            if in_furniture:
                starts.add(index)
            in_furniture, seen_text = False, True
    return starts


_SINGLE_LEADING_SPACE = re.compile(r"^ \S")


def _leading_space_starts(lines: list[Line], width: int, share: float) -> set[int]:
    """Lines that begin with one space, when the extractor marks page starts that way:
    at least three such lines, at most half the text lines, and few lines indented
    further (at most ``share`` of the text lines: in layout-mode output indentation is
    everywhere). Only lines of the body's width count: a wider line is a footnote or
    a caption. ``lines``: with the furniture labelled as such."""
    text = [i for i, line in enumerate(lines) if line.is_text]
    marked = [
        i
        for i in text
        if _SINGLE_LEADING_SPACE.match(lines[i].text) and len(lines[i].text.strip()) <= 1.1 * width
    ]
    indented = sum(1 for i in text if lines[i].text.startswith("  "))
    if len(marked) < 3 or len(marked) > len(text) / 2 or indented > share * len(text):
        return set()
    return set(marked)
