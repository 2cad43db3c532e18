"""The markdown grammar of the clean text, both ways: the one place that knows it.

The markdown renderer writes blocks with these functions, and the reflow stage reads
the same syntax back when its input is markdown already (a web extraction, or this
pipeline's own output cleaned again). Stages never write markup into line text for
another stage to parse: they pass structure in fields (a heading line's ``level``, a
footnote line's ``note``), and only renderers write it.

Block syntax (one block per paragraph, blank lines between):

- ``# Title``, ``## Section``: headings (:func:`heading`, :func:`write_heading`);
- ``> text``: a quote (:func:`quote`, :func:`write_quote`);
- ``[^N]: text``: a footnote (:func:`footnote_definition`, :func:`write_footnote`);
- ``* * *``: a section break (:data:`BREAK`);
- ``<!-- caption -->`` on the line above a caption (:data:`CAPTION_MARK`), and
  ``<!-- figure -->`` above a figure drawn in text (:data:`FIGURE_MARK`);
- list items: a strong bullet (``•``), a weak one (``-``, ``–``, ``*``) or an item
  number (``1.``, ``a)``, ``iv.``) at the start (:func:`list_marker`);
- a paragraph that would read as one of these is escaped with a backslash
  (:func:`escape_paragraph`).

Inline syntax inside block text: footnote references ``[^N]`` (:func:`reference`) and
emphasis (``*x*``, ``**x**``; see :mod:`cleanup.inline`).

>>> heading("## The long road")
(2, 'The long road')
>>> write_footnote(3, "Ibid., 45.")
'[^3]: Ibid., 45.'
>>> footnote_definition("[^3]: Ibid., 45.")
(3, 'Ibid., 45.')
"""

from __future__ import annotations

import re
from typing import Literal

_HEADING = re.compile(r"^\s*(#{1,6})\s+(\S.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s*>(?:\s(.*))?$")
_FOOTNOTE_DEFINITION = re.compile(r"^\s*\[\^(\d+)\]:\s*(.*)$")
_BREAK_ROW = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:·\s*){3,}|⁂|(?:#\s*){3,})\s*$")
_STRONG_BULLET = re.compile(r"^\s*[•◦▪‣●■□➢►]\s*\S")
_WEAK_BULLET = re.compile(r"^\s*(?:[–—-]|\*(?!\*))\s+\S")
_ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+\S")
# What markdown itself reads as the start of a list item, quote, heading or footnote
# definition: a paragraph beginning so is escaped.
_MARKDOWN_START = re.compile(r"[-+*]\s|\d{1,9}[.)]\s|>|#{1,6}(?:\s|$)|\[\^\d+\]:")
# Of those, the list markers a backslash escapes (``\- ``, ``\1. ``); ``— `` or ``•``
# have no escape, and a paragraph beginning with one is read as a list item.
_ESCAPABLE_MARKER = re.compile(r"[-+*]\s|\d{1,9}[.)]\s")
# A line that begins with block markup of ours: a heading, a quote, a definition.
_BLOCK_MARKUP = re.compile(r"^\s*(?:#{1,6}\s|>|\[\^\d+\]:)")
#: A footnote reference inside block text, its number as group 1.
REFERENCE = re.compile(r"\[\^(\d+)\]")

#: The section break row, as written.
BREAK = "* * *"
#: The line above a caption in markdown output (an HTML comment: invisible in viewers).
#: The line that opens and closes a code block (a listing, a program's output).
FENCE = "```"

CAPTION_MARK = "<!-- caption -->"
FIGURE_MARK = "<!-- figure -->"

ListMarker = Literal["strong", "weak", "number"]


def heading(text: str) -> tuple[int, str] | None:
    """(level, text) of a markdown heading line, or None."""
    match = _HEADING.match(text)
    return (len(match.group(1)), match.group(2)) if match else None


def write_heading(level: int, text: str) -> str:
    return f"{'#' * level} {text}"


def quote(text: str) -> str | None:
    """The text of a quoted line (``> text``), or None."""
    match = _QUOTE.match(text)
    return (match.group(1) or "") if match else None


def write_quote(text: str) -> str:
    return f"> {text}"


def footnote_definition(text: str) -> tuple[int, str] | None:
    """(number, text) of a footnote definition line (``[^N]: text``), or None."""
    match = _FOOTNOTE_DEFINITION.match(text)
    return (int(match.group(1)), match.group(2)) if match else None


def write_footnote(number: int | None, text: str) -> str:
    return f"[^{number if number is not None else '?'}]: {text}"


def reference(number: int) -> str:
    """A footnote reference as block text holds it: ``[^N]``."""
    return f"[^{number}]"


def references(text: str) -> list[int]:
    """The footnote numbers referenced in ``text``, in order."""
    return [int(number) for number in REFERENCE.findall(text)]


def is_break_row(text: str) -> bool:
    return bool(_BREAK_ROW.match(text))


def is_fence(text: str) -> bool:
    """Whether a line opens or closes a fenced code block (```` ``` ```` or
    ```` ```python ````)."""
    return text.strip().startswith(FENCE)


def write_code(text: str) -> str:
    """A code block: its lines as they are, between fences."""
    return f"{FENCE}\n{text}\n{FENCE}"


def is_caption_mark(text: str) -> bool:
    return text.strip() == CAPTION_MARK


def is_figure_mark(text: str) -> bool:
    return text.strip() == FIGURE_MARK


def starts_with_block_markup(text: str) -> bool:
    """Whether a line begins with a heading, quote or footnote definition mark."""
    return bool(_BLOCK_MARKUP.match(text))


def list_marker(text: str) -> ListMarker | None:
    """Which kind of list marker ``text`` begins with: a strong bullet (``•``, always
    an item), a weak one (``-``, ``*``, ``–``: an item where a sentence ended before
    it) or an item number (``1.``, ``a)``); None for none."""
    if _STRONG_BULLET.match(text):
        return "strong"
    if _WEAK_BULLET.match(text):
        return "weak"
    if _ITEM_NUMBER.match(text):
        return "number"
    return None


def reads_as_list_item(text: str) -> bool:
    """Whether a paragraph written out as a block of its own would be read back as a
    list item: it begins with a marker that no markdown escape can hide (``— the``,
    ``• one``, ``a) first``)."""
    return not _ESCAPABLE_MARKER.match(text) and list_marker(text) is not None


def escape_paragraph(text: str) -> str:
    """A paragraph that begins like markdown structure (``- ``, ``1. ``, ``> ``,
    ``#``) escaped with a backslash, so that read again it stays a paragraph."""
    return "\\" + text if _MARKDOWN_START.match(text) else text
