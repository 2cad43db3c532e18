"""Stage ``encoding``: repair characters, line by line, before anything reads the words.

What it fixes, and from what evidence:

- mojibake (UTF-8 read as Windows-1252 or Latin-1): ftfy's detector, which only acts
  on byte patterns that are very unlikely in real text (``communiquÃ©`` ->
  ``communiqué``); curly quotes, dashes and full-width characters are left as they are;
- typographic ligatures (``ﬁ`` -> ``fi``), control characters and the byte order mark
  (ftfy);
- Unicode normalization to NFC;
- no-break and other fixed-width spaces to plain spaces; zero-width spaces and word
  joiners removed; non-breaking hyphens to hyphens; soft hyphens removed inside a line
  (a soft hyphen at the end of a line is left for the ``hyphens`` stage: it marks a
  word broken by the line end).

Example: ``"communiquÃ©,\\u00a0it"`` -> ``"communiqué, it"`` (two edits).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

from ..document import Document, Edit, Line
from ..rules import Rules
from ..snippets import changed_region

STAGE = "encoding"

# Fixed-width and no-break spaces (not U+3000, the ideographic space CJK text uses).
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f]")
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
_INNER_SOFT_HYPHEN = re.compile("\u00ad(?![\u00ad\\s]*$)")
# Characters ftfy (or NFC) might change: anything outside printable ASCII.
_NEEDS_FTFY = re.compile(r"[^\t\x20-\x7e]")


@cache
def _ftfy_config(fix_mojibake: bool, fix_ligatures: bool, unescape_html: bool) -> TextFixerConfig:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=unescape_html,
        fix_encoding=fix_mojibake,
        fix_latin_ligatures=fix_ligatures,
        uncurl_quotes=False,  # the author's curly quotes stay curly
        fix_character_width=False,  # full-width forms are real text in CJK
        fix_line_breaks=False,  # we work on single lines
        normalization="NFC",
    )


def _ftfy(text: str, rules: Rules) -> tuple[str, str]:
    """Run ftfy on one line; return the text and a readable account of what it did."""
    if not _NEEDS_FTFY.search(text) and not (rules.encoding.unescape_html and "&" in text):
        return text, ""
    from ftfy import fix_and_explain
    from ftfy.badness import badness

    enc = rules.encoding
    config = _ftfy_config(enc.fix_mojibake, enc.fix_ligatures, enc.unescape_html)
    fixed, explanation = fix_and_explain(text, config)
    steps = [f"{op} {arg}" for op, arg in (explanation or [])]
    if "\u00a0" in text and badness(fixed) > 0:
        # A real no-break space on the line keeps ftfy from re-decoding the whole line
        # ("said:\u00a0â€œno.â€\u009d"); try again with plain spaces and keep the
        # less damaged result. (The odd-spaces fix would make them spaces anyway.)
        retry, retry_explanation = fix_and_explain(text.replace("\u00a0", " "), config)
        if badness(retry) < badness(fixed):
            fixed = retry
            steps = ["replace no-break spaces"]
            steps += [f"{op} {arg}" for op, arg in (retry_explanation or [])]
    if fixed == text:
        return text, ""
    return fixed, "ftfy: " + ", ".join(steps) if steps else "ftfy"


# (rule, pattern, replacement, reason) applied after ftfy, in order.
_CHARACTER_FIXES: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    ("odd-spaces", _ODD_SPACES, " ", "no-break or fixed-width space made a plain space"),
    ("zero-width", _ZERO_WIDTH, "", "zero-width space, word joiner or BOM removed"),
    ("nb-hyphen", re.compile("\u2011"), "-", "non-breaking hyphen made a hyphen"),
    ("soft-hyphen", _INNER_SOFT_HYPHEN, "", "soft hyphen inside a line removed"),
)


def fix_encoding(doc: Document, rules: Rules) -> Document:
    """Repair mojibake and normalize odd characters in every line (see module doc)."""
    edits: list[Edit] = []
    lines: list[Line] = []
    for line in doc.lines:
        text = line.text
        span = ((line.number, line.number),)
        fixed, reason = _ftfy(text, rules)
        if fixed != text:
            before, after = changed_region(text, fixed)
            edits.append(Edit(STAGE, "ftfy", span, before, after, reason))
            text = fixed
        nfc = unicodedata.normalize("NFC", text)
        if nfc != text:
            before, after = changed_region(text, nfc)
            edits.append(Edit(STAGE, "nfc", span, before, after, "Unicode NFC normalization"))
            text = nfc
        for rule, pattern, replacement, why in _CHARACTER_FIXES:
            replaced = pattern.sub(replacement, text)
            if replaced != text:
                before, after = changed_region(text, replaced)
                edits.append(Edit(STAGE, rule, span, before, after, why))
                text = replaced
        lines.append(line if text == line.text else Line(line.number, text, line.kind))
    return doc.with_lines(tuple(lines), edits)
