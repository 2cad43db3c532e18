"""Page furniture: which lines at the edges of a document's pages are running heads,
feet and page numbers, and why (``docs/page-model.md`` tells the rules).

:class:`FurnitureFinder` looks at a document's lines once: on known pages
(:meth:`FurnitureFinder.on_pages`, from form feeds) or, without them, around a
regular rising chain of folios (:meth:`FurnitureFinder.without_pages`). The page
model (:mod:`.page_model`) calls it and keeps what it finds.

Example: on three pages that each end ``THE REVIEW`` / ``12`` (13, 14), the heads
recur at three page edges and the numbers keep step with the pages: six furniture
lines.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from ..document import Line
from ..layout import SECTION_NUMBER, WIDEST_MEASURE, opens_with_caption_label
from ..rules import Rules
from ..textutil import has_dot_leader
from .folios import ABBREVIATION_END, NUMBERING_END, Folio, parse_folio, parse_glued_folio

#: How many text lines at each end of a page (or beside a folio) may be furniture: a
#: head of up to three lines (name, version, date) and the folio.
EDGE_LINES = 4
# A page number that keeps step with the pages, on a page without one at its edges,
# may stand this many text lines from the page's end (what the extractor wrote after
# it: a caption, a note).
_NEAR_EDGE_LINES = 8
# A page holds at least this many lines: folios closer than that are no page edges.
_MIN_LINES_PER_PAGE = 4
# ...and at most this many (a page of small type in two columns holds about 150, and
# an extractor may write a listing on it a token a line).
_MAX_LINES_PER_PAGE = 400
# Without form feeds, a folio is chained to one of the last lines that print each of
# the values a page to this many pages below its own (pages without a folio between:
# a chapter's first, plates, an article's pages whose folios the extractor glued)...
_CHAIN_STEPS = 40
# ...this many lines a value: a file of numbers only must not cost the square of its
# length, and a code listing's or a table's numbers between two folios must not hide
# the first from the second.
_CHAIN_SAME_VALUE = 8
# A line printed word for word on this share of the pages, wherever it stands, is a
# stamp on every page (a draft's date).
_STAMP_SHARE = 0.5
# A running head stands on every page of its run, or every other one (less its
# chapter's first page, a plate): a line at the edges of fewer than this share of
# the pages it spans stands where the text puts it (a chapter's ``CHAPTER`` label on
# its first page, a table's ``(continued on next page)``, a box's ``NOTE``).
_HEAD_DENSITY = 0.4
# Folios that keep one offset from the page on this many pages in a row are folios.
_FOLIO_RUN = 4
# A document prints its heads beside its folios, on a side, as a habit when this
# share of the folios with a line on that side (on their page) have a recurring head
# there; fewer (two at least) are as likely chance.
_BESIDE_HABIT = 0.3
#: A line of a block of text that the document prints on several pages holds this
#: many letters at least (a sentence's words); a head's word alone holds fewer.
_BLOCK_LINE_LETTERS = 15
_DIGITS = re.compile(r"\d+")
# A call in code: a method's (``canvas.move(1, 2)``), or a name of two letters or more,
# the second in lower case, and then its arguments' first letter, several arguments,
# or none (``place(canvas)``, ``fn(1, 2)``, ``run()``); not a plural's ``(s)``, not a
# manual page's section (``LS(1)``, ``printf(3p)``), not a chord's glyphs (``A7(Sus)``).
_CALL = re.compile(r"[^\W\d]\w*\.[^\W\d][\w.]*\(|[^\W\d][a-z_][\w.]*\((?!s\))(?:[^\W\d]|\)|[^)]*,)")
_NOT_MARKS = re.compile(r"[\w\s]+")
_IN_PARENTHESES = re.compile(r"\(\s*\d+\s*\)")
_SPACES = re.compile(r"\s{2,}")
_LETTERS = re.compile(r"[^\W\d_]")
_INITIALS = re.compile(r"^(?:[^\W\d_]\s?\.\s?)+$")
# A line in letter-spaced type: characters one by one (``t h e r e v i e w``).
_LETTER_SPACED = re.compile(r"^(?:\S ){4,}\S$")
_DOT_LEADER_AND_AFTER = re.compile(r"\s*(?:\.\s?){4,}.*$")
# A caption's label: a word, then a number (``Table 10:``, ``Fig. 4``, ``Plate V``).
_SECTION_TITLE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[^\W\d_]")
# What a head's key leaves out (str.translate is many times faster than a regular
# expression, and the key is taken of every short line): ASCII digits, punctuation
# and spaces, and the punctuation and spaces of print.
_NOT_IN_KEY = dict.fromkeys(
    map(ord, string.digits + string.punctuation + string.whitespace + "’‘“”—–·•…«»„‚¡¿ \u00a0")
)

FurnitureKind = Literal["running_head", "page_number"]

_GLUED_REASON = (
    ", glued to the line's last word where the extractor dropped the line-end hyphen (restored)"
)


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line the page model takes for page furniture, and why. ``start`` > 0: only
    the line's text from that character on is furniture (a folio glued to the end of
    a line), and the line lost a hyphen there (see :func:`.folios.parse_glued_folio`)."""

    index: int
    kind: FurnitureKind
    reason: str
    confidence: float
    start: int = 0


def head_key(text: str) -> str:
    """What two running heads share: the text without digits, punctuation, spacing
    and case (``CHAPTER 3. GRAPHICS`` and ``Chapter 4: Graphics`` share one).

    >>> head_key("CHAPTER 3. GRAPHICS") == head_key("Chapter 4: Graphics")
    True
    """
    return text.translate(_NOT_IN_KEY).casefold()


@dataclass(frozen=True)
class _Occurrence:
    """A candidate line at a page edge: where it stands and in what form."""

    index: int
    page: int  # the page's number in order (form feeds) or its edge's (folios)
    side: int  # 1 at the top of a page, -1 at the bottom, 0 beside a folio
    key: str
    form: tuple[bool, bool]  # (all capitals, printed with a folio)


_KeyForms = tuple[Counter[tuple[bool, bool]], Counter[int], dict[int, list[_Occurrence]]]


