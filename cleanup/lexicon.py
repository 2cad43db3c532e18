"""Cached access to the word lists: the only module that loads wordfreq or symspellpy.

Nothing is loaded at import time. wordfreq loads its list on the first lookup;
the symspell dictionary (about a second to build) is built only when a stage
actually has a token to segment, and then once per process.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=200_000)
def zipf(word: str, languages: tuple[str, ...] = ("en",)) -> float:
    """The highest wordfreq Zipf frequency of ``word`` (lowercased) in ``languages``.

    Zipf 3 is about once per million words; 0 means wordfreq does not know the word.
    Do not pass hyphenated strings: wordfreq splits them into tokens first.

    >>> zipf("previously") > 4
    True
    >>> zipf("letariat")
    0.0
    """
    from wordfreq import zipf_frequency

    lowered = word.lower()
    return max(zipf_frequency(lowered, lang) for lang in languages)


@cache
def _symspell() -> Any:
    from symspellpy import SymSpell

    # The smallest settings that serve: we only insert spaces, never correct spelling.
    # With edit distance 0 a lookup is an exact dictionary hit, so the index of
    # deletions (built from prefixes of ``prefix_length``) is never read; a prefix of 1
    # keeps it to a few dozen entries, and the dictionary builds in 0.3 s, not 1.3 s.
    speller = SymSpell(max_dictionary_edit_distance=0, prefix_length=1)
    dictionary = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with resources.as_file(dictionary) as path:
        speller.load_dictionary(str(path), term_index=0, count_index=1)
    return speller


def segment(token: str) -> list[str]:
    """Split a run-together token into the most likely words (spaces only, no corrections).

    >>> segment("attendedthe")
    ['attended', 'the']
    """
    result = _symspell().word_segmentation(token, max_edit_distance=0)
    parts: list[str] = result.segmented_string.split()
    return parts
