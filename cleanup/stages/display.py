"""Stage ``display``: undo what display type does to an extraction.

Titles, captions and section heads are set in display type, and three of its tricks
leave artifacts in the text. What this stage decides, and from what evidence:

- **Fake bold** (text printed twice, slightly offset) comes out doubled:
  ``long roadlong road``, ``Members of ... project, Members of ... project,``.
  A chunk of caption lines, or of short lines (a title block), in which some run of
  at least ``min_evidence_letters`` letters is written twice in a row is fake bold;
  there, every run of at least ``min_unit_letters`` letters written twice in a row
  (between word boundaries) is kept once. Elsewhere nothing is collapsed, so
  ``had had`` and ``that that`` in the body stay, as does ``bye-bye``; nor is a run
  written three times or more (``spam spam spam``): fake bold prints twice.
- **Title blocks**: a fake-bold chunk of short lines (all under ``title_width_ratio``
  of the body width) is the article's title: one ``#`` heading. The extraction
  often puts it inside the sentence it interrupted on the page; reflow places it
  before that paragraph and joins the sentence around it.
- **Letter-spaced small caps**: a line whose words are written letter by letter
  (``t o  c a p i ta l ,  b l ac k  l i v e s``), single spaces between letters and
  double spaces between words, is a section heading: ``## to capital, black lives``,
  the letters' case kept as extracted, when the words it makes are words: most of
  their letters in words of the lexicon or of the document itself. A chart of
  glyphs (``@ A B C D E F G H``) or a line spaced out without double spaces
  between words makes none, and stays as it is, as does a line of single
  characters in character-code order (``a b c d e``: a glyph chart).

Headings found here become ``heading`` lines with their ``level`` (1 for a title, 2
for a section), a stream of their own that hyphen joining and paragraph building
pass over.

Example: ``"the long road the long road\\nstill aheadstill ahead"`` (short lines)
-> ``# the long road still ahead``.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .. import markup
from ..document import Document, Edit, Line
from ..layout import chunks
from ..lexicon import zipf
from ..rules import Rules
from ..textutil import ends_sentence

STAGE = "display"

# The longest run written twice in a row from some position (greedy), then its copy.
_DOUBLED = re.compile(r"(?P<unit>.{3,})(?P=unit)")
_MAX_DISPLAY_LINE = 400  # longer lines are body text, never display type


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def _at_boundary(text: str, position: int) -> bool:
    """Whether ``position`` is a word boundary (not between two letters or digits)."""
    if position <= 0 or position >= len(text):
        return True
    return not (text[position - 1].isalnum() and text[position].isalnum())


def doubled_runs(text: str, min_letters: int) -> list[tuple[int, int]]:
    """(start, end) of each run written twice in a row with at least ``min_letters``
    letters, between word boundaries: ``text[start:end]`` is the run and its copy.

    >>> doubled_runs("ClassClass within", 4)
    [(0, 10)]
    >>> doubled_runs("it had had an effect", 4)
    []

    A run written three times or more, or itself a repetition (``spam spam spam
    spam``), is the author's repetition: fake bold prints a run twice, no more.

    >>> doubled_runs("spam spam spam spam spam", 4)
    []
    """
    if len(text) > _MAX_DISPLAY_LINE:
        return []
    found = []
    for match in _DOUBLED.finditer(text):
        unit = match.group("unit")
        if _letters(unit) < min_letters or _repeated(unit):
            continue
        if text.startswith(unit, match.end()) or text.endswith(unit, 0, match.start()):
            continue
        if _at_boundary(text, match.start()) and _at_boundary(text, match.end()):
            found.append((match.start(), match.end()))
    return found


def _repeated(unit: str) -> bool:
    """Whether ``unit`` is a shorter run written over and over (``spam spam ``)."""
    return (unit + unit).find(unit, 1) < len(unit)


def _collapse(text: str, min_letters: int) -> str:
    runs = doubled_runs(text, min_letters)
    for start, end in reversed(runs):
        text = text[: start + (end - start) // 2] + text[end:]
    return text


_LETTER_SPACED_WORDS = re.compile(r" {2,}")
# This many single characters in code order make a glyph chart, not a word.
_CHART_RUN = 5
# Two pieces (runs between spaces) of four characters or more.
_TWO_LONG_PIECES = re.compile(r"[^ ]{4}.* .*[^ ]{4}")


def letter_spaced(text: str) -> str | None:
    """The words of a letter-spaced line (``c e n t r i f u ga l  f o rc e s`` ->
    ``centrifugal forces``), or None if the line is not letter-spaced: at least six
    pieces, nearly all of one or two characters (the extraction keeps some kerned
    pairs, ``ta``, ``rc``, and the odd triple together).

    >>> letter_spaced("b o r n  i n  t h e  usa ?")
    'born in the usa?'
    >>> letter_spaced("Bug checklist . . . . . . . . 39") is None
    True
    >>> letter_spaced("c4 d8 e f g a b | c4 b8 a g f e d |") is None
    True
    """
    stripped = text.strip()
    if len(stripped) > _MAX_DISPLAY_LINE:
        return None  # body text; and the search below is quadratic on a long piece
    if _TWO_LONG_PIECES.search(stripped):
        return None  # most lines: the test below fails on its second long piece
    words = [w for w in _LETTER_SPACED_WORDS.split(stripped) if w]
    # Marks alone (a contents entry's dot leaders, a dash) are not letters spaced out.
    pieces = [piece for word in words for piece in word.split(" ") if _has_alnum(piece)]
    if sum(1 for piece in pieces if _has_letter(piece)) < 6:
        return None
    if any(_has_letter(piece) and any(c.isdigit() for c in piece) for piece in pieces):
        return None  # ``c4 d8 e f``: notes and durations, code, not letters spaced out
    if _in_code_order(pieces):
        return None  # ``@ A B C D E``: a chart of a font's glyphs, in code order
    short = sum(1 for piece in pieces if len(piece) <= 2)
    long = sum(1 for piece in pieces if len(piece) > 3)
    if short < 0.75 * len(pieces) or long > 1:
        return None
    return " ".join(word.replace(" ", "") for word in words)


def _in_code_order(pieces: list[str]) -> bool:
    """Whether ``_CHART_RUN`` single characters in a row follow each other in
    character code order (``A B C D E``, ``a b c d e``): no word spells so."""
    run = 1
    for before, after in pairwise(pieces):
        consecutive = len(before) == len(after) == 1 and ord(after) == ord(before) + 1
        run = run + 1 if consecutive else 1
        if run >= _CHART_RUN:
            return True
    return False


def _has_alnum(piece: str) -> bool:
    return any(c.isalnum() for c in piece)


def _has_letter(piece: str) -> bool:
    return any(c.isalpha() for c in piece)


_LETTER_RUN = re.compile(r"[^\W\d_]+")


class _Vocabulary:
    """Whether the words a letter-spaced line makes are words: known to the lexicon
    or written in the document's body (its own names), for most of their letters.
    The document's words are collected the first time they are needed."""

    def __init__(self, lines: list[Line], languages: tuple[str, ...]) -> None:
        self.lines = lines
        self.languages = languages
        self._own: set[str] | None = None

    def reads_as_words(self, words: str) -> bool:
        runs = _LETTER_RUN.findall(words)
        letters = sum(len(run) for run in runs)
        known = sum(len(run) for run in runs if self._known(run.lower()))
        return known >= 0.5 * letters

    def _known(self, word: str) -> bool:
        if zipf(word, self.languages) > 0:
            return True
        if self._own is None:
            self._own = {
                run.lower()
                for line in self.lines
                if line.is_text
                for run in _LETTER_RUN.findall(line.text)
            }
        return word in self._own


