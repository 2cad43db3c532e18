"""The shapes a printed page number (a *folio*) takes on its line.

A folio is a line that is only a number (``71``, ``xii``, ``- 7 -``, ``— 7 —``,
``[7]``, ``Page 3``, ``Page 3 of 10``, ``3 / 10``, ``3/10``), or a running head with
such a number at one end (``12    THE REVIEW``, ``Chapter 7: Reference 35``,
``file:///doc.html 1/16``). Parsing says only what a line *could* be: whether it is
a page number is decided by the page model, from the sequence the values make
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
    re.compile(r"^(?P<n>\d{1,4})\s*(?:/|of|von|de|di|z)\s*\d{1,4}$", _FLAGS),
)
# A head with the folio at one end. The folio part is one of the shapes above; the
# head must hold a letter. Digits inside the head (``Chapter 7``) are the head's.
_FOLIO_PART = (
    r"(?:(?P<n>\d{1,4})(?:\s*/\s*\d{1,4})?|[-–—]\s*(?P<d>\d{1,4})\s*[-–—]"
    r"|(?:page|p\.)\s*(?P<p>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?)"
)
# The space or bar between head and folio: the folio of a line with a number at both
# ends is the one set off by the wider separator.
_SEPARATOR = r"(?P<sep>\s*[|•·]\s*|\s+)"
_HEAD_THEN_FOLIO = re.compile(rf"^(?P<head>.*?[^\W\d_].*?){_SEPARATOR}{_FOLIO_PART}$", _FLAGS)
_FOLIO_THEN_HEAD = re.compile(rf"^{_FOLIO_PART}{_SEPARATOR}(?P<head>\D.*?[^\W\d_].*)$", _FLAGS)
_DIGITS = re.compile(r"\d+")


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
# or without the running foot printed beside it (``ag180 dialectic quarterly``); the
# model checks that the value keeps step with the pages and that the foot recurs.
_GLUED = re.compile(r"(?<=[^\W\d_])[-–—]\s?(?P<n>\d{1,4})\s?[-–—]\s*$")
_GLUED_WITH_HEAD = re.compile(
    r"(?<=[^\W\d_])(?P<n>\d{1,4})(?:\s+(?P<head>[^\W\d_][^.;,!?]{2,60}))?$"
)


def parse_glued_folio(text: str) -> Folio | None:
    """The folio (and the running foot beside it) glued to the end of a text line.

    >>> parse_glued_folio("the interests of truth re— 38 —")
    Folio(value=38, roman=False, head='', glued=25)
    >>> parse_glued_folio("It has ag180 dialectic quarterly").head
    'dialectic quarterly'
    """
    stripped = text.rstrip()
    if not stripped or (not stripped[-1].isalnum() and stripped[-1] not in "-–—"):
        return None  # a cheap test first: a line that ends in punctuation has none
    match = _GLUED.search(stripped)
    if match is not None and match.start() >= 2:
        return Folio(int(match.group("n")), False, "", match.start())
    match = _GLUED_WITH_HEAD.search(stripped)
    if match is not None and match.start() >= 2:
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
    for pattern in _ALONE:
        if match := pattern.match(stripped):
            return _alone(match)
    if not _DIGITS.search(stripped):
        return None
    readings: list[tuple[int, Folio]] = []
    for pattern in (_HEAD_THEN_FOLIO, _FOLIO_THEN_HEAD):
        match = pattern.match(stripped)
        if match is None:
            continue
        head = match.group("head").strip(" |•·")
        # A head does not end like a sentence or a note ("Ibid., 229." ends in "229.").
        if head and head[-1] not in ".;,:":
            value = next(v for v in match.group("n", "d", "p") if v is not None)
            readings.append((len(match.group("sep")), Folio(int(value), False, head)))
    # With a number at both ends ("- 240 -     the long march — issue 2"), the folio
    # is the one set off by the wider space.
    return max(readings, key=lambda reading: reading[0])[1] if readings else None


def _alone(match: re.Match[str]) -> Folio | None:
    roman = match.groupdict().get("r")
    if roman is not None:
        if not _ROMAN.match(roman):
            return None
        return Folio(roman_value(roman), True, "")
    return Folio(int(match.group("n")), False, "")


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
