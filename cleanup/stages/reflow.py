"""Stage ``reflow``: turn lines into blocks (the end of the line phase).

What it decides, and from what evidence:

- **Which lines form one block.** A document is *hard-wrapped* when most of its text
  lines are followed directly by another text line (PDF extractions); there,
  consecutive lines are one paragraph, broken only by a structural line (bullet,
  heading, break row), or where the next line does not continue in lowercase after
  a short line (under 70% of a full line, by the page model's measure), after a
  line that ends a sentence with room left for the next line's first word, or
  before a paragraph's indented first line (an extractor that drops the indent
  leaves that line shorter than the measure, though the line after it continues
  it). In a document that is not hard-wrapped (web extractions, one paragraph a
  line), each line is its own block unless the next one visibly continues it (it
  starts lowercase after an unfinished sentence, or the line leaves a ``**`` open).
- **Blank lines inside sentences.** A blank line after text that does not end a
  sentence, followed by a lowercase word, is an extraction artifact: the two parts
  are one paragraph (``Both are characterized by`` / blank / ``enthusiastic
  approval``). A blank line after a finished sentence is a paragraph break.
- **Markdown structure already present** (from web extractions or from our own
  output, read with :mod:`cleanup.markup`): ``#`` headings, ``>`` quotes, ``[^N]:``
  footnote definitions, bullets and numbered items, and break rows (``*  *  *``)
  become blocks of their kind; heading and footnote lines that earlier stages found
  carry their level and number in fields. A block
  whose joined text begins with a bullet that markdown cannot escape (``— ``, ``• ``,
  ``a) ``) is a list item too, as it would be when its output is read again.
- **Listings** (code, a program's output: :mod:`cleanup.evidence.code`) are kept
  line for line, indentation and all, as ``code`` blocks; so are the lines between
  fences of our own output read again.
- **Tables of contents** are kept entry by entry: a line with its leader and page
  number ends its block (a title wrapped over two lines stays one entry). A short
  line that the contents list (``1. Introduction``) ends its block too, whatever the
  next line starts with: it is the heading the entry names.
- **Dashes at line ends** are joined without a space when the document writes its em
  dashes closed (``word—word``), with one when it spaces them.
- **A URL or path broken at a slash** (``https://tug.org/`` / ``texlive/``,
  ``and/`` / ``or``) is joined without a space, unless the URL ended there: the
  next line starts with one of the document's most frequent words (``and the
  list``), or the URL's line is short with room for the next line's first word
  (a URL displayed on a line of its own: the typesetter did not break it there).

Example: ``"Both are\\ncharacterized by\\n\\nenthusiastic approval."`` -> one paragraph
``"Both are characterized by enthusiastic approval."`` (one edit for the blank line).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import markup
from ..document import Block, BlockKind, Document, Edit, Line, span_of
from ..evidence.code import code_runs
from ..evidence.contents import NUMBERED_TITLE
from ..evidence.page_model import PageModel
from ..rules import Rules
from ..textutil import emphasis_marks, ends_sentence, has_dot_leader, starts_lowercase

STAGE = "reflow"

_CLOSED_DASH = re.compile(r"\w[—–]\w")
_SPACED_DASH = re.compile(r"\w [—–] \w")
#: The document's function words: a line that starts with one of them after a URL
#: ending in ``/`` goes on with the sentence, not with the URL's path.
_COMMON_WORDS = 50
_COMMON_SHARE = 0.002


@dataclass
class _Unit:
    """A block under construction: the indexes of its lines and what it is."""

    kind: BlockKind
    indexes: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    level: int | None = None
    number: int | None = None
    # Emphasis marks in texts[:_counted], kept as the unit grows: recounting the whole
    # joined text for every new line took time in the square of a paragraph's length.
    _counted: int = 0
    _doubles: int = 0
    _singles: int = 0

    def opens_emphasis(self) -> bool:
        """Whether the texts so far, joined, open a ``**`` or ``*`` span they do not
        close (what ``unclosed_emphasis(" ".join(self.texts))`` says)."""
        for text in self.texts[self._counted :]:
            doubles, singles = emphasis_marks(text)
            self._doubles += doubles
            self._singles += singles
        self._counted = len(self.texts)
        return self._doubles % 2 == 1 or self._singles % 2 == 1


def _structural(text: str, wrapped: bool, previous: str | None, marks: str) -> _Unit | None:
    """A unit for a line that starts a block of its own kind, or None for plain text."""
    if found := markup.heading(text):
        return _Unit("heading", level=found[0], texts=[found[1]])
    if markup.is_break_row(text):
        return _Unit("break", texts=[markup.BREAK])
    if note := markup.footnote_definition(text):
        return _Unit("footnote", number=note[0], texts=[note[1]])
    if (quoted := markup.quote(text)) is not None:
        return _Unit("quote", texts=[quoted])
    marker = markup.list_marker(text)
    if marker == "strong":
        return _Unit("list_item", texts=[text.strip()])
    after_sentence = previous is None or ends_sentence(previous, marks)
    if marker is not None and (not wrapped or after_sentence):
        return _Unit("list_item", texts=[text.strip()])
    return None


def _broken_path(line: str) -> bool:
    """Whether a line ending in ``/`` ends in a URL or path broken there
    (``https://tug.org/`` / ``texlive``, ``and/`` / ``or``), not in a directory's
    name that a list of them prints alone on its line (``misc/`` / ``single-file
    styles``): a word of the line's own, or a name with a mark of a path or host."""
    if " " in line:
        return True
    return "/" in line[:-1] or "." in line or ":" in line or line.startswith("~")


class _LineJoiner:
    """How the document's lines join: whether it writes em dashes closed (``a—b``)
    or spaced (``a — b``), and its most frequent words (which no URL goes on with)."""

    def __init__(self, lines: tuple[Line, ...], layout: PageModel | None = None) -> None:
        self.layout = layout
        closed = spaced = 0
        words: Counter[str] = Counter()
        for line in lines:
            if not line.is_text:
                continue
            if "—" in line.text or "–" in line.text:
                closed += len(_CLOSED_DASH.findall(line.text))
                spaced += len(_SPACED_DASH.findall(line.text))
            words.update(w for w in line.text.lower().split() if w.isalpha())
        self.closed = closed > spaced
        # (A word of a short text is among its fifty most frequent; a function word
        # is one in every few hundred words of any text.)
        least = max(3, words.total() * _COMMON_SHARE)
        self.common = frozenset(w for w, n in words.most_common(_COMMON_WORDS) if n >= least)

    def _prose_after_url(self, previous: str, right: str) -> bool:
        """Whether a line goes on with the sentence after a URL that ends in ``/``
        (``https://papers.example.org/`` / ``and the list of ...``): the URL is whole,
        and what follows starts with one of the document's most frequent words."""
        url = previous.split()[-1]
        first = right.split()[0].rstrip(".,;:")
        return ("://" in url or url.startswith("www.")) and first.lower() in self.common

    def _had_room(self, index: int | None, following: int | None) -> bool:
        """Whether a line is short, with room for the next line's first word at its
        end: the typesetter did not break a URL there (a URL displayed on a line of
        its own), the URL ended. A full line's room is too close to call: a
        justified line's width is estimated from its letters."""
        if self.layout is None or index is None or following is None:
            return False
        return self.layout.short(index) and self.layout.room_left(index, following)

    def join(self, parts: Iterable[str], indexes: Iterable[int] | None = None) -> str:
        """Lines joined into one text: with a space, or with nothing after a closed
        em dash style's dash or a URL broken at a slash (``indexes``: the lines', to
        tell whether the slash ended a line for want of room). Built from a list,
        since adding each line to a growing string copies the paragraph every time."""
        pieces: list[str] = []
        tail = ""  # the last two characters joined so far
        previous = ""  # the line before, stripped
        numbers = iter(indexes) if indexes is not None else None
        before: int | None = None  # the line before's index, if known
        for part in parts:
            here = next(numbers) if numbers is not None else None
            right = part.strip()
            if not right:
                continue
            separator = ""
            if pieces:
                dash = tail.endswith(("—", "–")) or right.startswith(("—", "–"))
                # (A URL or path broken at a slash; not before a command, which no
                # path holds: ``\nobreak/`` / ``\penalty``.)
                slash = (
                    tail.endswith("/")
                    and not tail.endswith(" /")
                    and _broken_path(previous)
                    and not right.startswith("\\")
                    and not self._prose_after_url(previous, right)
                    and not self._had_room(before, here)
                )
                separator = "" if (self.closed and dash) or slash else " "
            pieces.append(separator + right)
            tail = (tail + separator + right)[-2:]
            previous, before = right, here
        return "".join(pieces)


class _SideStreams:
    """Footnote and caption lines, which leave the running text. A caption goes after
    the paragraph it interrupted; footnotes are collected at the end (the headings
    stage, which knows the articles' structure, places them per article)."""

    def __init__(self, lines: tuple[Line, ...]) -> None:
        self.lines = lines
        self.captions: list[_Unit] = []
        self.notes: list[_Unit] = []
        self._last_index = -2

    def add(self, index: int, line: Line) -> None:
        if line.kind == "footnote":
            if line.note is not None or not self.notes:
                self.notes.append(_Unit("footnote", [index], [line.text], number=line.note))
            else:
                self.notes[-1].indexes.append(index)
                self.notes[-1].texts.append(line.text)
        elif line.kind == "figure":
            # A figure's lines, one block however far apart the extractor set them.
            if self.captions and self.captions[-1].kind == "figure" and self._figure_goes_on(index):
                self.captions[-1].indexes.append(index)
                self.captions[-1].texts.append(line.text)
            else:
                self.captions.append(_Unit("figure", [index], [line.text]))
        elif (
            self.captions
            and self.captions[-1].kind == "caption"
            and (
                (
                    self._last_index == index - 1
                    and _same_caption(self.captions[-1].texts, line.text)
                )
                or self._goes_on_past_blanks(index, line.text)
            )
        ):
            self.captions[-1].indexes.append(index)
            self.captions[-1].texts.append(line.text)
        else:
            self.captions.append(_Unit("caption", [index], [line.text]))
        self._last_index = index

    def _figure_goes_on(self, index: int) -> bool:
        """Whether a figure line goes on the figure before it: only blank lines (or
        none) between them."""
        return not any(self.lines[j].text.strip() for j in range(self._last_index + 1, index))

    def _goes_on_past_blanks(self, index: int, text: str) -> bool:
        """Whether a caption line goes on the caption before it across blank lines
        only: a figure drawn in text (a plot's tick labels, ``24`` / ``26`` / ``0.00
        0.05``), whose lines the extractor sets apart. Not after a sentence's end,
        nor when the line starts a word in capitals (``Figure 3: ...``, another
        caption)."""
        between = range(self._last_index + 1, index)
        if not between or any(self.lines[j].text.strip() for j in between):
            return False
        word = text.strip()
        capitalised = word[:1].isupper() and word[1:2].islower()
        return not capitalised and not ends_sentence(self.captions[-1].texts[-1], ".!?")

    def flush_captions(self, units: list[_Unit]) -> None:
        units.extend(self.captions)
        self.captions = []

    def flush_notes(self, units: list[_Unit]) -> None:
        units.extend(self.notes)
        self.notes = []


def _same_caption(texts: list[str], text: str) -> bool:
    """Whether a caption line goes on the caption before it: not when that one ended
    a sentence and this line is indented or set in a clearly different measure (two
    captions printed one under the other)."""
    if not ends_sentence(texts[-1], ".!?"):
        return True
    first, new = len(texts[0].strip()), len(text.strip())
    return not text[:1].isspace() and 0.67 * first <= new <= 1.5 * first


def reflow(doc: Document, rules: Rules) -> Document:
    """Group lines into blocks (see module doc)."""
    lines = doc.lines
    marks = rules.reflow.sentence_end
    layout = doc.require_layout()
    wrapped = layout.hard_wrapped
    joiner = _LineJoiner(lines, layout)
    page_breaks = _PageBreaks(doc.page_starts, lines)
    indents = _Indents(lines, wrapped)
    edits: list[Edit] = []
    units: list[_Unit] = []
    side = _SideStreams(lines)
    current: _Unit | None = None  # the unit the next text line may continue
    blank_since = False  # a blank line came after the current unit
    listings = _listings(lines)
    inside: set[int] = set()  # lines of a listing already placed

    def close() -> None:
        nonlocal current
        if current is not None:
            units.append(current)
        side.flush_captions(units)
        current = None

    for index, line in enumerate(lines):
        if index in inside:
            continue
        if index in listings:
            close()
            run, texts = listings[index]
            units.append(_Unit("code", indexes=run, texts=texts))
            if not markup.is_fence(line.text):
                kept = "\n".join(texts)
                edits.append(
                    Edit(
                        STAGE,
                        "listing",
                        span_of([lines[i].number for i in run]),
                        kept,
                        kept,
                        f"{len(run)} lines of code (braces, statements ending in ';', "
                        "preprocessor lines, comments): kept line for line, not flowed",
                        0.9,
                    )
                )
            inside.update(run)  # (lines between, a page's head or a note, go their way)
            blank_since = False
            continue
        if line.is_blank:
            blank_since = current is not None or blank_since
            continue
        if line.kind in ("footnote", "caption", "figure") and line.text.strip():
            side.add(index, line)
            continue
        if line.kind == "heading" and line.text.strip():
            heading = _Unit("heading", [index], [line.text.strip()], level=line.level or 2)
            # A heading found inside an unfinished paragraph (a title the extraction
            # dropped mid-sentence) goes before that paragraph, which then goes on.
            interrupted = (
                current is not None
                and current.kind == "paragraph"
                and not ends_sentence(current.texts[-1], marks)
            )
            if not interrupted:
                close()
            units.append(heading)
            if interrupted:
                edits.append(
                    Edit(
                        STAGE,
                        "heading-before-paragraph",
                        span_of([line.number]),
                        line.text.strip(),
                        line.text.strip(),
                        "a heading inside an unfinished sentence: placed before its "
                        "paragraph, and the sentence joined around it",
                        0.8,
                    )
                )
            continue
        if not line.is_text:
            continue  # removed or emptied lines are transparent
        text = line.text
        if current is not None and not blank_since and current.indexes[-1] in layout.continued:
            # The extractor split a printed line here: its pieces are one line.
            current.indexes.append(index)
            current.texts.append(text)
            continue
        previous = current.texts[-1] if current is not None and current.texts else None
        quoted = markup.quote(text)
        if (
            current is not None
            and current.kind == "quote"
            and quoted is not None
            and not blank_since
        ):
            current.indexes.append(index)  # the next line of the same quoted paragraph
            current.texts.append(quoted)
            continue
        # (A contents entry, ``2. Tables ..... 5``, is no list's item.)
        entry = _ends_an_entry(index, text, layout)
        structural = (
            None
            if entry
            else _structural(text, wrapped, previous if not blank_since else None, marks)
        )
        if structural is not None:
            close()
            structural.indexes.append(index)
            # Headings and break rows are single lines; others may continue.
            if structural.kind in ("heading", "break"):
                units.append(structural)
            else:
                current = structural
            blank_since = False
            continue

        if current is not None and blank_since:
            join = _join_across_gap(current, text, index, layout, marks, page_breaks)
            if join is not None:
                rule, reason, confidence = join
                edits.append(
                    _join_edit(
                        rule, (lines[current.indexes[-1]], line), "\n\n", reason, confidence, joiner
                    )
                )
                current.indexes.append(index)
                current.texts.append(text)
                blank_since = False
                if _ends_an_entry(index, text, layout):
                    close()
                continue
            close()
        elif (
            current is not None
            and not indents.opens_paragraph(text, current.texts[-1])
            and _continues(current, text, index, layout, marks)
        ):
            if not wrapped:  # in wrapped text joining lines is the rule, not a decision
                edits.append(
                    _join_edit(
                        "join-lines",
                        (lines[current.indexes[-1]], line),
                        "\n",
                        "the line continues the one before (lowercase start or open emphasis)",
                        0.8,
                        joiner,
                    )
                )
            current.indexes.append(index)
            current.texts.append(text)
            if _ends_an_entry(index, text, layout):
                close()
            continue
        else:
            close()
        current = _Unit("paragraph", indexes=[index], texts=[text])
        blank_since = False
        if _ends_an_entry(index, text, layout):
            close()
    close()
    side.flush_notes(units)

    blocks = tuple(_to_block(unit, lines, joiner) for unit in units)
    return doc.with_blocks(blocks, edits)


def _join_edit(
    rule: str,
    pair: tuple[Line, Line],
    separator: str,
    reason: str,
    confidence: float,
    joiner: _LineJoiner,
) -> Edit:
    """An edit for joining two lines' text, showing the end of one and the start of the
    other around the line break(s) that were removed, joined as the block joins them
    (with a space, or none after a closed dash or a broken URL)."""
    whole = pair[0].text.strip()
    left, right = whole[-30:], pair[1].text.strip()[:30]
    joined = joiner.join([whole, right])
    space = " " if joined[len(whole) : len(whole) + 1] == " " else ""
    return Edit(
        STAGE,
        rule,
        span_of([pair[0].number, pair[1].number]),
        f"{left}{separator}{right}",
        f"{left}{space}{right}",
        reason,
        confidence,
    )


def _continues_across_blank(unit: _Unit, text: str, marks: str) -> bool:
    if unit.kind not in ("paragraph", "list_item", "quote", "footnote"):
        return False
    return not ends_sentence(unit.texts[-1], marks) and starts_lowercase(text)


def _unfinished_line(unit: _Unit, width: int, marks: str) -> bool:
    """A paragraph whose last line runs near the full width and stops on a lowercase
    word without ending a sentence (``... the party's leader`` / blank / ``Maria Rossi``):
    a stray blank line, not a paragraph break, even before a capital."""
    if unit.kind != "paragraph":
        return False
    last = unit.texts[-1].strip()
    words = last.split()
    return (
        len(last) >= 0.8 * width
        and not ends_sentence(last, marks)
        and bool(words)
        and words[-1][:1].islower()
    )


class _Indents:
    """Paragraph indents in layout-mode extractions (``pdftotext -layout``), where
    every line keeps its distance from the page margin: a line indented at least two
    spaces deeper than the text's usual margin, after a line at that margin, opens a
    paragraph. (A single extra space is some extractors' page-start mark.)"""

    def __init__(self, lines: tuple[Line, ...], wrapped: bool) -> None:
        margins = Counter(_indent(line.text) for line in lines if line.is_text)
        self.margin = margins.most_common(1)[0][0] if margins and wrapped else None

    def opens_paragraph(self, text: str, previous: str) -> bool:
        if self.margin is None:
            return False
        return _indent(text) >= self.margin + 2 and _indent(previous) < self.margin + 2


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


class _PageBreaks:
    """Whether a page break lies between two lines."""

    def __init__(self, page_starts: tuple[int, ...], lines: tuple[Line, ...]) -> None:
        self.starts = sorted(page_starts)
        self.lines = lines

    def between(self, first: int, second: int) -> bool:
        """A page starts after line index ``first`` and at or before ``second``."""
        a, b = self.lines[first].number, self.lines[second].number
        k = bisect_right(self.starts, a)
        return k < len(self.starts) and self.starts[k] <= b


def _join_across_gap(
    unit: _Unit,
    text: str,
    index: int,
    layout: PageModel,
    marks: str,
    breaks: _PageBreaks,
) -> tuple[str, str, float] | None:
    """Whether a paragraph goes on after blank lines (and page breaks, footnotes,
    captions): the rule, the reason and the confidence, or None for a new block."""
    width = layout.body_width
    if _continues_across_blank(unit, text, marks):
        return (
            "join-across-blank",
            "blank line inside a sentence: the line before does not end a sentence and "
            "this one starts lowercase",
            0.85,
        )
    if layout.hard_wrapped and _unfinished_line(unit, width, marks):
        return (
            "join-unfinished",
            "blank line after a nearly full line that stops mid-sentence on a lowercase word",
            0.7,
        )
    if _continues_across_page(unit, index, breaks, layout, marks):
        return ("join-across-page", *_page_join_reason(unit.texts[-1], marks))
    return None


def _page_join_reason(last: str, marks: str) -> tuple[str, float]:
    """Why a paragraph was joined across a page break, and how sure that is."""
    if not ends_sentence(last, marks):
        return "a page break inside a sentence: the full line before it does not end one", 0.8
    if last.rstrip()[-1:] in ":;":
        return (
            "a page break after a colon or semicolon, and the next page goes on in lowercase",
            0.8,
        )
    return (
        "a page break after a line that runs to the full width: a paragraph's last line "
        "rarely does",
        0.6,
    )


def _continues_across_page(
    unit: _Unit, index: int, breaks: _PageBreaks, layout: PageModel, marks: str
) -> bool:
    """A paragraph interrupted by a page break (and the furniture, footnotes and
    captions around it) goes on when its last line runs to the full width and does
    not end a sentence, or runs to the very end of the line (95% of the width) and
    the next page does not open with a short line standing alone (a heading), or
    stops on a colon or semicolon and the next page goes on in lowercase
    (``Resistance is widespread:`` / ``individual and ...``)."""
    if unit.kind not in ("paragraph", "list_item", "quote"):
        return False
    if not breaks.between(unit.indexes[-1], index):
        return False
    last = unit.texts[-1]
    fill = layout.fill(unit.indexes[-1])  # of the line as printed
    if fill < 0.7:
        return False
    if not ends_sentence(last, marks):
        return True
    if fill >= 0.95:
        # A paragraph's last line is rarely full: a full line that ends a sentence
        # at the foot of a page is far more often followed by more of its paragraph,
        # unless the next page opens with a short line standing alone without a
        # final mark (a chapter's heading; ``As Smith has argued:`` goes on).
        text = breaks.lines[index].text.rstrip()
        return not (
            layout.short(index) and _stands_alone(breaks.lines, index) and text[-1:] not in ".,;:!?"
        )
    return last.rstrip()[-1:] in ":;" and starts_lowercase(breaks.lines[index].text)


def _stands_alone(lines: tuple[Line, ...], index: int) -> bool:
    """Whether line ``index`` is followed by a blank line or nothing."""
    return index + 1 >= len(lines) or not lines[index + 1].text.strip()


_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "than",
        "that",
        "which",
    ]
)


