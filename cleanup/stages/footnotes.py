"""Stage ``footnotes``: move footnotes out of the running text; mark their references.

A printed footnote sits at the bottom of its page (``2  A fuller discussion ...``)
and, in the extraction, cuts the body text of the page in two. What this stage
decides, and from what evidence:

- **The footnote area of a page**: from the first chunk (lines between blank lines)
  after the body that holds the awaited footnote number, set like a footnote
  (``2  ``, ``²``, ``[2]``, the notes' wider measure: at least ``min_width_ratio``
  times the body width) or plain (``2 ``) with its reference earlier on the page, to
  the page end; or everything after a rule line (``_____``); or a number run
  straight on after the body with no blank line. Chunks just before it in the
  notes' measure belong to it too. Pages come from the pages stage; captions are
  already set aside. A note's raised number may come glued to its first word
  (``1In practice``, PyMuPDF, pdfminer; ``2ogni elemento``, a lowercase word of four
  letters or more), on a line of its own above the note's text (pdftotext), or,
  hanging, under the note's first line, between two parts of its sentence
  (``What is the use of a score, if ... should`` / ``2.`` / ``chance not to
  agree?``, pdfminer); all count as plain numbers (the reference must be on the
  page), and a number alone counts only as the next of the page's notes (a missed
  folio looks the same), not before a title (``1`` / ``Introduction``) and not under a
  line without letters (a column of numbers: a table, a matrix R prints). Where
  two chunks (or two lines of a run-in chunk) would open the same note, or a lower
  one restarts the sequence at ``1``, the lower opens the notes: they stand at the
  page's foot. Above the first numbered note of a run-in chunk, lines in the notes'
  wider measure starting lowercase are the rest of the note the page before left
  unfinished. A contents entry (dot leaders) is no note. Notes numbered
  like list items (``4. Elle est ...``) are notes only as the number the sequence
  awaits (or the one after), with that number set apart as a reference above on the page
  (``des sigles (ratp, sncf...) 8 sauf``, ``option –mltex 1.``; not after a capital
  word: ``Figure 1.``), or glued or raised as one (``different.”1``), and a text that
  is no title (``2. The class``, a section); set-apart references stay as printed. A
  ``N.`` below the number awaited is a note where the page numbers its notes anew:
  ``N+1.`` follows it and both stand set apart above (the chapter's first notes were
  missed). A note labelled ``[N]`` needs a reference to
  it above it on the page, or ``[N-1]`` or ``[N+1]`` as the nearest label beside
  it (a list of notes): ``[9] "2004-02-25"`` is how R prints a vector.
- **Which footnote a line belongs to**: a line that begins with the next number of
  the sequence starts a footnote (numbers restart at 1 for a new article or
  chapter: a ``1`` with its reference glued to a word above it on the page, and no
  other line of the page numbered 1 since the last heading above it; a ``1.`` after
  a sentence's end, its reference set apart above it). A number further on, up to ``_MISSED_NOTES``
  ahead, starts a footnote where the notes between were missed, if it is set like
  a note or stands alone on its line and its reference is glued above it on the
  page (confidence 0.8). Other lines continue the one before, also across a page
  break (a footnote continued at the bottom of the next page has no number; it goes
  on on that page only). A chunk with no number at the top of a page's area continues
  the previous footnote if that one is unfinished (it does not end a sentence, or
  it holds a numbered list that the chunk goes on with); otherwise it is a footnote
  that lost its number, which gets the next number of the sequence, with a
  low-confidence edit saying so, unless its sentence runs on at the next page's
  top (body text: a note goes on at the next page's foot). A chunk at the page
  bottom set like the notes but in no note's place or sequence is a caption if it
  is a sentence or two (at most three lines) after body text that ends its
  sentence; else it stays where it is,
  with a doubtful edit saying so (a note, or body text: the evidence is too thin
  to move it).
- **References**: digits glued after a word or closing punctuation (``the US.2``,
  ``percent.”4``, ``groups3``), superscript digits (``word²``) or ``[2]``, equal to
  the number of the footnote being placed, searched in the body from the previous
  reference to the footnote itself, on the footnote's page (failing that, the page
  before): a note is printed on the page of its reference. A year with a reference
  glued to it (``from 201821 runs``) is split when its last digits are that number,
  and so is a number ending a sentence (``from 346 to 11.15 Clinton's``; not a
  section's number at a line's start, ``1.2 Title``). Digits that are not the
  awaited number stay (``COVID-19``, ``1990s``, ``M5S``, ``#4``, ``2.2 million``),
  and so do digits glued to a word the document writes more than once, a name
  (``z3``, ``lme4``: a reference stands once), and digits after a letter alone and
  a full stop (``B.1``, an appendix's section).

Footnote lines are relabelled ``footnote``; the first line of each footnote carries
the note's number (``Line.note``, the label taken off its text), and each reference
in the body is written ``[^N]`` (inline syntax, :func:`cleanup.markup.reference`).
Reflow turns the lines into footnote blocks, the renderers into footnotes.

Example: ``"linked with the US.2\\n\\n2  A fuller discussion ..."`` at a page bottom ->
body ``linked with the US.[^2]`` and a footnote block ``[^2]: A fuller discussion ...``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from .. import markup
from ..document import Document, Edit, Line, Removed
from ..layout import (
    Chunk,
    chunks,
    footnote_width,
    label_under_first_line,
    median_length,
    opens_with_caption_label,
)
from ..rules import Rules
from ..textutil import ends_sentence, has_dot_leader, starts_lowercase

STAGE = "footnotes"

_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_TO_SUPERSCRIPT = str.maketrans("1234567890", "¹²³⁴⁵⁶⁷⁸⁹⁰")
_START = re.compile(
    r"^\s*(?:(?P<n>\d{1,3})(?P<sep>\.?\s+)"
    r"|(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s*"
    r"|\[(?P<b>\d{1,3})\]\s*"
    # A raised number the extractor wrote against the note's first word
    # (``1In practice``, ``3TEX is``): a capital after it, then a letter or a space;
    # or a lowercase word of four letters or more (``2ogni elemento``; not ``2nd``).
    r"|(?P<g>\d{1,3})(?=[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|\s)|[a-zà-öø-ÿ]{4}))"
    # The note's text starts with a word or an opening mark (``1 , y−`` is math;
    # ``3. <http://…>`` is a note that gives a web address).
    r"(?P<text>[\w(“\"‘'\[¿¡<«„].*)$"
)
# The most notes in a row the pass may have missed: a note numbered further on than
# the next is taken with its reference above it on the page.
_MISSED_NOTES = 9
# Such a note is less certain than one in sequence (a setting, not yet measured).
_AFTER_MISSED_CONFIDENCE = 0.8
# How many lines away the next ``[N]`` of a list of notes may stand (a note's lines).
_NOTES_LIST_REACH = 40
# A body line this share of the body width long or longer is full.
_FULL_BODY_LINE = 0.8
#: A heading's words: a capital first, then letters, digits, spaces and the marks of
#: a title, no code (``Chapter 15``, ``2.3 Les noms de fichiers``).
_HEADING_WORDS = re.compile(r"[\d.]*\s*[^\W\d_][\w\s.,:’'\-–—]*")
# A note's number on a line of its own (pdftotext writes a raised number apart).
_LONE_LABEL = re.compile(r"^\s*(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s*$")
_URL_END = re.compile(r"(?:www\.|https?://|\.(?:pdf|html?|org|com)|/)\S*$")
_LETTER = re.compile(r"[^\W\d_]")
_NUMBERED = re.compile(r"^\s*(\d{1,2})([.)])\s")
_RULE_LINE = re.compile(r"^\s*(?:_{5,}|-{5,}|—{3,}|–{5,}|─{5,})\s*$")
# A reference glued after a letter, or after closing punctuation that follows a
# non-digit (so the ``2`` of ``2.2`` is not one); not inside a name (``amsppt1.tex``),
# nor after a letter alone and a full stop (``B.1``, an appendix's section), nor the
# first number of a range (``31(1):12–17``, a journal's pages).
_GLUED = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[^\d\s][.,;:!?”’\"')\]]))(?<!(?<![^\W\d_])[^\W\d_]\.)"
    r"(?P<n>\d{1,3})(?!\w|\.\w|[–-]\d)"
)
# After a number that ends a sentence (``11.15 Clinton's`` = 11 + reference 15), only
# when a new sentence follows: ``2.2 million`` stays.
_AFTER_NUMBER = re.compile(r"(?<=\d\.)(?P<n>\d{1,3})(?=\s+[A-Z“\"‘(]|\s*$)")
_YEAR_GLUED = re.compile(r"(?<![\w.,])(?P<year>1[5-9]\d\d|20\d\d)(?P<n>\d{1,3})(?!\w)")
_SUPERSCRIPT_REF = re.compile(r"(?<=\S)(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})")
_BRACKET_REF = re.compile(r"(?<=\S)\s?\[(?P<n>\d{1,3})\]")
# A reference set apart by a space after a word or a closing mark, before a space, an
# opening bracket or the line's end (``ponctuation 4 (! ?``, ``sncf...) 8 sauf``,
# ``\begin{document} 11 .``);
# after a mark that French sets apart too (``après ! ? 6 )``); before a closing
# mark (``option –mltex 1.``), unless after a capital word (see below).
_SPACED_REF = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[^\W\d_][.)?!;:»”’\]}])|(?<=\s[?!;:»]))\s(?P<n>\d{1,3})"
    r"(?=[\s(]|[.,;:)\]]{1,2}(?:\s|$)|$)"
)
# The word before a number: a capital one names what it numbers (``Figure 1 shows``).
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_LEADING_NUMBER = re.compile(r"^\s*[\d.]*$")
# A word with digits glued on (``groups3``, ``z3``, ``lme4``).
# (Searched for by its digits, which few positions of a text are: fast.)
_FINAL_DIGITS = re.compile(r"\d{1,3}(?!\w)")


@dataclass(frozen=True)
class _Start:
    number: int
    text: str
    strong: bool  # two spaces, a superscript or brackets: a footnote's own typography
    dotted: bool = False  # "1. ": also how list items are numbered
    # "[1] ": also how a bibliography numbers its entries and R prints a vector
    bracketed: bool = False


def _breaks_a_word(text: str) -> bool:
    """Whether a line ends in a word broken at a hyphen (``be-``): the next line,
    if it starts in lowercase, ends that word, and belongs with this line."""
    stripped = text.rstrip()
    return len(stripped) > 1 and stripped[-1] == "-" and stripped[-2].isalpha()


def _label_value(text: str) -> int:
    """The number of a line that holds only a number (``7``, ``⁷``, ``7.``)."""
    return int(text.strip().rstrip(".").translate(_SUPERSCRIPTS))


def _parse_start(text: str) -> _Start | None:
    match = _START.match(text)
    if match is None or has_dot_leader(text):
        return None  # (``1 A smiley . . . . 5``: a list of figures' entry)
    if match.group("sup"):
        return _Start(int(match.group("sup").translate(_SUPERSCRIPTS)), match["text"], True)
    if match.group("b"):
        return _Start(int(match.group("b")), match["text"], True, bracketed=True)
    if match.group("g"):
        return _Start(int(match.group("g")), match["text"], False)
    sep = match.group("sep")
    dotted = "." in sep
    return _Start(int(match.group("n")), match["text"], len(sep) >= 2 and not dotted, dotted)


@dataclass
class _Footnote:
    number: int
    index: int  # the line that starts it
    last: int  # its last line so far
    # Its reference stands on its page (or the one before, where pages are guessed).
    page_start: int = 0
    previous_page_start: int = 0
    # Found by a reference set apart by a space (``N.`` notes): the number stays in
    # the body as printed, unmarked (a glued candidate would be a coincidence).
    spaced: bool = False
    bracketed: bool = False  # labelled ``[N]``


class _Finder:
    """State of the forward pass through the pages."""

    def __init__(self, doc: Document, rules: Rules) -> None:
        self.lines = list(doc.lines)
        self.rules = rules
        self.marks = rules.reflow.sentence_end
        self.label_words = frozenset(w.casefold() for w in rules.captions.label_words)
        layout = doc.require_layout()
        self.width = layout.body_width
        self.note_width = footnote_width(self.lines, self.width)
        self.wider_notes = self.note_width >= 1.05 * self.width
        self.pages = layout.pages
        self.contents = layout.contents
        self.names = _names_with_digits(self.lines)
        self.notes: list[_Footnote] = []
        self.page_start = 0  # the first line of the page being read
        self.page_stop = 0  # and the line after its last
        self.by_spaced_reference = False  # the page's notes were told by spaced references
        self.previous_page_start = 0
        # A text line -> the line above it that holds only a number: the label of
        # the note the text line may open.
        self.labels: dict[int, int] = {}
        self.lone_numbers = [  # the lines that hold only a number, in order
            i
            for i, line in enumerate(self.lines)
            if len(line.text) < 80 and _LONE_LABEL.match(line.text)
        ]
        self.edits: list[Edit] = []
        self.removed: list[Removed] = []

    @property
    def expected(self) -> int:
        return self.notes[-1].number + 1 if self.notes else 1

    def wide(self, chunk: Chunk) -> bool:
        return (
            self.wider_notes
            and median_length(self.lines, chunk)
            >= self.rules.footnotes.min_width_ratio * self.width
        )

    def fits(self, start: _Start | None, wide: bool = False, at: int | None = None) -> bool:
        """Whether a numbered line (line ``at``) continues the footnote sequence
        (``[N]`` only as :meth:`_bracketed_note` says): the next number
        or the one after; a number further on, where the notes between were missed,
        if it is set like a note (or alone on its line) and its reference stands
        glued, superscript or bracketed above it on the page; or ``1``, a restart
        for a new article or chapter (see :meth:`_restarts`); or a ``N.`` below the
        number awaited, on a page that numbers its notes anew (see
        :meth:`_renumbered`)."""
        if start is None:
            return False
        if start.bracketed and (at is None or not self._bracketed_note(start.number, at)):
            return False  # ``[9] "2004-02-25"``: R prints a vector so
        if start.number in (self.expected, self.expected + 1):
            return True
        if at is None:
            return False
        if start.number == 1 and self.expected > 1:
            return self._restarts(start, at)
        if start.dotted and start.number < self.expected:
            return self._renumbered(start, at)
        return (
            self.expected + 1 < start.number <= self.expected + _MISSED_NOTES
            and not start.dotted
            and (start.strong or at in self.labels)
            and self._referenced_above(start.number, at)
        )

    def _bracketed_note(self, number: int, at: int) -> bool:
        """Whether a ``[N]`` line is a note: its reference above it on the page, or
        in a list of notes numbered one by one (the ``[N-1]`` or ``[N+1]`` line nearest
        it, a web page's notes at its end). R prints a vector's lines ``[1]``, ``[5]``,
        ``[9]``, and a value a line ``[1]``, ``[1]``."""
        if self._referenced_above(number, at):
            return True
        last = self.notes[-1] if self.notes else None
        if (
            last is not None
            and last.bracketed
            and last.number == number - 1
            and at - last.last <= _NOTES_LIST_REACH
        ):
            return True  # the list's ``[N-1]`` note, taken already
        for step in (-1, 1):
            index = at + step
            while 0 <= index < len(self.lines) and abs(index - at) <= _NOTES_LIST_REACH:
                found = _parse_start(self.lines[index].text) if self.lines[index].is_text else None
                if found is not None and found.bracketed:
                    if found.number == number + step:
                        return True
                    break
                index += step
        return False

    def _restarts(self, start: _Start, at: int) -> bool:
        """Whether a ``1`` at line ``at`` restarts the sequence: its reference glued,
        superscript or bracketed above it on the page (``1.``: set apart above it,
        as that document's references are, after a sentence's end), and no line
        above on the page numbered ``1`` too (``[1] TRUE`` is how R prints a value,
        line after line; a page's notes have a number each), since the last heading
        above it (see :meth:`_last_heading`); for ``[1]``, no other line of the page
        at all. (Lines numbered in another style do not count: a bibliography's
        ``[1]`` above the notes ``1.``, ``2.``.)"""
        # (``[1]`` lines: R's output prints them under its own short lines too.)
        others: Iterable[int]
        if start.bracketed:
            others = chain(range(self.page_start, at), range(at + 1, self.page_stop))
        else:
            others = range(max(self.page_start, self._last_heading(at) + 1), at)
        if any(
            (other := _parse_start(self.lines[i].text)) is not None
            and other.number == 1
            and (other.bracketed, other.dotted) == (start.bracketed, start.dotted)
            for i in others
            if self.lines[i].is_text
        ):
            return False
        if start.dotted:
            # ``1.`` numbers list items too, and starts a line inside a sentence
            # (``kleinere auf`` / ``1. Das …``).
            return self._after_sentence_end(at) and self._spaced_reference_above(
                1, at, restart=True
            )
        return self._referenced_above(1, at)

    def _last_heading(self, index: int) -> int:
        """The last line above ``index`` on its page that stands apart as a heading
        (short words, between blank lines, ending no sentence: ``Chapter 15``; not
        code, ``R> f(x)``), or -1. Notes are numbered anew after it, where a page
        holds a chapter's end and the next one's start (a page whose folio the pages
        without form feeds lack)."""
        for i in range(index - 1, self.page_start - 1, -1):
            text = self.lines[i].text.strip()
            if (
                text
                and self._title_like(text)
                and _HEADING_WORDS.fullmatch(text)
                and text.lstrip("0123456789. ")[:1].isupper()
                and (i == 0 or not self.lines[i - 1].is_text)
                and (i + 1 >= len(self.lines) or not self.lines[i + 1].is_text)
            ):
                return i
        return -1

    def _after_sentence_end(self, index: int) -> bool:
        """Whether the text line above line ``index`` on its page ends a sentence."""
        above = next(
            (i for i in range(index - 1, self.page_start - 1, -1) if self.lines[i].is_text),
            None,
        )
        return above is not None and ends_sentence(self.lines[above].text.strip(), self.marks)

    def _after_colon(self, index: int) -> bool:
        """Whether the text line above line ``index`` on its page ends in a colon: it
        announces what follows (a list, an example), as no footnote's context does."""
        above = next(
            (i for i in range(index - 1, self.page_start - 1, -1) if self.lines[i].is_text),
            None,
        )
        return above is not None and self.lines[above].text.rstrip().endswith(":")

    def _referenced_above(self, number: int, index: int) -> bool:
        """Whether a strong reference to ``number`` stands on the page above line
        ``index``."""
        return any(
            strong
            for i in range(self.page_start, index)
            if self.lines[i].is_text
            for _start, _end, strong in _candidates(self.lines[i].text, number, self.names)
        )

    def _chunks(self, span: range) -> list[Chunk]:
        """The body chunks of a page. A line holding only a number, with text after
        it (a blank line between at most), is set aside as the label of that text:
        the number of a note, if the note sequence and the page's references agree.
        The chunk it stood in ends before it, and the text after it opens a chunk.
        A number right under a line without a letter is no label: a column of
        numbers (a table's, a matrix R prints, a figure's axis) ends there."""
        out: list[Chunk] = []
        for chunk in chunks(self.lines, span, ("body",)):
            first = chunk.first
            wide = (
                len(self.lines[first].text.strip())
                >= self.rules.footnotes.min_width_ratio * self.width
            )
            label = label_under_first_line(self.lines, chunk, wide, self.marks)
            if label is not None:
                self.labels[first] = label
                out.append(Chunk(first, first))
                first = label + 1
            k = bisect_left(self.lone_numbers, first)
            while k < len(self.lone_numbers) and self.lone_numbers[k] <= chunk.last:
                index = self.lone_numbers[k]
                k += 1
                if self._under_numbers(index):
                    continue
                after = self._text_after(index, span)
                if after is None:
                    continue
                self.labels[after] = index
                if first < index:
                    out.append(Chunk(first, index - 1))
                first = index + 1
            if first <= chunk.last:
                out.append(Chunk(first, chunk.last))
        return out

    def _under_numbers(self, index: int) -> bool:
        """Whether the text line above the number alone on line ``index`` (a blank
        line between at most) holds no letter, and is not the label just before it
        (pdftotext stacks the raised numbers of a page's notes: ``5`` / ``6`` /
        ``7``, then their texts)."""
        for above in (index - 1, index - 2):
            if above >= 0 and self.lines[above].is_text:
                text = self.lines[above].text
                if _LONE_LABEL.match(text):
                    return _label_value(text) + 1 != _label_value(self.lines[index].text)
                return not _LETTER.search(text)
        return False

    def _text_after(self, index: int, span: range) -> int | None:
        """The text line just after ``index`` (a blank line between at most), if it
        starts with a letter or an opening mark, as a note's text does, and is not a
        title (``1`` / ``Introduction``: a chapter's number and name, which an
        extractor wrote apart) nor a contents entry (dot leaders)."""
        for after in (index + 1, index + 2):
            if after >= span.stop:
                return None
            line = self.lines[after]
            if line.is_text:
                text = line.text.strip()
                if not (text[:1].isalpha() or text[:1] in "(“\"‘'[") or has_dot_leader(text):
                    return None
                return None if self._title_like(text) else after
            if not line.is_blank:
                return None
        return None

    def _title_like(self, text: str) -> bool:
        """A short line that ends no sentence: a title (a note's first line is full,
        or ends the note's sentence)."""
        return not ends_sentence(text.strip(), self.marks) and len(text.strip()) < self.width / 2

    def _dotted_note(self, start: _Start, index: int) -> bool:
        """Whether a ``N. text`` line is a note, not a list's item (a line ending in a
        colon announces it) or a numbered section's title: the number the sequence
        awaits or the one after (a note missed), or ``1`` (a restart), a text that is
        no title, and the number set
        apart as a reference above it on the page (or, but for a restart, glued or
        raised as one); or a number below the one awaited,
        where the page numbers its notes anew (see :meth:`_renumbered`)."""
        if self._after_colon(index):
            return False  # ``... two choices:`` / ``1. If ...``: a list's first item
        if start.number in (self.expected, self.expected + 1, 1) and not self._title_like(
            start.text
        ):
            if self._spaced_reference_above(start.number, index):
                self.by_spaced_reference = True
                return True
            restart = start.number == 1 and self.expected > 1
            if not restart and self._referenced_above(start.number, index):
                return True  # glued or raised (``different.”1``): marked as a reference
        if self._renumbered(start, index):
            self.by_spaced_reference = True
            return True
        return False

    def _renumbered(self, start: _Start, index: int) -> bool:
        """Whether a ``N.`` line numbered below the note the sequence awaits is a
        note all the same: the notes of the pages before were numbered anew (for a
        chapter) and missed. The page shows its own sequence: the next numbered
        line below it is ``N+1.``, and both numbers stand set apart above as
        references."""
        if not 1 < start.number < self.expected or self._title_like(start.text):
            return False
        for below in range(index + 1, min(len(self.lines), index + _NOTES_LIST_REACH)):
            if self.lines[below].kind != "body" or not self.lines[below].is_text:
                continue
            following = _parse_start(self.lines[below].text)
            if following is None:
                continue
            return (
                following.dotted
                and following.number == start.number + 1
                and self._spaced_reference_above(start.number, index)
                and self._spaced_reference_above(following.number, index)
            )
        return False

    def _start(self, index: int) -> _Start | None:
        """The footnote start a line may be: by its own label (``2  Text``), or by
        the number on the line above it; never a contents entry (``3 Tables`` beside
        its dot leader)."""
        if index in self.contents:
            return None
        label = self.labels.get(index)
        if label is None:
            return _parse_start(self.lines[index].text)
        return _Start(_label_value(self.lines[label].text), self.lines[index].text.strip(), False)

    def area(self, page: range) -> list[Chunk]:
        """The footnote chunks at the bottom of a page, top to bottom: from the first
        chunk (never the page's first) holding a numbered line that continues the
        sequence, or from the rule line above the footnotes, to the page end, as long
        as the chunks after it look like notes (an extractor may write body text
        after them); before it, chunks set in the footnotes' measure (the rest of a
        footnote from the page before, a footnote that lost its number)."""
        self.previous_page_start, self.page_start = self.page_start, page.start
        self.page_stop = page.stop
        self.by_spaced_reference = False
        rule = next((i for i in page if _RULE_LINE.match(self.lines[i].text)), None)
        if rule is not None and self.lines[rule].is_text:
            self._remove_rule(rule)
            return self._chunks(range(rule + 1, page.stop))
        page_chunks = self._chunks(page)
        # The first chunk that opens the notes; of two that open the same note (or a
        # lower one that restarts them at 1), the lower: notes stand at the foot,
        # the higher is the body's (R prints a vector ``[1] 1 1 2 2``).
        first_note, opening, number = len(page_chunks), None, 0
        for k in range(1, len(page_chunks)):
            at = self._opens_notes(page_chunks[k], page)
            if at is None:
                continue
            opens = self._opened_number(page_chunks[k], at)
            if opening is None or opens in (number, 1):
                first_note, opening, number = k, at, opens
        top = first_note
        if opening is not None and opening > page_chunks[first_note].first:
            # The body runs on into the notes: the chunk's lines above them stay.
            page_chunks[first_note] = Chunk(opening, page_chunks[first_note].last)
        else:
            while top > 1 and self.wide(page_chunks[top - 1]):
                top -= 1
        if top == len(page_chunks) and top > 1 and self._ends_last_note(page_chunks[-1]):
            top -= 1
        if top == len(page_chunks) and page_chunks and (tail := self._note_tail(page_chunks[-1])):
            return [tail]
        if (
            top == len(page_chunks)
            and page_chunks
            and (run := self._run_in(self._last(page_chunks)))
        ):
            return [run]
        # After the first note, the area goes on while the chunks look like notes: a
        # numbered line, the notes' measure, or the rest of a note (lowercase). A
        # chunk of another kind is body text the extractor wrote after the notes.
        if first_note == len(page_chunks):
            return page_chunks[top:]
        end = first_note + 1
        highest = self._highest_number(page_chunks[first_note])
        while end < len(page_chunks) and self._like_notes(page_chunks[end], highest):
            highest = max(highest, self._highest_number(page_chunks[end]))
            end += 1
        return page_chunks[top:end]

    def _opened_number(self, chunk: Chunk, at: int) -> int:
        """The number of the note that opens the notes in ``chunk`` (from line
        ``at``, or its first line that fits the sequence)."""
        wide = self.wide(chunk)
        start = self._start(at)
        if start is not None and self.fits(start, wide, at):
            return start.number
        return next(
            (
                start.number
                for i in chunk.indexes
                if (start := self._start(i)) is not None and self.fits(start, wide, i)
            ),
            0,
        )

    def _last(self, page_chunks: list[Chunk]) -> Chunk:
        """The page's last chunk of text, passing over a number alone under it (a
        folio the page finder could not tell)."""
        last = page_chunks[-1]
        alone = last.first == last.last and _LONE_LABEL.match(self.lines[last.first].text)
        return page_chunks[-2] if alone and len(page_chunks) > 1 else last

    def _highest_number(self, chunk: Chunk) -> int:
        numbers = [start.number for i in chunk.indexes if (start := self._start(i))]
        return max(numbers, default=0)

    def _like_notes(self, chunk: Chunk, highest: int) -> bool:
        """Whether a chunk after the page's first note goes on the notes: set in
        their measure, numbered, or starting lowercase (the rest of a note). A
        number on a line of its own counts only as the next of the page's notes:
        a folio the page finder missed looks the same."""
        first = self.lines[chunk.first].text
        start = self._start(chunk.first)
        numbered = start is not None and (
            chunk.first not in self.labels or start.number == highest + 1
        )
        return self.wide(chunk) or numbered or starts_lowercase(first.lstrip())

    def _run_in(self, chunk: Chunk) -> Chunk | None:
        """Footnotes run straight on after the body, with no blank line between (some
        extractors write none at all): from the chunk's first line that starts the
        awaited footnote, in a footnote's typography or with its reference earlier on
        the page, to the end of the chunk. Of two lines that would start the same
        note, the lower starts it: notes stand at the page's foot, and the higher is
        the body's (R prints a vector ``[1] 1 1 2 2``, a list numbers its items); so
        does a lower ``1`` that restarts the sequence (a bibliography's ``[5]`` above
        the page's notes ``1.``, ``2.``)."""
        found: tuple[int, int] | None = None  # (line, number)
        for index in range(chunk.first + 1, chunk.last + 1):
            start = self._start(index)
            if start is None or (found is not None and start.number not in (found[1], 1)):
                continue
            if not self.fits(start, at=index):
                continue
            if start.dotted:
                if self._dotted_note(start, index):
                    found = (index, start.number)
                continue
            if start.strong or any(
                strong or index not in self.labels
                for i in range(chunk.first, index)
                for _start, _end, strong in _candidates(
                    self.lines[i].text, start.number, self.names
                )
            ):
                found = (index, start.number)
        if found is None:
            return None
        return Chunk(self._continued_above(chunk, found[0]), chunk.last)

    def _continued_above(self, chunk: Chunk, first: int) -> int:
        """Where the notes run on after the body begin, the rest of an unfinished
        note from the page before above the first numbered one: lines in the notes'
        wider measure, the first starting lowercase (the last, right above the next
        note, may be short), run straight on after the body's last line. ``first``
        where there is none."""
        if not self.wider_notes or not self.notes or not self._goes_on_here(self.notes[-1]):
            return first
        limit = self.rules.footnotes.min_width_ratio * self.width
        top = first - 1  # the note's last line: any length
        while top - 1 > chunk.first and len(self.lines[top - 1].text.strip()) >= limit:
            top -= 1
        if top >= first - 1 or not starts_lowercase(self.lines[top].text):
            return first
        if _breaks_a_word(self.lines[top - 1].text):
            return first  # (the line ends the body's word broken above it)
        return top

    def _note_tail(self, chunk: Chunk) -> Chunk | None:
        """The rest of an unfinished footnote run straight on after the page's last
        body line: trailing lines of the chunk set in the footnotes' measure (all but
        the last at least ``min_width_ratio`` of the body width), starting lowercase."""
        if not self.wider_notes or not self.notes or not self._goes_on_here(self.notes[-1]):
            return None
        limit = self.rules.footnotes.min_width_ratio * self.width
        first = chunk.last
        while first - 1 > chunk.first and len(self.lines[first - 1].text.strip()) >= limit:
            first -= 1
        if first == chunk.last or not starts_lowercase(self.lines[first].text):
            return None
        if _breaks_a_word(self.lines[first - 1].text):
            return None  # (``be-`` / ``cause all it does ...``: the body's sentence)
        return Chunk(first, chunk.last)

    def _opens_notes(self, chunk: Chunk, page: range) -> int | None:
        """Where in a chunk the notes begin, if it holds a line that starts the
        awaited footnote: set like a footnote (two spaces, a superscript, brackets,
        the notes' wider measure), or a plain ``N text`` whose reference ``N`` the
        page's body carries. The notes begin at the chunk's first line, or at the
        numbered line itself where the body runs on into them (its reference, or a
        ``N.`` note's, stands in the chunk above it)."""
        starts = [(i, start) for i in chunk.indexes if (start := self._start(i)) is not None]
        if not starts:
            return None  # most chunks: no need to measure them
        wide = self.wide(chunk)
        for index, start in starts:
            if not self.fits(start, wide, index):
                continue
            if start.strong or wide:
                return chunk.first
            if index in self.labels:
                # A number alone on a line is thin evidence: its reference must be
                # glued, superscript or bracketed (not ``1.2``, a section's number).
                if self._referenced_above(start.number, chunk.first):
                    return chunk.first
            elif not start.dotted:
                nearest = next(
                    (
                        i
                        for i in range(index - 1, page.start - 1, -1)
                        if self.lines[i].is_text
                        and _candidates(self.lines[i].text, start.number, self.names)
                    ),
                    None,
                )
                if nearest is not None:
                    return index if nearest >= chunk.first else chunk.first
            elif self._dotted_note(start, index):
                return index
        return None

    def _spaced_reference_above(self, number: int, index: int, restart: bool = False) -> bool:
        """Whether the page above line ``index`` carries ``number`` as a reference
        set apart by a space (``des sigles (ratp, sncf...) 8 sauf``): the evidence a
        ``N.`` numbered line at the page bottom is a note, not a list's item. After a
        capital word, a number names what it numbers (``Figure 1 shows``, ``in
        Table 2.``): no reference before a closing mark, nor to a restarting 1."""
        for i in range(self.page_start, index):
            if not self.lines[i].is_text:
                continue
            text = self.lines[i].text
            for match in _SPACED_REF.finditer(text):
                if int(match.group("n")) != number:
                    continue
                before = _WORD_BEFORE.search(text, 0, match.start())
                named = before is not None and before.group(1)[:1].isupper()
                closed = text[match.end() : match.end() + 1] not in ("", " ", "(")
                if not (named and (restart or closed)):
                    return True
        return False

    def _ends_last_note(self, chunk: Chunk) -> bool:
        """A last chunk in the body's measure is the end of the last footnote only
        visibly: the footnote broke off mid-word, or the chunk starts lowercase (where
        footnotes are set wider than the body: both, and at most three lines)."""
        if not self.notes or not self._goes_on_here(self.notes[-1]):
            return False
        before = self.lines[self.notes[-1].last].text.rstrip()
        lowercase = starts_lowercase(self.lines[chunk.first].text)
        if self.wider_notes:
            # Even where notes are set wider, the short end of a footnote that broke
            # off mid-word (``will by no means im-`` / ``mediately 'purge' ...``).
            return before.endswith("-") and lowercase and chunk.last - chunk.first < 3
        return before.endswith("-") or lowercase

    def _goes_on_here(self, note: _Footnote, first: int | None = None) -> bool:
        """Whether a note may go on on this page: it stands on this page or the one
        before (a note is continued on the next page only), and it is unfinished, or
        its numbered list goes on at line ``first``."""
        if note.page_start not in (self.page_start, self.previous_page_start):
            return False
        return self._unfinished(note) or (first is not None and self._continues_list(first))

    def _unfinished(self, note: _Footnote) -> bool:
        """A footnote that does not end a sentence (or a web address) goes on."""
        last = self.lines[note.last].text.strip()
        return not (ends_sentence(last, self.marks) or _URL_END.search(last))

    def _remove_rule(self, index: int) -> None:
        line = self.lines[index]
        self.lines[index] = Line(line.number, line.text, "footnote_rule")
        span = ((line.number, line.number),)
        self.removed.append(Removed("footnote_rule", line.text.strip(), span))
        self.edits.append(
            Edit(STAGE, "rule-line", span, line.text.strip(), "", "rule line above footnotes")
        )

    def take(self, page: range, area: list[Chunk]) -> None:
        """Relabel an area's lines as footnotes. In each chunk, the lines before its
        first numbered footnote continue the footnote before (if that one is
        unfinished and they are set like footnotes), or are a footnote that lost its
        number (if the page's body holds the reference the sequence awaits), or else
        stay in the body (body text run straight into the footnotes). A chunk after
        the page's footnotes in the body's measure that does not continue the last
        one is a caption."""
        opened_here = False
        for chunk in area:
            indexes = list(chunk.indexes)
            wide = self.wide(chunk)
            first_start = next(
                (k for k, i in enumerate(indexes) if self.fits(self._start(i), wide, i)),
                len(indexes),
            )
            lead, rest = indexes[:first_start], indexes[first_start:]
            if lead and opened_here:
                if markup.starts_with_block_markup(self.lines[lead[0]].text):
                    return  # a heading or quote: the body goes on
                if self._goes_on(lead):
                    for index in lead:
                        self._continue(index, True, False)
                else:
                    self._caption(lead)
            elif lead and self.notes and self._goes_on_here(self.notes[-1], lead[0]):
                if self._set_as_notes(lead, attached=bool(rest)) or self._ends_last_note(
                    Chunk(lead[0], lead[-1])
                ):
                    for index in lead:
                        self._continue(index, False, index == lead[0])
            elif (
                lead
                and not rest
                and self._lost_number(page, area)
                and self._set_as_notes(lead, attached=False)
                and not self._runs_on_over_the_page(lead[-1], page)
            ):
                text = self.lines[lead[0]].text.strip()
                self._open(lead[0], _Start(self.expected, text, False), "inferred-number", 0.5)
                opened_here = True
                for index in lead[1:]:
                    self._continue(index, True, False)
            elif lead and not rest and chunk is area[-1] and self._set_as_notes(lead, False):
                # Set wider than the body at the page bottom, yet in no footnote's
                # place or sequence: a caption, a note that lost its number or body
                # text (a contents entry, a paragraph the extractor wrote on one
                # line). Measured on real documents, a sentence or two there is
                # body text far more often than a caption: unless its label says it
                # is one (``Figure 2: ...``), it stays where it is, as a doubt.
                if opens_with_caption_label(self.lines[lead[0]].text, self.label_words):
                    self._caption(lead, labelled=True)
                else:
                    self._doubt(lead)
            for position, index in enumerate(rest):
                start = self._start(index)
                if start is not None and self.fits(start, wide, index):
                    self._open(index, start, "numbered", 1.0)
                    opened_here = True
                elif self._body_resumes(rest[position : position + 3]):
                    return  # a missed page break: the body goes on; leave it
                else:
                    self._continue(index, True, False)

    def _body_resumes(self, indexes: list[int]) -> bool:
        """Whether the lines ahead (the next three are enough) are body text, not the
        rest of a footnote: markup (a heading, a quote), or, where footnotes are set
        wider than the body, three lines in the body's measure: none as wide as the
        notes, two of them full body lines (a footnote's last line or two may be
        short, and the note may go on in a paragraph of its own)."""
        if markup.starts_with_block_markup(self.lines[indexes[0]].text):
            return True
        if not self.wider_notes or len(indexes) < 3:
            return False
        limit = self.rules.footnotes.min_width_ratio * self.width
        ahead = [len(self.lines[i].text.strip()) for i in indexes[:3]]
        full = sum(length >= _FULL_BODY_LINE * self.width for length in ahead)
        return (
            all(length < limit for length in ahead)
            and full >= 2
            and not any(self._start(i) for i in indexes[:3])
        )

    def _continues_list(self, index: int) -> bool:
        """Whether a line is the next item of a numbered list inside the last footnote
        (``5. That ...`` after a footnote holding ``4. That ...``)."""
        match = _NUMBERED.match(self.lines[index].text)
        if match is None:
            return False
        wanted = f"{int(match.group(1)) - 1}{match.group(2)}"
        note = self.notes[-1]
        return any(
            self.lines[i].text.lstrip().startswith(wanted)
            for i in range(note.index, note.last + 1)
            if self.lines[i].kind == "footnote"
        )

    def _goes_on(self, lead: list[int]) -> bool:
        """Whether a chunk after a footnote on the same page continues it: set like
        footnotes, or a list item, or a lowercase start, or the footnote unfinished."""
        first = self.lines[lead[0]].text
        return (
            self._set_as_notes(lead, attached=False)
            or markup.list_marker(first) in ("strong", "number")
            or starts_lowercase(first)
            or self._unfinished(self.notes[-1])
        )

    def _caption(self, indexes: list[int], labelled: bool = False) -> None:
        for index in indexes:
            line = self.lines[index]
            self.lines[index] = Line(line.number, line.text, "caption")
        span, text = self._span_and_text(indexes)
        self.edits.append(
            Edit(
                STAGE,
                "labelled-caption-at-page-bottom" if labelled else "caption-after-notes",
                span,
                text,
                text,  # moved, not changed: the words go on, in a caption block
                (
                    "a caption's label opening a chunk set wider than the body at the "
                    "page bottom, in no footnote's place or sequence: moved to a "
                    "caption block"
                    if labelled
                    else "after the page's footnotes, in the body's measure, not going "
                    "on with the last note: a caption; moved to a caption block"
                ),
                0.8 if labelled else 0.6,
            )
        )

    def _span_and_text(self, indexes: list[int]) -> tuple[tuple[tuple[int, int]], str]:
        """The raw lines and the text of a run of lines, for an edit."""
        first, last = self.lines[indexes[0]].number, self.lines[indexes[-1]].number
        return ((first, last),), " ".join(self.lines[i].text.strip() for i in indexes)

    def _doubt(self, indexes: list[int]) -> None:
        span, text = self._span_and_text(indexes)
        self.edits.append(
            Edit(
                STAGE,
                "left-at-page-bottom",
                span,
                text,
                text,
                "text at the page bottom set like the footnotes, in no footnote's place "
                "or sequence (a caption? a note that lost its number?): left in place",
                0.5,
            )
        )

    def _set_as_notes(self, indexes: list[int], attached: bool) -> bool:
        """Whether lines are set like footnotes: wider than the body when the
        document's footnotes are (any lines when they are not). A single line run
        straight into the numbered footnotes is the short last line of one."""
        if not self.wider_notes or (attached and len(indexes) == 1):
            return True
        return median_length(self.lines, Chunk(indexes[0], indexes[-1])) >= (
            self.rules.footnotes.min_width_ratio * self.width
        )

    def _runs_on_over_the_page(self, index: int, page: range) -> bool:
        """Whether line ``index`` stops mid-sentence and the next page's text (its
        first line of words) goes on in lowercase: the body's sentence runs on over
        the page break (a note goes on at the next page's foot, never at its top)."""
        if ends_sentence(self.lines[index].text.strip(), self.marks):
            return False
        following = next(
            (
                i
                for i in range(page.stop, len(self.lines))
                if self.lines[i].kind == "body" and _LETTER.search(self.lines[i].text)
            ),
            None,
        )
        return following is not None and starts_lowercase(self.lines[following].text.lstrip())

    def _lost_number(self, page: range, area: list[Chunk]) -> bool:
        """Whether an unnumbered chunk is the footnote the sequence awaits: no line
        of the area carries that number, and the page's body has its reference."""
        awaited = self.expected
        for chunk in area:
            for index in chunk.indexes:
                start = self._start(index)
                if start is not None and start.number == awaited:
                    return False
        return any(
            _candidates(self.lines[i].text, awaited, self.names)
            for i in page
            if self.lines[i].is_text
        )

    def _open(self, index: int, start: _Start, rule: str, confidence: float) -> None:
        line = self.lines[index]
        self.lines[index] = Line(line.number, start.text, "footnote", note=start.number)
        first = last = line.number
        before = line.text.strip()
        label = self.labels.get(index) if rule == "numbered" else None
        if label is not None:
            number_line = self.lines[label]
            self.lines[label] = Line(number_line.number, number_line.text, "footnote_label")
            # (The label above the text, or under its first line.)
            first, last = min(first, number_line.number), max(last, number_line.number)
            before = f"{number_line.text.strip()} {before}"
        awaited = self.expected
        self.notes.append(
            _Footnote(
                start.number,
                index,
                index,
                self.page_start,
                self.previous_page_start,
                spaced=self.by_spaced_reference,
                bracketed=start.bracketed,
            )
        )
        if rule != "numbered":
            reason = (
                f"unnumbered footnote at the page bottom after an ended one: numbered "
                f"{start.number}, the next in the sequence"
            )
        elif start.number > awaited + 1:
            confidence = min(confidence, _AFTER_MISSED_CONFIDENCE)
            reason = (
                f"footnote {start.number} at the page bottom, its reference above it on the "
                f"page (footnotes {awaited}–{start.number - 1} were not found)"
            )
        elif 1 < start.number < awaited:
            confidence = min(confidence, _AFTER_MISSED_CONFIDENCE)
            reason = (
                f"footnote {start.number} at the page bottom, numbered anew: footnote "
                f"{start.number + 1} follows it and both are referenced above it on the page "
                + (
                    "(footnote 1 of the new numbering was not found)"
                    if start.number == 2
                    else f"(footnotes 1–{start.number - 1} of the new numbering were not found)"
                )
            )
        elif start.number == 1 and awaited > 1:
            reason = "footnote 1 at the page bottom, numbering the notes anew"
        elif start.number == awaited + 1:
            reason = (
                f"footnote {start.number} at the page bottom, the next but one in sequence "
                f"(footnote {awaited} was not found)"
            )
        else:
            reason = f"footnote {start.number} at the page bottom, in sequence"
        span = ((first, last),)
        self.edits.append(
            Edit(
                STAGE,
                rule,
                span,
                before,
                markup.write_footnote(start.number, start.text.strip()),
                reason,
                confidence,
            )
        )

    def _continue(self, index: int, same_page: bool, chunk_start: bool) -> None:
        line = self.lines[index]
        self.lines[index] = Line(line.number, line.text, "footnote")
        note = self.notes[-1]
        note.last = index
        if not same_page and chunk_start:
            span = ((line.number, line.number),)
            self.edits.append(
                Edit(
                    STAGE,
                    "continued",
                    span,
                    line.text.strip(),
                    line.text.strip(),
                    f"unnumbered lines at the page bottom continue footnote {note.number}, "
                    "which the page before left unfinished",
                    0.8,
                )
            )


def move_footnotes(doc: Document, rules: Rules) -> Document:
    """Relabel footnote lines and mark their references (see module doc)."""
    if not doc.require_layout().hard_wrapped:
        return doc
    finder = _Finder(doc, rules)
    for page in finder.pages:
        area = finder.area(page)
        if area:
            finder.take(page, area)
    if not finder.notes:
        return doc
    _mark_references(finder)
    return doc.with_lines(tuple(finder.lines), finder.edits, finder.removed)


def _names_with_digits(lines: list[Line]) -> frozenset[str]:
    """Words with digits glued on that the document writes more than once: names
    (``z3``, ``lme4``, ``fm1``), not words with a reference, which stands once."""
    text = "\n".join(line.text for line in lines if line.kind == "body")
    counts = Counter(
        _glued_word(text, match.end())
        for match in _FINAL_DIGITS.finditer(text)
        if match.start() and text[match.start() - 1].isalpha()
    )
    return frozenset(word for word, count in counts.items() if count > 1 and word)


def _candidates(
    text: str, number: int, names: frozenset[str] = frozenset()
) -> list[tuple[int, int, bool]]:
    """(start, end, strong) of each place in ``text`` that may refer to
    footnote ``number``, in order. Strong: glued after a word or punctuation,
    superscript or in brackets; weak: after a number (``11.15``, ``201821``), which a
    version or a decimal (``Version 2.1``) reads the same as. Digits glued to a word
    the document writes more than once (``names``), or to a single letter
    (``r1``), are part of a name."""
    digits = str(number)
    if digits not in text and digits.translate(_TO_SUPERSCRIPT) not in text:
        return []  # every form of the reference contains its digits: a cheap test first
    found: list[tuple[int, int, bool]] = []
    for pattern, group, strong in (
        (_GLUED, "n", True),
        (_AFTER_NUMBER, "n", False),
        (_YEAR_GLUED, "n", False),
        (_SUPERSCRIPT_REF, "sup", True),
        (_BRACKET_REF, "n", True),
    ):
        for match in pattern.finditer(text):
            if int(match.group(group).translate(_SUPERSCRIPTS)) != number:
                continue
            if pattern is _GLUED:
                word = _glued_word(text, match.end())
                # A reference follows a word, not a letter: ``r1``, ``x2`` are names.
                if (names and word in names) or len(word) == len(digits) + 1:
                    continue
            if pattern is _AFTER_NUMBER and _LEADING_NUMBER.match(text[: match.start()]):
                continue  # ``1.2 Title``: a section's number, at the line's start
            start = match.start("n") if pattern is _YEAR_GLUED else match.start()
            found.append((start, match.end(), strong))
    return sorted(found)


def _glued_word(text: str, end: int) -> str:
    """The word of letters and one to three digits that ends at ``end`` (``z3``), or
    '' if none does."""
    digits = end
    while digits > 0 and text[digits - 1].isdigit():
        digits -= 1
    start = digits
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    if not 0 < end - digits <= 3 or start == digits:
        return ""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return ""
    return text[start:end]


def _mark_references(finder: _Finder) -> None:
    """Write each footnote's reference as ``[^N]``, searching the body from the last
    reference placed up to the footnote itself."""
    lines = finder.lines
    cursor = (0, 0)  # (line index, character offset) after the last reference placed
    for note in finder.notes:
        if note.spaced:
            continue
        found = _reference_of(lines, cursor, note, finder.names)
        if found is None:
            continue
        index, start, end = found
        line = lines[index]
        replacement = markup.reference(note.number)
        lines[index] = line.with_text(line.text[:start] + replacement + line.text[end:])
        # The context shown starts at a word's start and ends at a word's end, so
        # that the edit accounts for the whole word the reference came out of
        # (``[ababab…1]``, ``here²2``).
        left = max(0, start - 20)
        while left > 0 and not line.text[left - 1].isspace():
            left -= 1
        right = end
        while right < len(line.text) and not line.text[right].isspace():
            right += 1
        finder.edits.append(
            Edit(
                STAGE,
                "reference",
                ((line.number, line.number),),
                line.text[left:right],
                line.text[left:start] + replacement + line.text[end:right],
                f"{line.text[start:end]!r} after {line.text[max(0, start - 12) : start]!r} "
                f"is the reference to footnote {note.number}, the next in sequence",
                0.9,
            )
        )
        cursor = (index, start + len(replacement))


def _reference_of(
    lines: list[Line], cursor: tuple[int, int], note: _Footnote, names: frozenset[str]
) -> tuple[int, int, int] | None:
    """Where the reference to ``note`` stands (line index, start, end), after
    ``cursor`` and before the note: on the note's page (a note is printed on the page
    of its reference), else on the page before (where pages were guessed)."""
    for page_start in (note.page_start, note.previous_page_start):
        found = _reference_between(lines, cursor, max(cursor[0], page_start), note, names)
        if found is not None:
            return found
    return None


def _reference_between(
    lines: list[Line], cursor: tuple[int, int], first: int, note: _Footnote, names: frozenset[str]
) -> tuple[int, int, int] | None:
    """The first strong candidate from line ``first`` to the note, else the first
    weak one."""
    weak: tuple[int, int, int] | None = None
    for index in range(first, note.index):
        line = lines[index]
        if not line.is_text:
            continue
        offset = cursor[1] if index == cursor[0] else 0
        for start, end, strong in _candidates(line.text, note.number, names):
            if start < offset:
                continue
            if strong:
                return index, start, end
            weak = weak or (index, start, end)
    return weak
