"""Stage ``hyphens``: decide every hyphen at the end of a line.

A word broken by the line end (``previ-`` / ``ously``) is joined without the hyphen;
a hyphen that belongs to the word (``self-`` / ``critical``) stays. The first word of
the next text line of the same stream (skipping blank and removed lines, so a page
break does not matter; but not past the next page, and never a line of code, which
is no word's rest) moves up to the end of the hyphenated line, and the choice is
made from evidence, in this order:

1. a soft hyphen (U+00AD) at the line end marks a break inside a word: join; the
   rules' word lists: ``keep`` (compounds written with their hyphen) and ``join``
   (words always joined) decide before any other evidence;
2. the next part starts with a digit or a capital (``COVID-`` / ``19``,
   ``Marxist-`` / ``Leninist``), is itself hyphenated (``day-`` / ``to-day``; but
   ``capital-`` / ``ism-imperialism`` joins, ``capitalism`` being a word), or the
   first part is in ``keep_after`` (``self``): keep;
3. the document's own spelling: if the hyphenated or the joined form occurs inside a
   line elsewhere in the document, the more frequent one wins;
4. the lexicon (wordfreq, for the joined word and for each half, never for the
   hyphenated string, which wordfreq would split): a frequent joined word is joined; two
   frequent halves are kept unless the joined word is known too (``disagree-`` /
   ``able``; ``well-`` / ``known`` stays); otherwise a known joined word is joined,
   and with no evidence either way the word is joined with low confidence.

Example: ``"a few previ-\\nously existing"`` -> ``"a few previously\\nexisting"``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..document import Document, Edit, Line
from ..evidence.code import is_code_line
from ..lexicon import zipf
from ..rules import Rules
from ..textutil import count_words

STAGE = "hyphens"

# What a line broken inside a word ends with, after letters (so not " -" nor "--").
_MARKS = ("-", "\u00ad")
_FIRST_TOKEN = re.compile(r"\s*(?P<token>\S+)\s*")
_LEADING_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _document_spellings(lines: tuple[Line, ...]) -> Counter[str]:
    """Counts of every (possibly hyphenated) word written inside a line, lowercased.
    A hyphenated word at a line end is not counted: that hyphen is what we decide."""
    return count_words(_WORD, (_without_line_end_word(line) for line in lines if line.carries_text))


def _without_line_end_word(line: Line) -> str:
    text = line.text.rstrip()
    if text.endswith(_MARKS):
        return text[: text.rfind(" ") + 1] if " " in text else ""
    return text


def _decide(
    part: str, following: str, rules: Rules, spellings: Counter[str]
) -> tuple[bool, str, float]:
    """Whether to keep the hyphen between ``part`` and ``following``; the reason; the
    confidence. ``following`` is the leading word of the next line."""
    settings = rules.hyphens
    written = f"{part}-{following}".lower()
    if written in (word.lower() for word in settings.keep):
        return True, f"{written!r} is a compound the rules keep hyphenated (rules: keep)", 1.0
    if written.replace("-", "") in (word.lower() for word in settings.join):
        return False, f"{written.replace('-', '')!r} is in the rules' join list", 1.0
    if not following[:1].isalpha():
        return True, "the next part does not start with a letter", 0.9
    if following[0].isupper() and not part.isupper():
        return True, f"{following!r} starts with a capital: a compound with a name", 0.8
    if "-" in following:
        # ``day-`` / ``to-day`` is a compound; ``capital-`` / ``ism-imperialism`` is a
        # word broken before a hyphen of its own: decide on the first segment.
        head = following.split("-", 1)[0]
        joined = (part + head).lower()
        if zipf(joined, rules.lexicon.languages) >= settings.join_zipf:
            return False, f"{joined!r} is a word; the hyphen after it is the word's own", 0.8
        return True, f"{following!r} is itself hyphenated: a hyphenated compound", 0.9
    if part.lower() in settings.keep_after:
        return True, f"the hyphen always stays after {part!r} (rules: keep_after)", 0.95

    lower_part, lower_next = part.lower(), following.lower()
    joined = lower_part + lower_next
    hyphenated = f"{lower_part}-{lower_next}"
    seen_joined, seen_hyphenated = spellings[joined], spellings[hyphenated]
    if seen_joined != seen_hyphenated:
        keep = seen_hyphenated > seen_joined
        form = hyphenated if keep else joined
        count = max(seen_joined, seen_hyphenated)
        return keep, f"the document writes {form!r} {count} time(s) inside a line", 0.95

    languages = rules.lexicon.languages
    z_joined = zipf(joined, languages)
    z_part, z_next = zipf(lower_part, languages), zipf(lower_next, languages)
    if z_joined >= settings.join_zipf:
        return False, f"{joined!r} is a word (Zipf {z_joined:.1f})", 0.9
    if z_part >= settings.part_zipf and z_next >= settings.part_zipf:
        if z_joined >= settings.known_zipf:
            # ``disagree-`` / ``able``: halves that are words make a known word too.
            return (
                False,
                f"{joined!r} is a known word (Zipf {z_joined:.1f}), though both halves "
                "are words too",
                0.7,
            )
        return (
            True,
            f"both {lower_part!r} and {lower_next!r} are words and {joined!r} is rare "
            f"(Zipf {z_joined:.1f})",
            0.7,
        )
    if z_joined > 0:
        # At least one half is not a word: a known joined word is good evidence, a
        # barely known one (a name, a foreign word) less so.
        half = lower_part if z_part < settings.part_zipf else lower_next
        confidence = 0.8 if z_joined >= settings.known_zipf else 0.6
        return (
            False,
            f"{joined!r} is a known word (Zipf {z_joined:.1f}) and {half!r} is not",
            confidence,
        )
    return False, f"neither {joined!r} nor {hyphenated!r} is known: a word broken by the line", 0.4


def _last_token_start(text: str) -> int:
    """Where the last whitespace-separated token of ``text`` starts."""
    index = len(text)
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return index


@dataclass(frozen=True)
class _BrokenEnd:
    """The end of a line broken after a word part: ``token`` is the line's last token
    up to the ``mark`` (a hyphen or soft hyphen at ``mark_start``), and ``part`` the
    letters just before the mark."""

    token: str
    part: str
    mark: str
    mark_start: int


def _is_letter(char: str) -> bool:
    """What the regular expression class ``[^\\W\\d_]`` matches: a word character that
    is not a decimal digit nor the underscore."""
    return char.isalnum() and not char.isdecimal() and char != "_"


def _broken_end(text: str) -> _BrokenEnd | None:
    """How right-stripped ``text`` ends in a mark after letters, or None.

    A scan back from the end, not a regular expression: searching for a pattern
    anchored at the end of a line costs time in the square of its last token's length
    (a 10,000-character run of dashes took seconds).

    >>> _broken_end("the previ-")
    _BrokenEnd(token='previ', part='previ', mark='-', mark_start=9)
    >>> _broken_end("COVID-19-") is None
    True
    """
    if not text.endswith(_MARKS):
        return None
    mark_start = len(text) - 1
    start = mark_start
    while start > 0 and _is_letter(text[start - 1]):
        start -= 1
    if start == mark_start:
        return None
    token_start = _last_token_start(text[:start])
    return _BrokenEnd(
        text[token_start:mark_start], text[start:mark_start], text[mark_start], mark_start
    )


def _next_text_line(lines: list[Line], index: int, page_starts: frozenset[int]) -> int | None:
    """The next line with words of the same stream (body, footnote or caption),
    skipping blank lines and lines of other kinds, on this page or the next (a word
    is not broken over two pages). Across a blank line only a lowercase continuation
    counts: anything else may be a new paragraph. A line of code is no word's rest."""
    kind = lines[index].kind
    crossed_pages = 0
    for j in range(index + 1, len(lines)):
        crossed_pages += lines[j].number in page_starts
        if crossed_pages > 1:
            return None
        if lines[j].kind == kind and lines[j].carries_text:
            if is_code_line(lines[j].text):
                return None
            crossed_blank = any(lines[k].is_blank for k in range(index + 1, j))
            if crossed_blank and not lines[j].text.lstrip()[:1].islower():
                return None
            return j
    return None


