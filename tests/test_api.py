"""The Python API other tools use (the README's examples run in test_readme.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

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


def test_writing_block_by_block_gives_the_rendered_text(root: Path) -> None:
    seed = min((root / "raw").glob("*.txt"), key=lambda path: path.stat().st_size)
    result = cleanup.process(seed.read_text(encoding="utf-8"), source=str(seed))
    for fmt in cleanup.FORMATS:
        out = io.StringIO()
        result.write(out, fmt)
        assert out.getvalue() == result.render(fmt), fmt
    assert result.render("md").count("\n\n") > 5
    with pytest.raises(ValueError, match="unknown format 'html'"):
        result.render("html")  # type: ignore[arg-type]
