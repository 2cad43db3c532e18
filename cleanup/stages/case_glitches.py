"""Stage ``case_glitches``: restore words whose case a decorative font scrambled.

Some display fonts map lowercase and capital glyphs oddly, and the extraction reads
``opPortuniSt manipuLators`` for ``opportunist manipulators``. Evidence (all must
hold): the word starts with at least two lowercase letters; it has a capital inside
followed again by a lowercase letter (so ``macOS`` and ``iPhone`` do not qualify);
its lowercase form is a known word (Zipf at least ``min_zipf``); and it is not in
the ``keep`` list of the rules. Words that start with a capital (``CoRIM``, ``AfD``,
``YouTube``, ``McDonald``) are never touched.

Example: ``"joined opPortuniSt manipuLators who"`` -> ``"joined opportunist
manipulators who"``.
"""

from __future__ import annotations

import re

from ..document import Block, Document, Edit
from ..lexicon import zipf
from ..rules import Rules

STAGE = "case_glitches"

_GLITCH = re.compile(r"\b[a-z]{2,}[A-Z][A-Za-z]*\b")
_INNER_CAPITAL_THEN_LOWER = re.compile(r"[A-Z][a-z]")


def restore_case(doc: Document, rules: Rules) -> Document:
    """Lowercase words with scrambled capitals (see module doc)."""
    settings = rules.case_glitches
    keep = {word.lower() for word in settings.keep}
    languages = rules.lexicon.languages
    blocks = list(doc.require_blocks())
    edits: list[Edit] = []

    def fix(match: re.Match[str], block: Block) -> str:
        word = match.group(0)
        lower = word.lower()
        if (
            not _INNER_CAPITAL_THEN_LOWER.search(word)
            or lower in keep
            or zipf(lower, languages) < settings.min_zipf
        ):
            return word
        edits.append(
            Edit(
                STAGE,
                "lowercase",
                block.lines,
                word,
                lower,
                f"capitals inside {word!r}, whose lowercase form is a known word: a "
                "decorative font's case glitch",
                0.85,
            )
        )
        return lower

    for index, block in enumerate(blocks):
        text = _GLITCH.sub(lambda m, b=block: fix(m, b), block.text)  # type: ignore[misc]
        if text != block.text:
            blocks[index] = Block(block.kind, text, block.lines, block.level, block.number)
    return doc.with_blocks(tuple(blocks), edits)