def join_hyphenated(doc: Document, rules: Rules) -> Document:
    """Join words broken at line ends, keeping hyphens that belong to the word (see module doc)."""
    lines = list(doc.lines)
    spellings = _document_spellings(doc.lines)
    page_starts = frozenset(doc.page_starts)
    edits: list[Edit] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        end = _broken_end(line.text.rstrip()) if line.carries_text else None
        target = _next_text_line(lines, index, page_starts) if end else None
        if end is None or target is None:
            index += 1
            continue
        nxt = lines[target]
        first = _FIRST_TOKEN.match(nxt.text)
        leading = _LEADING_WORD.match(first.group("token")) if first else None
        if first is None or leading is None:
            index += 1  # the next line starts with punctuation: not a broken word
            continue
        token, part = first.group("token"), end.part
        if end.mark == "\u00ad":
            keep, reason, confidence = False, "a soft hyphen marks a break inside a word", 1.0
        else:
            keep, reason, confidence = _decide(part, leading.group(0), rules, spellings)
        head = line.text[: end.mark_start] + ("-" if keep else "")
        rest = nxt.text[first.end() :]
        lines[index] = line.with_text(head + token)
        lines[target] = nxt.with_text(rest) if rest.strip() else Line(nxt.number, rest, "joined")
        edits.append(
            Edit(
                STAGE,
                "keep-hyphen" if keep else "join",
                ((line.number, line.number), (nxt.number, nxt.number)),
                f"{end.token}{end.mark}\n{token}",
                end.token + ("-" if keep else "") + token,
                reason,
                confidence,
            )
        )
        # Stay on this line: the moved token may itself end in a hyphen (tran- / sition- / al).
    return doc.with_lines(tuple(lines), edits)
