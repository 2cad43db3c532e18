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
    start, end = common_affixes(before, after)
    lo = max(0, start - context)
    while lo > 0 and not before[lo - 1].isspace():
        lo -= 1
    tail = max(0, end - context)
    while tail > 0 and not before[len(before) - tail].isspace():
        tail -= 1
    return before[lo : len(before) - tail], after[lo : len(after) - tail]


def common_affixes(a: str, b: str) -> tuple[int, int]:
    """How many leading and then trailing characters ``a`` and ``b`` share (the two
    never overlap: what is left between them is what differs).

    >>> common_affixes("the US.2 and", "the US.[^2] and")
    (7, 4)
    """
    limit = min(len(a), len(b))
    start = 0
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end
