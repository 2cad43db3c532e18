"""Stage ``glued_words``: split words that the extraction ran together.

``attendedthe`` -> ``attended the``, ``organisationsare`` -> ``organisations are``.

Evidence (all must hold): the token is all lowercase letters (names, acronyms and
mixed case are never split), ``min_length`` to ``max_length`` letters long (a longer
run would cost time in the square of its length), not part of a URL, e-mail
address, number or hyphenated word; it is not a word in any lexicon language
(wordfreq Zipf below ``max_token_zipf``: an author's rare spelling such as
``politican`` is a known form and stays); the document does not use it anywhere
else, nor its singular or plural (``nobreaks`` beside ``\nobreak``), and it is no
plural of a word (``whatsits``); and symspellpy's segmentation, with spaces only and
no spelling correction, gives two to ``max_parts`` parts that are each frequent words
of the document's main language, the first lexicon language (Zipf at least
``min_part_zipf``; two- and three-letter parts need far more, since suffixes and
abbreviations are frequent strings too: ``sovereignists`` is not ``sovereign is
ts``); and one part is a function word (Zipf at least ``anchor_zipf``: ``the``,
``are``, ``of``), other than a particle that opens compounds (``compound_prefixes``:
``outhear``, ``betime``, ``noprint``) standing first or one that closes them
(``compound_suffixes``: ``catlike``) standing last. Spaces lost in extraction fall
anywhere, but an unknown token made of two content words is far more often the
author's own compound (``workpeople``, ``shopmen``, ``noncollege``) than lost spacing,
and a doubtful case is left alone. A token in code (``\nolig{iffish}``, next to
braces, a backslash, ``|`` or ``=``, called or indexed as in ``hasvalue(x)``, in
brackets, after a colon) is not prose and stays; so does a token with no word of the
language on either side (``xpos showall ypos``: a list of a program's names).
Lost spaces happen in sentences, and in technical manuals most unknown lowercase
tokens are the names of options, flags and functions.
The symspell dictionary is loaded only when such a token exists. A document not
written in the main language (its most frequent words are not that language's
function words: ``de``, ``la``, ``que`` in a Spanish text) is left alone: its words
would split into English ones (``generando`` is no ``gene ran do``).

Example: ``"organisations that attendedthe meeting"`` ->
``"organisations that attended the meeting"``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from ..document import Block, Document, Edit
from ..lexicon import segment, written_in, zipf
from ..rules import GluedWordRules, Rules
from ..textutil import batched_text, count_words

STAGE = "glued_words"

# A run of letters not touching other word characters, hyphens, apostrophes, slashes,
# @ or a dot followed by a letter (so not inside URLs, e-mails, compounds or numbers),
# nor marks of code: a command's argument (``\nolig{iffish}``), a function called or
# indexed (``hasvalue(x)``, ``keys[0]``), an option in brackets (``[onerow]``), a
# name after a colon or a grammar's bracket (``sheet:rowno``, ``⟨op⟩name``), an
# attribute's value (``id="mytotal"``).
_TOKEN = re.compile(
    r"(?<![\w@/\-'’.{}\\|=\[:⟩])(?<!=\")(?<!=')[^\W\d_]+(?![\w@/\-'’{}\\|=(\[\]]|\.\w)"
)
# The words either side of a token, for the company it keeps.
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w]*$")
_WORD_AFTER = re.compile(r"^[^\w]*([^\W\d_]+)")
_NEAR = 80
_URLISH = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_SPLITTABLE_KINDS = ("paragraph", "list_item", "quote", "heading", "footnote", "caption")


_LETTERS = re.compile(r"[^\W\d_]+")


def _needed(length: int, settings: GluedWordRules) -> float:
    """The Zipf frequency a part of ``length`` letters needs to count as a word here."""
    if length < 2:
        return float("inf")
    if length == 2:
        return settings.two_letter_part_zipf
    if length == 3:
        return settings.three_letter_part_zipf
    return settings.min_part_zipf


class _Decision(NamedTuple):
    parts: list[str]
    reason: str
    sure: bool  # (a part is one of the rules' ``sure_anchors``: split; else a doubt)


def _split(token: str, rules: Rules, seen: Counter[str]) -> _Decision | None:
    """The parts to split ``token`` into and why, or None to leave it."""
    settings = rules.glued_words
    languages = rules.lexicon.languages
    if not token.islower() or not settings.min_length <= len(token) <= settings.max_length:
        return None
    if token in settings.never_split or seen[token] > 1:
        return None
    if seen[token + "s"] or (token.endswith("s") and seen[token[:-1]]):
        return None  # (``nobreaks`` where the document writes ``\nobreak``: its word)
    if token.endswith("s") and zipf(token[:-1], languages) >= settings.max_token_zipf:
        return None  # (``whatsits``: the plural of a word)
    z_token = zipf(token, languages)
    if z_token >= settings.max_token_zipf:
        return None
    parts = segment(token)
    if "".join(parts) != token or not 2 <= len(parts) <= settings.max_parts:
        return None
    # The parts must be words of the document's main language (the first lexicon
    # language): a quoted language's function words (Italian ``non``) would
    # otherwise split the main language's compounds (``noncollege``).
    language = languages[0]
    scores = [zipf(part, (language,)) for part in parts]
    if any(z < _needed(len(p), settings) for p, z in zip(parts, scores, strict=True)):
        return None
    anchors = [p for p, z in zip(parts, scores, strict=True) if z >= settings.anchor_zipf]
    if not anchors:
        return None  # two content words: more likely a compound of the author's
    if anchors == [parts[0]] and parts[0] in settings.compound_prefixes:
        return None  # a particle that opens compounds (``outhear``, ``betime``, ``noprint``)
    if anchors == [parts[-1]] and parts[-1] in settings.compound_suffixes:
        return None  # a word that closes compounds (``catlike``)
    described = ", ".join(f"{p!r} ({z:.1f})" for p, z in zip(parts, scores, strict=True))
    return _Decision(
        parts,
        f"{token!r} is not a word (Zipf {z_token:.1f}) nor used elsewhere in the document; "
        f"it splits into frequent {language!r} words: {described}",
        any(p in settings.sure_anchors for p in anchors),
    )


def _in_prose(text: str, match: re.Match[str], rules: Rules) -> bool:
    """Whether the token at ``match`` stands beside a word of the language on at least
    one side. Lost spaces happen in sentences; a token between two names that are no
    words (``xpos showall ypos``, a list of a program's identifiers), or alone in
    its block, is one of those names."""
    needed = rules.glued_words.min_part_zipf
    languages = rules.lexicon.languages
    # (Within a few words either side: a block may be a whole document long.)
    before = _WORD_BEFORE.search(text[max(0, match.start() - _NEAR) : match.start()])
    after = _WORD_AFTER.match(text[match.end() : match.end() + _NEAR])
    return any(
        found is not None and zipf(found.group(1).lower(), languages) >= needed
        for found in (before, after)
    )


def split_glued_words(doc: Document, rules: Rules) -> Document:
    """Split run-together words inside blocks (see module doc)."""
    blocks = doc.require_blocks()
    splittable = [block.text for block in blocks if block.kind in _SPLITTABLE_KINDS]
    # Each distinct token is decided once; most documents have none to split, and
    # then no block needs a second look.
    tokens = {token for piece in batched_text(splittable) for token in _TOKEN.findall(piece)}
    seen = count_words(_LETTERS, (block.text for block in blocks))
    if not written_in(seen, rules.lexicon.languages[0]):
        # Its parts would be words of another language (Spanish ``generando`` is no
        # English ``gene ran do``): a text in a language not named first in the
        # lexicon is left as it is.
        return doc
    decisions = {token: _split(token, rules, seen) for token in tokens}
    to_split = {token: decision for token, decision in decisions.items() if decision}
    if not to_split:
        return doc
    edits: list[Edit] = []
    out: list[Block] = []
    for block in blocks:
        if block.kind not in _SPLITTABLE_KINDS or not any(t in block.text for t in to_split):
            out.append(block)
            continue
        protected = [m.span() for m in _URLISH.finditer(block.text)]
        pieces: list[str] = []
        position = 0
        for match in _TOKEN.finditer(block.text):
            decision = to_split.get(match.group(0))
            if decision is None or any(start <= match.start() < end for start, end in protected):
                continue
            if not _in_prose(block.text, match, rules):
                continue
            token, joined = match.group(0), " ".join(decision.parts)
            if not decision.sure:
                reason = f"{decision.reason}; but none of them is a word that never opens or "
                reason += f"closes a name or compound ('the', 'are'): left as written, {joined!r}?"
                edits.append(Edit(STAGE, "left-glued", block.lines, token, token, reason, 0.5))
                continue
            pieces.append(block.text[position : match.start()])
            pieces.append(joined)
            position = match.end()
            edits.append(Edit(STAGE, "split", block.lines, token, joined, decision.reason, 0.8))
        if not pieces:
            out.append(block)
            continue
        pieces.append(block.text[position:])
        out.append(
            Block(block.kind, "".join(pieces), block.lines, level=block.level, number=block.number)
        )
    return doc.with_blocks(tuple(out), edits)
