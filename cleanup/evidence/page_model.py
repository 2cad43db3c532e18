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
the body width, the length a full line reaches; each line's printed width
(:mod:`.measure`) as extracted, before any stage moves words between lines, and
whether the next line's first word would have fitted at its end. Extractors do not
always write one printed line a line. pdftotext without ``-layout`` joins a printed
line that ends in a hyphen to the next, hyphen dropped: where a document shows that
habit, a line far longer than the body width is several printed lines, and the
model keeps how wide the last of them can be. PyMuPDF may write each word of a line
set with wide spaces on a line of its own: runs of one-word lines, where a document
shows that habit, are one printed line (``continued``), measured whole.

Example: three pages each ending ``THE REVIEW`` / ``12`` (13, 14) give two page
starts, and six furniture lines.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from math import ceil

from ..document import Line
from ..layout import ENOUGH_WRAPPED, body_width, is_hard_wrapped
from ..rules import Rules
from ..textutil import ends_sentence, has_dot_leader, starts_lowercase
from .contents import contents_lines, contents_titles, entry_title
from .furniture import Furniture, FurnitureFinder
from .measure import Measure, measure

_FORM_FEED = "\f"
# A line has room left for a word when, with the word, it stays this share short of
# a full line (the 90th percentile of full lines): a proportional width is an
# estimate and needs slack; a monospaced line's width is its character count.
_ROOM = {True: 0.97, False: 0.99}
# A line that fills less than this share of a full line is short.
_SHORT = 0.7
# A paragraph's indented first line fills at least this share of a full line (an
# indent takes an em or two; a line that leaves more room was broken for another
# reason: a word the extractor moved, a forced break).
_INDENTED_FILL = 0.8
# A line that opens a sentence and fills less of the measure than this share of the
# document's full lines do is set in: justified lines all fill the measure, so their
# estimated widths cluster, and an indent shows below them (measured on the synth
# benchmark's pdftotext text: 33 of the 101 paragraph starts with no room left at the
# line before fall below the 5th percentile, and 6 of 146 sentence starts inside a
# paragraph). Only with this many full lines to tell the percentile from.
_SET_IN_PERCENTILE = 0.05
_SET_IN_FULL_LINES = 20
# Paragraphs are marked by blank lines where this share of the short lines that end a
# sentence are followed by one (pdfminer: over nine in ten; pdftotext: one in ten).
_BLANK_MARKED = 0.5
# Full body lines stay this close to the body width by character count (notes in a
# smaller type run longer)...
_FULL_LENGTH = 1.15
# ...and no shorter than this share of it (a line of code is continued in lowercase
# too).
_FULL_SHORTEST = 0.7
# The habit of joining printed lines at their hyphens shows as this share of lines
# this much longer than the body width (no single printed line is, not even a note
# in a smaller type), and at most this share of lines that end in a hyphen.
_JOINED_LENGTH = 1.4
_JOINED_SHARE = 0.05
_KEPT_HYPHEN_SHARE = 0.01
_LINE_END_HYPHEN = re.compile(r"[^\W\d_]-$")
# Without form feeds, page numbers on this many pages show that the text was printed.
_PAGED_FOLIOS = 12
# PyMuPDF may write the words of a printed line set with wide spaces (a justified
# line) each on a line of its own; the habit shows as runs of one-word lines that
# hold a share of the text lines.
_SPLIT_RUN = 3
_SPLIT_SHARE = 0.1
_LETTER = re.compile(r"[^\W\d_]")


