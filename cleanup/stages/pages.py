"""Stage ``pages``: find page boundaries; remove running heads and page numbers.

A PDF extraction is a sequence of pages, each with furniture (a running head, a page
number) that is not the author's text. This stage recovers the pages and removes the
furniture, deciding from evidence in the document:

- **Form feeds** (``\\f``, what ``pdftotext`` writes between pages) are page breaks.
- **Page numbers**: a line that is only a page number (``71``, ``xii``, ``Page 3 of
  10``, ``— 7 —``), or a running head with the number at one end (``12    THE
  REVIEW``), standing apart from the text (blank lines around it, or at a page edge).
  Such lines are page numbers only when they form a rising sequence through the
  document (the longest increasing run of candidates, at least two of them), so a
  lone ``1990`` between two paragraphs stays.
- **Running heads**: a short line standing apart that recurs (the same text, digits
  ignored, on at least ``min_repeats`` pages), that sits next to an accepted page
  number (only blank lines between: a verso head such as an article's short title,
  which may occur once), or that matches a ``running_heads`` pattern of the rules.
  With form feeds, only lines at a page's top or bottom edge are candidates.
- **Page starts** without form feeds: the first text line after a furniture group,
  and, when the extractor marks them so, lines that begin with a single space (some
  extractors put one before the first body line of each page; a document where that
  is rare and systematic, at most ``leading_space_share`` of its lines).

Removed lines go to ``removed`` (kinds ``running_head`` and ``page_number``) with an
edit each. The page starts are kept on the document (``page_starts``) for the later
stages: footnotes sit at page bottoms, paragraphs continue across page breaks.

Example: ``"...end of page\\n\\nTHE REVIEW\\n\\n71\\n\\nnext page..."`` (with the same
head on other pages) -> the head and the number are removed and ``next page`` starts
a page.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from ..document import Document, Edit, Line, LineKind, Removed
from ..layout import body_width, is_hard_wrapped, length
from ..rules import Rules
from ..textutil import ends_sentence

STAGE = "pages"

_FORM_FEED = "\f"
_ROMAN = re.compile(
    r"^(?=[mdclxvi])m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$", re.I | re.A
)
_NUMBER_FORMS = (
    re.compile(r"^(?P<n>\d{1,4})$"),
    re.compile(r"^(?P<r>[ivxlcdm]{1,7})$", re.I | re.A),
    re.compile(r"^page\s+(?P<n>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?$", re.I | re.A),
    re.compile(r"^[-–—]\s*(?P<n>\d{1,4})\s*[-–—]$"),
    re.compile(r"^[-–—]\s*(?P<r>[ivxlcdm]{1,7})\s*[-–—]$", re.I | re.A),
    re.compile(r"^\[\s*(?P<n>\d{1,4})\s*\]$"),
)
# A running head with the page number at one end, set apart by a run of spaces (three
# or more: a footnote is a number and two spaces) or a bar or bullet.
_COMBINED = (
    re.compile(r"^(?P<n>\d{1,4})(?:\s*[|•·]\s*|\s{3,})(?P<head>\S.*)$"),
    re.compile(r"^(?P<head>.*\S)(?:\s*[|•·]\s*|\s{3,})(?P<n>\d{1,4})$"),
)
_ROMAN_FORMS = tuple(pattern for pattern in _NUMBER_FORMS if "?P<r>" in pattern.pattern)
_MARKUP = re.compile(r"^(?:#{1,6}\s|>|\[\^\d+\]:|[-*•]\s)")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_SINGLE_LEADING_SPACE = re.compile(r"^ \S")


@dataclass(frozen=True)
class _Number:
    index: int
    value: int
    roman: bool
    head: str  # the head text of a combined line, "" for a bare number


def _roman_value(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    lowered = text.lower()
    for i, char in enumerate(lowered):
        value = values[char]
        following = values[lowered[i + 1]] if i + 1 < len(lowered) else 0
        total += -value if value < following else value
    return total


def _as_page_number(text: str) -> tuple[int, bool, str] | None:
    """(value, is_roman, head text) if ``text`` has the shape of a page number line."""
    stripped = text.strip()
    if not _DIGITS.search(stripped):  # a cheap test first: only roman forms lack digits
        return _as_roman_page_number(stripped)
    for pattern in _NUMBER_FORMS:
        if match := pattern.match(stripped):
            if (roman := match.groupdict().get("r")) is not None:
                if not _ROMAN.match(roman):
                    return None
                return _roman_value(roman), True, ""
            return int(match.group("n")), False, ""
    for pattern in _COMBINED:
        match = pattern.match(stripped)
        head = match.group("head").strip() if match else ""
        # A head has letters and does not end like a sentence ("Ibid., 229." does).
        if match and any(c.isalpha() for c in head) and head[-1] not in ".!?;,":
            return int(match.group("n")), False, head
    return None


def _as_roman_page_number(stripped: str) -> tuple[int, bool, str] | None:
    for pattern in _ROMAN_FORMS:
        if (match := pattern.match(stripped)) and _ROMAN.match(match.group("r")):
            return _roman_value(match.group("r")), True, ""
    return None


def head_key(text: str) -> str:
    """What two running heads share: the text without digits, spacing and case."""
    return _SPACES.sub(" ", _DIGITS.sub("#", text)).strip().casefold()


def _longest_rising(numbers: list[_Number]) -> list[_Number]:
    """The longest subsequence (in document order) whose values strictly increase."""
    tails: list[int] = []  # tails[k]: smallest last value of a rising run of length k+1
    tail_at: list[int] = []  # position in ``numbers`` of that last value
    parent: list[int] = [-1] * len(numbers)
    for position, number in enumerate(numbers):
        k = bisect_left(tails, number.value)
        if k == len(tails):
            tails.append(number.value)
            tail_at.append(position)
        else:
            tails[k] = number.value
            tail_at[k] = position
        parent[position] = tail_at[k - 1] if k > 0 else -1
    run: list[_Number] = []
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        run.append(numbers[position])
        position = parent[position]
    return run[::-1]


class _Layout:
    """Where lines stand: blank neighbours, page edges from form feeds."""

    def __init__(self, lines: list[Line], feeds: set[int]) -> None:
        self.lines = lines
        self.feeds = feeds  # indexes of lines that begin a page after a form feed
        self.edge: set[int] = set()
        #: where an edge line stands on its page: 0, 1, 2 from the top, -1, -2, -3
        #: from the bottom
        self.position: dict[int, int] = {}
        if feeds:
            starts = [0, *sorted(feeds), len(lines)]
            for first, end in pairwise(starts):
                texts = [i for i in range(first, end) if lines[i].is_text]
                self.edge.update(texts[:3] + texts[-3:])
                for offset, index in enumerate(texts[-3:][::-1]):
                    self.position[index] = -1 - offset
                for offset, index in enumerate(texts[:3]):
                    self.position[index] = offset
        self._group_sizes: list[int] | None = None

    def group_size(self, index: int) -> int:
        """How many lines the run of consecutive non-blank lines holding ``index`` (a
        non-blank line) has; runs end at blank lines, page breaks and the file's ends."""
        if self._group_sizes is None:  # all at once: asking line by line is quadratic
            self._group_sizes = [0] * len(self.lines)
            first = 0  # where the current run starts
            for end in range(len(self.lines) + 1):
                blank = end < len(self.lines) and self.lines[end].is_blank
                if end == len(self.lines) or blank or end in self.feeds:
                    self._group_sizes[first:end] = [end - first] * (end - first)
                    first = end + 1 if blank else end
        return self._group_sizes[index]


