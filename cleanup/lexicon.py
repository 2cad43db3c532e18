"""Cached access to the word lists: the only module that loads wordfreq or symspellpy.

Nothing is loaded at import time. The frequency table of a language is read on its
first lookup; the symspell dictionary is built only when a stage actually has a token
to segment, and then once per process (and kept in the user's cache folder, so the
next process loads it in a tenth of the time).

Both shortcuts are checked against the libraries' own answers in
``tests/test_shortcuts.py``.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import math
import os
import re
from bisect import bisect_left
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

# A word wordfreq's tokenizer leaves whole and unchanged in every language it reads
# with its regex tokenizer: its frequency is a plain look-up in the word list.
_PLAIN_WORD = re.compile(r"[a-z]+")
# Languages wordfreq cuts into words with a dictionary (jieba, MeCab), not a regex.
_SEGMENTED_LANGUAGES = frozenset({"zh", "ja", "ko"})


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
    lowered = word.lower()
    return max(_zipf_in(lowered, language) for language in languages)


#: A text's language shows in its most frequent words (its function words): this
#: many of them, in a text of at least ``_WORDS_TO_TELL`` words...
_TELLING_WORDS = 30
_WORDS_TO_TELL = 200
#: ...reach this median Zipf frequency in it: about 6.5 for a text in the language
#: (``the``, ``of``, ``and``), about 4 for one in another (``de``, ``la``, ``que`` are
#: rare English words).
_OWN_LANGUAGE_ZIPF = 5.5


def written_in(counts: Counter[str], language: str) -> bool:
    """Whether a text whose lowercased words occur ``counts`` times is written in
    ``language``: its most frequent words are that language's function words.

    >>> from collections import Counter
    >>> english = "it was in the house and it was on the way to the end of the day"
    >>> written_in(Counter(english.split() * 20), "en")
    True
    >>> spanish = "era en la casa y era en el camino al final de la tarde"
    >>> written_in(Counter(spanish.split() * 20), "en")
    False
    """
    if counts.total() < _WORDS_TO_TELL:
        return True  # (too short to tell: the language named is taken at its word)
    top = [word for word, _count in counts.most_common(_TELLING_WORDS)]
    scores = sorted(zipf(word, (language,)) for word in top)
    return scores[(len(scores) - 1) // 2] >= _OWN_LANGUAGE_ZIPF


def _zipf_in(word: str, language: str) -> float:
    if _PLAIN_WORD.fullmatch(word):
        words = _plain_words(language)
        if words is not None:
            return words.zipf(word)
    # Anything a tokenizer could cut or normalize goes through wordfreq itself, which
    # costs 0.2 s to import: a run that meets only plain words never pays it.
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language)


class _WordList:
    """One language's wordfreq list: a word's bucket gives its Zipf frequency.

    A short input looks up a few dozen words, and hashing the 321,000 words of the
    English list into a dict takes 0.1 s, a fifth of such a run. So the first lookups
    are binary searches in the buckets (each sorted), and the dict is built only once
    an input has asked for more words than that is worth.
    """

    SEARCHES_BEFORE_TABLE = 64

    def __init__(self, buckets: list[list[str]]) -> None:
        for words in buckets:
            words.sort()  # already sorted in wordfreq 3; linear then, and safe if not
        self.buckets = buckets
        self.values = [_bucket_zipf(index) for index in range(len(buckets))]
        self.searches = 0
        self.table: dict[str, float] | None = None

    def zipf(self, word: str) -> float:
        if self.table is None:
            self.searches += 1
            if self.searches <= self.SEARCHES_BEFORE_TABLE:
                return self._search(word)
            self.table = self._build_table()
        return self.table.get(word, 0.0)

    def _search(self, word: str) -> float:
        for words, value in zip(self.buckets, self.values, strict=True):
            at = bisect_left(words, word)
            if at < len(words) and words[at] == word:
                return value
        return 0.0

    def _build_table(self) -> dict[str, float]:
        table: dict[str, float] = {}
        for words, value in zip(self.buckets, self.values, strict=True):
            for word in words:
                table[word] = value
        return table


@cache
def _plain_words(language: str) -> _WordList | None:
    """wordfreq's "best" list for ``language``, read without importing wordfreq.

    It answers what ``wordfreq.zipf_frequency`` answers for a plain lowercase word,
    without the 0.2 s import of wordfreq and the language-code and tokenizer libraries
    it loads. None when the list is not where wordfreq 3 keeps it, or the language
    needs wordfreq's own code (a language-code alias, a dictionary tokenizer).
    """
    if language in _SEGMENTED_LANGUAGES:
        return None
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(spec.submodule_search_locations[0]) / "data"
    # wordfreq's "best" list is the large one where it exists, else the small one.
    candidates = [data / f"{size}_{language}.msgpack.gz" for size in ("large", "small")]
    path = next((candidate for candidate in candidates if candidate.is_file()), None)
    if path is None:
        return None
    buckets = _read_cbpack(path)
    return None if buckets is None else _WordList(buckets)


def _read_cbpack(path: Path) -> list[list[str]] | None:
    """wordfreq's "cBpack" file: a header, then one list of words per centibel below 0."""
    import msgpack  # wordfreq's own dependency, cheap to import

    with gzip.open(path, "rb") as packed:
        data = msgpack.load(packed, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    buckets: list[list[str]] = data[1:]
    return buckets


def _bucket_zipf(index: int) -> float:
    """The Zipf value wordfreq reports for a one-token word in bucket ``index``.

    The same arithmetic, step by step, as ``wordfreq.zipf_frequency`` with its default
    minimum (a frequency of 1e-9), so the floats match to the last bit.
    """
    frequency = 10 ** (-index / 100)
    frequency = 1.0 / (0.0 + 1.0 / frequency)
    frequency = max(frequency, 1e-9)
    leading_zeroes = math.floor(-math.log(frequency, 10))
    frequency = round(frequency, leading_zeroes + 3)
    return round(math.log(frequency, 10) + 9, 2)


_DICTIONARY = "frequency_dictionary_en_82_765.txt"


@cache
def _symspell() -> Any:
    from symspellpy import SymSpell

    # The smallest settings that serve: we only insert spaces, never correct spelling.
    # With edit distance 0 a lookup is an exact dictionary hit, so the index of
    # deletions (built from prefixes of ``prefix_length``) is never read; a prefix of 1
    # keeps it to a few dozen entries, and the dictionary builds in 0.3 s, not 1.3 s.
    def new() -> Any:
        return SymSpell(max_dictionary_edit_distance=0, prefix_length=1)

    kept = _kept_dictionary_path()
    if kept is not None and kept.is_file():
        speller = new()
        try:
            if speller.load_pickle(kept, compressed=False):
                return speller
        except Exception:  # a damaged or foreign cache file is rebuilt, never fatal
            pass
    speller = new()
    dictionary = resources.files("symspellpy") / _DICTIONARY
    with resources.as_file(dictionary) as path:
        speller.load_dictionary(str(path), term_index=0, count_index=1)
    if kept is not None:
        _keep(speller, kept)
    return speller


def cache_folder() -> Path | None:
    """Where built word lists are kept between runs, or None when keeping is off.

    ``CLEANUP_CACHE_DIR`` names the folder (empty: keep nothing); otherwise
    ``$XDG_CACHE_HOME/cleanup``, or ``~/.cache/cleanup``.
    """
    chosen = os.environ.get("CLEANUP_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleanup"


def _kept_dictionary_path() -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    # Everything the built dictionary depends on is in the name: a new symspellpy or
    # other settings make a new file instead of loading a stale one.
    from importlib.metadata import version  # 20 ms to import: only when needed

    stem = Path(_DICTIONARY).stem
    return folder / f"symspell-{version('symspellpy')}-{stem}-distance0-prefix1.pickle"


def _keep(speller: Any, path: Path) -> None:
    """Write the built dictionary for later runs: atomically, and silently skipped when
    the folder cannot be written (the cache only saves time)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        speller.save_pickle(temporary, compressed=False)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def segment(token: str) -> list[str]:
    """Split a run-together token into the most likely words (spaces only, no corrections).

    >>> segment("attendedthe")
    ['attended', 'the']
    """
    result = _symspell().word_segmentation(token, max_edit_distance=0)
    parts: list[str] = result.segmented_string.split()
    return parts