class PrintedLines:
    """Each line's text as printed: as extracted, stripped when asked (the lines' own
    strings are kept, not stripped copies of a whole document), or for the last piece
    of a split line, the printed line."""

    def __init__(self, texts: Sequence[str] = (), split: Mapping[int, str] | None = None):
        self._texts = tuple(texts)
        self._split = dict(split or {})

    def __getitem__(self, index: int) -> str:
        split = self._split.get(index)
        return split if split is not None else self._texts[index].strip()

    def __len__(self) -> int:
        return len(self._texts)


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
    #: each line's text as extracted (stripped), before any stage moved words between
    #: lines (a hyphen join); for the last piece of a split line, the printed line
    printed: PrintedLines = field(default_factory=PrintedLines)
    #: the ruler and a full line's width by it (None: too few full lines to tell)
    measure: Measure | None = None
    #: the lines the extractor joined from several printed lines (see the module doc)
    joined: frozenset[int] = frozenset()
    #: the lines whose printed line goes on in the next line (the extractor split it)
    continued: frozenset[int] = frozenset()
    #: the lines of tables of contents (see :mod:`.contents`)
    contents: frozenset[int] = frozenset()
    #: the titles those contents list (:func:`.contents.entry_title` of each entry)
    contents_titles: frozenset[str] = frozenset()
    #: the fill below which a line is set in from the measure: the 5th percentile of
    #: the fills of lines inside sentences (0: too few such lines to tell)
    set_in: float = 0.0

    def listed(self, text: str) -> bool:
        """Whether a line (not an entry itself) is a title the document's contents list:
        a heading, whatever the line after it."""
        return not has_dot_leader(text) and entry_title(text) in self.contents_titles

    def last_line_width(self, index: int) -> float:
        """How wide line ``index``'s last printed line is: as measured, or for a line
        the extractor joined, the widest the last of its printed lines can be. A
        joined line of width ``W`` is ``k`` full lines and a last one; full lines
        measure at least ``short`` and at most ``full``, so ``k`` is at least
        ``ceil(W / full) - 1`` and the last line at most ``W - k * short``."""
        assert self.measure is not None
        width = self.measure.width(self.printed[index])
        if index in self.joined:
            width -= max(1, ceil(width / self.measure.full) - 1) * self.measure.short
        return width

    def fill(self, index: int) -> float:
        """The share of a full line that line ``index``'s last printed line fills
        (about 1 for a full line; by character count when there is no measure)."""
        if self.measure is None:
            return len(self.printed[index]) / self.body_width if self.body_width else 0.0
        return self.last_line_width(index) / self.measure.full

    def short(self, index: int) -> bool:
        """Whether line ``index``'s last printed line fills less than ``_SHORT`` of a
        full line (a paragraph's last line, a heading, a signature). A line that
        counts nine tenths of the body width in characters is none, unmeasured."""
        if index not in self.joined and len(self.printed[index]) >= 0.9 * self.body_width:
            return False
        return self.fill(index) < _SHORT

    def room_left(self, index: int, following: int) -> bool:
        """Whether the first word of line ``following`` would have fitted at the end
        of line ``index`` as printed. Then the typesetter did not break line ``index``
        for want of room. A line that breaks a word at a hyphen had none: it ends no
        paragraph."""
        if self.measure is None or not self.printed[following]:
            return False
        if _LINE_END_HYPHEN.search(self.printed[index]):
            return False
        word = self.printed[following].split(maxsplit=1)[0]
        needed = self.last_line_width(index) + self.measure.space + self.measure.width(word)
        return needed <= _ROOM[self.measure.proportional] * self.measure.full

    def indented(self, index: int) -> bool:
        """Whether line ``index`` was set shorter than the measure by an indent
        though its paragraph goes on: the next line, a full one, continues it in
        lowercase, and line ``index`` leaves no more room than an indent's, yet room
        enough for that line's first word, or fills less than the document's full
        lines do (``set_in``). A paragraph's first line is, when paragraphs are
        indented (an extractor that drops the indent keeps that evidence). A line the
        extractor joined or split is not measured so."""
        following = index + 1
        if following >= len(self.printed) or index in self.joined or index in self.continued:
            return False
        fill = self.fill(index)
        return (
            starts_lowercase(self.printed[following])
            and not self.short(following)
            and fill >= _INDENTED_FILL
            and (fill < self.set_in or self.room_left(index, following))
        )


