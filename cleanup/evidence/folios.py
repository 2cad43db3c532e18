"""The shapes a printed page number (a *folio*) takes on its line.

A folio is a line that is only a number (``71``, ``xii``, ``- 7 -``, ``— 7 —``,
``[7]``, ``Page 3``, ``Page 3 of 10``, ``3 / 10``, ``3/10``), or a running head with
such a number at one end (``12    THE REVIEW``, ``Chapter 7: Reference 35``,
``file:///doc.html 1/16``, ``- 60 ON LIBERTY``: an extractor may drop a dash). A
page past the total (``2010/2``) is no folio, nor a number after a word for
"number" (``Nº 14``). Parsing says only what a line *could* be: whether it is a
page number is decided by the page model, from the sequence the values make
through the pages.

Patterns are ASCII-only under ``re.I``: with Unicode case folding the dotless ``ı``
matches ``i`` and the Kelvin sign ``k``, and a roman numeral table written for
ASCII meets them.

>>> parse_folio("- 101 -").value
101
>>> parse_folio("CHAPTER 3. GRAPHICS    45").head
'CHAPTER 3. GRAPHICS'
>>> parse_folio("xiv").value
14
>>> parse_folio("- 61 CAHIERS OF STRUGGLE 2010/2").value
61
>>> parse_folio("- 115 NEW FURROW Nº 14").value
115
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_FLAGS = re.I | re.A
_ROMAN = re.compile(
    r"^(?=[mdclxvi])m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$", _FLAGS
)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}

# The number alone, in its decorations. ``n`` is arabic, ``r`` roman.
_NUMBER = r"(?:(?P<n>\d{1,4})|(?P<r>[ivxlcdm]{1,7}))"
_ALONE = (
    re.compile(rf"^{_NUMBER}$", _FLAGS),
    re.compile(rf"^[-–—]\s*{_NUMBER}\s*[-–—]$", _FLAGS),
    re.compile(rf"^[\[(]\s*{_NUMBER}\s*[\])]$", _FLAGS),
    re.compile(
        rf"^(?:page|p\.|pg\.?|seite|página|pagina|strona)\s*{_NUMBER}"
        r"(?:\s*(?:of|/|von|de|di|z)\s*\d{1,4})?$",
        _FLAGS,
    ),
    re.compile(r"^(?P<n>\d{1,4})\s*(?:/|of|von|de|di|z)\s*(?P<t>\d{1,4})$", _FLAGS),
)
# A head with the folio at one end. The folio part is one of the shapes above; the
# head must hold a letter. Digits inside the head (``Chapter 7``) are the head's.
_FOLIO_PART = (
    r"(?:(?P<n>\d{1,4})(?:\s*/\s*(?P<t>\d{1,4}))?|[-–—]\s*(?P<d>\d{1,4})\s*[-–—]"
    r"|[-–—]\s*(?P<h>\d{1,4})|(?:page|p\.)\s*(?P<p>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?)"
)
# The space or bar between head and folio: the folio of a line with a number at both
# ends is the one set off by the wider separator.
_SEPARATOR = r"(?P<sep>\s*[|•·]\s*|\s+)"
# Each pattern finds the folio at its end of the line; the rest is the head, which
# must hold a letter (a regular expression spanning the head backtracked in the
# square of the line's length).
_FOLIO_AT_END = re.compile(rf"(?<=\S){_SEPARATOR}{_FOLIO_PART}$", _FLAGS)
_FOLIO_AT_START = re.compile(rf"^{_FOLIO_PART}{_SEPARATOR}(?=\D)", _FLAGS)
_LETTER = re.compile(r"[^\W\d_]")
#: A capitalised abbreviation ending a line (``Vol. 3, No.``): a head's, no sentence's end.
ABBREVIATION_END = re.compile(r"(?<![^\W\d_])[A-Z][a-z]{0,2}\.$")
#: A head that ends in a word for "number" or "issue" owns the number after it
#: (``NEW FURROW Nº 14``, ``Vol. 3``): it is no folio.
NUMBERING_END = re.compile(r"(?:\bn[º°o]\.?|\bnr\.?|\bvol\.?|\bissue|\bnumber|#|№)\s*$", _FLAGS)
_DIGITS = re.compile(r"\d+")
# The longest folio without a digit: a roman numeral in its decorations
# ("Page xxviii", "— xviii —").
_LONGEST_ROMAN_FOLIO = 16
_PAGE_WORD = re.compile(r"(?:page|p\.|pg|seite|página|pagina|strona)\b", re.I)


def _ends_like_a_folio(text: str) -> bool:
    """Whether a line longer than a roman folio starts or ends with a number (in its
    dashes or brackets) or the word for a page: the lines a folio can be."""
    first, last = text[0], text[-1]
    if first.isdigit() or last.isdigit():
        return True
    if first in "-–—[(" or last in "-–—])":
        return bool(_DIGITS.search(text[:5]) or _DIGITS.search(text[-5:]))
    return first in "PpSs" and bool(_PAGE_WORD.match(text))


@dataclass(frozen=True)
class Folio:
    """What a line would say as a page number: its value, whether it is roman, and
    the running head printed with it ("" for a number alone). ``glued`` is where a
    folio glued to the end of a text line starts in it (see :func:`parse_glued_folio`),
    0 for a folio line."""

    value: int
    roman: bool
    head: str
    glued: int = 0


# A dashed folio right after a letter, at the end of a long line: pdftotext joined a
# line that ended in a hyphen with the folio line below it, and dropped the hyphen
# (``something less than in— 16 —`` for ``in-`` / ``— 16 —`` / ``fallibility``).
# A plain number glued to the last word is such a folio too (``It has ag180``), with
# or without the running foot printed beside it (``ag180 dialectic quarterly``), after
# a lowercase letter (a word's end; ``X1``, ``HC0`` are names); the model checks
# that the value keeps step with the pages and that the foot recurs.
_GLUED = re.compile(r"(?<=[^\W\d_])[-–—]\s?(?P<n>\d{1,4})\s?[-–—]\s*$")
_GLUED_PAGE = re.compile(r"(?<=[^\W\d_])(?:Page|PAGE|Seite|Página|Pagina|Strona)\s?(?P<n>\d{1,4})$")
_GLUED_WITH_HEAD = re.compile(
    r"(?<=[^\W\d_])(?P<n>\d{1,4})(?:\s+(?P<head>[^\W\d_][^.;,!?]{2,60}))?$"
)


# The longest folio and foot glued to a line's end, in characters: the number and
# a head of up to 60.
_LONGEST_GLUED_TAIL = 66


def parse_glued_folio(text: str) -> Folio | None:
    """The folio (and the running foot beside it) glued to the end of a text line.

    >>> parse_glued_folio("the interests of truth re— 38 —")
    Folio(value=38, roman=False, head='', glued=25)
    >>> parse_glued_folio("It has ag180 dialectic quarterly").head
    'dialectic quarterly'
    >>> parse_glued_folio("with certain sexual priviPage 185").value
    185
    """
    stripped = text.rstrip()
    if not stripped:
        return None
    if stripped[-1] in "-–—":
        match = _GLUED.search(stripped)
        if match is not None and match.start() >= 2:
            return Folio(int(match.group("n")), False, "", match.start())
        return None
    if not stripped[-1].isalnum() or not _DIGITS.search(
        stripped, len(stripped) - _LONGEST_GLUED_TAIL
    ):
        return None  # a cheap test first: the number stands near the line's end
    match = _GLUED_PAGE.search(stripped)
    if match is not None and match.start() >= 2:
        return Folio(int(match.group("n")), False, "", match.start())
    match = _GLUED_WITH_HEAD.search(stripped)
    # (After a word's lowercase end: ``X1``, ``HC0`` are names.)
    if match is not None and match.start() >= 2 and stripped[match.start() - 1].islower():
        head = (match.group("head") or "").strip()
        return Folio(int(match.group("n")), False, head, match.start())
    return None


def roman_value(text: str) -> int:
    """The value of an ASCII roman numeral (``xiv`` -> 14)."""
    total = 0
    lowered = text.lower()
    for i, char in enumerate(lowered):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[lowered[i + 1]] if i + 1 < len(lowered) else 0
        total += -value if value < following else value
    return total


def parse_folio(text: str) -> Folio | None:
    """The folio ``text`` could be (see the module doc), or None."""
    stripped = text.strip()
    if not stripped or len(stripped) > 200:
        return None
    if len(stripped) > _LONGEST_ROMAN_FOLIO and not _ends_like_a_folio(stripped):
        return None  # a cheap test first: most lines are text
    has_digit = _DIGITS.search(stripped) is not None
    if not has_digit and len(stripped) > _LONGEST_ROMAN_FOLIO:
        return None
    for pattern in _ALONE:
        if match := pattern.match(stripped):
            return _alone(match)
    if not has_digit:
        return None
    readings: list[tuple[int, bool, Folio]] = []
    at_end, at_start = _FOLIO_AT_END.search(stripped), _FOLIO_AT_START.match(stripped)
    for match, head in (
        (at_end, stripped[: at_end.start()] if at_end else ""),
        (at_start, stripped[at_start.end() :] if at_start else ""),
    ):
        head = head.strip(" |•·")
        numbered = match is at_end and bool(head) and NUMBERING_END.search(head) is not None
        # A head has a letter and does not end like a sentence or a note ("Ibid.,
        # 229." ends in "229."), but for an abbreviation ("Vol. 3, No.") or the word
        # for a number ("the review no.", whose own number the folio stands apart from).
        if (
            match
            and head
            and _LETTER.search(head)
            and (head[-1] not in ".;,:" or ABBREVIATION_END.search(head) or numbered)
        ):
            value = int(next(v for v in match.group("n", "d", "h", "p") if v is not None))
            decorated = match.group("n") is None
            # After "No." a number is the issue's, unless set apart as a folio is
            # (``No.      - 225 -``: its dashes, across the page's width).
            apart = decorated and len(match.group("sep")) >= 2
            if _past_the_total(value, match) or (numbered and not apart):
                continue
            readings.append((len(match.group("sep")), decorated, Folio(value, False, head)))
    # With a number at both ends ("- 240 -     the long march — issue 2"), the folio
    # is the one set off by the wider space; at equal spaces, the one in its dashes
    # or with the word for a page.
    return max(readings, key=lambda reading: reading[:2])[2] if readings else None


def _alone(match: re.Match[str]) -> Folio | None:
    roman = match.groupdict().get("r")
    if roman is not None:
        if not _ROMAN.match(roman):
            return None
        return Folio(roman_value(roman), True, "")
    value = int(match.group("n"))
    return None if _past_the_total(value, match) else Folio(value, False, "")


def _past_the_total(value: int, match: re.Match[str]) -> bool:
    """Whether a folio read as ``page / pages`` numbers a page past the total: then
    it is no folio (``2010/2``, an issue of a year)."""
    total = match.groupdict().get("t")
    return total is not None and value > int(total)


def longest_rising(values: list[int]) -> list[int]:
    """Positions of the longest subsequence of ``values`` that strictly increases."""
    tails: list[int] = []  # tails[k]: smallest last value of a rising run of length k+1
    tail_at: list[int] = []  # position of that last value
    parent: list[int] = [-1] * len(values)
    for position, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[k] = value
            tail_at[k] = position
        parent[position] = tail_at[k - 1] if k > 0 else -1
    run: list[int] = []
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        run.append(position)
        position = parent[position]
    return run[::-1]
