"""Stage ``captions``: move photo captions out of the running text.

A caption is set in a wider measure than the body (it spans the picture, not the
text column), so in a hard-wrapped extraction its lines are clearly longer than the
body's. Evidence (all must hold): the document is hard-wrapped; the chunk (lines
between blank lines or page breaks) has at most ``max_lines`` lines; its lines
(leaving out the last, often short one) are at least ``min_width_ratio`` times the
body width and also longer than footnote lines (footnotes are set smaller, so their
lines are longer than the body's too: the caption must beat them by a tenth); it
does not begin like a footnote (a number and a space) nor carry a note's label under
its first line, nor start in lowercase (a sentence going on); it does not stand right
under a title (a section's first paragraph, which an extractor wrote two lines to a
line), nor open the document; its words have spaces between them
(an extraction that lost its spaces makes long lines of any text); the body outside
it has more lines than it has (else the "body width" is mostly its own), and
is a column at least ``NARROWEST_MEASURE`` characters wide. Where the extractor
writes lines of a paragraph as one (long lines inside chunks too long to be
captions), one long line is no measure: the caption must show its measure on two
lines. Its lines become ``caption`` lines, which reflow turns into a caption block
placed after the paragraph they interrupted.

A second, weaker sign (confidence 0.5): a short chunk (at most three lines, in the
body's measure or narrower) that is the last thing on its page and stands inside a
sentence: the body line before it, running text, stops on a lowercase word, a hyphen
or a comma, the next page goes on in lowercase, and the chunk itself starts with a
capital and does not stop inside a sentence of its own (``These occurred`` / ``A
strike of metalworkers in Genoa, March 2020.`` / ``during what we called ...``; a
chunk ending ``... (one standard`` is the paragraph going on over the page; after a
code line's ``done`` no sentence goes on).

A third (confidence 0.7): a figure drawn as glyphs (music's note heads and accents,
a diagram's point labels), which an extractor writes a glyph or two a line: at least
three such lines (at most three characters each, no word of two letters) as the last
chunk of a page, inside a sentence that the next page goes on with in lowercase. Its
lines become ``figure`` lines (a figure block: no caption, and no running text), so
that the sentence is one paragraph around them.

A fourth (confidence 0.7): a figure drawn in text at the top of a page (a plot's tick
labels and axis names, one to a line or a few), where the last page's sentence goes on
after it: its lines become figure lines, and its labelled caption under it (``Figure
3: ...``, to the end of its sentence) caption lines (see :func:`_at_page_start`).

First of all, a caption this pipeline wrote itself is read back: in its markdown
output a caption stands under the line ``<!-- caption -->`` (a figure under ``<!--
figure -->``), so the lines after that mark, up to a blank line, are a caption (a
figure; confidence 1.0) and the mark is removed as markup. Cleaning clean output
thus keeps its captions captions.

Example: body lines of ~65 characters, then a chunk of two 110-character lines
``Members of a community art project light up ...`` -> a caption block.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .. import markup
from ..document import Document, Edit, Line, LineKind, Removed
from ..layout import (
    FOOTNOTE_START,
    NARROWEST_MEASURE,
    SECTION_NUMBER,
    Chunk,
    chunks,
    footnote_width,
    label_under_first_line,
    length,
    median_length,
)
from ..rules import Rules
from ..textutil import ends_sentence, starts_lowercase

STAGE = "captions"


def find_captions(doc: Document, rules: Rules) -> Document:
    """Mark chunks set wider than the body and its footnotes as captions (see module doc)."""
    settings = rules.captions
    lines = list(doc.lines)
    edits: list[Edit] = []
    removed: list[Removed] = []
    _read_marked(lines, edits, removed)
    layout = doc.require_layout()
    width = layout.body_width
    if not layout.hard_wrapped or width < NARROWEST_MEASURE:
        # Not a printed page, or no column to measure a caption against.
        return doc.with_lines(tuple(lines), edits, removed) if edits else doc
    text_lines = sum(line.is_text for line in lines)
    threshold = max(settings.min_width_ratio * width, 1.1 * footnote_width(lines, width))
    for page, following in pairwise(layout.pages):
        _at_page_end(lines, page, following, width, rules, edits)
        _at_page_start(lines, page, following, width, rules, edits)
    page_chunks = [c for page in layout.pages for c in chunks(lines, page, ("body",))]
    merges = _merged_lines(lines, page_chunks, threshold, settings.max_lines) >= _MERGED_EVIDENCE
    for chunk in page_chunks:
        size = chunk.last - chunk.first + 1
        first = lines[chunk.first].text
        if (
            size > settings.max_lines
            or FOOTNOTE_START.match(first)
            or label_under_first_line(lines, chunk, True, rules.reflow.sentence_end) is not None
            or markup.starts_with_block_markup(first)
        ):
            continue  # (a note, by its label before or under its first line)
        if median_length(lines, chunk) < threshold or text_lines <= 2 * len(chunk.indexes):
            continue
        if starts_lowercase(first.lstrip()):
            continue  # (a sentence going on: the paragraph's lines, run together)
        if _after_a_title(lines, chunk, width, rules.reflow.sentence_end):
            # A section's first paragraph, its lines run together by the extractor:
            # a caption stands by its figure, not under a section's title.
            continue
        if not _spaced_as_words(lines, chunk):
            continue
        if merges and _wide_lines(lines, chunk.indexes, threshold) < 2:
            # This extractor writes lines of a paragraph as one: a lone long line is
            # no measure; a caption must show its measure on two lines.
            continue
        for index in chunk.indexes:
            lines[index] = Line(lines[index].number, lines[index].text, "caption")
        first_number, last_number = lines[chunk.first].number, lines[chunk.last].number
        text = " ".join(lines[i].text.strip() for i in chunk.indexes)
        edits.append(
            Edit(
                STAGE,
                "caption",
                ((first_number, last_number),),
                text,
                text,  # moved, not changed: the words go on, in a caption block
                f"lines of {median_length(lines, chunk):.0f} characters in a body "
                f"{width} wide: set in a caption's measure; moved to a caption block",
                0.8,
            )
        )
    return doc.with_lines(tuple(lines), edits, removed)


#: Longer words on average: the extraction lost the spaces between words, and the
#: lines' length says nothing of their measure.
_LONGEST_MEAN_WORD = 15


#: Long lines inside body paragraphs, at least this many in the document: the
#: extractor writes two or three of a paragraph's lines as one (pdftotext does, on
#: some justified pages).
_MERGED_EVIDENCE = 2


def _wide_lines(lines: list[Line], indexes: range, threshold: float) -> int:
    return sum(length(lines[i]) >= threshold for i in indexes)


def _merged_lines(
    lines: list[Line], page_chunks: list[Chunk], threshold: float, max_lines: int
) -> int:
    """How many lines as long as a caption's stand inside chunks too long to be a
    caption: lines of a paragraph that the extractor ran together."""
    return sum(
        _wide_lines(lines, chunk.indexes, threshold)
        for chunk in page_chunks
        if chunk.last - chunk.first + 1 > max_lines
    )


def _after_a_title(lines: list[Line], chunk: Chunk, width: int, marks: str) -> bool:
    """Whether the chunk comes right after a title, or opens the document: a short
    line of its own (blank lines around it) that starts with a capital, an opening
    mark or a section number and ends no sentence, unless it asks a question
    (``1.4.4`` / ``Environnements de liste``, ``6.8.`` / ``¿Cómo puedo indicar ...?``),
    or a bibliography's key (``[FM07]``) over its entry."""
    before = chunk.first - 1
    while before >= 0 and not lines[before].text.strip():
        before -= 1
    if before < 0:
        return True  # (the document's first words: no figure above them)
    if before == chunk.first - 1 or lines[before].kind != "body":
        return False
    above = before - 1
    if above >= 0 and lines[above].text.strip() and not SECTION_NUMBER.match(lines[above].text):
        return False  # (the end of a paragraph, not a title standing apart)
    text = lines[before].text.strip()
    if _CITATION_KEY.match(text):
        return True
    return (
        len(text) < width / 2
        and (
            text[:1].isupper()
            or text[:1] in "¿¡“‘\"'("
            or bool(SECTION_NUMBER.match(text.split()[0]))
        )
        and (text.endswith("?") or not ends_sentence(text, marks))
    )