def fix_display_type(doc: Document, rules: Rules) -> Document:
    """Collapse fake-bold doubling; turn title blocks and letter-spaced lines into
    headings (see module doc)."""
    settings = rules.display
    lines = list(doc.lines)
    # Title blocks and fake bold are told by their measure: only in wrapped text.
    layout = doc.require_layout()
    wrapped, width = layout.hard_wrapped, layout.body_width
    edits: list[Edit] = []
    vocabulary = _Vocabulary(list(doc.lines), rules.lexicon.languages)
    everything = range(len(lines))
    for chunk in chunks(lines, everything, ("caption",)) + chunks(lines, everything, ("body",)):
        indexes = list(chunk.indexes)
        texts = [lines[i].text for i in indexes]
        short = all(len(t.strip()) < settings.title_width_ratio * width for t in texts)
        captions = all(lines[i].kind == "caption" for i in indexes)
        # Doubling is searched for only where it may be fake bold (the search is slow).
        evidence = (short or captions) and wrapped
        if evidence and any(doubled_runs(t, settings.min_evidence_letters) for t in texts):
            for i in indexes:
                _undouble(lines, i, settings.min_unit_letters, edits)
            if short and not captions:
                _make_title(lines, indexes, edits)
            continue
        # Consecutive letter-spaced lines are one heading set over two lines.
        group: list[tuple[int, str]] = []
        for i in indexes:
            words = letter_spaced(lines[i].text) if lines[i].kind == "body" else None
            if words and vocabulary.reads_as_words(words):
                group.append((i, words))
                continue
            if group:
                _make_heading(lines, group, edits)
            group = []
        if group:
            _make_heading(lines, group, edits)
    _lowercase_small_caps(lines, edits, rules.reflow.sentence_end)
    return doc.with_lines(tuple(lines), edits)


