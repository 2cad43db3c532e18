"""Page geometry shared by the stages that work on printed pages.

A *chunk* is a run of consecutive text lines between blank lines, removed lines or
page breaks. The *body width* is the length a full body line reaches (see
:func:`body_width`): lines clearly longer than it were set in another measure or font
size (footnotes, captions). The page model computes it once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .document import Line
from .textutil import ends_sentence, starts_lowercase

#: A section's number on a line of its own (``3``, ``1.2``, ``4.7.``).
SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,3}\.?\s*$")
#: A line that begins like a footnote: a number, superscript digits or ``[N]``.
FOOTNOTE_START = re.compile(r"^\s*(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\])\s*\S")
#: A caption's label opening a line: a word and its number (``Figure 3``, ``Fig. 4``,
#: ``Table 10``, ``Plate V``), then perhaps the mark that ends a label (``:``, ``.``,
#: a dash).
_CAPTION_LABEL = re.compile(r"^\s*([^\W\d_]+)\.?\s*(?:\d+(?:[.\-]\d+)*|[IVXLC]+)\b(\s*[:.—–-])?")


def opens_with_caption_label(text: str, label_words: frozenset[str], marked: bool = True) -> bool:
    """Whether a line opens with a caption's label whose word is one of
    ``label_words`` (the rules' ``captions.label_words``, casefolded) and, if
    ``marked``, the mark that ends a label: ``Figure 2 shows`` opens a sentence, while
    a table continued over pages repeats ``Table 10 Operators (continued)``.

    >>> opens_with_caption_label("Figure 2: A visual comparison.", frozenset({"figure"}))
    True
    >>> opens_with_caption_label("Figure 2 shows the result.", frozenset({"figure"}))
    False
    >>> opens_with_caption_label("Table 10 Operators", frozenset({"table"}), marked=False)
    True
    """
    label = _CAPTION_LABEL.match(text)
    return (
        label is not None
        and label.group(1).casefold() in label_words
        and (label.group(2) is not None or not marked)
    )


@dataclass(frozen=True)
class Chunk:
    """Indexes ``first`` to ``last`` (inclusive) of consecutive text lines on one page."""

    first: int
    last: int

    @property
    def indexes(self) -> range:
        return range(self.first, self.last + 1)


def length(line: Line) -> int:
    return len(line.text.strip())


#: The widest measure a page is printed in, in characters (a landscape page of small
#: type holds about 130): lines longer than that are paragraphs, not printed lines.
WIDEST_MEASURE = 160

# The narrowest column a text is typeset in, in characters (narrow newspaper columns
# hold about 25): a body narrower than that is no measure to compare lines with.
NARROWEST_MEASURE = 20


#: With at least this many lines that a lowercase line continues, their lengths say
#: what the body's measure is.
ENOUGH_WRAPPED = 20

# The full lines of wrapped prose (lines a lowercase line continues) run within this
# share of the longest of them (see _fullest_band); a text whose prose wraps at one
# width holds at least ENOUGH_WRAPPED of them, and this share of its text lines.
_BAND = 0.85
_FULL_WRAPPED_SHARE = 0.03


def body_width(lines: tuple[Line, ...] | list[Line]) -> int:
    """The length a full line of the body reaches (0 for no text): the median length
    of the lines that a lowercase line continues (a line wrapped there because it was
    full), when there are enough of them; else the median length of all text lines.
    Where that median is not among the full lines (a manual's code lines, continued
    in lowercase too, outnumber its prose), the median of the full ones: those in
    the band of lengths within ``_BAND`` of each other that holds the most text."""
    wrapped = sorted(
        length(line)
        for line, following in pairwise(lines)
        if line.is_text and following.is_text and starts_lowercase(following.text.lstrip())
    )
    if len(wrapped) >= ENOUGH_WRAPPED:
        middle = wrapped[len(wrapped) // 2]
        band = _fullest_band(wrapped)
        return middle if band[0] <= middle <= band[-1] else band[len(band) // 2]
    lengths = sorted(length(line) for line in lines if line.is_text)
    return lengths[len(lengths) // 2] if lengths else 0


def _fullest_band(ordered: list[int]) -> list[int]:
    """The run of (sorted) lengths, none shorter than ``_BAND`` times the longest,
    whose lengths add up to the most: the full lines of wrapped prose pile up there,
    while code lines spread out short and lines an extractor joined spread out long.

    >>> _fullest_band([8, 9, 12, 14, 15, 16, 16, 60, 62, 63, 64, 65, 130, 190])
    [60, 62, 63, 64, 65]
    """
    best = (0, 0, 0)  # (total, start, end)
    start = total = 0
    for end, size in enumerate(ordered):
        total += size
        while ordered[start] < _BAND * size:
            total -= ordered[start]
            start += 1
        best = max(best, (total, start, end + 1))
    return ordered[best[1] : best[2]]


def chunks(
    lines: tuple[Line, ...] | list[Line], page: range, kinds: tuple[str, ...]
) -> list[Chunk]:
    """The chunks of a page: runs of consecutive non-blank lines of the given kinds."""
    out: list[Chunk] = []
    first: int | None = None
    for index in page:
        line = lines[index]
        if line.kind in kinds and line.text.strip():
            if first is None:
                first = index
            continue
        if first is not None:
            out.append(Chunk(first, index - 1))
            first = None
    if first is not None:
        out.append(Chunk(first, page[-1]))
    return out


def median_length(lines: tuple[Line, ...] | list[Line], chunk: Chunk) -> float:
    """The median length of a chunk's lines, leaving out its last line (often short)
    unless it has only one; of an even number, the lower middle one: a chunk is set
    wide only if most of its lines are (one line of two that an extractor ran into
    the next does not make it so)."""
    lengths = sorted(length(lines[i]) for i in chunk.indexes)
    if len(lengths) > 1:
        lengths = sorted(length(lines[i]) for i in range(chunk.first, chunk.last))
    return float(lengths[(len(lengths) - 1) // 2])


def is_hard_wrapped(lines: tuple[Line, ...] | list[Line], paged: bool = False) -> bool:
    """Whether the text is hard-wrapped (a PDF extraction, not one paragraph a line):
    most text lines are followed directly by another text line, and those lines run
    close to a common width (a web article's signature block also has consecutive
    lines, but short ones), no wider than a printed page's. Or, for a text with
    printed pages (``paged``: form feeds, or page numbers on many pages), a manual
    whose code, tables and lists make most lines short: enough full wrapped lines
    show the prose's width (``_fullest_band``; a web page's text split at its
    tags has as many). Lines other than body and blank ones are passed over."""
    lengths: list[int] = []  # of every text line
    continued: list[int] = []  # of every text line followed directly by a text line
    wrapped: list[int] = []  # of those whose next line starts in lowercase
    previous = 0  # the length of the previous text line; 0 after a blank line
    last_is_text = False
    for line in lines:  # one pass without helper calls: called on every document
        if line.kind == "body":
            text = line.text.strip()
            size = len(text)
        elif line.kind == "blank":
            size = 0
        else:
            continue
        if size and previous:
            continued.append(previous)
            if text[0].islower():
                wrapped.append(previous)
        if size:
            lengths.append(size)
        previous = size
        last_is_text = bool(size)
    firsts = len(lengths) - (1 if last_is_text else 0)  # text lines followed by any line
    if not firsts:
        return False
    if len(continued) / firsts > 0.5:
        continued.sort()
        lengths.sort()
        wide = lengths[(len(lengths) * 3) // 4]
        middle = continued[len(continued) // 2]
        if 0.6 * wide <= middle <= WIDEST_MEASURE:
            return True
    if not paged or len(wrapped) < ENOUGH_WRAPPED:
        return False
    wrapped.sort()
    full = len(_fullest_band(wrapped))
    return full >= ENOUGH_WRAPPED and full >= _FULL_WRAPPED_SHARE * len(lengths)


# A hanging note label that an extractor wrote under the note's first line.
_LABEL_UNDER = re.compile(r"^\s*\d{1,3}\.?\s*$")


def label_under_first_line(
    lines: tuple[Line, ...] | list[Line], chunk: Chunk, wide: bool, marks: str
) -> int | None:
    """The line under a chunk's first line that holds only a number (``2.``, ``2``)
    between two parts of one sentence: a note's hanging label that the extractor
    wrote after the first line of its text (``What is to be the consequence, if …
    should`` / ``2.`` / ``chance not to agree?``). The first line starts like a
    note's text and ends no sentence; the line after the number goes on with it, in
    lowercase, or, where the first line is set in the notes' ``wide`` measure, with
    any word (``… in Miscellaneous`` / ``10.`` / ``Pieces in Prose.``)."""
    label = chunk.first + 1
    if label + 1 > chunk.last or not _LABEL_UNDER.match(lines[label].text):
        return None
    first = lines[chunk.first].text.strip()
    after = lines[label + 1].text.strip()
    if not (first[:1].isupper() or first[:1] in "(“\"‘'[") or ends_sentence(first, marks):
        return None
    return label if starts_lowercase(after) or (wide and after[:1].isalpha()) else None


def footnote_width(lines: tuple[Line, ...] | list[Line], width: int) -> int:
    """The typical length of full footnote lines (lines starting with a number that
    run past the body width); the body width if there are too few to tell."""
    lengths = sorted(
        length(line)
        for line in lines
        if line.is_text and FOOTNOTE_START.match(line.text) and length(line) > width
    )
    return lengths[len(lengths) // 2] if len(lengths) >= 2 else width
