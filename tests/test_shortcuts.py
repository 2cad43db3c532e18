"""The cheap tests that let stages skip expensive work must never skip work that
would have changed something: each is checked against the expensive path."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from ftfy import fix_and_explain

from cleanup.rules import default_rules, load_rules
from cleanup.stages.encoding import _ftfy_config, ftfy_may_change
from cleanup.textutil import unclosed_emphasis

# Pieces lines are made of: plain words, typographic punctuation, accented letters,
# other scripts, and every kind of character some ftfy fixer acts on.
_PIECES = [
    "the",
    "word",
    " ",
    "  ",
    "’",
    "“quoted”",
    "—",
    "–",
    "…",
    "é",
    "naïve",
    "Ø",
    "ß",
    "Москва",
    "Ελλάδα",
    "東京",
    "😀",
    "ﬁ",
    "ﬂ",
    "Ĳ",
    "\x85",
    "\x9d",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\u206a",
    "\ud800",
    "e\u0301",
    "&amp;",
    "&eacute;",
    "\u00a0",
    "\u00ad",
    "½",
    "©",
    "•",
]


def _mojibake(rng: random.Random) -> str:
    """A random real word run through a wrong decoding, as extractions do."""
    word = rng.choice(["café", "naïve", "“quoted”", "it’s", "Москва", "façade", "€5", "😀"])
    encoding = rng.choice(["latin-1", "cp1252", "cp1251", "macroman"])
    return word.encode("utf-8").decode(encoding, errors="replace")


def _lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        pieces = [
            _mojibake(rng) if rng.random() < 0.15 else rng.choice(_PIECES)
            for _ in range(rng.randint(1, 8))
        ]
        lines.append(" ".join(pieces) if rng.random() < 0.5 else "".join(pieces))
    return lines


def test_ftfy_is_skipped_only_where_it_would_change_nothing() -> None:
    for rules in (
        default_rules(),
        load_rules([], {"encoding.fix_ligatures": False, "encoding.unescape_html": True}),
        load_rules([], {"encoding.fix_mojibake": False}),
    ):
        enc = rules.encoding
        config = _ftfy_config(enc.fix_mojibake, enc.fix_ligatures, enc.unescape_html)
        skipped = changed = 0
        for line in _lines(5000, seed=6):
            fixed = fix_and_explain(line, config).text
            if not ftfy_may_change(line, rules):
                skipped += 1
                assert fixed == line, f"the shortcut skipped a line ftfy changes: {line!r}"
            changed += fixed != line
        # Both paths must be exercised, or the test proves nothing.
        assert skipped > 500 and changed > 500, (skipped, changed)


def test_the_small_symspell_index_segments_as_the_default_one() -> None:
    # With edit distance 0 a lookup is an exact hit, so the prefix length (which only
    # shapes the index of deletions) cannot change a segmentation.
    from importlib import resources

    from symspellpy import SymSpell

    from cleanup.lexicon import segment

    default = SymSpell(max_dictionary_edit_distance=0)  # prefix length 7
    dictionary = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with resources.as_file(dictionary) as path:
        default.load_dictionary(str(path), term_index=0, count_index=1)
    tokens = ["attendedthe", "organisationsare", "sovereignists", "noncollege", "ofthe"]
    tokens += ["workpeople", "thequickbrownfox", "remigration", "inthemeantime", "zzzqx"]
    for token in tokens:
        expected = default.word_segmentation(token, max_edit_distance=0).segmented_string
        assert segment(token) == expected.split(), token


def test_letter_spacing_is_ruled_out_only_where_the_full_test_rules_it_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cleanup.stages import display

    rng = random.Random(7)
    vocabulary = ["the", "capital", "black", "lives", "usa", "ta", "rc", "?", ",", "é\t"]

    def word() -> str:
        chosen = rng.choice(vocabulary)
        return chosen if rng.random() < 0.2 else " ".join(chosen)  # mostly letter-spaced

    lines = [
        rng.choice(["", " "]) + "  ".join(word() for _ in range(rng.randint(1, 8)))
        for _ in range(5000)
    ]
    fast = [display.letter_spaced(line) for line in lines]
    monkeypatch.setattr(display, "_TWO_LONG_PIECES", re.compile(r"(?!)"))  # never matches
    assert fast == [display.letter_spaced(line) for line in lines]
    assert sum(words is not None for words in fast) > 100  # both answers occur


def test_sentence_ends_and_starts_are_read_as_the_full_patterns_read_them() -> None:
    from cleanup import textutil

    rng = random.Random(8)
    alphabet = "aZ.!?:;,\"'”’»)]*_ \t[^4“‘«(x"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(20000)]
    for text in texts:
        stripped = textutil._TRAILING_CLOSERS.sub("", text)
        assert textutil.ends_sentence(text, ".!?") == (bool(stripped) and stripped[-1] in ".!?")
        stripped = textutil._LEADING_OPENERS.sub("", text)
        assert textutil.starts_lowercase(text) == (bool(stripped) and stripped[0].islower())


@pytest.mark.parametrize("language", ["en", "fr", "de", "tr", "ru"])
def test_plain_words_get_wordfreqs_own_zipf(language: str) -> None:
    # lexicon reads wordfreq's list itself for plain lowercase words; the answer must
    # be wordfreq's, to the last bit, in every frequency bucket and for unknown words,
    # both while it searches the buckets and once it has built its table.
    from wordfreq import get_frequency_list, zipf_frequency

    from cleanup import lexicon

    word_list = lexicon._plain_words(language)
    assert word_list is not None
    searching, hashing = lexicon._WordList(word_list.buckets), lexicon._WordList(word_list.buckets)
    searching.SEARCHES_BEFORE_TABLE, hashing.SEARCHES_BEFORE_TABLE = 10**9, 0
    words = []
    for bucket in get_frequency_list(language):
        words += [word for word in bucket if lexicon._PLAIN_WORD.fullmatch(word)][:2]
    rng = random.Random(language)
    unknown = ["".join(rng.choice("qxzjkvw") for _ in range(rng.randint(4, 9))) for _ in range(200)]
    assert len(words) > 300
    for word in words + unknown:
        expected = zipf_frequency(word, language)
        assert searching.zipf(word) == expected, word
        assert hashing.zipf(word) == expected, word
        assert lexicon._zipf_in(word, language) == expected, word
    assert searching.table is None and hashing.table is not None
    assert sum(searching.zipf(word) == 0.0 for word in unknown) > 150


def test_other_words_and_languages_go_to_wordfreq() -> None:
    from wordfreq import zipf_frequency

    from cleanup import lexicon

    # A language-code alias and a dictionary-tokenized language have no table of ours.
    assert lexicon._plain_words("en-US") is None
    assert lexicon._plain_words("zh") is None
    for word in ["café", "don't", "1984", "naïve", "co-op", "ｔｈｅ"]:
        assert lexicon._zipf_in(word, "en") == zipf_frequency(word, "en"), word
    assert lexicon.zipf("The", ("en-US",)) == zipf_frequency("the", "en")


def test_the_built_dictionary_is_kept_and_reloaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleanup import lexicon

    build = lexicon._symspell.__wrapped__  # the uncached builder: one build per call
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    built = build()
    kept = list((tmp_path / "cache").iterdir())
    assert [path.suffix for path in kept] == [".pickle"]
    reloaded = build()
    for token in ["attendedthe", "inthemeantime", "zzzqx"]:
        expected = built.word_segmentation(token, max_edit_distance=0).segmented_string
        assert reloaded.word_segmentation(token, max_edit_distance=0).segmented_string == expected

    # A damaged file is rebuilt and replaced, never fatal.
    kept[0].write_bytes(b"not a pickle")
    assert build().word_segmentation("attendedthe", max_edit_distance=0).segmented_string == (
        "attended the"
    )
    assert kept[0].stat().st_size > 1_000_000


def test_the_dictionary_is_built_when_it_cannot_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleanup import lexicon

    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(blocker / "cache"))
    speller = lexicon._symspell.__wrapped__()
    assert speller.word_segmentation("ofthe", max_edit_distance=0).segmented_string == "of the"
    assert list(tmp_path.iterdir()) == [blocker]

    monkeypatch.setenv("CLEANUP_CACHE_DIR", "")
    assert lexicon.cache_folder() is None
    monkeypatch.delenv("CLEANUP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert lexicon.cache_folder() == tmp_path / "xdg" / "cleanup"


def test_a_broken_line_end_is_read_as_the_regular_expression_read_it() -> None:
    # hyphens scans back from the line end instead of searching with this pattern,
    # which took time in the square of a long last token's length.
    from cleanup.stages.hyphens import _broken_end

    pattern = re.compile(r"(?P<token>\S*?(?P<part>[^\W\d_]+))(?P<mark>-|\u00ad)\s*$")
    rng = random.Random(11)
    alphabet = ["a", "Z", "é", "1", "²", "_", "-", "\u00ad", " ", "\t", "ß", "東", "'", "."]
    broken = 0
    for _ in range(30000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10))).rstrip()
        start = len(text)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        match = pattern.search(text, start)
        found = _broken_end(text)
        if match is None:
            assert found is None, text
            continue
        broken += 1
        assert found is not None, text
        assert (found.token, found.part, found.mark, found.mark_start) == (
            match.group("token"),
            match.group("part"),
            match.group("mark"),
            match.start("mark"),
        ), text
    assert broken > 1000


def _joined_line_by_line(closed: bool, parts: list[str]) -> str:
    """reflow's former join: each line added to the growing text (quadratic)."""
    from cleanup.stages.reflow import _broken_path

    text = previous = ""
    for part in parts:
        left, right = text.rstrip(), part.strip()
        if not left:
            text = right
        elif (closed and (left.endswith(("—", "–")) or right.startswith(("—", "–")))) or (
            left.endswith("/")
            and not left.endswith(" /")
            and _broken_path(previous)
            and not right.startswith("\\")
        ):
            text = left + right
        else:
            text = f"{left} {right}"
        previous = right or previous
    return text.strip()