_LOWERCASE_WORDS = re.compile(r"^[a-z’']+(?: [a-z’']+){1,8}$")


def _lowercase_small_caps(lines: list[Line], edits: list[Edit], marks: str) -> None:
    """Small-caps headings the extraction did not letter-space come out as a line of
    lowercase words. Where the document's letter-spaced headings are all lowercase
    (at least two), a line like them (two to nine lowercase words, no punctuation)
    that stands after a finished paragraph and a blank line, right before a line
    that starts with a capital, is a heading too (low confidence: style evidence)."""
    found = [line.text for line in lines if line.kind == "heading" and line.level == 2]
    if len(found) < 2 or any(text != text.lower() for text in found):
        return
    for index in range(2, len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        text = line.text.strip()
        if not (line.is_text and _LOWERCASE_WORDS.match(text) and following.is_text):
            continue
        before = lines[index - 2]
        if not lines[index - 1].is_blank or not before.is_text:
            continue
        if ends_sentence(before.text, marks) and following.text.strip()[:1].isupper():
            lines[index] = Line(line.number, text, "heading", level=2)
            edits.append(
                Edit(
                    STAGE,
                    "small-caps-heading",
                    ((line.number, line.number),),
                    text,
                    markup.write_heading(2, text),
                    "a line of lowercase words between paragraphs, like this document's "
                    "letter-spaced (small-caps) headings",
                    0.6,
                )
            )


def _undouble(lines: list[Line], index: int, min_letters: int, edits: list[Edit]) -> None:
    line = lines[index]
    fixed = _collapse(line.text, min_letters)
    if fixed == line.text:
        return
    lines[index] = line.with_text(fixed)
    edits.append(
        Edit(
            STAGE,
            "fake-bold",
            ((line.number, line.number),),
            line.text.strip(),
            fixed.strip(),
            "display type printed twice (fake bold): each doubled run kept once",
            0.9,
        )
    )


def _make_title(lines: list[Line], indexes: list[int], edits: list[Edit]) -> None:
    title = " ".join(lines[i].text.strip() for i in indexes)
    first = lines[indexes[0]]
    lines[indexes[0]] = Line(first.number, title, "heading", level=1)
    for i in indexes[1:]:
        lines[i] = Line(lines[i].number, "", "joined")
    edits.append(
        Edit(
            STAGE,
            "title",
            ((first.number, lines[indexes[-1]].number),),
            title,
            markup.write_heading(1, title),
            "a block of short lines in fake-bold display type: the article's title",
            0.8,
        )
    )


def _make_heading(lines: list[Line], group: list[tuple[int, str]], edits: list[Edit]) -> None:
    words = " ".join(w for _i, w in group)
    first, last = lines[group[0][0]], lines[group[-1][0]]
    before = "\n".join(lines[i].text.strip() for i, _w in group)
    lines[group[0][0]] = Line(first.number, words, "heading", level=2)
    for i, _w in group[1:]:
        lines[i] = Line(lines[i].number, "", "joined")
    edits.append(
        Edit(
            STAGE,
            "letter-spaced",
            ((first.number, last.number),),
            before,
            markup.write_heading(2, words),
            "letters set one by one (small caps spaced out): a section heading",
            0.9,
        )
    )