def profile(lines: Sequence[Line], rules: Rules) -> PageModel:
    """The page model of a document's lines (see the module doc)."""
    feeds = _form_feed_starts(lines)
    plain = [
        line.with_text(line.text.replace(_FORM_FEED, "")) if _FORM_FEED in line.text else line
        for line in lines
    ]
    runs = _split_runs(plain)
    fragments = {i for run in runs for i in run}
    contents = contents_lines(plain)
    finder = FurnitureFinder(plain, rules, contents)
    if feeds:
        bounds = [0, *sorted(feeds), len(plain)]
        pages = [range(a, b) for a, b in pairwise(bounds)]
        furniture = finder.on_pages(pages)
    else:
        wrapped = is_hard_wrapped(_hiding(plain, fragments))
        furniture = finder.without_pages(wrapped)
        if not furniture and not wrapped:
            # One paragraph a line (a web article, our own output): no printed pages.
            return PageModel(
                pages=(range(len(plain)),),
                body_width=body_width(plain),
                printed=PrintedLines([line.text for line in plain]),
                contents=contents,
                contents_titles=contents_titles(plain, contents),
            )
    # The lines measured: less the furniture, and less the pieces of split lines.
    body = _hiding(plain, furniture.keys() | fragments)
    width = body_width(body)
    if feeds:
        starts = set(feeds)
    else:
        starts = _starts_after_furniture(plain, furniture)
        starts |= _leading_space_starts(body, width, rules.pages.leading_space_share)
        bounds = [0, *sorted(s for s in starts if 0 < s < len(plain)), len(plain)]
        pages = [range(a, b) for a, b in pairwise(bounds)]
    # Stripped once here, for the measures; the model keeps the lines' own strings.
    stripped = [line.text.strip() for line in plain]
    # A split line's last piece ends the printed line.
    split = {run[-1]: " ".join(stripped[i] for i in run) for run in runs}
    for index, text in split.items():
        stripped[index] = text
    # A run longer than a full line is the pieces of several printed lines.
    several = {index for index, text in split.items() if len(text) > _FULL_LENGTH * width}
    model = PageModel(
        page_starts=tuple(sorted(plain[i].number for i in starts if 0 < i < len(plain))),
        pages=tuple(pages),
        furniture=tuple(furniture[i] for i in sorted(furniture)),
        hard_wrapped=is_hard_wrapped(body, paged=_paged(feeds, furniture)),
        body_width=width,
        printed=PrintedLines([line.text for line in plain], split),
        measure=measure(_full_lines(body, stripped, width)),
        joined=_joined_lines(body, stripped, width) | several,
        continued=frozenset(i for run in runs for i in run[:-1]),
        contents=contents,
        contents_titles=contents_titles(plain, contents),
    )
    if not model.hard_wrapped or model.measure is None:
        return model
    return replace(model, set_in=_set_in_fill(model, body, rules.reflow.sentence_end))


def _set_in_fill(model: PageModel, lines: Sequence[Line], marks: str) -> float:
    """The fill under which a line is set in (see ``PageModel.set_in``), from the
    lines that stand inside a sentence, between two lines of the same paragraph (the
    line before it does not end a sentence, it starts in lowercase, and the full
    line after it goes on in lowercase): such lines run to the measure. 0 (none) where
    the extractor marks paragraphs with blank lines (pdfminer): a paragraph's short
    last line is followed by a blank line there, and an indent tells nothing more."""
    ends = [
        index
        for index in range(len(lines) - 1)
        if lines[index].is_text
        and model.short(index)
        and ends_sentence(model.printed[index], marks)
    ]
    blank_after = sum(not lines[index + 1].is_text for index in ends)
    if ends and blank_after >= _BLANK_MARKED * len(ends):
        return 0.0
    unmeasured = model.joined | model.continued
    fills = []
    for index in range(1, len(lines) - 1):
        before, line, after = lines[index - 1], lines[index], lines[index + 1]
        if not (before.is_text and line.is_text and after.is_text):
            continue
        if index in unmeasured or index + 1 in unmeasured:
            continue
        printed, following = model.printed[index], model.printed[index + 1]
        if ends_sentence(model.printed[index - 1], marks) or not starts_lowercase(printed):
            continue
        if starts_lowercase(following) and not model.short(index + 1):
            fills.append(model.fill(index))
    if len(fills) < _SET_IN_FULL_LINES:
        return 0.0
    fills.sort()
    return fills[int(_SET_IN_PERCENTILE * len(fills))]


