"""What a reviewer needs from one cleaned file, computed from the edit log.

The pipeline is deterministic, so a review recomputes the result rather than diffing
texts: every raw line keeps its number, its text as read, the label the line phase
gave it and the clean block it ended in; every edit is placed on the raw line where a
reader should see it (its *anchor*), and, where its ``before`` text can be found in
the raw lines, on the characters it changed. Decisions whose confidence is below
``cleanup.document.DOUBTFUL_BELOW`` are *doubtful* and listed first, least sure first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..document import Block, Document, Edit, LineKind, Removed
from ..markup import REFERENCE
from ..pipeline import STAGE_NAMES, run
from ..provenance import WordAccount, account_words
from ..reader import read_document
from ..render import Format, render
from ..rules import Rules
from ..snippets import common_affixes

#: What became of a raw line, by the label the line phase left on it.
FATES: dict[LineKind, str] = {
    "body": "kept",
    "blank": "separates blocks",
    "joined": "joined to the line before",
    "boilerplate": "removed",
    "running_head": "removed",
    "page_number": "removed",
    "footnote_rule": "removed",
    "pull_quote": "removed",
    "caption_mark": "removed",
    "footnote": "moved to a footnote",
    "footnote_label": "numbers the footnote after it",
    "caption": "moved to a caption",
    "figure": "moved to a figure",
    "heading": "made a heading",
}

#: The stage that gives a line its label, where no edit on the line says which.
_KIND_STAGE: dict[LineKind, str] = {
    "boilerplate": "boilerplate",
    "running_head": "pages",
    "page_number": "pages",
    "footnote_rule": "footnotes",
    "pull_quote": "pull_quotes",
    "caption_mark": "captions",
    "footnote": "footnotes",
    "footnote_label": "footnotes",
    "caption": "captions",
    "figure": "captions",
    "heading": "display",
    "joined": "hyphens",
}

#: Characters of a raw line a decision changed: (raw line, start, end).
Mark = tuple[int, int, int]


@dataclass(frozen=True)
class RawLine:
    """One raw line: its text as read, its final label, the block it ended in."""

    number: int
    text: str
    kind: LineKind
    page: int
    block: int | None

    @property
    def fate(self) -> str:
        return FATES[self.kind]

    @property
    def changed_kind(self) -> bool:
        """True when the line left the running text (removed, moved, heading, joined)."""
        return self.kind not in ("body", "blank")


@dataclass(frozen=True)
class Decision:
    """One edit as a reviewer sees it: where it shows, and how sure the stage was."""

    index: int  # position in the edit log, a stable id
    edit: Edit
    anchor: int  # the raw line the decision is shown under
    marks: tuple[Mark, ...]  # the raw characters it changed, where they were found
    # A doubt recorded where the stage chose not to act: the text unchanged and still
    # in the running text.
    left: bool = False

    @property
    def stage(self) -> str:
        return self.edit.stage

    @property
    def doubtful(self) -> bool:
        return self.edit.doubtful

    @property
    def is_removal(self) -> bool:
        return not self.edit.after

    @property
    def is_move(self) -> bool:
        return bool(self.edit.after) and self.edit.after == self.edit.before and not self.left

    def covers(self, number: int) -> bool:
        return any(first <= number <= last for first, last in self.edit.lines)


@dataclass(frozen=True)
class FileReview:
    """A cleaned file as a reviewer walks it: raw lines, clean blocks and decisions."""

    source: str
    lines: tuple[RawLine, ...]
    blocks: tuple[Block, ...]
    decisions: tuple[Decision, ...]
    removed: tuple[Removed, ...]
    account: WordAccount
    page_starts: tuple[int, ...]
    clean_text: str  # the markdown the pipeline produces now
    document: Document  # the pipeline's result, to render in the other formats

    def rendered(self, fmt: Format) -> str:
        """What ``cleanup run --format fmt`` writes for this input now."""
        return self.clean_text if fmt == "md" else render(self.document, fmt)

    def line(self, number: int) -> RawLine:
        if not 1 <= number <= len(self.lines):
            raise IndexError(f"{self.source} has lines 1 to {len(self.lines)}, not {number}")
        return self.lines[number - 1]

    @cached_property
    def _by_anchor(self) -> dict[int, list[Decision]]:
        found: dict[int, list[Decision]] = {}
        for decision in self.decisions:
            found.setdefault(decision.anchor, []).append(decision)
        return found

    def decisions_at(self, number: int) -> list[Decision]:
        """The decisions shown under raw line ``number``."""
        return self._by_anchor.get(number, [])

    def touching(self, number: int) -> list[Decision]:
        """Every decision whose raw lines include ``number``."""
        return [d for d in self.decisions if d.covers(number)]

    @cached_property
    def line_stages(self) -> dict[int, str]:
        """For each line that left the running text, the stage that took it out."""
        stages: dict[int, str] = {}
        for decision in self.decisions:
            if decision.stage in ("encoding", "read") or decision.edit.lines == ():
                continue
            for first, last in decision.edit.lines:
                for number in range(first, last + 1):
                    if number <= len(self.lines) and self.lines[number - 1].changed_kind:
                        stages.setdefault(number, decision.stage)
        for line in self.lines:
            if line.changed_kind and line.number not in stages:
                stages[line.number] = _KIND_STAGE[line.kind]
        return stages

    def doubtful(self) -> list[Decision]:
        """The doubtful decisions, least sure first, then in reading order."""
        return sorted(
            (d for d in self.decisions if d.doubtful),
            key=lambda d: (d.edit.confidence, d.anchor, d.index),
        )

    def stage_counts(self) -> dict[str, tuple[int, int]]:
        """Per stage (in pipeline order): (decisions, doubtful decisions)."""
        total = Counter(d.stage for d in self.decisions)
        doubtful = Counter(d.stage for d in self.decisions if d.doubtful)
        order = [s for s in ("read", *STAGE_NAMES) if total[s]]
        order += sorted(s for s in total if s not in order)  # custom stages last
        return {stage: (total[stage], doubtful[stage]) for stage in order}

    def removed_counts(self) -> dict[str, int]:
        """Raw lines per label, for the lines that left the running text."""
        counts = Counter(line.kind for line in self.lines if line.changed_kind)
        return dict(sorted(counts.items()))

    def page_of(self, number: int) -> tuple[int, int, int]:
        """(page, first raw line, last raw line) of the page holding line ``number``."""
        index = bisect_right(self.page_starts, number)
        first = self.page_starts[index - 1] if index else 1
        last = self.page_starts[index] - 1 if index < len(self.page_starts) else len(self.lines)
        return index + 1, first, last


def review_text(text: str, rules: Rules, source: str = "<string>") -> FileReview:
    """Clean ``text`` and build its review. Unlike :func:`cleanup.process` it never
    raises on lost words: the review's word account shows them."""
    raw = read_document(text, source)
    doc = run(text, rules, source)
    return build_review(tuple(line.text for line in raw.lines), doc, text)


