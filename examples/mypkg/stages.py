"""A custom stage, as a package of your own would write one.

Run it by import path::

    PYTHONPATH=examples cleanup run notes.txt --stage mypkg.stages:fix_roman_numerals

or declare it as an entry point in your package's ``pyproject.toml``, and run it by
name (``--stage roman_numerals``)::

    [project.entry-points."cleanup.stages"]
    roman_numerals = "mypkg.stages:fix_roman_numerals"
"""

from __future__ import annotations

import re
from dataclasses import replace

from cleanup import Document, Edit, Rules

_NUMERAL_AFTER_NAME = re.compile(r"\b(Chapter|Part|Book|Volume) ([ivxlc]+)\b")


def fix_roman_numerals(doc: Document, rules: Rules) -> Document:
    """Write Roman numerals after a division name in capitals (``Part iv`` ->
    ``Part IV``), as small caps lost in extraction leave them lowercase."""
    edits: list[Edit] = []
    blocks = []
    for block in doc.require_blocks():
        text = _NUMERAL_AFTER_NAME.sub(lambda m: f"{m[1]} {m[2].upper()}", block.text)
        if text != block.text:
            edits.append(
                Edit(
                    "fix_roman_numerals",
                    "capitals",
                    block.lines,
                    block.text,
                    text,
                    "a Roman numeral after a division name is written in capitals",
                )
            )
            block = replace(block, text=text)
        blocks.append(block)
    return doc.with_blocks(tuple(blocks), edits)
