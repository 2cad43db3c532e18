"""Short before/after snippets for edits, so the log shows the change, not whole lines."""

from __future__ import annotations


def changed_region(before: str, after: str, context: int = 12) -> tuple[str, str]:
    """The part of ``before`` and ``after`` that differs, widened by ``context``
    characters on each side and then out to the nearest space.

    >>> changed_region("the cat sat on the mat", "the cat sat on a mat", context=0)
    ('the', 'a')
    """
    if before == after:
        return before, after
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    lo = max(0, start - context)
    while lo > 0 and not before[lo - 1].isspace():
        lo -= 1
    tail = max(0, end - context)
    while tail > 0 and not before[len(before) - tail].isspace():
        tail -= 1
    return before[lo : len(before) - tail], after[lo : len(after) - tail]
