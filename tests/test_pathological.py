"""Pathological inputs: each is cleaned without a crash, keeps every word, and is
never slowed to a crawl. The sizes are chosen so that a pass costing time in the
square of a line's, a word's or a paragraph's length would take hours (each such
pass these tests found is fixed; see tests/test_shortcuts.py for their checks). The
timeout is a hang guard, forty times what a test takes here, not a speed target:
`make bench` measures speed."""

from __future__ import annotations

import re

import pytest

import cleanup

pytestmark = pytest.mark.timeout(120)

SENTENCE = "The delegates met in the evening and talked until late at night. "


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_a_5_mb_single_line_is_one_paragraph() -> None:
    line = (SENTENCE * (5_000_000 // len(SENTENCE))).strip()
    result = cleanup.process(line + "\n")
    assert [block.text for block in result.blocks] == [line]


def test_100_000_one_character_lines_keep_every_character() -> None:
    text = "".join(f"{'abcdefghij'[i % 10]}\n" for i in range(100_000))
    result = cleanup.process(text)
    assert words(" ".join(block.text for block in result.blocks)) == words(text)


def test_extremely_long_words_pass_through() -> None:
    # A lowercase run of a million letters (no split is even tried: too long), a line
    # of 100,000 dashes, and a long word broken at the line end before its rest.
    for token in ["a" * 1_000_000, "-" * 100_000]:
        assert cleanup.process(token + "\n").render("text") == token + "\n"
    broken = "x" * 50_000
    text = cleanup.process(f"{broken}-\nyz and more.\n").render("text")
    assert text.startswith(broken) and text.endswith("yz and more.\n")


def test_a_reference_glued_to_a_very_long_word_is_accounted_for() -> None:
    # A fuzzer's input: a reference glued to a word of 39 letters, in brackets. The
    # reference's edit shows the whole word it came out of, so that the word check
    # finds the word (it raised: "words lost without an edit").
    data = (
        b"Other extractions write references in brackets [" + b"\xe9" * 39 + b"1] and "
        b"their \nnotes start with the number in brac________\n[1] The first note, after "
        b"the rule line that separates the notes from the body.\n[4] The second note, in "
        b"agreed that it be printed instead and\xe2\x84\xa2nt out with\nthe notice of the "
        b"methe same way.\n\x0cThe next pagm beginw the body text again with lines of the "
        b"\nsame width, and the text comes to its end here on this page.\n"
    )
    result = cleanup.process_bytes(data)
    assert "[^1]" in result.render()


def test_a_file_of_page_numbers_only() -> None:
    # With page breaks they are page numbers: removed, each logged.
    paged = "".join(f"{n}\n\f" for n in range(1, 301))
    result = cleanup.process(paged)
    assert result.render() == ""
    assert [item.text for item in result.removed] == [str(n) for n in range(1, 301)]
    # Without page breaks nothing shows they are page numbers: the numbers stay, as
    # text, not headings.
    bare = "".join(f"{n}\n\n" for n in range(1, 301))
    result = cleanup.process(bare)
    assert [block.text for block in result.blocks] == [str(n) for n in range(1, 301)]
    assert {block.kind for block in result.blocks} == {"paragraph"}


def test_deeply_repeated_text_is_kept_as_written() -> None:
    # A refrain written many times is the author's: doubled-text repair must not
    # collapse it, nor take time in the square of its length.
    refrain = "Still haunts the land, still haunts the land."
    text = "\n\n".join([refrain] * 5_000) + "\n"
    result = cleanup.process(text)
    assert [block.text for block in result.blocks] == [refrain] * 5_000
    doubled = "still hauntsstill haunts " * 20_000
    result = cleanup.process(doubled + "\n")
    assert result.render("text") == doubled.strip() + "\n"


def test_right_to_left_and_cjk_text_pass_through_unharmed() -> None:
    text = (
        "中文文本，包括标点符号。日本語の文章も、そのまま残ります。\n\n"
        "النص العربي يبقى كما هو دون تغيير.\n\n"
        "טקסט בעברית נשאר כפי שהוא.\n"
    )
    result = cleanup.process(text)
    assert result.render("text") == text
    assert result.edits == ()