def _strip_form_feeds(lines: list[Line], edits: list[Edit]) -> set[int]:
    """Take form feeds out of the lines; return the indexes of lines that start a page."""
    starts: set[int] = set()
    for index, line in enumerate(lines):
        if _FORM_FEED not in line.text:
            continue
        text = line.text.replace(_FORM_FEED, "")
        lines[index] = Line(line.number, text, line.kind)
        edits.append(
            Edit(
                STAGE,
                "form-feed",
                ((line.number, line.number),),
                line.text,
                text,
                "a form feed marks a page break",
            )
        )
        # The page starts at this line if text follows the form feed, else at the next.
        after = line.text.rsplit(_FORM_FEED, 1)[1]
        start = index if after.strip() else index + 1
        if 0 < start < len(lines):
            starts.add(start)
    return starts


def find_pages(doc: Document, rules: Rules) -> Document:
    """Recover page breaks and remove page furniture (see module doc)."""
    settings = rules.pages
    lines = list(doc.lines)
    edits: list[Edit] = []
    feeds = _strip_form_feeds(lines, edits)
    if not feeds and not is_hard_wrapped(lines):
        # One paragraph a line (a web article, our own output): no printed pages.
        return doc.with_lines(tuple(lines), edits)
    layout = _Layout(lines, feeds)

    def candidate(index: int) -> bool:
        """A line that may be furniture: short, not markup, not ending like a sentence
        or a footnote (``Ibid., 229.``), and at a page edge or standing apart (a group
        of at most two lines between blank lines)."""
        line = lines[index]
        text = line.text.strip()
        if not line.is_text or len(text) > settings.max_chars or _MARKUP.match(text):
            return False
        if text[-1] in ".;,":
            return False
        return index in layout.edge if feeds else layout.group_size(index) <= 2

    numbers: list[_Number] = []
    for index, line in enumerate(lines):
        if not line.is_text or len(line.text.strip()) > settings.max_chars:
            continue
        parsed = _as_page_number(line.text)
        # A bare number must stand apart; a number printed with a head text is told
        # by that text recurring, wherever it stands.
        if parsed and (parsed[2] or candidate(index)):
            numbers.append(_Number(index, *parsed))
    # A number with text at one end is a page number only if that text recurs (a
    # footnote "5  Michelle Alexander, ..." has the same shape once).
    combined = Counter(head_key(n.head) for n in numbers if n.head)
    numbers = [n for n in numbers if not n.head or combined[head_key(n.head)] >= 2]
    accepted: dict[int, _Number] = {}
    arabic = _longest_rising([n for n in numbers if not n.roman])
    if len(arabic) >= 2 or (feeds and arabic):
        accepted.update((n.index, n) for n in arabic)
    # Roman page numbers belong to front matter, before the arabic ones; after them a
    # lone "I" or "II" is a section number.
    first_arabic = min(accepted, default=len(lines))
    roman = _longest_rising([n for n in numbers if n.roman and n.index < first_arabic])
    if len(roman) >= 2:
        accepted.update((n.index, n) for n in roman)

    heads = _running_heads(lines, rules, candidate, accepted, layout)
    removed: list[Removed] = []
    out = list(lines)
    for index in sorted(set(accepted) | set(heads)):
        line = lines[index]
        kind: LineKind
        if index in accepted:
            kind = "page_number"
            reason = "page number in the document's rising page sequence" + (
                " (with its running head)" if accepted[index].head else ""
            )
        else:
            kind, reason = "running_head", heads[index]
        out[index] = Line(line.number, line.text, kind)
        span = ((line.number, line.number),)
        removed.append(Removed(kind, line.text.strip(), span))
        edits.append(Edit(STAGE, kind.replace("_", "-"), span, line.text.strip(), "", reason))

    starts = set(feeds)
    if not feeds:  # form feeds are the extractor's own page breaks: nothing to guess
        starts.update(_starts_after_furniture(out))
        starts.update(_leading_space_starts(out, settings.leading_space_share, body_width(out)))
    page_starts = tuple(sorted(out[i].number for i in starts if 0 < i < len(out)))
    return doc.with_lines(tuple(out), edits, removed).with_page_starts(page_starts)


