"""The accounting check: no word of the raw text disappears unexplained.

Every word of the input must be found in the output blocks, in a ``removed`` entry,
or in the ``before`` of an edit that changed it. Words are compared case-insensitively
as runs of letters and digits, so punctuation and markup do not count.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .document import Document
from .textutil import BATCH_CHARS, count_words, text_pieces

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter[str]:
    """The words of ``text``, lowercased, with their counts."""
    if len(text) <= BATCH_CHARS:  # most texts here are an edit's few words
        return Counter(map(str.lower, _WORD.findall(text)))
    return count_words(_WORD, text_pieces(text))


@dataclass(frozen=True)
class WordAccount:
    """Where the raw words went. Each raw word is counted once, in the first place that
    holds it: removals by kind (raw lines verbatim), then the clean text, then the
    edits, by stage, that changed it (a hyphen join turns the raw words ``previ`` and
    ``ously`` into ``previously``; fake bold drops a doubled run)."""

    total: int
    in_clean: int
    removed: dict[str, int]
    changed: dict[str, int]
    unaccounted: Counter[str]

    @property
    def complete(self) -> bool:
        return not self.unaccounted

    def describe(self) -> str:
        """One sentence a reviewer can check against the counts.

        >>> WordAccount(9, 7, {"page_number": 2}, {}, Counter()).describe()
        'all 9 raw words accounted for: 7 in the clean text, 2 removed (page_number 2)'
        """
        parts = [f"{self.in_clean:,} in the clean text"]
        for total, by, label in (
            (sum(self.removed.values()), self.removed, "removed"),
            (sum(self.changed.values()), self.changed, "changed by edits"),
        ):
            if total:
                detail = ", ".join(f"{name} {n:,}" for name, n in sorted(by.items()))
                parts.append(f"{total:,} {label} ({detail})")
        if self.complete:
            return f"all {self.total:,} raw words accounted for: " + ", ".join(parts)
        lost = sum(self.unaccounted.values())
        sample = ", ".join(repr(w) for w in sorted(self.unaccounted)[:10])
        return f"{lost:,} of {self.total:,} raw words NOT accounted for: {sample}"


def account_words(raw_text: str, doc: Document) -> WordAccount:
    """Attribute every word of ``raw_text`` to the clean text, a removal or an edit."""
    left = words(raw_text)
    total = sum(left.values())

    def take(available: Counter[str]) -> int:
        """Take from ``left`` what ``available`` holds; return how many words that is.
        (A loop over ``available``: ``left & available`` walks all of ``left``.)"""
        taken = 0
        for word, count in available.items():
            have = left.get(word, 0)
            if have > 0 and count > 0:
                share = min(have, count)
                left[word] = have - share
                taken += share
        return taken

    by_kind: dict[str, list[str]] = {}
    for removed in doc.removed:
        by_kind.setdefault(removed.kind, []).append(removed.text)
    removed_counts = {kind: take(count_words(_WORD, texts)) for kind, texts in by_kind.items()}

    blocks = doc.blocks or ()
    clean = count_words(_WORD, (block.text for block in blocks))
    # A footnote's number is written by the renderer.
    clean.update(str(block.number) for block in blocks if block.number is not None)
    in_clean = take(clean)

    # Edits that changed text first, then those that only removed it (most of those
    # also left a ``removed`` entry, counted above).
    changed_counts: Counter[str] = Counter()
    for removals in (False, True):
        by_stage: dict[str, Counter[str]] = {}
        for edit in doc.edits:
            if (not edit.after) == removals:
                found = words(edit.before) - words(edit.after)
                by_stage.setdefault(edit.stage, Counter()).update(found)
        changed_counts.update({stage: take(found) for stage, found in by_stage.items()})

    return WordAccount(
        total=total,
        in_clean=in_clean,
        removed={kind: n for kind, n in removed_counts.items() if n},
        changed={stage: n for stage, n in changed_counts.items() if n},
        unaccounted=+left,
    )


def unaccounted_words(raw_text: str, doc: Document) -> Counter[str]:
    """Words of ``raw_text`` (with multiplicity) that the result does not account for."""
    return account_words(raw_text, doc).unaccounted
