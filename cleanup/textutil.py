"""Small text predicates shared by several stages."""

from __future__ import annotations

import re

# Closing quotes, brackets, emphasis markers and footnote references (``[^4]``) that
# may follow a sentence's last mark.
_TRAILING_CLOSERS = re.compile(r"(?:[\"'”’»)\]*_\s]|\[\^\d+\])+$")
_LEADING_OPENERS = re.compile(r"^[\"'“‘«(\[*_\s]+")


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
    stripped = _TRAILING_CLOSERS.sub("", text)
    return bool(stripped) and stripped[-1] in marks


def starts_lowercase(text: str) -> bool:
    """True if the first letter of ``text`` (after opening quotes) is lowercase.

    >>> starts_lowercase("“entry into")
    True
    """
    stripped = _LEADING_OPENERS.sub("", text)
    return bool(stripped) and stripped[0].islower()


def unclosed_emphasis(text: str) -> bool:
    """True if ``text`` opens a markdown ``**`` or ``*`` span it does not close.

    >>> unclosed_emphasis("**Organization for the Communist Party")
    True
    """
    doubles = len(re.findall(r"\*\*", text))
    singles = len(re.findall(r"(?<!\*)\*(?!\*)", text))
    return doubles % 2 == 1 or singles % 2 == 1