class FurnitureFinder:
    """The furniture of one document's lines: :meth:`on_pages` where form feeds give
    the pages, :meth:`without_pages` where the folios must."""

    def __init__(self, lines: list[Line], rules: Rules, contents: frozenset[int]) -> None:
        self.lines = lines
        self.settings = rules.pages
        self.caption_labels = frozenset(w.casefold() for w in rules.captions.label_words)
        self.patterns = rules.running_head_patterns
        self.first_text = next((i for i, line in enumerate(lines) if line.is_text), -1)
        #: heads whose text the page before (or the one before it) has too
        self.continuing: set[int] = set()
        #: keys of lines that recur at page edges too far apart to be a head
        self.scattered: set[str] = set()
        #: lines that print a head's text where they open its run: headings
        self.openings: set[int] = set()
        #: of those, the copies of a head under it at a page's edge (its title)
        self.extra_copies: set[int] = set()
        self._candidates = [self._may_be_furniture(line) for line in lines]
        # A contents entry repeats a head's words, and is text: never furniture, but
        # where it stands at a page's edge it counts as one of the head's places (a
        # chapter's title that the contents print, on a chapter of two pages).
        self._contents_entries = frozenset(i for i in contents if self._candidates[i])
        for index in contents:
            self._candidates[index] = False
        self.folios: dict[int, Folio] = {}
        for index, line in enumerate(lines):
            folio = parse_folio(line.text) if self._candidates[index] else None
            if folio is None or folio.head:
                # A folio glued to the last word reads as one printed with a head
                # too ("...sexual priviPage 185"): glued, it is.
                glued = parse_glued_folio(line.text) if line.is_text else None
                folio = glued or folio
            if folio is not None:
                self.folios[index] = folio
        self._folio_heads = Counter(head_key(f.head) for f in self.folios.values() if f.head)
        self._key_forms: dict[str, _KeyForms] = {}
        self._lines_of_key: dict[str, list[int]] | None = None
        self._contents_keys: Counter[str] | None = None
        #: the page of each line, where form feeds give the pages
        self._line_page: list[int] | None = None
        #: the folio that each page's lines beside a folio stand beside
        self._folio_of_page: dict[int, int] = {}

    def _candidate(self, index: int) -> bool:
        """A line that may be furniture (see :meth:`_may_be_furniture`)."""
        return self._candidates[index]

    def _counted(self, index: int) -> bool:
        """A line that counts as a place of the text it prints, at a page's edge: a
        candidate, or a contents entry (see :meth:`__init__`)."""
        return self._candidates[index] or index in self._contents_entries

    def _may_be_furniture(self, line: Line) -> bool:
        """Short text, not a caption's label line (``Table 10:
        Operators (continued)``, by the rules' caption ``label_words``), without
        marks of code (:func:`_code_marks`), not ending like a sentence part or a
        note (``Ibid., 229.``; an abbreviation, a word for a lost number or
        letter-spaced type may end it: ``No.``, ``the review no.``). A
        line that reads as markdown may be: a letter-spaced issue number ``# 1 2``
        heads pages as any head does. (Nor a contents entry: the page model's
        contents lines are left out in :meth:`__init__`.)"""
        if not line.is_text:
            return False
        text = line.text.strip()
        # Measured with runs of spaces as one: layout-mode output spaces a head and
        # its folio across the page.
        limit = self.settings.max_chars
        if len(text) > limit and len(_SPACES.sub(" ", text)) > limit:
            return False
        if self._labels_a_caption(text):
            return False  # (a table continued over pages repeats its caption: text)
        if _code_marks(text):
            return False  # (a listing's line that chance puts at a few page edges)
        # A title ending in an ellipsis, initials (``j .``, a letter-spaced head's
        # first line), an abbreviation (``Vol. 3, No.``, ``the review no.``: its
        # number lost) or letter-spaced (``t h e r e v i e w n o .``) end in a full
        # stop and are no sentence.
        return (
            text[-1] not in ".;,"
            or text.endswith(("...", ". . ."))
            or bool(
                _INITIALS.match(text)
                or ABBREVIATION_END.search(text)
                or NUMBERING_END.search(text)
                or _LETTER_SPACED.match(text)
            )
        )

    def _labels_a_caption(self, text: str) -> bool:
        """Whether a line opens with a caption's label (``Table 10: ...``)."""
        return opens_with_caption_label(text, self.caption_labels, marked=False)

    # -- with form feeds ------------------------------------------------------------

    def on_pages(self, pages: list[range]) -> dict[int, Furniture]:
        """Furniture at the edges of known pages."""
        line_pages = self._line_page = _line_pages(pages, len(self.lines))
        tops: list[list[int]] = []
        bottoms: list[list[int]] = []
        inward: list[tuple[list[int], list[int]]] = []  # each page's lines from each edge
        for page in pages:
            texts = [i for i in page if self.lines[i].is_text]
            top = min(EDGE_LINES, (len(texts) + 1) // 2)  # the zones of a short page
            tops.append(texts[:top])  # do not overlap
            bottoms.append(texts[top:][::-1][:EDGE_LINES])
            # (Deep enough for a head a word to a line, short of the other edge's zone.)
            top_zone, bottom_zone = set(tops[-1]), set(bottoms[-1])
            inward.append(
                (
                    [i for i in texts[: 2 * EDGE_LINES] if i not in bottom_zone],
                    [i for i in texts[::-1][: 2 * EDGE_LINES] if i not in top_zone],
                )
            )
        numbers = self._numbers_by_offset(
            [(p, i) for p, zone in enumerate(tops) for i in zone]
            + [(p, i) for p, zone in enumerate(bottoms) for i in zone]
        )
        inner = self._inner_numbers(pages, numbers)
        for index in inner:
            numbers[index] = Furniture(
                index,
                "page_number",
                "page number inside the page's text (where the extractor wrote it), keeping "
                "step with the pages: set apart by its dashes, beside a recurring head, or a few "
                "lines from the page's edge",
                0.85,
            )
        # Beside each folio, the lines of its furniture group (inside the page, where
        # the extractor wrote the group there).
        page_of = {i: p for p, page in enumerate(pages) for i in page if i in numbers}
        sides = {
            n: [self._side_of(n, step, pages[p]) for step in (-1, 1)] for n, p in page_of.items()
        }
        folios_on = Counter(page_of.values())
        self._folio_of_page = {p: n for n, p in page_of.items() if folios_on[p] == 1}
        occurrences = [
            self._occurrence(i, p, side)
            for side, zones in ((1, tops), (-1, bottoms))
            for p, zone in enumerate(zones)
            for i in zone
            if self._counted(i)
        ] + [
            self._occurrence(i, page_of[n], 0)
            for n, around in sides.items()
            for side in around
            for i in side
            if self._counted(i) and i not in numbers
        ]
        # A head whose run a heading opened on the page before (or the one before it),
        # the chapter's title printed in the body there, goes on from it.
        after_heading = {
            o.index
            for o in occurrences
            if o.page >= 1
            and self._printed_between(o.key, pages[max(0, o.page - 2)].start, pages[o.page].start)
        }
        heads = self._recurring(occurrences, numbers, after_heading)
        found: dict[int, Furniture] = {}
        for zone in tops:
            self._from_edge(zone, numbers, heads, found, head_band=True)
        for zone in bottoms:
            self._from_edge(zone, numbers, heads, found)
        for edge in (0, 1):
            self._stacks_past_the_zone([lines[edge] for lines in inward], found)
        for index, around in sides.items():
            found[index] = numbers[index]
            for side in around:
                self._from_edge(side, numbers, heads, found, skips=2)
        self._heads_beside_numbers(found, line_pages)
        edges = {i for zone in tops + bottoms for i in zone}
        self._stamps(pages, line_pages, edges, found)
        self._heads_out_of_place(pages, line_pages, found)
        self._heads_inside_a_run(line_pages, found)
        return found

    def _stacks_past_the_zone(
        self,
        inward: list[list[int]],
        found: dict[int, Furniture],
        parities: list[int] | None = None,
    ) -> None:
        """A head stack deeper than the edge zone (a head written a word to a line:
        ``I V :`` / ``O B S E R V A T I O N S`` / ``O N`` / ``T H E`` / ``S T A T E``):
        where the lines from a page's edge are all furniture so far, the next line
        is the head's too if its text stands at that depth under such a stack on
        ``min_repeats`` pages and on half of them (recto and verso pages counted
        apart); and so on, inward. ``inward``:
        each page's lines from one edge, short of the other edge's zone (without
        pages: each folio and the lines on one side of it, ``parities`` then telling
        recto from verso by the folio's value: a page without a folio shifts the
        count)."""
        depth = EDGE_LINES
        frontier = [
            p
            for p, lines in enumerate(inward)
            if len(lines) > depth and all(i in found for i in lines[:depth])
        ]
        while frontier and depth < 2 * EDGE_LINES:
            # (Counted on recto and verso pages apart: each carries its own head.)
            side_of = parities or [p % 2 for p in range(len(inward))]
            keys = Counter(
                (self._key(inward[p][depth]), side_of[p])
                for p in frontier
                if inward[p][depth] not in found
            )
            sides = Counter(side_of[p] for p in frontier)
            common = {
                key
                for (key, parity), n in keys.items()
                if n >= self.settings.min_repeats
                and 2 * n >= sides[parity]
                # (Words, or a number printed alike on all those pages: the head's
                # issue number, ``t h e`` / ``q u a r t e r l y`` / ``|`` / ``n u m b
                # e r`` / ``40``; a folio changes from page to page.)
                and (_LETTERS.search(key) or key.startswith("="))
            }
            deeper = []
            for p in frontier:
                index = inward[p][depth]
                if index in found:  # (taken already, by the zone's own rules)
                    if len(inward[p]) > depth + 1:
                        deeper.append(p)
                    continue
                key = self._key(index)
                if key not in common or key in self.scattered or not self._candidate(index):
                    continue  # (``CHAPTER`` on each chapter's first page: too scattered)
                found[index] = Furniture(
                    index,
                    "running_head",
                    f"under a stack of furniture at a page edge, a line printed at that place "
                    f"on {sum(n for (k, _), n in keys.items() if k == self._key(index))} "
                    "pages: the head goes on",
                    0.8,
                )
                if len(inward[p]) > depth + 1:
                    deeper.append(p)
            frontier, depth = deeper, depth + 1

    def _heads_inside_a_run(self, line_pages: list[int], found: dict[int, Furniture]) -> None:
        """A chapter's running head that the extractor writes inside each of its
        pages (after the page's first block, a float) stands at no page edge: a
        title of words set as a title (capitals, or each long word capitalised; a
        table's cell that three tables repeat is written as a phrase), standing
        apart, printed word for word once on each of more than ``min_repeats``
        pages in a row (one page without it between at most) and nowhere else, is
        that head. The run's first occurrence stays: on the chapter's first page it
        may be the chapter's heading."""
        lines_of: dict[str, list[int]] = defaultdict(list)
        for index, line in enumerate(self.lines):
            if index in found or not self._candidate(index):
                continue
            text = " ".join(line.text.split())
            if _title_of_words(text) and _set_as_a_title(text):
                lines_of[text].append(index)
        for indexes in lines_of.values():
            if len(indexes) <= self.settings.min_repeats:
                continue
            on = [line_pages[i] for i in indexes]
            if any(not 1 <= b - a <= 2 for a, b in pairwise(on)):
                continue  # twice on a page, or apart: the text's own line
            if not all(self._apart(i) for i in indexes):
                continue
            for index in indexes[1:]:
                found[index] = Furniture(
                    index,
                    "running_head",
                    f"the same title, word for word, once on each of {len(on)} pages in a "
                    "row and nowhere else, inside the page where the extractor wrote it: "
                    "the pages' running head",
                    0.8,
                )

    def _heads_out_of_place(
        self, pages: list[range], line_pages: list[int], found: dict[int, Furniture]
    ) -> None:
        """A page's running head that the extractor wrote inside the page (after a
        section's heading, a float, the head's other lines): a line standing apart,
        word for word the head found at the edges of the pages before and after it
        (within two), on a page whose edges lack it, and a title of words (a word
        alone, a code line or a sentence that recurs at page edges is too weak a head
        to look for elsewhere). A chapter's heading, on the page that opens the head's
        run, has no head before it and stays."""
        heads_on: dict[str, set[int]] = defaultdict(set)
        for index, furniture in found.items():
            if furniture.kind == "running_head":
                heads_on[" ".join(self.lines[index].text.split())].add(line_pages[index])
        if not heads_on:
            return
        for number, page in enumerate(pages):
            for index in page:
                if index in found or not self._candidate(index) or not self._apart(index):
                    continue
                text = " ".join(self.lines[index].text.split())
                on = heads_on.get(text)
                if not on or number in on or not _title_of_words(text):
                    continue
                if on & {number - 1, number - 2} and on & {number + 1, number + 2}:
                    found[index] = Furniture(
                        index,
                        "running_head",
                        "the running head of the pages before and after, word for word, "
                        "written inside this page by the extractor",
                        0.8,
                    )

    def _stamps(
        self,
        pages: list[range],
        line_pages: list[int],
        edges: set[int],
        found: dict[int, Furniture],
    ) -> None:
        """A short line printed word for word, digits and all, on most pages wherever
        it stands on them (a draft's date stamp that a two-column layout puts between
        the columns): furniture inside the pages too. It must stand apart (between
        blank lines) and be on ``_STAMP_SHARE`` of the pages, ``min_repeats`` at
        least, and hold two words at least (a word alone, ``end`` closing each
        block of code, is too weak a stamp). At the page edges the heads' evidence
        has decided (a title the head repeats stays), and on the first page, the
        title page, the line is its title."""
        if len(pages) < self.settings.min_repeats:
            return
        pages_of: dict[str, set[int]] = defaultdict(set)
        lines_of: dict[str, list[int]] = defaultdict(list)
        for index, line in enumerate(self.lines):
            if not self._candidate(index) or not (index in found or self._apart(index)):
                continue
            text = " ".join(line.text.split())
            if sum(1 for word in text.split() if any(c.isalpha() for c in word)) < 2:
                continue
            pages_of[text].add(line_pages[index])
            lines_of[text].append(index)
        enough = max(self.settings.min_repeats, _STAMP_SHARE * len(pages))
        for text, on_pages in pages_of.items():
            if len(on_pages) < enough:
                continue
            # Decided already, at a page edge, or on the title page: left as it is.
            for index in lines_of[text]:
                if index in found or index in edges or line_pages[index] == 0:
                    continue
                found[index] = Furniture(
                    index,
                    "running_head",
                    f"the same line, word for word, on {len(on_pages)} of {len(pages)} "
                    "pages wherever it stands on them: a stamp printed on every page",
                    0.85,
                )

    def _inner_numbers(self, pages: list[range], numbers: dict[int, Furniture]) -> dict[int, int]:
        """Page numbers that an extractor wrote inside the page's text (PyMuPDF writes
        a page's lines in the order the PDF drew them: a head and folio drawn after
        the body come before the notes and captions): on a page without a folio at its
        edges, a number alone on its line whose value keeps step with the pages (the
        offset most pages share) and that is decorated (``- 7 -``, ``Page 7``), or
        stands beside a line recurring on ``min_repeats`` pages, or among the page's
        first or last ``_NEAR_EDGE_LINES`` text lines (a caption of four lines drawn
        after the foot folio). -> {index: page}."""
        offsets: dict[tuple[bool, int], set[int]] = defaultdict(set)
        on_page: dict[int, list[int]] = defaultdict(list)
        for p, page in enumerate(pages):
            for index in page:
                folio = self.folios.get(index)
                if folio is not None and not folio.head and not folio.glued:
                    offsets[folio.roman, folio.value - p].add(p)
                    on_page[p].append(index)
        needed = max(2, len(pages) // 4)
        good = {key for key in _dominant(offsets) if len(offsets[key]) >= needed}
        if not good:
            return {}
        with_number = {p for p, page in enumerate(pages) for i in page if i in numbers}
        recurring = self._recurring_keys(pages)
        inner: dict[int, int] = {}
        for p, indexes in on_page.items():
            if p in with_number:
                continue
            texts = [i for i in pages[p] if self.lines[i].is_text]
            for index in indexes:
                folio = self.folios[index]
                if (folio.roman, folio.value - p) not in good:
                    continue
                decorated = not self.lines[index].text.strip().isalnum()
                beside = [self._beside(index, step) for step in (-1, 1)]
                known = any(
                    b is not None and head_key(self.lines[b].text) in recurring for b in beside
                )
                place = texts.index(index)
                near = min(place, len(texts) - 1 - place) < _NEAR_EDGE_LINES
                if decorated or known or near:
                    inner[index] = p
                    break
        return inner

    def _recurring_keys(self, pages: list[range]) -> set[str]:
        """The texts of short lines found on at least ``min_repeats`` pages."""
        pages_of: dict[str, set[int]] = defaultdict(set)
        for p, page in enumerate(pages):
            for index in page:
                if self._candidate(index):
                    key = head_key(self.lines[index].text)
                    if any(c.isalpha() for c in key):
                        pages_of[key].add(p)
        return {key for key, found in pages_of.items() if len(found) >= self.settings.min_repeats}

    def _numbers_by_offset(self, placed: list[tuple[int, int]]) -> dict[int, Furniture]:
        """Folios whose value keeps step with the page: ``value - page`` the same on at
        least two pages (arabic and roman apart) as :func:`_dominant` says, or on
        pages in a row that no such offset numbers, each number beside a recurring
        head; on each page the outermost one; and a folio at the very edge of a page
        whose value follows the page number before it by one more or less than the
        pages between them (a page the extractor joined to the next, a plate without
        a number)."""
        offsets: dict[tuple[bool, int], set[int]] = defaultdict(set)
        lines_of: dict[tuple[bool, int], list[int]] = defaultdict(list)
        for page, index in placed:
            if (folio := self.folios.get(index)) is not None:
                offsets[folio.roman, folio.value - page].add(page)
                lines_of[folio.roman, folio.value - page].append(index)
        good = _dominant(offsets)
        # A second article's few pages (a journal's offprints bound together): an
        # offset on pages in a row that no other offset numbers, each number beside
        # a recurring head.
        numbered = {page for key in good for page in offsets[key]}
        good |= {
            key
            for key, pages in offsets.items()
            if key not in good
            and len(pages) >= 2
            and _has_run(pages, len(pages))
            and not pages & numbered
            and all(self._beside_recurring_line(i) for i in lines_of[key])
        }
        numbers: dict[int, Furniture] = {}
        taken: set[int] = set()
        for page, index in placed:  # tops then bottoms, outermost first
            folio = self.folios.get(index)
            if folio is None or (folio.roman, folio.value - page) not in good:
                continue
            if folio.head and not self._head_recurs(folio.head):
                continue
            if page in taken and not folio.head:
                continue  # a second bare number on the page: a note's, a list's
            taken.add(page)
            numbers[index] = Furniture(
                index,
                "page_number",
                "page number that keeps step with the pages (the same offset on "
                f"{len(offsets[folio.roman, folio.value - page])} pages)"
                + (", printed with its running head" if folio.head else "")
                + (_GLUED_REASON if folio.glued else ""),
                0.95,
                folio.glued,
            )
        ends: dict[int, list[int]] = defaultdict(list)
        for page, index in placed:
            ends[page].append(index)
        edges = {end for zone in ends.values() for end in (min(zone), max(zone))}
        accepted = sorted((i, page) for page, i in placed if i in numbers)
        for page, index in placed:
            folio = self.folios.get(index)
            if folio is None or folio.head or index in numbers or index not in edges:
                continue
            k = bisect_left(accepted, (index, -1))
            if k == 0:
                continue
            last, last_page = accepted[k - 1]
            expected = self.folios[last].value + page - last_page
            if (
                not self.folios[last].roman
                and abs(folio.value - expected) <= 1
                and folio.value > self.folios[last].value
            ):
                numbers[index] = Furniture(
                    index,
                    "page_number",
                    f"number at the page edge that follows page number {self.folios[last].value}",
                    0.8,
                )
        return numbers

    def _head_recurs(self, head: str) -> bool:
        """Whether a head printed with a folio is printed with another one too."""
        return self._folio_heads[head_key(head)] >= 2

    def _occurrence(self, index: int, page: int, side: int) -> _Occurrence:
        folio = self.folios.get(index)
        head = self._head_text(index)
        letters = [c for c in head if c.isalpha()]
        capitals = bool(letters) and all(c.isupper() for c in letters)
        form = (capitals, bool(folio and folio.head))
        return _Occurrence(index, page, side, self._key(index), form)

    def _head_text(self, index: int) -> str:
        """A line's text, less the folio printed with it."""
        folio = self.folios.get(index)
        return folio.head if folio and folio.head else self.lines[index].text.strip()

    def _key(self, index: int) -> str:
        """What the line shares with the other occurrences of its head: its
        :func:`head_key`; a head line without letters (a date, an issue number)
        recurs as it is, since a folio changes."""
        head = self._head_text(index)
        key = head_key(head)
        if not any(c.isalpha() for c in head) and _DIGITS.search(head):
            key = "=" + " ".join(self.lines[index].text.split())
        return key

    def _recurring(
        self,
        occurrences: list[_Occurrence],
        numbers: dict[int, Furniture],
        after_heading: frozenset[int] | set[int] = frozenset(),
    ) -> dict[int, Furniture]:
        """Running heads among the edge lines: text recurring on ``min_repeats`` pages
        (or named by a rule pattern), less the headings that open a run of it.
        ``after_heading``: occurrences whose text the page before (or the one before
        it) prints too, so that they open no run."""
        # A line beside two folios (on a short page) is one occurrence, not two.
        occurrences = list({o.index: o for o in reversed(occurrences)}.values())[::-1]
        # A contents entry at a page's edge counts as one of its text's places, and
        # is no occurrence that might open a run or be furniture (see ``__init__``).
        in_contents = Counter(o.key for o in occurrences if o.index in self._contents_entries)
        occurrences = [o for o in occurrences if o.index not in self._contents_entries]
        places: dict[str, set[int]] = defaultdict(set)  # the lines of each text
        by_key: dict[str, list[_Occurrence]] = defaultdict(list)
        for occurrence in occurrences:
            if any(c.isalpha() for c in occurrence.key) or occurrence.key.startswith("="):
                places[occurrence.key].add(occurrence.index)
                by_key[occurrence.key].append(occurrence)
        pages_of = {key: {o.page for o in found} for key, found in by_key.items()}
        # On two pages at least (a line written five times at one page's foot is a
        # figure's glyphs, not a head).
        recurring = {
            k
            for k, found in places.items()
            if len(found) + in_contents[k] >= self.settings.min_repeats
            and len(pages_of[k]) >= 2
            and self._mostly_at_edges(k, len(found), self._head_text(by_key[k][0].index))
        }
        for key in [k for k in recurring if self._over_a_caption(by_key[k], recurring)]:
            recurring.discard(key)
        page_count = 1 + max((o.page for o in occurrences), default=0)
        for key in [k for k in recurring if k[1:].isdigit()]:
            if not self._a_heads_number(by_key[key], pages_of[key], page_count, numbers):
                recurring.discard(key)
        # (The contents stand in the first tenth of the pages.)
        front = page_count // 10
        # (A letter alone is a glyph as often as a word: a dingbat beside the folio.)
        for key in [k for k in recurring if len(_LETTERS.findall(k)) >= 2]:
            if _density(pages_of[key], front) < _HEAD_DENSITY:
                recurring.discard(key)
                self.scattered.add(key)
        families = self._families(by_key, recurring)
        heads: dict[int, Furniture] = {}
        for occurrence in occurrences:
            index, key = occurrence.index, occurrence.key
            text = self.lines[index].text.strip()
            if any(p.fullmatch(text) for p in self.patterns):
                heads[index] = Furniture(
                    index, "running_head", "matches a running-head pattern of the rules", 1.0
                )
                continue
            if index in numbers:
                continue
            if key not in recurring:
                if self._of_a_family(occurrence, families, numbers):
                    heads[index] = Furniture(
                        index,
                        "running_head",
                        "a head of the kind other pages carry at their edge, changing with "
                        "the chapter, beside the page's folio",
                        0.8,
                    )
                continue
            if key[1:].isdigit() and not self._in_head_row(index, numbers):
                continue  # (this ``2`` is a note's raised number, not the chapter's)
            if self._an_extra_copy(occurrence, by_key[key]):
                self.openings.add(index)
                self.extra_copies.add(index)
                continue
            continued = index in after_heading
            if not continued and self._opens_run(
                occurrence, by_key[key], pages_of[key], numbers, recurring
            ):
                self.openings.add(index)
                continue
            if continued or {occurrence.page - 1, occurrence.page - 2} & pages_of[key]:
                self.continuing.add(index)
            heads[index] = Furniture(
                index,
                "running_head",
                f"short line at a page edge, repeated at {len(places[key])} page edges"
                + (", and in the contents" if in_contents[key] else ""),
                0.9,
            )
        for index in self._in_repeated_blocks(heads, numbers):
            del heads[index]
        return heads

    def _over_a_caption(self, all_of_key: list[_Occurrence], recurring: set[str]) -> bool:
        """Whether a recurring line is a figure's text: at the top of each of its
        pages (or beside its folio), with only the figure's other labels under it
        before a caption's label (``(0,0) the corner post`` / ``(3,1) in feet`` /
        ``(4, 2)`` / ``Figure 2: The second bed``: a plan that three pages print with
        its labels), on two thirds of its pages at least. The labels between are
        lines that recur as often (wherever they stand: below a head they are no edge
        lines) or hold no letters. A head stands over the page's text, which no
        caption opens on page after page."""
        if any(o.side == -1 for o in all_of_key):
            return False
        times = len(all_of_key)

        def a_label(index: int) -> bool:
            key = self._key(index)
            if key in recurring or not _LETTERS.search(self.lines[index].text):
                return True
            return self._key_count(key) >= min(times, self.settings.min_repeats)

        over = 0
        for occurrence in all_of_key:
            under = self._side_of(occurrence.index, 1, count=EDGE_LINES + 1)
            first = next((i for i in under if not a_label(i)), None)
            over += first is not None and self._labels_a_caption(self.lines[first].text.strip())
        # (On most of its pages: a page may print two drawings, each with its label.)
        return over >= self.settings.min_repeats and 3 * over >= 2 * len(all_of_key)

    def _in_repeated_blocks(
        self, heads: dict[int, Furniture], numbers: dict[int, Furniture]
    ) -> set[int]:
        """Heads that stand in a run of more than :data:`EDGE_LINES` lines of one page
        that the document prints together, each about as often as the head: a
        figure's sample text or a listing printed on several pages (``0: well she
        hit …`` / ``0.5: and she …`` / …, five pages, over ten lines), deeper than any
        page's head stack. Such a run is text. (A folio or a page break ends a run:
        the foot of one page and the top of the next are two stacks. A head printed
        on every page and the code lines under it that recur a few times are no
        run; nor is a head that the extractor wrote a word to a line, ``I V :`` /
        ``O B S E R V A T I O N S`` / ``O N`` / ...: each line of a run holds
        ``_BLOCK_LINE_LETTERS`` letters at least, as a sentence's lines do.)"""
        page_of = self._line_page

        def count(index: int) -> int:
            key = head_key(self.lines[index].text)
            if not (self._candidate(index) and key):
                return 0
            if len(key) < _BLOCK_LINE_LETTERS:
                return 0
            return self._key_count(key)

        def printed_with(index: int, start: int, times: int) -> bool:
            return (
                index not in numbers
                and (page_of is None or page_of[index] == page_of[start])
                and max(times / 2, self.settings.min_repeats) <= count(index) <= times * 2
            )

        seen: set[int] = set()
        blocks: set[int] = set()
        for start in sorted(heads):
            if start in seen:
                continue
            times = count(start)
            run = [start]
            for step in (-1, 1):
                i = start + step
                while 0 <= i < len(self.lines):
                    if self.lines[i].is_text:
                        if not printed_with(i, start, times):
                            break
                        run.append(i)
                    i += step
            seen.update(run)
            if times >= self.settings.min_repeats and len(run) > EDGE_LINES:
                blocks.update(i for i in run if i in heads)
        return blocks

    def _a_heads_number(
        self,
        found: list[_Occurrence],
        pages: set[int],
        page_count: int,
        numbers: dict[int, Furniture],
    ) -> bool:
        """Whether a number alone that recurs unchanged at page edges is part of the
        pages' heads: it heads half the pages or more (an issue's number), or stands,
        most times, beside a folio or a recurring short line of words on its page (a
        chapter's number in a head row, ``1`` / ``WSTĘP`` / ``3``). A figure's point
        labels (``2``, ``3``, ``1`` at the top of a few pages, beside each other) are
        neither; nor is a number that stands, most times, in a column of numbers
        (``00`` / ``20`` / ``40``: a code chart's first cell, under the folio; a
        tablature's digits). Of such a number, only the occurrences in a head row
        are heads."""
        in_column = sum(self._in_a_column(o.index, numbers) for o in found)
        if 2 * in_column >= len(found):
            return False
        if len(pages) >= _STAMP_SHARE * page_count:
            return True
        beside = sum(self._in_head_row(o.index, numbers) for o in found)
        return 2 * beside >= len(found)

    def _in_a_column(self, index: int, numbers: dict[int, Furniture]) -> bool:
        """Whether a text line next to line ``index`` that is no folio holds only a
        whole number too (a section's number, ``5.2.5``, stands in head rows)."""
        for step in (-1, 1):
            other = self._beside(index, step)
            if (
                other is not None
                and other not in numbers
                and self.lines[other].text.strip().isdigit()
            ):
                return True
        return False

    def _in_head_row(self, index: int, numbers: dict[int, Furniture]) -> bool:
        """Whether a folio or a recurring short line of words stands beside line
        ``index`` on its page."""
        for step in (-1, 1):
            other = self._beside(index, step)
            if other is None or not self._same_page(other, index):
                continue
            if other in numbers or self._recurring_words(other):
                return True
        return False

    def _recurring_words(self, index: int) -> bool:
        """Whether line ``index`` is a short line of words (three letters at least)
        printed on ``min_repeats`` short lines of the document: a head's."""
        if not self._candidates[index]:
            return False
        key = head_key(self.lines[index].text)
        return len(key) >= 3 and self._key_count(key) >= self.settings.min_repeats

    def _same_page(self, one: int, other: int) -> bool:
        """Whether two lines stand on one page, as far as the pages are known."""
        return self._line_page is None or self._line_page[one] == self._line_page[other]

    def _mostly_at_edges(self, key: str, at_edges: int, text: str) -> bool:
        """Whether the short lines of a key stand at page edges as a head's do: more
        than half of them there, or a third at least for a title (words without
        marks of code, or capitals). A running head's chapter title and contents
        entry may repeat it inside the pages, a short chapter's three times as often
        as its heads; a line of code or a table's cell (``end``, ``\\end{figure}``,
        ``Name``, ``Property``) that chance puts at a few page edges stands inside
        the pages more often."""
        short_lines = len(self._key_lines().get(key, ()))
        if short_lines < 2 * at_edges:
            return True
        titled = _title_of_words(text) or (text.isupper() and len(_LETTERS.findall(text)) >= 4)
        return titled and short_lines <= 3 * at_edges

    def _families(self, by_key: dict[str, list[_Occurrence]], recurring: set[str]) -> set[str]:
        """The kinds of head that change with the chapter (``Chapter 3: Graphics``,
        ``Chapter 5: Path searching``): a first word and a number that at least two
        recurring heads share, on ``min_repeats`` pages or more in all."""
        pages: dict[str, set[int]] = defaultdict(set)
        keys: dict[str, set[str]] = defaultdict(set)
        for key in recurring:
            for occurrence in by_key[key]:
                kind = _head_kind(self._head_text(occurrence.index))
                if kind:
                    pages[kind].add(occurrence.page)
                    keys[kind].add(key)
        return {
            kind
            for kind in pages
            if len(keys[kind]) >= 2 and len(pages[kind]) >= self.settings.min_repeats
        }

    def _of_a_family(
        self, occurrence: _Occurrence, families: set[str], numbers: dict[int, Furniture]
    ) -> bool:
        """Whether a head that does not recur is one of a family that changes with
        the chapter (a chapter of two pages shows its head once), printed with or
        beside the page's folio, where a chapter's own heading never stands."""
        if not families:
            return False
        kind = _head_kind(self._head_text(occurrence.index))
        return kind in families and (
            occurrence.form[1] or self._beside_number(occurrence.index, numbers)
        )

    def _opens_run(
        self,
        occurrence: _Occurrence,
        all_of_key: list[_Occurrence],
        pages: set[int],
        numbers: dict[int, Furniture],
        recurring: set[str],
    ) -> bool:
        """Whether this occurrence is the heading the running head repeats: it stands
        on the page that opens a run of the head and differs in form or side from the
        head elsewhere. The document's first line is its title, unless the pages show
        it is a head: a folio on it or beside it, or a next line that recurs too (a
        head of several lines)."""
        first_line = occurrence.index == self.first_text
        beside = occurrence.form[1] or self._beside_number(occurrence.index, numbers)
        if first_line:
            following = self._side_of(occurrence.index, 1)[:1]
            next_recurs = bool(following) and self._key(following[0]) in recurring
            return (
                not beside and not next_recurs and not self._printed_alike(occurrence, all_of_key)
            )
        # On the page after one that has it (or the page after that: recto and verso
        # heads alternate) the run goes on.
        if occurrence.page - 1 in pages or occurrence.page - 2 in pages:
            return False
        # The head elsewhere: the key's occurrences on the other pages (counted once
        # per key, less this page's, so that a key on many pages costs no square).
        forms, sides, by_page = self._forms_and_sides(occurrence.key, all_of_key)
        here = by_page[occurrence.page]
        forms = forms - Counter(o.form for o in here)
        sides = sides - Counter(o.side for o in here if o.side)
        if not forms:
            return False
        usual_form = forms.most_common(1)[0][0]
        if occurrence.form[0] != usual_form[0]:
            return True  # "The Book of Days" opening what "THE BOOK OF DAYS" heads
        if self._printed_otherwise(occurrence, all_of_key):
            return True  # "2.1 Drainage" opening what "2.1. Drainage" heads
        if beside:
            # Printed with or beside a folio: the head itself, unless the head
            # stands on the folio's other side everywhere else (``Chapter 2 ...`` /
            # ``Page 11`` at each page's foot; ``Page 10`` / ``Chapter 2 ...`` where
            # the chapter's title opens the page after the folio).
            return self._beside_other_side(occurrence, all_of_key, numbers)
        sided = sum(sides.values())
        rare_side = bool(occurrence.side) and sides[occurrence.side] < 0.2 * sided
        return occurrence.form != usual_form or rare_side

    def _an_extra_copy(self, occurrence: _Occurrence, all_of_key: list[_Occurrence]) -> bool:
        """Whether the line is a copy of the head beyond those the head's pages usually
        carry at that edge: the chapter's title under the head that repeats it
        (``Field Manual`` / ``Chapter 2 Soil`` / ``Chapter 2 Soil``), the contents'
        title and its own entry under the head ``Contents``. The copies nearest the
        edge are the head; the others are text. A head that every page prints twice
        (doubled by fake bold) has none, nor a stamp that other pages print more often
        than usual too."""
        if not occurrence.side and occurrence.page not in self._folio_of_page:
            return False  # (beside which folio?)
        edge = self._edge_of(occurrence)
        by_page = self._forms_and_sides(occurrence.key, all_of_key)[2]
        here = [o for o in by_page[occurrence.page] if self._edge_of(o) == edge]
        if len(here) < 2:
            return False
        counts = Counter(
            sum(self._edge_of(o) == edge for o in found)
            for page, found in by_page.items()
            if page != occurrence.page
        )
        counts.pop(0, None)
        if not counts:
            return False
        usual = max(counts, key=lambda n: (counts[n], -n))
        if max(counts) > usual:
            return False  # (a stamp printed here and there on the pages, twice on some)
        return occurrence in sorted(here, key=self._from_its_edge)[usual:]

    def _edge_of(self, occurrence: _Occurrence) -> int:
        """The edge a line stands at: its side of the page, or beside a folio, its
        side of the folio (the end of one page, or the top of the next)."""
        if occurrence.side:
            return occurrence.side
        folio = self._folio_of_page.get(occurrence.page)
        return 0 if folio is None else (2 if occurrence.index > folio else -2)

    def _from_its_edge(self, occurrence: _Occurrence) -> int:
        """How far a line stands from its edge, in lines of text or blank."""
        if occurrence.side == 1:
            return occurrence.index
        if occurrence.side == -1:
            return -occurrence.index
        folio = self._folio_of_page.get(occurrence.page)
        return 0 if folio is None else abs(occurrence.index - folio)

    def _printed_otherwise(self, occurrence: _Occurrence, all_of_key: list[_Occurrence]) -> bool:
        """Whether the head's other pages print it alike, character for character, at
        least twice, and this line otherwise (``2.1 Drainage`` under heads ``2.1.
        Drainage``): a head is printed from one template; the heading it repeats is
        set apart."""
        here = " ".join(self._head_text(occurrence.index).split())
        elsewhere = Counter(
            " ".join(self._head_text(o.index).split())
            for o in all_of_key
            if o.page != occurrence.page
        )
        return len(elsewhere) == 1 and elsewhere.total() >= 2 and here not in elsewhere

    def _folio_steps(self, index: int, numbers: dict[int, Furniture]) -> set[int]:
        """On which side of the line its folio stands: 1 after it, -1 before it."""
        return {step for step in (-1, 1) if self._beside(index, step) in numbers}

    def _beside_other_side(
        self, occurrence: _Occurrence, all_of_key: list[_Occurrence], numbers: dict[int, Furniture]
    ) -> bool:
        """Whether the line stands beside a folio only on the side opposite to the
        one where its key's other occurrences stand, nearly all (four in five)."""
        here = self._folio_steps(occurrence.index, numbers)
        if len(here) != 1 or occurrence.form[1]:
            return False
        steps: Counter[int] = Counter()
        for other in all_of_key:
            if other.page != occurrence.page:
                steps.update(self._folio_steps(other.index, numbers))
        total = sum(steps.values())
        (step,) = here
        return total > 0 and steps[-step] >= 0.8 * total and steps[step] <= 0.2 * total

    def _forms_and_sides(self, key: str, all_of_key: list[_Occurrence]) -> _KeyForms:
        """A key's forms and sides over all its occurrences, and its occurrences by
        page (computed once per key)."""
        if key not in self._key_forms:
            by_page: dict[int, list[_Occurrence]] = defaultdict(list)
            for o in all_of_key:
                by_page[o.page].append(o)
            self._key_forms[key] = (
                Counter(o.form for o in all_of_key),
                Counter(o.side for o in all_of_key if o.side),
                by_page,
            )
        return self._key_forms[key]

    def _printed_alike(self, occurrence: _Occurrence, all_of_key: list[_Occurrence]) -> bool:
        """Whether a line with digits (a date, a version) stands, character for
        character, at the same edge of ``min_repeats`` pages: a browser's print header
        (``12/1/26, 7:33 AM  Title``) on every page, the first included."""
        text = " ".join(self.lines[occurrence.index].text.split())
        if not _DIGITS.search(text):
            return False
        alike = [
            o
            for o in all_of_key
            if o.side == occurrence.side and " ".join(self.lines[o.index].text.split()) == text
        ]
        return len(alike) >= self.settings.min_repeats

    def _beside_number(self, index: int, numbers: dict[int, Furniture]) -> bool:
        """Whether a page number stands beside the line, on its page (the last page's
        foot folio and the chapter's title that opens the next page are beside each
        other in the text only)."""
        for step in (-1, 1):
            beside = self._beside(index, step)
            if beside in numbers and self._same_page(beside, index):
                return True
        return False

    def _from_edge(
        self,
        zone: list[int],
        numbers: dict[int, Furniture],
        heads: dict[int, Furniture],
        found: dict[int, Furniture],
        head_band: bool = False,
        skips: int = 0,
    ) -> None:
        """Take the zone's furniture: heads from the page edge inward, up to the first
        line that is not furniture; page numbers (a sequence vouches for them) wherever
        they stand in the zone. Section numbers and one short line between the edge
        and a recurring head are the head's too: a section number (``3 / 11 /
        INSTALACJA``), or the other mark of a head row that names the section and the
        chapter (``2.2 / File/Salva con nome / 2 / IL MENU FILE``), in the band at the
        top of a page only (``head_band``): at the bottom the line could be a note's,
        beside a folio inside the page the body's. Walking from a folio, ``skips``
        lines that are not furniture may be passed over (left as they are) to reach a
        recurring head: pdfminer writes a word's end between them (``225 / ing it. /
        Ada Whitlock``); past the head, only a short line, no sentence (``Page 7`` /
        ``Part 2 …`` / ``User Notes`` / ``Here is the grid it gives.`` /
        ``ruler(sheet)``: a listing's line that three pages print there)."""
        inward = True
        past_head = False
        pending: list[int] = []  # short lines on the way in, kept if a head follows
        for index in zone:
            if index in numbers:
                found[index] = numbers[index]
            elif inward and index in heads and (not pending or index in self.continuing):
                # (Past lines that are not furniture, only a head whose run goes on from
                # the pages before: on a run's first page the line is the title.)
                found[index] = heads[index]
                past_head = True
                for line in pending:
                    found[line] = Furniture(
                        line,
                        "running_head",
                        "short line between the page edge and a recurring running head: "
                        "part of the head",
                        0.8,
                    )
                pending = []
            elif (
                inward
                and skips
                and not head_band
                and SECTION_NUMBER.match(self.lines[index].text)
                and len(pending) < 3
            ):
                # A head row's section and chapter numbers (``4 / 1.2 / Preliminaries /
                # 1 / INTRODUCTION``) are the head's if a head follows.
                pending.append(index)
            elif (
                inward
                and skips
                and not head_band
                and (self._candidate(index) or not past_head)
                and not self._labels_a_caption(self.lines[index].text.strip())
            ):
                # Passed over, and left in the text; never past a caption's label
                # (what follows it is its table's or figure's), nor past the head
                # but a short line (the section's title in a row of section and
                # chapter): a sentence there is the body's, and ends the stack.
                skips -= 1
            elif not (inward and head_band):
                inward = False
            elif SECTION_NUMBER.match(self.lines[index].text) and len(pending) < 3:
                pending.append(index)
            elif self._key(index) in self.scattered or index in self.extra_copies:
                # A line that recurs too scattered to be a head (a table's ``(continued
                # from previous page)`` above the head), or the title that a head
                # repeats, printed inside the head's lines (``The River Club`` / ``The
                # River Club`` / ``Newsletter no. 4``): passed over, left in the text.
                continue
            elif self._candidate(index) and not any(
                not SECTION_NUMBER.match(self.lines[i].text) for i in pending
            ):
                pending.append(index)  # one line of words at most
            else:
                inward = False

    def _heads_beside_numbers(
        self, found: dict[int, Furniture], page_of: list[int] | None = None
    ) -> None:
        """Where the document prints a recurring head right beside its page numbers
        (on a side, on at least two pages), a short line in that place beside another
        page number is a head too, though it occurs once or twice: a verso head with
        an article's title, a recto head naming the section (``1.3. The three pass
        system`` / ``5``). The line must stand alone between blank lines, or its text
        be printed elsewhere in the document too (the section's heading, a contents
        entry: in text without blank lines, a body line can stand beside a folio) and
        stand on the folio's own page (``page_of``, with form feeds) or before the
        folio (without): a chapter's title, which the contents print too, opens the
        page after the last page's foot folio.

        The habit is told apart for recto and verso pages (by the page's place, or
        the folio's value): where it holds on few of the folios with a line on that
        side (under ``_BESIDE_HABIT``), the line must be the head of the page's
        section (see :meth:`_section_head`), and the folio's other side hold no head
        (the head row is complete). Lines that the habit vouches for are taken
        first."""
        numbers = [
            i
            for i, f in found.items()
            if f.kind == "page_number" and not self.folios[i].head and not f.start
        ]

        def place(index: int, step: int) -> tuple[int, int]:
            # (Recto or verso: by the page's place, or without pages by the folio's.)
            parity = page_of[index] if page_of is not None else self.folios[index].value
            return step, parity % 2

        heads: Counter[tuple[int, int]] = Counter()
        lined: Counter[tuple[int, int]] = Counter()  # folios with a line there
        for index in numbers:
            for step in (-1, 1):
                beside = self._beside(index, step)
                # (A foot folio and the next page's head are beside each other in the
                # text, not on a page.)
                if beside is None or (page_of is not None and page_of[beside] != page_of[index]):
                    continue
                lined[place(index, step)] += 1
                # A head of words, not a number that recurs at page edges.
                if (
                    beside in found
                    and found[beside].kind == "running_head"
                    and _LETTERS.search(self.lines[beside].text)
                ):
                    heads[place(index, step)] += 1
        for side in (-1, 1):  # (two heads at least on a side, recto and verso together)
            if sum(n for (step, _), n in heads.items() if step == side) < 2:
                heads = Counter({k: n for k, n in heads.items() if k[0] != side})

        def habit(index: int, step: int) -> bool:
            where = place(index, step)
            if not any(heads[(side, where[1])] for side in (-1, 1)):
                # (No head beside the folios of these pages, recto or verso: theirs
                # name an article, once or twice each; the other pages teach the side.)
                found_there = sum(heads[(step, parity)] for parity in (0, 1))
                return found_there >= _BESIDE_HABIT * (lined[(step, 0)] + lined[(step, 1)])
            return heads[where] >= _BESIDE_HABIT * lined[where]

        marks = ".!?;:,"
        # Where the habit holds first; then, the heads of sections beside the folios
        # whose head row is not complete already.
        for by_habit in (True, False):
            for index in numbers:
                for step in sorted({step for step, _ in heads}):
                    beside = self._beside(index, step)
                    if beside is None or beside in found or beside == self.first_text:
                        continue
                    text = self.lines[beside].text.strip()
                    if not self._candidate(beside) or text[-1] in marks:
                        continue
                    if self._key(beside) in self.scattered:
                        continue  # (a table's ``(continues on next page)``: no head)
                    usual = habit(index, step)
                    if usual != by_habit:
                        continue
                    where = "before" if step == -1 else "after"
                    if not usual:
                        if self._head_on_other_side(index, step, found):
                            continue
                        past = self._head_past_a_headings_number(beside, index)
                        if past is not None and past not in found:
                            beside, where = past, "past a heading's number beside"
                        elif not self._section_head(beside, index, page_of):
                            continue
                    if page_of is not None and page_of[beside] != page_of[index] and step == -1:
                        # (The last line of a page, before the next page's top folio,
                        # stands at the foot, no head's place: an equation's number.
                        # After a page's foot folio, the next page's first line stands
                        # in the head band.)
                        continue
                    same_page = page_of[beside] == page_of[index] if page_of else step == -1
                    if self._apart(beside) or (same_page and self._printed_elsewhere(beside)):
                        found[beside] = Furniture(
                            beside,
                            "running_head",
                            f"short line {where} a page number, where this document's "
                            "recurring heads stand",
                            0.8,
                        )

    def _head_on_other_side(self, folio: int, step: int, found: dict[int, Furniture]) -> bool:
        """Whether the folio's other side holds a running head of words: the head
        row is then complete (``1.4. Further highlights`` / ``9``), and the line on
        this side, without the document's habit, is the page's first line (a section
        heading that opens the page)."""
        other = self._beside(folio, -step)
        return (
            other is not None
            and self._same_page(other, folio)
            and other in found
            and found[other].kind == "running_head"
            and bool(_LETTERS.search(self.lines[other].text))
        )

    def _head_past_a_headings_number(self, index: int, folio: int) -> int | None:
        """The page's head past a heading's number beside the folio (``2.1. Fonts`` /
        ``2.1.3`` / ``14`` / ``Kerning``: the extractor wrote the heading ``2.1.3
        Kerning`` around the folio): a section's numbered title, or None."""
        if not SECTION_NUMBER.match(self.lines[index].text):
            return None
        beyond = self._beside(index, 1 if index > folio else -1)
        if beyond is None or not self._candidate(beyond):
            return None
        return beyond if _SECTION_TITLE.match(self.lines[beyond].text) else None

    def _number_titled(self, index: int, away: int) -> bool:
        """Whether the section number alone on line ``index`` has its title beyond
        it, in direction ``away`` from the folio: a short line of words that may be
        furniture (one word will do: ``6.4`` / ``Ligatures``), unnumbered."""
        beyond = self._beside(index, away)
        if beyond is None or not self._candidate(beyond):
            return False
        text = self.lines[beyond].text.strip()
        return bool(_LETTERS.search(text)) and not SECTION_NUMBER.match(text.split()[0])

    def _section_head(self, index: int, folio: int, page_of: list[int] | None) -> bool:
        """Whether the line ``index`` (one that may be furniture) beside a folio is
        the head of the page's section (``12.4. Dotted slurs`` / ``63``): a title
        (numbered like a section, or two words or more, the first a capital), on the
        head row's outer side: between the folio and the page's nearer edge, or
        where nothing of the page stands there (``Auto Multiple Choice`` / ``16 /
        86`` / a section's heading: the heading opens the body). A section's number
        alone is a head with its title beyond it (``Using Fonts`` / ``2.1`` /
        ``14``); with a numbered title beyond it, or a title on the folio's other
        side, it is a heading's, split around the folio by the extractor's order
        (``2.1. Fonts`` / ``2.1.3`` / ``14`` / ``Kerning``): neither line is a head."""
        text = self.lines[index].text.strip()
        away = 1 if index > folio else -1
        if SECTION_NUMBER.match(text):
            if not self._number_titled(index, away):
                return False
        elif _SECTION_TITLE.match(text) or (_title_of_words(text) and text[:1].isupper()):
            other = self._beside(folio, -away)
            if (
                other is not None
                and SECTION_NUMBER.match(self.lines[other].text)
                and not self._number_titled(other, -away)
            ):
                return False  # (the number across the folio is this title's)
        else:
            return False
        if page_of is None:
            return True
        page = page_of[folio]
        start = folio
        while start > 0 and page_of[start - 1] == page:
            start -= 1
        stop = folio
        while stop + 1 < len(page_of) and page_of[stop + 1] == page:
            stop += 1
        outward = -1 if folio - start <= stop - folio else 1
        if (index - folio) * outward > 0:
            return True
        beyond = self._beside(folio, outward)
        return beyond is None or page_of[beyond] != page

    def _printed_elsewhere(self, index: int) -> bool:
        """Whether the text of line ``index`` (digits, punctuation, case ignored)
        stands on another short line of the document too."""
        key = head_key(self.lines[index].text)
        return bool(_LETTERS.search(key)) and self._key_count(key) >= 2

    def _beside(self, index: int, step: int) -> int | None:
        """The text line next to ``index`` in direction ``step`` with only blank lines
        (at most two) between, or None."""
        j = index + step
        while 0 <= j < len(self.lines) and self.lines[j].is_blank and abs(j - index) <= 3:
            j += step
        return j if 0 <= j < len(self.lines) and self.lines[j].is_text else None

    # -- without form feeds ---------------------------------------------------------

    def without_pages(self, hard_wrapped: bool) -> dict[int, Furniture]:
        """Furniture around the folios of a regular rising chain, or, without one and
        in ``hard_wrapped`` text, recurring short lines standing apart at regular
        intervals. In text of one paragraph a line (a web page, our own output) only
        decorated folios chain (``— 3 —``, ``Page 3``): its lone numbers are a
        table's or a list's."""
        paragraphs = not hard_wrapped and _one_paragraph_a_line(self.lines)
        chains = self._folio_chains(decorated_only=paragraphs)
        numbers = {
            index: Furniture(
                index,
                "page_number",
                f"page number in a rising sequence of {len(chain)} at about "
                f"{self._lines_per_page(chain):.0f} lines a page"
                + (", printed with its running head" if self.folios[index].head else "")
                + (_GLUED_REASON if self.folios[index].glued else ""),
                0.9,
                self.folios[index].glued,
            )
            for chain in chains
            for index in chain
        }
        chain = sorted(numbers)
        if not numbers:
            return self._recurring_apart() if hard_wrapped else {}
        # The first page's top is a page edge too (its head, if it has one, stands
        # before the first folio).
        first_lines = self._side_of(-1, 1)
        windows = [(-1, first_lines)] + [(k, self._window(index)) for k, index in enumerate(chain)]
        self._folio_of_page = dict(enumerate(chain))
        occurrences = [
            self._occurrence(i, k, 0)
            for k, window in windows
            for i in window
            if i not in numbers and self._counted(i)
        ]
        heads = self._recurring(occurrences, numbers)
        found = dict(numbers)
        self._from_edge(first_lines, numbers, heads, found, head_band=True)
        for index in chain:
            for step in (1, -1):
                side = self._side_of(index, step)
                self._from_edge(side, numbers, heads, found, skips=2)
        for step in (1, -1):
            stacks = [[index, *self._side_of(index, step, count=2 * EDGE_LINES)] for index in chain]
            self._stacks_past_the_zone(stacks, found, [self.folios[i].value % 2 for i in chain])
        self._heads_beside_numbers(found)
        self._heads_on_the_page_grid(chains, heads, found)
        # The folios mark the pages: from one folio to the next.
        bounds = [0, *(index + 1 for index in chain)]
        if bounds[-1] < len(self.lines):
            bounds.append(len(self.lines))
        pages = [range(a, b) for a, b in pairwise(bounds)]
        line_pages = _line_pages(pages, len(self.lines))
        edges = {i for _k, window in windows for i in window}
        self._stamps(pages, line_pages, edges, found)
        self._heads_inside_a_run(line_pages, found)
        return found

    def _heads_on_the_page_grid(
        self, chains: list[list[int]], heads: dict[int, Furniture], found: dict[int, Furniture]
    ) -> None:
        """A line printed exactly as a running head found beside the folios is a head
        where it stands at a page's edge in the regular grid of lines a page that the
        folios set (within a sixth of a page): past a figure's caption that the
        extractor wrote between folio and head, or on a page whose folio is missing
        (a plate, a chapter's first page). Of two copies by one folio, only the one
        nearer to it, and none where the folio has that head beside it already: the
        other copy on the page is the section's own heading, which the head repeats
        (pdfminer writes a page's head row after the page's first paragraph)."""
        texts = {" ".join(self.lines[i].text.split()) for i, f in found.items() if i in heads}
        if not texts:
            return
        beside_folio: dict[int, set[str]] = {}

        def headed(folio: int) -> set[str]:
            """The head texts found beside a folio."""
            if folio not in beside_folio:
                near = self._side_of(folio, 1) + self._side_of(folio, -1)
                beside_folio[folio] = {
                    " ".join(self.lines[i].text.split()) for i in near if i in found and i in heads
                }
            return beside_folio[folio]

        on_grid: dict[tuple[int, str], list[int]] = defaultdict(list)
        rates: dict[int, float] = {}
        for chain in chains:
            for a, b in pairwise(chain):
                pages = self.folios[b].value - self.folios[a].value
                rate = (b - a) / pages
                for index in range(a + 1, b):
                    if index in found or index in self.openings or not self._candidate(index):
                        continue
                    text = " ".join(self.lines[index].text.split())
                    if text not in texts:
                        continue
                    offset = (index - a) / rate
                    if abs(offset - round(offset)) * rate > max(4.0, 0.15 * rate):
                        continue
                    # (A grid position inside the pair's pages has no folio: -1 - index.)
                    nearest = {0: a, pages: b}.get(round(offset), -1 - index)
                    if nearest >= 0 and text in headed(nearest):
                        continue
                    on_grid[nearest, text].append(index)
                    rates[index] = rate
        for (folio, _text), copies in on_grid.items():
            if folio >= 0:
                copies = [min(copies, key=lambda i: abs(i - folio))]
            for index in copies:
                found[index] = Furniture(
                    index,
                    "running_head",
                    "the running head as printed beside the folios, where a page "
                    f"begins or ends in the regular grid of {rates[index]:.0f} lines a page",
                    0.8,
                )

    def _folio_chains(self, decorated_only: bool = False) -> list[list[int]]:
        """The indexes of the longest chain of arabic folio lines, and of roman ones
        before it, whose values rise with a plausible number of lines a page, if its
        pages are regular: most steps within half to twice the median lines per page
        (folios missing on some pages, as on a chapter's first, leave a longer step
        of as many pages). ``decorated_only``: of folios that are more than a bare
        number."""
        found: list[list[int]] = []
        first_arabic = len(self.lines)
        for roman in (False, True):
            # Roman folios number the front matter, before the arabic ones: after them
            # a lone "I" or "II" is a section number.
            candidates = [
                i
                for i, f in self.folios.items()
                if f.roman == roman
                and (not f.head or self._head_recurs(f.head))
                and (not roman or i < first_arabic)
                and not (decorated_only and not self._decorated(i))
            ]
            # Numbers beside a line that recurs through the document (a head) first:
            # in text without blank lines, numbers of tables, code and formulas stand
            # alone on lines too, and break the chain of the folios.
            # The longest regular chain wins: of all candidates, of the decorated ones
            # ("Page 45", "- 45 -": numbers of a code listing crowd a chain of all),
            # or of those beside a recurring line (where equations' numbers crowd the
            # chain of all, and a few glued numbers make a short regular one).
            chains = [self._longest_chain(candidates)]
            decorated = [i for i in candidates if self._decorated(i)]
            if len(decorated) < len(candidates):
                chains.append(self._longest_chain(decorated))
            if not self._regular(chains[0]):
                beside_recurring = [i for i in candidates if self._beside_recurring_line(i)]
                chains.append(self._longest_chain(beside_recurring))
            chain = max((c for c in chains if self._regular(c)), key=len, default=[])
            if not chain:
                break  # (roman folios only before arabic ones: "I", "II" alone are sections)
            chain = self._rechained_start(self._printed_alike_chain(chain, candidates), candidates)
            found.append(self._filled(chain, candidates))
            first_arabic = min(found[0])
        return found

    def _decorated(self, index: int) -> bool:
        """Whether a folio line prints more than its number (``Page 3``, ``- 3 -``); a
        number in parentheses is an equation's or a list's as often as a page's."""
        text = self.lines[index].text.strip()
        return not text.isdigit() and not _IN_PARENTHESES.fullmatch(text)

    def _beside_recurring_line(self, index: int) -> bool:
        """Whether a line next to ``index`` is a short line whose text recurs
        ``min_repeats`` times in the document."""
        for step in (-1, 1):
            beside = self._beside(index, step)
            if beside is not None and self._candidates[beside]:
                key = head_key(self.lines[beside].text)
                if _LETTERS.search(key) and self._key_count(key) >= self.settings.min_repeats:
                    return True
        return False

    def _key_count(self, key: str) -> int:
        """On how many short lines of the document a head key stands, a contents
        entry's title (before its dot leader) counted too."""
        lines = self._key_lines()
        assert self._contents_keys is not None  # (computed with the lines)
        return len(lines.get(key, ())) + self._contents_keys[key]

    def _key_lines(self) -> dict[str, list[int]]:
        """The short lines of each head key, in order (computed once, with the keys
        of the contents entries)."""
        if self._lines_of_key is None:
            lines_of: dict[str, list[int]] = defaultdict(list)
            contents: Counter[str] = Counter()
            for i, line in enumerate(self.lines):
                if self._candidates[i]:
                    lines_of[head_key(line.text)].append(i)
                elif line.is_text and has_dot_leader(line.text):
                    contents[head_key(_DOT_LEADER_AND_AFTER.sub("", line.text))] += 1
            self._lines_of_key, self._contents_keys = dict(lines_of), contents
        return self._lines_of_key

    def _printed_between(self, key: str, start: int, stop: int) -> bool:
        """Whether a short line with head key ``key`` and no number (a heading, not a
        contents entry ``The Book of Days  1``) stands at an index in
        ``range(start, stop)``."""
        lines = self._key_lines().get(key, [])
        k = bisect_left(lines, start)
        while k < len(lines) and lines[k] < stop:
            if lines[k] not in self.folios:
                return True
            k += 1
        return False

    def _printed_alike_chain(self, chain: list[int], candidates: list[int]) -> list[int]:
        """The chain of the candidates printed like most of the chain's members, if
        it is regular and no shorter than the chain less its members printed
        otherwise: an equation's ``(1)`` … ``(6)`` a few lines apart make a longer
        chain than the first pages' folios ``2`` … ``6``, whose places they take."""
        marks = self._usual_marks(chain)
        unlike = sum(self._marks(i) != marks for i in chain)
        if unlike < 2:
            return chain
        alike = self._longest_chain([i for i in candidates if self._marks(i) == marks])
        return alike if self._regular(alike) and len(alike) >= len(chain) - unlike else chain

    def _rechained_start(self, chain: list[int], candidates: list[int]) -> list[int]:
        """The chain with its start chained anew where it runs through numbers far
        closer than its pages: equations' ``(1)`` … ``(5)`` a few lines apart, which
        outnumbered the folios ``2`` … ``5`` of the first pages. The members up to the
        last reached by a step under half the chain's lines a page (before three
        steps in a row that are not) are dropped; from the first left, the chain goes
        back through the values below it, each the candidate printed like most of the
        chain's folios (then the one nearest a page's length), from
        ``_MIN_LINES_PER_PAGE`` to three pages' length above."""
        if len(chain) < 4:
            return chain
        page = self._lines_per_page(chain)
        cut = -1  # the last member reached by a short step, before three regular ones
        regular = 0
        for k, (a, b) in enumerate(pairwise(chain), start=1):
            if b - a < 0.5 * page * (self.folios[b].value - self.folios[a].value):
                cut, regular = k, 0
            else:
                regular += 1
                if regular == 3:
                    break
        if cut < 0 or cut >= len(chain) - 3:
            return chain
        marks = self._usual_marks(chain)
        start = chain[cut + 1 :]
        while True:
            first = start[0]
            value = self.folios[first].value - 1
            before = [
                i
                for i in candidates
                if self.folios[i].value == value and _MIN_LINES_PER_PAGE <= first - i <= 3 * page
            ]
            if not before:
                return start
            start.insert(
                0,
                min(before, key=lambda i: (self._marks(i) != marks, abs(first - i - page))),
            )

    def _filled(self, chain: list[int], candidates: list[int]) -> list[int]:
        """The chain with the candidates whose value lies strictly between those of
        the chain members around them, or just before or after its ends (see
        :meth:`_just_outside`): a foot folio and the next page's head folio on
        consecutive lines are too close for one chain step."""
        members = set(chain)
        values = {self.folios[i].value for i in chain}
        filled = list(chain)
        for index in candidates:
            value = self.folios[index].value
            if index in members or value in values:
                continue  # one line a value: a second "5" is no folio
            k = bisect_left(chain, index)
            around = (chain[k - 1], chain[k]) if 0 < k < len(chain) else None
            between = around and (
                self.folios[around[0]].value < value < self.folios[around[1]].value
            )
            if between or self._just_outside(index, value, chain):
                filled.append(index)
                values.add(value)
        return sorted(filled)

    def _just_outside(self, index: int, value: int, chain: list[int]) -> bool:
        """Whether a folio stands a few lines before the chain's first with the value
        before its own (the first page's foot folio, then the second page's head
        folio), or a few lines after its last with the value after."""
        first, last = chain[0], chain[-1]
        if index < first:
            return first - index <= EDGE_LINES and value == self.folios[first].value - 1
        return 0 < index - last <= EDGE_LINES and value == self.folios[last].value + 1

    def _longest_chain(self, candidates: list[int]) -> list[int]:
        """The longest run of candidates whose values rise at a plausible number of
        lines a page. A candidate is chained to the latest lines of the values one to
        ``_CHAIN_STEPS`` below its own (see ``_CHAIN_SAME_VALUE``)."""
        length = [1] * len(candidates)
        parent = [-1] * len(candidates)
        by_value: dict[int, list[int]] = defaultdict(list)  # positions in candidates
        for j, index in enumerate(candidates):
            value = self.folios[index].value
            for step in range(1, _CHAIN_STEPS + 1):
                for i in reversed(by_value.get(value - step, ())[-_CHAIN_SAME_VALUE:]):
                    lines = index - candidates[i]
                    if lines > _MAX_LINES_PER_PAGE * step:
                        break  # the earlier ones stand further still
                    if lines < _MIN_LINES_PER_PAGE * step:
                        continue
                    # Of two chains as long, the one through a folio printed alike
                    # (``6`` before ``7``, not an equation's ``(6)``).
                    longer = length[i] + 1 > length[j]
                    as_long = length[i] + 1 == length[j] and parent[j] >= 0
                    if longer or (
                        as_long
                        and self._marks(candidates[i]) == self._marks(index)
                        and self._marks(candidates[parent[j]]) != self._marks(index)
                    ):
                        length[j], parent[j] = length[i] + 1, i
            by_value[value].append(j)
        if not candidates:
            return []
        j = max(range(len(candidates)), key=lambda k: length[k])
        chain: list[int] = []
        while j >= 0:
            chain.append(candidates[j])
            j = parent[j]
        return chain[::-1]

    def _marks(self, index: int) -> str:
        """The marks a folio line prints around its number (``()``, ``--``, none),
        its head left out."""
        text = self.lines[index].text
        head = self.folios[index].head
        return _NOT_MARKS.sub("", text.replace(head, "") if head else text)

    def _usual_marks(self, chain: list[int]) -> str:
        """The marks most of a chain's folios print (see :meth:`_marks`)."""
        return Counter(self._marks(i) for i in chain).most_common(1)[0][0]

    def _lines_per_page(self, chain: list[int]) -> float:
        rates = sorted(
            (b - a) / (self.folios[b].value - self.folios[a].value) for a, b in pairwise(chain)
        )
        return rates[len(rates) // 2] if rates else 0.0

    def _regular(self, chain: list[int]) -> bool:
        if len(chain) < 2:
            return False
        if len(chain) == 2 and not all(self._apart(i) for i in chain):
            return False
        median = self._lines_per_page(chain)
        rates = [
            (b - a) / (self.folios[b].value - self.folios[a].value) for a, b in pairwise(chain)
        ]
        if len(rates) >= 2:
            rates.pop()  # a document's last page is often short
        regular = sum(0.5 * median <= r <= 2 * median for r in rates)
        return regular >= 0.7 * len(rates)

    def _apart(self, index: int) -> bool:
        """Whether a line stands between blank lines (or the file's ends)."""
        before = index == 0 or self.lines[index - 1].is_blank
        after = index + 1 == len(self.lines) or self.lines[index + 1].is_blank
        return before and after

    def _side_of(
        self, index: int, step: int, within: range | None = None, count: int = EDGE_LINES
    ) -> list[int]:
        """Up to ``count`` text lines next to ``index`` in direction ``step`` (on the
        page ``within``, if given)."""
        out: list[int] = []
        j = index + step
        bounds = within if within is not None else range(len(self.lines))
        while j in bounds and len(out) < count:
            if self.lines[j].is_text:
                out.append(j)
            j += step
        return out

    def _window(self, index: int) -> list[int]:
        return self._side_of(index, -1)[::-1] + self._side_of(index, 1)

    def _recurring_apart(self) -> dict[int, Furniture]:
        """Without folios, in hard-wrapped text: short lines standing apart (between
        blank lines, alone or in pairs) whose text recurs ``min_repeats`` times at a
        regular interval, a page's length (a refrain or a repeated heading is not
        spaced like pages), or that a rule pattern names. Lines that each carry a
        number of their own, once (``Section 5.1``, ``Section 5.2``, ...), are
        numbered headings, not a head: a head repeats its numbers over a run."""
        apart = [i for i in range(len(self.lines)) if self._candidate(i) and self._apart_in_pair(i)]
        by_key: dict[str, list[int]] = defaultdict(list)
        for index in apart:
            by_key[head_key(self.lines[index].text)].append(index)
        regular = {
            key
            for key, found in by_key.items()
            if _regularly_spaced(found) and not self._numbered_apart(found)
        }
        occurrences = [
            self._occurrence(i, k, 0)
            for k, i in enumerate(apart)
            if head_key(self.lines[i].text) in regular
            or any(p.fullmatch(self.lines[i].text.strip()) for p in self.patterns)
        ]
        return self._recurring(occurrences, {})

    def _numbered_apart(self, indexes: list[int]) -> bool:
        """Whether every line carries numbers, and no two the same ones."""
        numbers = [tuple(_DIGITS.findall(self.lines[i].text)) for i in indexes]
        return all(numbers) and len(set(numbers)) == len(numbers)

    def _apart_in_pair(self, index: int) -> bool:
        """Whether a line stands between blank lines alone or with one other line."""
        lines = self.lines
        before = index == 0 or lines[index - 1].is_blank
        after = index + 1 == len(lines) or lines[index + 1].is_blank
        if before and after:
            return True
        if before:  # the pair is this line and the next
            return index + 2 >= len(lines) or lines[index + 2].is_blank
        if after:
            return index < 2 or lines[index - 2].is_blank
        return False


def _line_pages(pages: list[range], count: int) -> list[int]:
    """The number of the page each of ``count`` lines stands on."""
    line_pages = [0] * count
    for number, page in enumerate(pages):
        for index in page:
            line_pages[index] = number
    return line_pages


def _code_marks(text: str) -> bool:
    """Whether a line carries marks of code or markup, which no running head has
    (``\\spxentry``, ``x = 1``, ``<tag>``, a call ``draw(canvas)``; a head may part
    its fields with ``|``, and a manual page's names its section: ``LS(1)``)."""
    return any(c in "{}\\=<>" for c in text) or bool(_CALL.search(text))


def _set_as_a_title(text: str) -> bool:
    """Capitals throughout, or every word of four letters or more capitalised
    (``IL MENU FORMATO``, ``Page Explanation``; not ``Blank separated field flags``)."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return text.upper() == text or all(w[0].isupper() for w in words if len(w) >= 4)


def _one_paragraph_a_line(lines: list[Line]) -> bool:
    """Whether the lines of prose (three words or more) run longer than any printed
    line, most of them: paragraphs written one a line."""
    prose = sorted(len(line.text.strip()) for line in lines if len(line.text.split()) >= 3)
    return bool(prose) and prose[len(prose) // 2] > WIDEST_MEASURE


def _title_of_words(text: str) -> bool:
    """Two words or more, no marks of code, not ending like a sentence's part."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return len(words) >= 2 and not _code_marks(text) and text[-1] not in ":;,."


_HEAD_KIND = re.compile(r"^\s*([^\W\d_]+)\s+(?:\d{1,3}|[IVXLC]{1,6})\s*[.:]\s")


def _head_kind(text: str) -> str:
    """The kind of a head that names its chapter: its first word, before a number
    and a stop or colon (``Chapter 7. Skipping Spaces`` -> ``chapter``), or ''."""
    match = _HEAD_KIND.match(text)
    return match.group(1).casefold() if match else ""


def _dominant(offsets: dict[tuple[bool, int], set[int]]) -> set[tuple[bool, int]]:
    """The ``value - page`` offsets (roman and arabic apart) that the page numbers
    keep: on at least two pages, and on at least a third as many pages as the
    commonest of their kind (note numbers ``1``, ``2`` on pages 1 and 2 share an
    offset by chance; the folios share theirs on most pages), or on a run of
    ``_FOLIO_RUN`` pages in a row (the pages before a page the extractor split in
    two, after which the offset is another)."""
    best: dict[bool, int] = defaultdict(int)
    for (roman, _offset), pages in offsets.items():
        best[roman] = max(best[roman], len(pages))
    return {
        key
        for key, pages in offsets.items()
        if len(pages) >= 2 and (len(pages) * 3 >= best[key[0]] or _has_run(pages, _FOLIO_RUN))
    }


def _density(pages: set[int], front: int = 0) -> float:
    """How densely a line's pages fill the run they span: the share of the pages
    from its first to its last that carry it; or, where three quarters of them are
    of one parity (recto and verso heads alternate), of that parity's pages. An
    eighth of the pages (one at least, three staying) may stand outside the run, at
    either end (a chapter's head printed in the index too), and so may the first
    page if it stands before ``front``, two staying (its entry in the contents).
    On fewer than three pages, there is no telling (1.0).

    >>> _density({3, 5, 7, 9}), _density({1, 47, 48, 49, 50}), _density({3, 40, 41, 90})
    (1.0, 1.0, 0.07692307692307693)
    >>> _density({1, 47, 48}), _density({1, 47, 48}, front=5), _density({1, 4, 10}, front=5)
    (0.0625, 1.0, 0.3)
    """
    found = sorted(pages)
    if len(found) < 3:
        return 1.0
    body = found[1:] if found[0] < front else found
    best = _run_density(found, 1)
    for parity in (0, 1):
        alike = [p for p in found if p % 2 == parity]
        if 4 * len(alike) >= 3 * len(found):
            best = max(best, _run_density(alike, 2))
    if len(body) == 2 < len(found):
        best = max(best, 2 / (body[1] - body[0] + 1))
    elif 3 <= len(body) < len(found):
        best = max(best, _density(set(body)))
    return best


def _run_density(found: list[int], period: int) -> float:
    """The best share of the pages (every ``period``-th) from a first to a last of
    ``found`` that carry it, leaving out an eighth of them at most (one at least) at
    the ends, three at least kept."""
    spare = max(1, len(found) // 8)
    best = 0.0
    for first in range(spare + 1):
        for cut in range(spare - first + 1):
            last = len(found) - 1 - cut
            if last - first + 1 >= 3:
                span = (found[last] - found[first]) // period + 1
                best = max(best, (last - first + 1) / span)
    return best


def _has_run(pages: set[int], length: int) -> bool:
    """Whether ``length`` consecutive page numbers are all in ``pages``."""
    return any(all(page + step in pages for step in range(length)) for page in pages)


def _regularly_spaced(indexes: list[int]) -> bool:
    """Whether lines stand at a regular interval of at least a short page: most gaps
    between them within half to twice and a half the median gap (a head printed on
    every other page, or missing on a chapter's first, still is)."""
    gaps = sorted(b - a for a, b in pairwise(indexes))
    if len(gaps) < 2:
        return False
    median = gaps[len(gaps) // 2]
    if median < 2 * _MIN_LINES_PER_PAGE:
        return False
    return sum(0.5 * median <= gap <= 2.5 * median for gap in gaps) >= 0.7 * len(gaps)