def build_review(raw_lines: tuple[str, ...], doc: Document, text: str) -> FileReview:
    """The review of ``doc``, the pipeline's result for ``text`` (split in ``raw_lines``)."""
    blocks = doc.require_blocks()
    block_of: dict[int, int] = {}
    for index, block in enumerate(blocks):
        for first, last in block.lines:
            for number in range(first, last + 1):
                block_of.setdefault(number, index)
    kinds: dict[int, LineKind] = {
        line.number: "blank" if line.is_blank else line.kind for line in doc.lines
    }
    lines = tuple(
        RawLine(
            number,
            raw_text,
            kinds.get(number, "body"),
            bisect_right(doc.page_starts, number) + 1,
            block_of.get(number),
        )
        for number, raw_text in enumerate(raw_lines, start=1)
    )
    decisions = tuple(
        _place(index, edit, raw_lines, left=edit.after == edit.before and _in_body(edit, kinds))
        for index, edit in enumerate(doc.edits)
    )
    return FileReview(
        source=doc.source,
        lines=lines,
        blocks=blocks,
        decisions=decisions,
        removed=doc.removed,
        account=account_words(text, doc),
        page_starts=doc.page_starts,
        clean_text=render(doc, "md"),
        document=doc,
    )


def _in_body(edit: Edit, kinds: dict[int, LineKind]) -> bool:
    """Whether the lines of an edit stayed in the running text."""
    return all(kinds.get(first, "body") == "body" for first, _last in edit.lines)