def _running_heads(
    lines: list[Line],
    rules: Rules,
    candidate: Callable[[int], bool],
    numbers: dict[int, _Number],
    layout: _Layout,
) -> dict[int, str]:
    """Indexes of running-head lines, each with the reason it is one.

    Heads recurring (or matching a rule pattern) are certain. They also show on which
    side of the page number this document prints its heads; a line standing alone on
    that side of an accepted page number is a head even if it occurs once (a verso
    head with the article's title). Without recurring heads that rule is not used: a
    chapter heading after a page-foot number is not a running head."""
    settings = rules.pages
    marks = rules.reflow.sentence_end
    patterns = rules.running_head_patterns
    candidates = [i for i in range(len(lines)) if i not in numbers and candidate(i)]
    keys = {i: head_key(lines[i].text) for i in candidates}
    counts = Counter(key for key in keys.values() if any(c.isalpha() for c in key))
    combined = Counter(head_key(n.head) for n in numbers.values() if n.head)
    usual = _usual_positions(candidates, keys, layout)
    # The document's first line is its title more often than a head (first pages
    # seldom carry one): it stays unless a page number stands next to it.
    first_text = next((i for i, line in enumerate(lines) if line.is_text), -1)
    heads: dict[int, str] = {}
    for index in candidates:
        text, key = lines[index].text.strip(), keys[index]
        if any(p.fullmatch(text) for p in patterns):
            heads[index] = "matches a running-head pattern of the rules"
        elif index == first_text and not _number_side(lines, index, numbers):
            continue
        elif key in usual and layout.position.get(index) not in usual[key]:
            continue  # not where this head stands on other pages: a title, a heading
        elif counts[key] + combined[key] >= settings.min_repeats:
            heads[index] = f"short line standing apart, repeated on {counts[key]} pages"
        elif combined[key]:
            heads[index] = "the running head printed with the page numbers elsewhere"
    if (
        first_text in candidates
        and first_text not in heads
        and first_text + 1 in heads
        and counts[keys[first_text]] + combined[keys[first_text]] >= settings.min_repeats
    ):
        heads[first_text] = "the first line of a running head set over two lines"
    sides = Counter(side for i in heads if (side := _number_side(lines, i, numbers)))
    if not sides:
        return heads
    side, _count = sides.most_common(1)[0]
    where = "before" if side == 1 else "after"
    for index in candidates:
        text = lines[index].text.strip()
        if (
            index not in heads
            and not ends_sentence(text, marks)
            and layout.group_size(index) == 1
            and _number_side(lines, index, numbers) == side
        ):
            heads[index] = (
                f"short line alone {where} a page number, where this document's "
                "recurring running heads stand"
            )
    return heads


