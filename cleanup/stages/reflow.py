"""Stage ``reflow``: turn lines into blocks (the end of the line phase).

What it decides, and from what evidence:

- **Which lines form one block.** A document is *hard-wrapped* when most of its text
  lines are followed directly by another text line (PDF extractions); there,
  consecutive lines are one paragraph, broken only by a structural line (bullet,
  heading, break row) or after a short line (under 70% of the typical width) that
  the next line does not continue in lowercase. In a document that is not
  hard-wrapped (web extractions, one paragraph a line), each line is its own block
  unless the next one visibly continues it (it starts lowercase after an unfinished
  sentence, or the line leaves a ``**`` open).
- **Blank lines inside sentences.** A blank line after text that does not end a
  sentence, followed by a lowercase word, is an extraction artifact: the two parts
  are one paragraph (``Both are characterized by`` / blank / ``enthusiastic
  approval``). A blank line after a finished sentence is a paragraph break.
- **Markdown structure already present** (from web extractions or from our own
  output): ``#`` headings, ``>`` quotes, ``[^N]:`` footnote definitions, bullets and
  numbered items, and break rows (``*  *  *``) become blocks of their kind.
- **Dashes at line ends** are joined without a space when the document writes its em
  dashes closed (``word—word``), with one when it spaces them.

Example: ``"Both are\\ncharacterized by\\n\\nenthusiastic approval."`` -> one paragraph
``"Both are characterized by enthusiastic approval."`` (one edit for the blank line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..document import Block, BlockKind, Document, Edit, Line, span_of
from ..rules import Rules
from ..textutil import ends_sentence, starts_lowercase, unclosed_emphasis

STAGE = "reflow"

_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(\S.*?)\s*#*\s*$")
_MD_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_FOOTNOTE_DEF = re.compile(r"^\s*\[\^(\d+)\]:\s*(.*)$")
_BREAK_ROW = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:·\s*){3,}|⁂|(?:#\s*){3,})\s*$")
_STRONG_BULLET = re.compile(r"^\s*[•◦▪‣●■□➢►]\s*\S")
_WEAK_BULLET = re.compile(r"^\s*(?:[–—-]|\*(?!\*))\s+\S")
_NUMBERED_ITEM = re.compile(r"^\s*(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+\S")
_CLOSED_DASH = re.compile(r"\w[—–]\w")
_SPACED_DASH = re.compile(r"\w [—–] \w")


@dataclass
class _Unit:
    """A block under construction: the indexes of its lines and what it is."""

    kind: BlockKind
    indexes: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    level: int | None = None
    number: int | None = None


def _is_wrapped(lines: tuple[Line, ...]) -> bool:
    """Whether the text is hard-wrapped: most text lines are followed directly by
    another text line, and those lines run close to a common width (a web article's
    signature block also has consecutive lines, but short ones)."""
    text_lines = [line for line in lines if line.is_text or line.is_blank]
    pairs = list(pairwise(text_lines))
    firsts = [a for a, _b in pairs if a.is_text]
    continued = sorted(len(a.text.strip()) for a, b in pairs if a.is_text and b.is_text)
    if not firsts or len(continued) / len(firsts) <= 0.5:
        return False
    lengths = sorted(len(line.text.strip()) for line in text_lines if line.is_text)
    wide = lengths[(len(lengths) * 9) // 10]
    return continued[len(continued) // 2] >= 0.6 * wide


def _typical_width(lines: tuple[Line, ...]) -> int:
    lengths = sorted(len(line.text.strip()) for line in lines if line.is_text)
    return lengths[(len(lengths) * 3) // 4] if lengths else 0


def _structural(text: str, wrapped: bool, previous: str | None, marks: str) -> _Unit | None:
    """A unit for a line that starts a block of its own kind, or None for plain text."""
    if match := _MD_HEADING.match(text):
        return _Unit("heading", level=len(match.group(1)), texts=[match.group(2)])
    if _BREAK_ROW.match(text):
        return _Unit("break", texts=["* * *"])
    if match := _FOOTNOTE_DEF.match(text):
        return _Unit("footnote", number=int(match.group(1)), texts=[match.group(2)])
    if match := _MD_QUOTE.match(text):
        return _Unit("quote", texts=[match.group(1)])
    if _STRONG_BULLET.match(text):
        return _Unit("list_item", texts=[text.strip()])
    after_sentence = previous is None or ends_sentence(previous, marks)
    if (_WEAK_BULLET.match(text) or _NUMBERED_ITEM.match(text)) and (not wrapped or after_sentence):
        return _Unit("list_item", texts=[text.strip()])
    return None


class _DashStyle:
    """Whether the document writes em dashes closed (``a—b``) or spaced (``a — b``)."""

    def __init__(self, lines: tuple[Line, ...]) -> None:
        closed = spaced = 0
        for line in lines:
            if line.is_text:
                closed += len(_CLOSED_DASH.findall(line.text))
                spaced += len(_SPACED_DASH.findall(line.text))
        self.closed = closed > spaced

    def join(self, left: str, right: str) -> str:
        left, right = left.rstrip(), right.strip()
        if not left:
            return right
        if self.closed and (left.endswith(("—", "–")) or right.startswith(("—", "–"))):
            return left + right
        if left.endswith("/") and not left.endswith(" /"):
            return left + right  # a URL or path broken at a slash
        return f"{left} {right}"


def reflow(doc: Document, rules: Rules) -> Document:
    """Group lines into blocks (see module doc)."""
    lines = doc.lines
    marks = rules.reflow.sentence_end
    wrapped = _is_wrapped(lines)
    width = _typical_width(lines)
    dashes = _DashStyle(lines)
    edits: list[Edit] = []
    units: list[_Unit] = []
    current: _Unit | None = None  # the unit the next text line may continue
    blank_since = False  # a blank line came after the current unit

    def close() -> None:
        nonlocal current
        if current is not None:
            units.append(current)
        current = None

    for index, line in enumerate(lines):
        if line.is_blank:
            blank_since = current is not None or blank_since
            continue
        if not line.is_text:
            continue  # removed or emptied lines are transparent
        text = line.text
        previous = current.texts[-1] if current is not None and current.texts else None
        quoted = _MD_QUOTE.match(text)
        if current is not None and current.kind == "quote" and quoted and not blank_since:
            current.indexes.append(index)  # the next line of the same quoted paragraph
            current.texts.append(quoted.group(1))
            continue
        structural = _structural(text, wrapped, previous if not blank_since else None, marks)
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
            if _continues_across_blank(current, text, marks):
                edits.append(
                    _join_edit(
                        "join-across-blank",
                        (lines[current.indexes[-1]], line),
                        "\n\n",
                        "blank line inside a sentence: the line before does not end a "
                        "sentence and this one starts lowercase",
                        0.85,
                    )
                )
                current.indexes.append(index)
                current.texts.append(text)
                blank_since = False
                continue
            close()
        elif current is not None and _continues(current, text, wrapped, width, marks):
            if not wrapped:  # in wrapped text joining lines is the rule, not a decision
                edits.append(
                    _join_edit(
                        "join-lines",
                        (lines[current.indexes[-1]], line),
                        "\n",
                        "the line continues the one before (lowercase start or open emphasis)",
                        0.8,
                    )
                )
            current.indexes.append(index)
            current.texts.append(text)
            continue
        else:
            close()
        current = _Unit("paragraph", indexes=[index], texts=[text])
        blank_since = False
    close()

    blocks = tuple(_to_block(unit, lines, dashes) for unit in units)
    return doc.with_blocks(blocks, edits)


def _join_edit(
    rule: str, pair: tuple[Line, Line], separator: str, reason: str, confidence: float
) -> Edit:
    """An edit for joining two lines' text, showing the end of one and the start of the
    other around the line break(s) that were removed."""
    left, right = pair[0].text.strip()[-30:], pair[1].text.strip()[:30]
    return Edit(
        STAGE,
        rule,
        span_of([pair[0].number, pair[1].number]),
        f"{left}{separator}{right}",
        f"{left} {right}",
        reason,
        confidence,
    )


def _continues_across_blank(unit: _Unit, text: str, marks: str) -> bool:
    if unit.kind not in ("paragraph", "list_item", "quote", "footnote"):
        return False
    return not ends_sentence(unit.texts[-1], marks) and starts_lowercase(text)


def _continues(unit: _Unit, text: str, wrapped: bool, width: int, marks: str) -> bool:
    """Whether a text line directly after ``unit`` (no blank between) belongs to it."""
    last = unit.texts[-1]
    if wrapped:
        # Lines of a wrapped paragraph run to the full width; a short line followed by
        # anything but a lowercase continuation ends its paragraph (or is a heading,
        # a signature, an address line).
        short = len(last.strip()) < 0.7 * width
        return not short or starts_lowercase(text)
    if unit.kind == "paragraph" and unclosed_emphasis(" ".join(unit.texts)):
        return True
    return not ends_sentence(last, marks) and starts_lowercase(text)


def _to_block(unit: _Unit, lines: tuple[Line, ...], dashes: _DashStyle) -> Block:
    """The block for a unit: its lines' text joined, and the raw lines it came from
    (its own lines, the blank and emptied lines between them, and emptied lines right
    after it, whose words moved into it)."""
    text = ""
    for part in unit.texts:
        text = dashes.join(text, part)
    own = set(unit.indexes)
    first, last = min(own), max(own)
    while last + 1 < len(lines) and lines[last + 1].kind == "joined":
        last += 1
    numbers = [
        lines[i].number
        for i in range(first, last + 1)
        if i in own or lines[i].kind == "joined" or lines[i].is_blank
    ]
    return Block(unit.kind, text.strip(), span_of(numbers), level=unit.level, number=unit.number)
