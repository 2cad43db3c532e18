"""Inline markup inside block text: markdown emphasis and footnote references.

Block text keeps emphasis as markdown (``*x*``, ``**x**``, ``_x_``, ``__x__``) and
footnote references as ``[^N]``. The markdown renderer writes them as they are; the
plain-text renderer uses :func:`strip_emphasis` and :func:`plain_references`.
"""

from __future__ import annotations

import re

from .markup import REFERENCE, references

_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")


def strip_emphasis(text: str) -> str:
    """Remove balanced emphasis markers, keeping the words. Unbalanced or spaced
    asterisks (``a * b``, ``* * *``) are text and stay.

    >>> strip_emphasis("in *Imperialism* and **bold** but 2 * 3")
    'in Imperialism and bold but 2 * 3'
    """
    text = _STRONG.sub(r"\2", text)
    text = _STAR.sub(r"\1", text)
    return _UNDERSCORE.sub(r"\1", text)


def reference_numbers(text: str) -> list[int]:
    """The footnote numbers referenced in ``text``, in order: ``a[^2] b[^3]`` -> [2, 3]."""
    return references(text)


def plain_references(text: str) -> str:
    """Write footnote references the plain-text way: ``the US.[^2]`` -> ``the US.[2]``."""
    return REFERENCE.sub(r"[\1]", text)