def _ends_on_function_word(text: str) -> bool:
    """A line that stops on ``the``, ``of``, ``and`` ... cannot end a paragraph or a
    heading: a long heading set over two short lines goes on."""
    words = text.split()
    return bool(words) and words[-1] in _FUNCTION_WORDS


def _listings(lines: tuple[Line, ...]) -> dict[int, tuple[list[int], list[str]]]:
    """The listings of the document, by their first line: the lines of each and the
    text it keeps. A fenced block (our own output read again) keeps the lines between
    its fences; a run of code lines (:mod:`cleanup.evidence.code`) keeps its lines,
    right-stripped, indentation and all."""
    found: dict[int, tuple[list[int], list[str]]] = {}
    index = 0
    while index < len(lines):
        if lines[index].is_text and markup.is_fence(lines[index].text):
            close = next(
                (
                    j
                    for j in range(index + 1, len(lines))
                    if lines[j].is_text and lines[j].text.strip() == markup.FENCE
                ),
                None,
            )
            if close is not None:
                inner = [j for j in range(index + 1, close) if lines[j].kind in ("body", "blank")]
                texts = [lines[j].text.rstrip() for j in inner]
                found[index] = (list(range(index, close + 1)), texts)
                index = close + 1
                continue
        index += 1
    fenced = {i for run, _texts in found.values() for i in run}
    for first, run in code_runs(lines).items():
        if not fenced.intersection(run):
            found[first] = (run, [lines[i].text.rstrip() for i in run])
    return found


