"""Stage ``case_glitches``: restore words whose case a decorative font scrambled.

Some display fonts map lowercase and capital glyphs oddly, and the extraction reads
``opPortuniSt manipuLators`` for ``opportunist manipulators``. Evidence (all must
hold): the word starts with at least two lowercase letters; it has a capital inside
followed again by a lowercase letter (so ``macOS`` and ``iPhone`` do not qualify);
its lowercase form is a known word (Zipf at least ``min_zipf``); it is not in the
``keep`` list of the rules; it is not a name joined in camel case, whose pieces cut
at the capitals are each a common word (``drawString``, ``setFont``: a font's
glitch falls anywhere, ``opPortuniSt``); and the document does not write it so in
more than one block (an identifier recurs; a glitch is where the display font is).
Words that start with a capital (``CoRIM``, ``AfD``, ``YouTube``, ``McDonald``) are
never touched.

Example: ``"joined opPortuniSt manipuLators who"`` -> ``"joined opportunist
manipulators who"``.
"""

from __future__ import annotations

import re
from collections import Counter

from ..document import Block, Document, Edit
from ..lexicon import zipf
from ..rules import Rules

STAGE = "case_glitches"

_GLITCH = re.compile(r"\b[a-z]{2,}[A-Z][A-Za-z]*\b")
_INNER_CAPITAL_THEN_LOWER = re.compile(r"[A-Z][a-z]")
_CAMEL_PIECE = re.compile(r"[A-Z]?[a-z]+")
#: A camel-case piece this frequent (wordfreq Zipf) is a word the name is made of.
_PIECE_ZIPF = 3.0


def _camel_case_name(word: str, languages: tuple[str, ...]) -> bool:
    """Whether ``word`` is words joined in camel case: cut before each capital,
    every piece a common word of two letters or more (``drawString``)."""
    pieces = _CAMEL_PIECE.findall(word)
    if "".join(pieces) != word:
        return False
    return all(len(p) > 1 and zipf(p.lower(), languages) >= _PIECE_ZIPF for p in pieces)


def restore_case(doc: Document, rules: Rules) -> Document:
    """Lowercase words with scrambled capitals (see module doc)."""
    settings = rules.case_glitches
    keep = {word.lower() for word in settings.keep}
    languages = rules.lexicon.languages
    blocks = list(doc.require_blocks())
    edits: list[Edit] = []
    # The mixed-case words of each block (one search of the text), and in how many
    # blocks each is written, to tell a recurring name.
    found = [list(_GLITCH.finditer(block.text)) for block in blocks]
    blocks_writing = Counter(word for matches in found for word in {m.group() for m in matches})

    def fix(match: re.Match[str], block: Block) -> str:
        word = match.group(0)
        lower = word.lower()
        if (
            not _INNER_CAPITAL_THEN_LOWER.search(word)
            or lower in keep
            or zipf(lower, languages) < settings.min_zipf
            or blocks_writing[word] > 1
            or _camel_case_name(word, languages)
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

    for index, matches in enumerate(found):
        if not matches:
            continue
        block = blocks[index]
        pieces, last = [], 0
        for match in matches:
            pieces += [block.text[last : match.start()], fix(match, block)]
            last = match.end()
        text = "".join(pieces) + block.text[last:]
        if text != block.text:
            blocks[index] = Block(block.kind, text, block.lines, block.level, block.number)
    return doc.with_blocks(tuple(blocks), edits)
