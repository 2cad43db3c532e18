"""The document model every stage reads and returns.

A document goes through two phases. In the *line phase* it is the raw lines, each
with its raw line number and a label saying what the line is. The reflow stage turns
it into the *block phase*: a list of blocks (heading, paragraph, quote, ...), each
keeping the raw line spans it came from. All objects are frozen: a stage returns a
new Document and never mutates the one it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .evidence.page_model import PageModel

#: A run of raw lines, 1-based and inclusive: (first, last).
Span = tuple[int, int]

#: What a raw line is. "body" lines carry the author's text; "blank" lines separate;
#: "joined" lines were emptied because their words moved to the line before (hyphen
#: joins); "boilerplate", "running_head", "page_number", "footnote_rule" and
#: "pull_quote" lines were removed; "caption_mark" lines are the ``<!-- caption -->``
#: (or ``<!-- figure -->``) mark of this pipeline's own markdown output, read back and
#: removed (the lines after one are a caption, or a figure); "footnote", "caption"
#: and "figure" lines (a figure drawn in text: a plot's tick labels, a diagram's
#: point labels) carry text that leaves the running text for blocks of their own; a
#: "footnote_label" line held only the number of the footnote opened on the line
#: after it (the number goes to that footnote);
#: "heading" lines hold a markdown heading (``# Title``) found in display type.
LineKind = Literal[
    "body",
    "blank",
    "joined",
    "boilerplate",
    "running_head",
    "page_number",
    "footnote_rule",
    "pull_quote",
    "caption_mark",
    "footnote",
    "footnote_label",
    "caption",
    "figure",
    "heading",
]

#: Kinds of lines whose text goes to the output, each as a stream of its own.
TEXT_KINDS = ("body", "footnote", "caption", "figure")

BlockKind = Literal[
    "heading", "paragraph", "quote", "list_item", "break", "footnote", "caption", "figure", "code"
]


#: Edits with a confidence below this are *doubtful*: a reviewer should check them
#: (review lists them first, and alone with ``--doubtful``). Strong evidence scores
#: 0.8 to 1.0 (a hyphen joined because the joined form is a common word); doubtful
#: edits rest on one weak sign (a footnote number inferred, a heading recognised by
#: its length, a caption at a page end).
DOUBTFUL_BELOW = 0.75


@dataclass(frozen=True, slots=True)
class Edit:
    """One change a stage made, with enough context to review it.

    ``confidence`` is 1.0 for decisions backed by strong evidence and lower where the
    evidence was thin (below :data:`DOUBTFUL_BELOW`: doubtful); review tools list the
    low ones first.
    """

    stage: str
    rule: str
    lines: tuple[Span, ...]
    before: str
    after: str
    reason: str
    confidence: float = 1.0

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBTFUL_BELOW


@dataclass(frozen=True, slots=True)
class Removed:
    """Text taken out of the document (boilerplate, furniture), with where it was."""

    kind: str
    text: str
    lines: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Line:
    """A raw line: its 1-based number in the input, its (possibly fixed) text, its label.

    Structure a stage found travels in fields, never as markup in the text: a
    ``heading`` line's ``level`` (1 for a title, 2 for a section), and on a
    ``footnote`` line that opens a note, the note's number (``note``)."""

    number: int
    text: str
    kind: LineKind = "body"
    level: int | None = None
    note: int | None = None

    # These are asked hundreds of thousands of times per document: "" or ``isspace``
    # says what ``not text.strip()`` says, without copying the text.

    def with_text(self, text: str) -> Line:
        """The same line (label and fields) with another text."""
        return replace(self, text=text)

    @property
    def is_blank(self) -> bool:
        return self.kind == "blank" or (
            self.kind == "body" and (not self.text or self.text.isspace())
        )

    @property
    def is_text(self) -> bool:
        """True for a body line that carries words (not blank, not removed)."""
        return self.kind == "body" and self.text != "" and not self.text.isspace()

    @property
    def carries_text(self) -> bool:
        """True for a line with words of the author's that stays in the output: body,
        footnote or caption text (each kind is its own stream of lines)."""
        return self.kind in TEXT_KINDS and self.text != "" and not self.text.isspace()


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of the clean text. ``text`` uses markdown inline syntax for emphasis
    (``*x*``, ``**x**``) and footnote references (``[^N]``)."""

    kind: BlockKind
    text: str
    lines: tuple[Span, ...]
    level: int | None = None
    number: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A document at some point of the pipeline.

    ``blocks`` is None during the line phase and a tuple afterwards. ``edits`` and
    ``removed`` only ever grow: they are the account of everything the pipeline did.
    ``layout`` is the page model (:mod:`cleanup.evidence.page_model`), computed once
    by the pipeline before the first stage that needs it.
    """

    source: str
    lines: tuple[Line, ...]
    blocks: tuple[Block, ...] | None = None
    removed: tuple[Removed, ...] = ()
    edits: tuple[Edit, ...] = ()
    layout: PageModel | None = None

    @property
    def in_block_phase(self) -> bool:
        return self.blocks is not None

    def with_lines(
        self, lines: tuple[Line, ...], edits: list[Edit], removed: list[Removed] | None = None
    ) -> Document:
        """A copy with new lines and the edits (and removals) that produced them."""
        return self._extended(edits, removed, lines=lines)

    def with_blocks(
        self, blocks: tuple[Block, ...], edits: list[Edit], removed: list[Removed] | None = None
    ) -> Document:
        """A copy with new blocks and the edits (and removals) that produced them."""
        return self._extended(edits, removed, blocks=blocks)

    def _extended(
        self, edits: list[Edit], removed: list[Removed] | None, **changes: object
    ) -> Document:
        return replace(
            self,
            edits=self.edits + tuple(edits),
            removed=self.removed + tuple(removed or ()),
            **changes,  # type: ignore[arg-type]
        )

    def with_layout(self, layout: PageModel) -> Document:
        """A copy that knows its page model."""
        return replace(self, layout=layout)

    @property
    def page_starts(self) -> tuple[int, ...]:
        """The raw numbers of the lines that begin a page, after the first page."""
        return self.layout.page_starts if self.layout is not None else ()

    def require_layout(self) -> PageModel:
        if self.layout is None:
            raise ValueError(
                "this stage reads the page model: run it in a Pipeline, which computes "
                "the model (cleanup.evidence.page_model.profile) before the first stage "
                "that needs it"
            )
        return self.layout

    def require_blocks(self) -> tuple[Block, ...]:
        if self.blocks is None:
            raise ValueError("this stage runs on blocks: run the reflow stage first")
        return self.blocks


def span_of(numbers: list[int] | tuple[int, ...]) -> tuple[Span, ...]:
    """Collapse line numbers into sorted inclusive spans: [3, 4, 5, 9] -> ((3, 5), (9, 9))."""
    spans: list[Span] = []
    for n in sorted(set(numbers)):
        if spans and n == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    return tuple(spans)


def merge_spans(*groups: tuple[Span, ...]) -> tuple[Span, ...]:
    """Union of several span tuples, collapsed."""
    numbers: list[int] = []
    for group in groups:
        for first, last in group:
            numbers.extend(range(first, last + 1))
    return span_of(numbers)