def _spaced_as_words(lines: list[Line], chunk: Chunk) -> bool:
    """Whether a chunk's lines are words with spaces between (``Musicographymakesthe
    musicsymbolfont...``, an extraction that lost its spaces, is as long as a
    caption's measure by its characters alone)."""
    text = " ".join(lines[i].text.strip() for i in chunk.indexes)
    return len(text) <= _LONGEST_MEAN_WORD * (text.count(" ") + 1)


def _read_marked(lines: list[Line], edits: list[Edit], removed: list[Removed]) -> None:
    """Mark the lines under each ``<!-- caption -->`` line (our md output's caption
    mark) as a caption, and those under each ``<!-- figure -->`` as a figure, up to a
    blank line, and remove the mark. A mark with no text under it is left alone, as
    text."""

    def mark_of(text: str) -> tuple[str, LineKind] | None:
        if markup.is_caption_mark(text):
            return markup.CAPTION_MARK, "caption"
        if markup.is_figure_mark(text):
            return markup.FIGURE_MARK, "figure"
        return None

    for index, line in enumerate(lines):
        found = mark_of(line.text) if line.kind == "body" else None
        if found is None:
            continue
        mark, kind = found
        end = index + 1
        while end < len(lines) and lines[end].is_text and mark_of(lines[end].text) is None:
            end += 1
        if end == index + 1:
            continue
        lines[index] = Line(line.number, line.text, "caption_mark")
        removed.append(Removed("caption_mark", mark, ((line.number, line.number),)))
        for position in range(index + 1, end):
            lines[position] = Line(lines[position].number, lines[position].text, kind)
        text = " ".join(lines[i].text.strip() for i in range(index + 1, end))
        edits.append(
            Edit(
                STAGE,
                f"marked-{kind}",
                ((line.number, lines[end - 1].number),),
                f"{mark}\n{text}",
                text,  # the words stay; only the mark goes
                f"under the line {mark} that this pipeline's markdown output puts over a "
                f"{kind}: a {kind} (the mark is removed)",
                1.0,
            )
        )