def _ends_an_entry(index: int, text: str, layout: PageModel) -> bool:
    """Whether a line ends a contents entry (its leader and page number): the
    contents are kept entry by entry, never run together into one paragraph."""
    return index in layout.contents and has_dot_leader(text)


def _continues(unit: _Unit, text: str, index: int, layout: PageModel, marks: str) -> bool:
    """Whether text line ``index`` directly after ``unit`` (no blank between) belongs
    to it. The page model says how much of a full line the unit's last line fills as
    printed, and whether line ``index``'s first word would have fitted at its end."""
    last = unit.texts[-1]
    if len(unit.indexes) == 1 and layout.listed(last):
        return False  # a heading the document's contents list ("1. Introduction")
    if _ends_an_entry(index, text, layout) and not NUMBERED_TITLE.match(unit.texts[0]):
        return False  # an entry goes on only a title it wrapped, never a paragraph
    if layout.hard_wrapped:
        # Lines of a wrapped paragraph run to the full width; a short line followed by
        # anything but a lowercase continuation ends its paragraph (or is a heading,
        # a signature, an address line), and so does a line that ends a sentence with
        # room left for the next word: the typesetter did not break it for want of
        # room (the one test that holds in ragged text, whose last lines can be long);
        # or a line that ends a sentence before a line set shorter than the measure
        # though its paragraph goes on: an indented first line.
        short = layout.short(unit.indexes[-1])
        ended = short or (
            ends_sentence(last, marks)
            and (layout.room_left(unit.indexes[-1], index) or layout.indented(index))
        )
        return not ended or starts_lowercase(text) or _ends_on_function_word(last)
    if unit.kind == "paragraph" and unit.opens_emphasis():
        return True
    return not ends_sentence(last, marks) and starts_lowercase(text)


def _to_block(unit: _Unit, lines: tuple[Line, ...], joiner: _LineJoiner) -> Block:
    """The block for a unit: its lines' text joined, and the raw lines it came from
    (its own lines, the blank and emptied lines between them, and emptied lines right
    after it, whose words moved into it)."""
    kind = unit.kind
    text = "\n".join(unit.texts) if kind == "code" else joiner.join(unit.texts, unit.indexes)
    if kind == "paragraph" and markup.reads_as_list_item(text.strip()):
        kind = "list_item"
    own = set(unit.indexes)
    first, last = min(own), max(own)
    while last + 1 < len(lines) and lines[last + 1].kind == "joined":
        last += 1
    numbers = [
        lines[i].number
        for i in range(first, last + 1)
        if i in own or lines[i].kind == "joined" or lines[i].is_blank
    ]
    text = text.strip("\n") if kind == "code" else text.strip()
    return Block(kind, text, span_of(numbers), level=unit.level, number=unit.number)
