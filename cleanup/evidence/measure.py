"""How wide a printed line is: the ruler the page model compares lines with.

A character count is a poor ruler for proportional type: a full line of ``illicit
little lilies`` holds far more characters than one of ``MOMENTOUS WOMEN``, so a line
that ends a paragraph with room left can count as many characters as a full one. A
line's printed width is estimated instead from the letter widths of a common
proportional type (Helvetica's published metrics; text types keep much the same
proportions: ``i l t f j r`` narrow, ``m w`` and capitals wide), in thousandths of an
em. A document set in a monospaced type (a plain-text file, a typewriter's pages) is
measured in characters: of the two rulers, the document's full lines (those a
lowercase line continues) agree more closely by the one that fits its type.

Example: ``the will of a majority`` and ``MOMENTUM MEMBERSHIP`` count 22 and 19
characters, and measure 8,780 and 13,000: the second is the wider line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean, pstdev

# Helvetica's advance widths (thousandths of an em) for the characters of text.
_HELVETICA = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", (
        556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
        556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,
    ), strict=True)),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
        667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
        722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
    ), strict=True)),
    **dict.fromkeys("0123456789", 556),
    " ": 278, ".": 278, ",": 278, ";": 278, ":": 278, "!": 278, "?": 556,
    "'": 191, '"': 355, "-": 333, "(": 333, ")": 333, "[": 278, "]": 278,
    "/": 278, "&": 667, "*": 389, "%": 889, "$": 556, "#": 556, "@": 1015,
    "—": 1000, "–": 556, "‘": 222, "’": 222, "“": 333, "”": 333, "…": 1000,
    "«": 556, "»": 556, "·": 278, "§": 556, "†": 556, "‡": 556,
}  # fmt: skip
_AVERAGE = 556  # a character the table does not know: about a lowercase letter


class _Widths(dict[str, int]):
    """The table, extended on first sight of another character: an accented letter is
    as wide as its base letter, a wide East Asian character a full em."""

    def __missing__(self, char: str) -> int:
        base = unicodedata.normalize("NFD", char)[:1]
        if base != char and base in _HELVETICA:
            width = _HELVETICA[base]
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            width = 1000
        else:
            width = _AVERAGE
        self[char] = width
        return width


_WIDTHS = _Widths(_HELVETICA)

# Only a sample of a long document's full lines is measured: enough for percentiles.
_SAMPLE = 2000


def proportional_width(text: str) -> int:
    """The width ``text`` takes in a proportional type, in thousandths of an em."""
    return sum(map(_WIDTHS.__getitem__, text))


@dataclass(frozen=True)
class Measure:
    """The ruler a document's lines are measured with, and what a full line measures
    by it: ``full`` and ``short`` are the 90th and 10th percentiles of its full lines
    (those a lowercase line continues)."""

    proportional: bool
    full: float
    short: float

    def width(self, text: str) -> float:
        return proportional_width(text) if self.proportional else len(text)

    @property
    def space(self) -> float:
        return self.width(" ")


def measure(lines: Sequence[str]) -> Measure | None:
    """The measure of a document from its full lines (stripped), or None for no line."""
    if not lines:
        return None
    step = max(1, len(lines) // _SAMPLE)
    sample = lines[::step]
    counts = [float(len(text)) for text in sample]
    widths = [float(proportional_width(text)) for text in sample]
    proportional = _spread(widths) <= _spread(counts)
    chosen = sorted(widths if proportional else counts)
    return Measure(proportional, _percentile(chosen, 0.9), _percentile(chosen, 0.1))


def _spread(values: Sequence[float]) -> float:
    """Coefficient of variation: the ruler by which full lines agree best fits the type."""
    mean = fmean(values)
    return pstdev(values) / mean if mean else float("inf")


def _percentile(ordered: Sequence[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]
