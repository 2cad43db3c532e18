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
# Lines of printable ASCII (and tabs) are left as they are by every fix here (but
# HTML unescaping, which needs an "&"): most lines of English text.
_NOT_PRINTABLE_ASCII = re.compile(r"[^\t\x20-\x7e]")


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


@cache
def _ftfy_characters(fix_ligatures: bool) -> re.Pattern[str]:
    """The characters ftfy's fixers other than mojibake repair act on, from ftfy's own
    tables: C1 and other control characters, the escape of terminal codes, lone
    surrogates and (when fixed) ligatures."""
    from ftfy.chardata import CONTROL_CHARS, LIGATURES

    codes = set(CONTROL_CHARS) | set(range(0x80, 0xA0)) | {0x1B}
    codes |= set(LIGATURES) if fix_ligatures else set()
    ranges = "".join(re.escape(chr(code)) for code in sorted(codes))
    return re.compile(f"[{ranges}\ud800-\udfff]")


def ftfy_may_change(text: str, rules: Rules) -> bool:
    """Whether ftfy, as configured here, could change ``text``: a cheap test that
    spares the full fix (about 90 µs a line) on the many lines it would leave alone.
    Mojibake repair acts only on text ftfy's own ``is_bad`` flags; the other fixers
    only where their characters occur; normalization only on text not in NFC."""
    from ftfy.badness import is_bad

    enc = rules.encoding
    return bool(
        (enc.unescape_html and "&" in text)
        or _ftfy_characters(enc.fix_ligatures).search(text)
        or not unicodedata.is_normalized("NFC", text)
        or (enc.fix_mojibake and is_bad(text))
    )


def _ftfy(text: str, rules: Rules) -> tuple[str, str]:
    """Run ftfy on one line; return the text and a readable account of what it did."""
    if not ftfy_may_change(text, rules):
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
    unescape_html = rules.encoding.unescape_html
    for line in doc.lines:
        text = line.text
        if not _NOT_PRINTABLE_ASCII.search(text) and not (unescape_html and "&" in text):
            lines.append(line)
            continue
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
        lines.append(line if text == line.text else line.with_text(text))
    return doc.with_lines(tuple(lines), edits)
