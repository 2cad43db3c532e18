"""Small text predicates shared by several stages."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

# Closing quotes, brackets, emphasis markers and footnote references (``[^4]``) that
# may follow a sentence's last mark.
_TRAILING_CLOSERS = re.compile(r"(?:[\"'”’»)\]*_\s]|\[\^\d+\])+$")
_LEADING_OPENERS = re.compile(r"^[\"'“‘«(\[*_\s]+")
# The characters a closer can end with, and an opener start with: text that ends
# (starts) with none of them, nor with a space, needs no regular expression.
_CLOSER_ENDS = frozenset("\"'”’»)]*_")
_OPENER_STARTS = frozenset("\"'“‘«([*_")


# A table of contents' dot leaders (``Fonts . . . . . 5``, ``Fonts.....5``; some
# extractors space them wider: ``Fonts .  .  .  . 5``).
_DOT_LEADER = re.compile(r"(?:\.\s{0,3}){4,}")


def has_dot_leader(text: str) -> bool:
    """Whether a line carries a contents entry's dot leaders.

    >>> has_dot_leader("2 Fonts . . . . . . . . 5")
    True
    """
    return "..." in text.replace(" ", "") and bool(_DOT_LEADER.search(text))


def ends_sentence(text: str, marks: str) -> bool:
    """True if ``text`` ends with one of ``marks``, allowing closing quotes, brackets and
    emphasis markers after it.

    >>> ends_sentence("as he said.”", ".!?")
    True
    >>> ends_sentence("Both are characterized by", ".!?")
    False
    >>> ends_sentence("the mass line.[^4]", ".!?")
    True
    """
    if text and text[-1].isspace():
        text = text.rstrip()  # (extracted lines often end in a space)
    if text and text[-1] not in _CLOSER_ENDS:
        return text[-1] in marks  # the common case, and called for every line
    stripped = _TRAILING_CLOSERS.sub("", text)
    return bool(stripped) and stripped[-1] in marks


def starts_lowercase(text: str) -> bool:
    """True if the first letter of ``text`` (after opening quotes) is lowercase.

    >>> starts_lowercase("“entry into")
    True
    """
    if text and text[0] not in _OPENER_STARTS and not text[0].isspace():
        return text[0].islower()
    stripped = _LEADING_OPENERS.sub("", text)
    return bool(stripped) and stripped[0].islower()


def unclosed_emphasis(text: str) -> bool:
    """True if ``text`` opens a markdown ``**`` or ``*`` span it does not close.

    >>> unclosed_emphasis("**Organization for the Communist Party")
    True
    """
    doubles, singles = emphasis_marks(text)
    return doubles % 2 == 1 or singles % 2 == 1


_DOUBLE_STAR = re.compile(r"\*\*")
_SINGLE_STAR = re.compile(r"(?<!\*)\*(?!\*)")


def emphasis_marks(text: str) -> tuple[int, int]:
    """How many ``**`` and lone ``*`` marks ``text`` holds. Counts of texts joined with
    spaces add up, so a growing paragraph can keep a running count.

    >>> emphasis_marks("**bold** and *it*")
    (2, 2)
    """
    if "*" not in text:
        return 0, 0
    return len(_DOUBLE_STAR.findall(text)), len(_SINGLE_STAR.findall(text))


#: About how many characters :func:`batched_text` puts in one piece.
BATCH_CHARS = 1 << 16


def batched_text(texts: Iterable[str], size: int = BATCH_CHARS) -> Iterator[str]:
    """``texts`` joined with newlines into pieces of about ``size`` characters.

    One regular-expression search over a piece is much faster than one per line, and
    a piece's matches, unlike a whole document's, take little memory. Search only for
    what never spans a newline (words do not).

    >>> list(batched_text(["ab", "cd", "ef"], size=4))
    ['ab\\ncd', 'ef']
    """
    batch: list[str] = []
    length = 0
    for text in texts:
        batch.append(text)
        length += len(text) + 1
        if length >= size:
            yield "\n".join(batch)
            batch, length = [], 0
    if batch:
        yield "\n".join(batch)


def text_pieces(text: str, size: int = BATCH_CHARS) -> Iterator[str]:
    """``text`` cut at newlines into pieces of about ``size`` characters (or more, if a
    line is longer), without the newlines that separate them.

    >>> list(text_pieces("ab\\ncd\\nef", size=3))
    ['ab\\ncd', 'ef']
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def count_words(pattern: re.Pattern[str], texts: Iterable[str]) -> Counter[str]:
    """How often each match of ``pattern`` (a kind of word, never spanning a newline)
    occurs in ``texts``, lowercased.

    >>> count_words(re.compile(r"[a-z]+", re.I), ["The cat", "the end"])["the"]
    2
    """
    counts: Counter[str] = Counter()
    for piece in batched_text(texts):
        counts.update(map(str.lower, pattern.findall(piece)))
    return counts