def _place(index: int, edit: Edit, raw_lines: tuple[str, ...], left: bool = False) -> Decision:
    """Anchor ``edit`` on the raw line where its ``before`` text ends (found with any
    whitespace, line breaks included, between its words); failing that, on the last
    line of its last span for a line-phase edit, the first line of a block's span."""
    spans = [(max(1, a), min(b, len(raw_lines))) for a, b in edit.lines if a <= len(raw_lines)]
    if not spans:
        return Decision(index, edit, 1, (), left)
    marks = _find(edit.before, edit.after, spans, raw_lines)
    if marks:
        return Decision(index, edit, marks[-1][0], marks, left)
    whole = len(edit.lines) == 1 and edit.lines[0][0] != edit.lines[0][1]
    anchor = spans[0][0] if whole and edit.after else spans[-1][1]
    return Decision(index, edit, anchor, (), left)


_MAX_FIND = 400  # longer ``before`` texts are whole lines moved or removed: no marks


def _find(
    before: str, after: str, spans: list[tuple[int, int]], raw_lines: tuple[str, ...]
) -> tuple[Mark, ...]:
    """Where ``before`` stands in the raw lines of ``spans``, as per-line marks; where
    it stands there verbatim, narrowed to the part ``after`` changed (the ``-`` of a
    joined ``previ-``, the ``1`` of ``US.1``)."""
    tokens = before.split()
    if not tokens or len(before) > _MAX_FIND:
        return ()
    numbers = [n for first, last in spans for n in range(first, last + 1)]
    haystack = "\n".join(raw_lines[n - 1] for n in numbers)
    lo = haystack.find(before)  # most edits quote the raw text as it is: no regex
    if lo >= 0:
        hi = lo + len(before)
    else:
        found = re.search(r"\s+".join(re.escape(token) for token in tokens), haystack)
        if found is None:  # written differently by an earlier stage: look again, loosely
            loose = re.search(_loose_pattern(before), haystack)
            return _marks(numbers, raw_lines, *loose.span()) if loose else ()
        lo, hi = found.span()
    if after and after != before:
        # Narrow to what changed (the raw text may space it differently from
        # ``before``); a line whose only marked characters are spaces is left out.
        matched = haystack[lo:hi]
        prefix, suffix = common_affixes(matched, after)
        narrowed = _marks(numbers, raw_lines, lo + prefix, hi - suffix)
        narrowed = tuple(m for m in narrowed if raw_lines[m[0] - 1][m[1] : m[2]].strip())
        if narrowed:  # else only a line break changed: mark the whole text
            return narrowed
    return _marks(numbers, raw_lines, lo, hi)


def written_part(before: str, after: str) -> tuple[int, int]:
    """The characters of ``after`` an edit wrote, widened to whole words; all of it
    when the edit only deleted (a hyphen join) or wrote only spaces (a split).

    >>> after = "the US.[^2] and"
    >>> start, end = written_part("the US.2 and", after)
    >>> after[start:end]
    '[^2]'
    """
    prefix, suffix = common_affixes(before, after)
    start, end = prefix, len(after) - suffix
    if not after[start:end].strip():
        return 0, len(after)
    while start > 0 and after[start - 1].isalnum() and after[start].isalnum():
        start -= 1
    while end < len(after) and after[end].isalnum() and after[end - 1].isalnum():
        end += 1
    return start, end


def _loose_pattern(text: str) -> str:
    """A pattern for ``text`` as the raw lines may have it before earlier stages ran:
    a reference ``[^3]`` as ``3``, a word broken by a line-end hyphen, any spacing.

    >>> bool(re.search(_loose_pattern("unemployed.[^10] Since"), "unem-\\nployed.10  Since"))
    True
    """
    text = REFERENCE.sub(r"\1", text)
    parts: list[str] = []
    for char, following in zip(text, text[1:] + " ", strict=True):
        if char.isspace():
            if not parts or parts[-1] != r"\s*":
                parts.append(r"\s*")
            continue
        parts.append(re.escape(char))
        if char.isalpha() and following.isalpha():
            parts.append(r"(?:-\s+)?")
    return "".join(parts)


def _marks(numbers: list[int], raw_lines: tuple[str, ...], lo: int, hi: int) -> tuple[Mark, ...]:
    """Per-line marks for characters ``lo`` to ``hi`` of ``numbers``' lines joined by
    line breaks."""
    marks: list[Mark] = []
    start = 0
    for n in numbers:
        end = start + len(raw_lines[n - 1])
        if max(lo, start) < min(hi, end):
            marks.append((n, max(lo, start) - start, min(hi, end) - start))
        start = end + 1
    return tuple(marks)