def _usual_positions(
    candidates: list[int], keys: dict[int, str], layout: _Layout
) -> dict[str, set[int]]:
    """With form feeds: for each recurring text, the place(s) on the page where it
    stands most often. A book's title on its first page shares the text of the
    running head, but not its place."""
    places: dict[str, Counter[int]] = {}
    for index in candidates:
        if index in layout.position:
            places.setdefault(keys[index], Counter())[layout.position[index]] += 1
    usual: dict[str, set[int]] = {}
    for key, counter in places.items():
        if sum(counter.values()) >= 2:
            top = max(counter.values())
            usual[key] = {place for place, count in counter.items() if count == top}
    return usual


def _number_side(lines: list[Line], index: int, numbers: dict[int, _Number]) -> int:
    """1 if an accepted page number follows line ``index`` with only blank lines
    between, -1 if one precedes it so, else 0."""
    for step in (1, -1):
        j = index + step
        while 0 <= j < len(lines) and lines[j].is_blank and abs(j - index) <= 3:
            j += step
        if j in numbers:
            return step
    return 0


def _starts_after_furniture(lines: list[Line]) -> list[int]:
    """The first text line after each group of removed page furniture (not counting
    furniture above the document's first text)."""
    starts: list[int] = []
    in_furniture = seen_text = False
    for index, line in enumerate(lines):
        if line.kind in ("running_head", "page_number"):
            in_furniture = seen_text
        elif line.is_text:
            if in_furniture:
                starts.append(index)
            in_furniture, seen_text = False, True
    return starts


def _leading_space_starts(lines: list[Line], share: float, width: int) -> list[int]:
    """Lines that begin with one space, when the extractor marks page starts that way:
    at least three such lines, at most half the text lines, and few lines indented
    further (at most ``share`` of the text lines: in layout-mode output indentation is
    everywhere). Only lines of the body's width count: a wider line is a footnote or
    a caption."""
    text = [i for i, line in enumerate(lines) if line.is_text]
    marked = [
        i
        for i in text
        if _SINGLE_LEADING_SPACE.match(lines[i].text) and length(lines[i]) <= 1.1 * width
    ]
    indented = sum(1 for i in text if lines[i].text.startswith("  "))
    if len(marked) < 3 or len(marked) > len(text) / 2 or indented > share * len(text):
        return []
    return marked