def _goes_on(text: str, marks: str) -> bool:
    """Whether a chunk's last line stops inside a sentence, on a lowercase word or a
    hyphen (``... (one standard``): the next page's lowercase words go on with it, so
    it is the paragraph itself, not an insert."""
    stripped = text.rstrip()
    # (The word's first letter, past a command's backslash or an opening mark.)
    words = stripped.split()
    last_word = words[-1].lstrip("\\([{“‘\"'") if words else ""
    return not ends_sentence(stripped, marks) and (stripped[-1:] == "-" or last_word[:1].islower())


#: A line of a figure's glyphs (a note head, an accent, a point's label) holds at most
#: this many characters...
_GLYPH_LINE = 3
#: ...and a figure drawn as glyphs makes at least this many such lines in a row.
_GLYPH_LINES = 3
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")


def _at_page_end(
    lines: list[Line], page: range, following: range, width: int, rules: Rules, edits: list[Edit]
) -> None:
    """Mark the page's last chunk as a caption if it stands inside a sentence that
    the next page goes on with in lowercase, and is a figure drawn as glyphs or a
    short insert (see module doc)."""
    page_chunks = chunks(lines, page, ("body",))
    if len(page_chunks) < 2:
        return
    chunk, before = page_chunks[-1], page_chunks[-2]
    after = next((lines[i].text for i in following if lines[i].is_text), "")
    marks = rules.reflow.sentence_end
    if ends_sentence(lines[before.last].text, marks) or not starts_lowercase(after):
        return
    texts = [lines[i].text.strip() for i in chunk.indexes]
    kind: LineKind
    if _figure_glyphs(texts):
        rule, confidence, kind = "figure-glyphs", 0.7, "figure"
        reason = (
            f"{len(texts)} lines of a glyph or two at the page end (a figure drawn as "
            "glyphs), inside a sentence the next page goes on with: moved to a figure block"
        )
    elif (
        len(texts) <= 3
        and median_length(lines, chunk) < rules.footnotes.min_width_ratio * width
        and texts[0][:1].isupper()
        # (Two words at least: a capital alone is a drop cap, or the first letter of
        # the word the next page goes on with.)
        and len(_WORD.findall(" ".join(texts))) >= 2
        and not _goes_on(texts[-1], marks)
        # The sentence it interrupts is seen to go on: its last line, running text
        # (a code line's ``done`` is no sentence), stops on a lowercase word, a
        # hyphen or a comma (a figure's stray "7" is no sentence).
        and _prose(lines[before.last], width)
        and (
            _goes_on(lines[before.last].text, marks)
            or lines[before.last].text.rstrip()[-1:] in ",;"
        )
    ):
        rule, confidence, kind = "caption-in-sentence", 0.5, "caption"
        reason = (
            "a short chunk at the page end, inside a sentence the next page goes on "
            "with: an insert (caption); moved to a caption block"
        )
    else:
        return
    for index in chunk.indexes:
        lines[index] = Line(lines[index].number, lines[index].text, kind)
    text = " ".join(texts)
    span = ((lines[chunk.first].number, lines[chunk.last].number),)
    # Moved, not changed: the words go on, in a caption or figure block.
    edits.append(Edit(STAGE, rule, span, text, text, reason, confidence))


#: A figure at the top of a page (a plot's tick labels and axis names, a diagram's
#: point labels) writes at least this many lines of its own, half of them or more
#: without a word (numbers, symbols, point labels)...
_FIGURE_LINES = 3
#: ...each of at most this many words of letters (an axis's name), and at most this
#: share of the body's width.
_FIGURE_LINE_WORDS = 4
_FIGURE_LINE_WIDTH = 0.6
_WORD = re.compile(r"[^\W\d_]{2,}")
#: A bibliography's key on a line of its own (``[FM07]``, ``[12]``).
_CITATION_KEY = re.compile(r"^\[[\w+.\-]{1,12}\]$")
#: A caption's label: a word and a number (``Figure 3:``, ``Fig. 4 —``, ``Table 2.``).
_LABELLED = re.compile(r"[^\W\d_]{2,}\.?\s?\d+(?:\.\d+)*\s?[:.—–-]")