def _full_lines(lines: Sequence[Line], printed: Sequence[str], width: int) -> list[str]:
    """The body lines that a lowercase line continues (a line wrapped there because it
    was full), leaving out lines clearly longer or shorter than the body width (joined
    by an extractor, notes in a smaller type; code); in a text with too few of them to
    tell (a short one), every body line no longer than that."""
    longest, shortest = _FULL_LENGTH * width, _FULL_SHORTEST * width
    single = [i for i, line in enumerate(lines) if line.is_text and len(printed[i]) <= longest]
    full = [
        printed[i]
        for i in single
        if len(printed[i]) >= shortest and i + 1 < len(lines) and starts_lowercase(printed[i + 1])
    ]
    return full if len(full) >= ENOUGH_WRAPPED else [printed[i] for i in single]


def _paged(feeds: set[int], furniture: dict[int, Furniture]) -> bool:
    """Whether the text shows printed pages: form feeds, or page numbers found on
    ``_PAGED_FOLIOS`` pages (a web page's numbered notes make short chains)."""
    numbers = sum(1 for found in furniture.values() if found.kind == "page_number")
    return bool(feeds) or numbers >= _PAGED_FOLIOS


def _hiding(lines: list[Line], hidden: Collection[int]) -> list[Line]:
    """The lines, those at the ``hidden`` indexes no longer text (for measuring)."""
    if not hidden:
        return lines
    shown = list(lines)
    for i in hidden:
        shown[i] = Line(lines[i].number, lines[i].text, "running_head")
    return shown


def _split_runs(lines: Sequence[Line]) -> list[range]:
    """The runs of lines that are the pieces of one printed line (see the module
    doc): at least ``_SPLIT_RUN`` one-word lines in a row, where such runs hold at
    least ``_SPLIT_SHARE`` of the text lines; none otherwise."""
    runs: list[range] = []
    text = 0
    start = None
    for index, line in enumerate(lines):
        word = line.text.strip() if line.is_text else ""
        text += bool(word)
        if word and " " not in word and _LETTER.search(word):
            start = index if start is None else start
            continue
        if start is not None and index - start >= _SPLIT_RUN:
            runs.append(range(start, index))
        start = None
    if start is not None and len(lines) - start >= _SPLIT_RUN:
        runs.append(range(start, len(lines)))
    if sum(len(run) for run in runs) < _SPLIT_SHARE * text:
        return []
    return runs


def _joined_lines(lines: Sequence[Line], printed: Sequence[str], width: int) -> frozenset[int]:
    """The lines an extractor joined from printed lines at their hyphens (see the
    module doc): none unless the document shows that habit."""
    text = [i for i, line in enumerate(lines) if line.is_text]
    if not width or not text:
        return frozenset()
    longest = _JOINED_LENGTH * width
    if sum(1 for i in text if len(printed[i]) > longest) < _JOINED_SHARE * len(text):
        return frozenset()  # (the usual case, told first)
    hyphens = sum(
        1 for i in text if printed[i].endswith("-") and _LINE_END_HYPHEN.search(printed[i])
    )
    if hyphens > _KEPT_HYPHEN_SHARE * len(text):
        return frozenset()
    # With the habit shown, a line clearly longer than a full one is joined too.
    return frozenset(i for i in text if len(printed[i]) > _FULL_LENGTH * width)


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
