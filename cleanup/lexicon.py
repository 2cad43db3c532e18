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

    # Edit distance 0: we only insert spaces, never correct spelling, and the
    # dictionary builds several times faster than with the default distance of 2.
    speller = SymSpell(max_dictionary_edit_distance=0, prefix_length=7)
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
