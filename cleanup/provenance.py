"""The accounting check: no word of the raw text disappears unexplained.

Every word of the input must be found in the output blocks, in a ``removed`` entry,
or in the ``before`` of an edit that changed it. Words are compared case-insensitively
as runs of letters and digits, so punctuation and markup do not count.
"""

from __future__ import annotations

import re
from collections import Counter

from .document import Document

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def unaccounted_words(raw_text: str, doc: Document) -> Counter[str]:
    """Words of ``raw_text`` (with multiplicity) that the result does not account for."""
    available: Counter[str] = Counter()
    for block in doc.blocks or ():
        available.update(words(block.text))
        if block.number is not None:
            available[str(block.number)] += 1  # a footnote's number, written by the renderer
    for removed in doc.removed:
        available.update(words(removed.text))
    for edit in doc.edits:
        available.update(words(edit.before) - words(edit.after))
    return words(raw_text) - available
