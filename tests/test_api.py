"""The Python API other tools use (the README's examples run in test_readme.py)."""

from __future__ import annotations

import cleanup


def test_clean_and_process() -> None:
    text = "A few previ-\nously existing groups attendedthe meeting.\n"
    assert cleanup.clean(text) == "A few previously existing groups attended the meeting.\n"
    result = cleanup.process(text, source="memo.txt")
    assert result.source == "memo.txt"
    assert [b.kind for b in result.blocks] == ["paragraph"]
    assert result.blocks[0].lines == ((1, 2),)
    assert [(e.stage, e.rule) for e in result.edits] == [
        ("hyphens", "join"),
        ("reflow", "join-lines"),  # "existing ..." continues "A few previously" in lowercase
        ("glued_words", "split"),
    ]
    assert result.to_json()["blocks"][0]["text"] == result.blocks[0].text


def test_formats_handle_emphasis_and_references_consistently() -> None:
    text = "In *Imperialism* (1916) and **bold** words, see the note.\n\n[^1]: The note.\n"
    assert cleanup.clean(text, format="md") == text
    assert cleanup.clean(text, format="text") == (
        "In Imperialism (1916) and bold words, see the note.\n\n[1] The note.\n"
    )
    blocks = cleanup.process(text).to_json()["blocks"]
    assert blocks[0]["text"] == "In *Imperialism* (1916) and **bold** words, see the note."
    assert blocks[1] == {"kind": "footnote", "text": "The note.", "lines": [[3, 3]], "number": 1}


def test_empty_and_blank_inputs_give_empty_output() -> None:
    for text in ("", "\n", "   \n\n\t\n"):
        assert cleanup.clean(text) == ""
        assert cleanup.process(text).blocks == ()