def _figure_line(text: str, width: int) -> bool:
    """A line of a figure drawn in text: numbers, symbols and a few words at most
    (``0.00 0.05 0.10``, ``Hour of the day``, ``σ3``), shorter than most of a line."""
    return (
        len(text) <= _FIGURE_LINE_WIDTH * width
        and len(_WORD.findall(text)) <= _FIGURE_LINE_WORDS
        and not text.rstrip().endswith(".")
    )


def _prose(line: Line, width: int) -> bool:
    """A line of running text: most of a full line, of words."""
    text = line.text.strip()
    return len(text) >= 0.7 * width and len(_WORD.findall(text)) >= 6


def _at_page_start(
    lines: list[Line], page: range, following: range, width: int, rules: Rules, edits: list[Edit]
) -> None:
    """Mark a figure at the top of the next page as a caption, where the sentence it
    interrupts goes on after it: the page's last body line stops on a lowercase
    word or a hyphen, the next page opens (furniture aside) with ``_FIGURE_LINES``
    figure lines or more (see :func:`_figure_line`), half of them without a word
    (or any, where a labelled caption follows them: a diagram's boxes, ``Editor`` /
    ``fig.mp``), perhaps then the figure's caption (labelled, ``Figure 3:``, up to
    the end of its sentence), and then the text goes on in lowercase. The lines before and after
    the figure are running text (most of a line, of words: a table's rows on two
    pages are not). The figure's lines become caption lines, so that the sentence
    is one paragraph around them."""
    marks = rules.reflow.sentence_end
    last = next((i for i in reversed(page) if lines[i].kind == "body" and lines[i].is_text), None)
    if last is None or not _goes_on(lines[last].text, marks) or not _prose(lines[last], width):
        return
    body = [i for i in following if lines[i].kind == "body" and lines[i].is_text]
    figure = 0
    while figure < len(body) and _figure_line(lines[body[figure]].text.strip(), width):
        figure += 1
    if figure < _FIGURE_LINES or figure >= len(body):
        return
    taken = body[:figure]
    wordless = sum(not _WORD.search(lines[i].text) for i in taken)
    caption = _caption_after(lines, body[figure:], marks, width)
    if 2 * wordless < figure and not caption:
        return  # short lines of words: a list, a poem, not a figure (unless labelled)
    goes_on = figure + len(caption)
    if goes_on >= len(body):
        return
    if not starts_lowercase(lines[body[goes_on]].text) or not _prose(lines[body[goes_on]], width):
        return  # a table's rows on both pages, or no sentence going on
    for index in taken:
        lines[index] = Line(lines[index].number, lines[index].text, "figure")
    for index in caption:
        lines[index] = Line(lines[index].number, lines[index].text, "caption")
    taken += caption
    text = " ".join(lines[i].text.strip() for i in taken)
    span = ((lines[taken[0]].number, lines[taken[-1]].number),)
    reason = (
        f"{figure} short lines of numbers, symbols and labels at the top of the page (a "
        "figure drawn in text): moved to a figure block"
        + (", and its caption to a caption block" if caption else "")
        + ", from inside a sentence that goes on after it"
    )
    # Moved, not changed: the words go on, in a figure block (and a caption block).
    edits.append(Edit(STAGE, "figure-at-page-top", span, text, text, reason, 0.7))


#: A figure's caption under it runs to at most this many lines...
_CAPTION_LINES = 4
# ...each but the last filling this share of a body line at least.
_FULL_CAPTION_LINE = 0.7


def _caption_after(lines: list[Line], indexes: list[int], marks: str, width: int) -> list[int]:
    """The lines of the caption that starts at ``indexes[0]``, if it is one: a
    labelled line (``Figure 6: ...``) and the lines after it up to the one that ends
    its sentence, stops on no word, or falls short of a full line (a caption set
    without a full stop: ``Figure 2: The basic workflow``), ``_CAPTION_LINES`` at
    most; none otherwise."""
    if not _LABELLED.match(lines[indexes[0]].text.strip()):
        return []
    for count, index in enumerate(indexes[:_CAPTION_LINES], start=1):
        text = lines[index].text.strip()
        if (
            ends_sentence(text, marks)
            or not (text[-1].islower() or text[-1] == "-")  # (``densityplot(prof.obj)``)
            or len(text) < _FULL_CAPTION_LINE * width
        ):
            return indexes[:count]
    return []


def _figure_glyphs(texts: list[str]) -> bool:
    """``_GLYPH_LINES`` lines or more, each a glyph or two (no word of two letters)."""
    return len(texts) >= _GLYPH_LINES and not any(
        len(text) > _GLYPH_LINE or _TWO_LETTERS.search(text) for text in texts
    )