def test_reflow_joins_lines_as_it_did_line_by_line() -> None:
    from cleanup.stages.reflow import _LineJoiner, _Unit

    rng = random.Random(12)
    alphabet = ["a", "word", "—", "–", "/", " /", " ", "", "*", "**", "x/", "—b", "http://e.com/"]
    for closed in (False, True):
        style = _LineJoiner(())
        style.closed = closed
        for _ in range(5000):
            parts = [
                "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
                for _ in range(rng.randint(0, 6))
            ]
            assert style.join(parts) == _joined_line_by_line(closed, parts), parts
            unit = _Unit("paragraph")
            for part in parts:  # the running emphasis count, checked as the unit grows
                unit.texts.append(part)
                assert unit.opens_emphasis() == unclosed_emphasis(" ".join(unit.texts))


def test_pull_quote_words_are_read_as_they_were_line_by_line() -> None:
    from cleanup.document import Line
    from cleanup.layout import Chunk
    from cleanup.stages.pull_quotes import _WORD, _words

    rng = random.Random(13)
    alphabet = ["word", "-", "a-", "Up", "low-", " ", "", "x", "é-", "1-"]
    for _ in range(5000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3))) for _ in range(6)]
        lines = [Line(number, text) for number, text in enumerate(texts, start=1)]
        text = ""  # the former way: each line added to a growing string
        for line in texts:
            line = line.strip()
            text = (
                text[:-1] + line if text.endswith("-") and line[:1].islower() else f"{text} {line}"
            )
        assert _words(lines, Chunk(0, 5)) == " ".join(_WORD.findall(text.lower())), texts
