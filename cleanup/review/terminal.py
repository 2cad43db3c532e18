"""The terminal review: ``cleanup diff`` and ``cleanup explain``.

``render_diff`` walks the raw text page by page. Each raw line is shown once, with its
number and a mark saying what became of it; each decision is a note under the line
it concerns, tagged ``stage/rule``, with the change and the reason; runs of lines no
decision touched are folded. Doubtful decisions are listed first, least sure first.

    raw lines  a mark after the number:  ' ' kept   '~' changed   '-' removed
               '>' moved to a footnote or caption   '#' made a heading
               '^' joined to the line before
    notes      ↳ hyphens/join  previ-↵ously → previously  'previously' is a word

Colour (only when asked for: the CLI asks on a terminal without ``NO_COLOR``)
strikes removed text in red and underlines changed characters; without colour the
same facts are in the marks and notes.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Callable

import click

from ..document import DOUBTFUL_BELOW
from ..snippets import changed_region
from .model import Decision, FileReview, RawLine

GUTTER = 8  # "12345 ~ "
_MARKS = {
    "body": " ",
    "blank": " ",
    "joined": "^",
    "footnote": ">",
    "footnote_label": ">",
    "caption": ">",
    "figure": ">",
    "heading": "#",
}
_SNIPPET = 36  # longest before/after shown in a note, per side
_MAX_ROWS = 3  # a changed line longer than this shows only its rows with changes

Style = Callable[[str], str]


class Palette:
    """ANSI styles, or none: every method returns its text unchanged without colour."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def _style(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self.color and text else text  # type: ignore[arg-type]

    def removed(self, text: str) -> str:
        return self._style(text, fg="red", strikethrough=True)

    def moved(self, text: str) -> str:
        return self._style(text, fg="cyan")

    def heading(self, text: str) -> str:
        return self._style(text, fg="magenta", bold=True)

    def changed(self, text: str) -> str:
        return self._style(text, fg="yellow", underline=True)

    def inserted(self, text: str) -> str:
        return self._style(text, fg="green")

    def dim(self, text: str) -> str:
        return self._style(text, dim=True)

    def doubt(self, text: str) -> str:
        return self._style(text, fg="yellow", bold=True)


def visible(text: str) -> str:
    """Raw text made printable, one character for one (so marks keep their places):
    a form feed as ``␌``, a tab as a space, a line break inside a snippet as ``↵``,
    any other space (no-break, thin, ...) as ``⍽`` and an invisible format character
    (zero-width space, soft hyphen, byte order mark) as ``¤``.

    >>> visible("a\u00a0b\u200bc\f")
    'a⍽b¤c␌'
    """
    return text.translate(_VISIBLE)


def _visible_table() -> dict[int, str]:
    table = {ord("\f"): "␌", ord("\t"): " ", ord("\n"): "↵"}
    for code in range(0x80, 0x3100):
        category = unicodedata.category(chr(code))
        if category == "Zs":
            table[code] = "⍽"
        elif category == "Cf":
            table[code] = "¤"
    table[0xFEFF] = "¤"
    return table


_VISIBLE = _visible_table()


def shorten(text: str, limit: int = _SNIPPET) -> str:
    """``text`` cut in the middle to at most ``limit`` characters.

    >>> shorten("a" * 10 + "b" * 10, 9)
    'aaaa…bbbb'
    """
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return text[:half] + "…" + text[len(text) - (limit - 1 - half) :]


def middle(text: str, limit: int) -> str:
    """The middle of ``text``, at most ``limit`` characters (a changed region has the
    change in its middle).

    >>> middle("abcdefghij", 6)
    '…defg…'
    """
    if len(text) <= limit:
        return text
    keep = max(limit - 2, 1)
    start = (len(text) - keep) // 2
    return "…" + text[start : start + keep] + "…"


def describe_change(decision: Decision, palette: Palette) -> str:
    """What the decision did, in a few words: ``removed``, ``moved``, or the changed
    part of the text, ``before → after``."""
    edit = decision.edit
    if decision.is_removal:
        return palette.removed("removed")
    if decision.is_move:
        return palette.moved("moved")
    if decision.left:
        return "left in place"
    before, after = changed_region(edit.before, edit.after, context=8)
    return (
        palette.removed(visible(shorten(before)))
        + " → "
        + palette.inserted(visible(shorten(after)))
    )


def confidence_label(decision: Decision, palette: Palette) -> str:
    confidence = decision.edit.confidence
    if decision.doubtful:
        return palette.doubt(f"[{confidence:.2f}, doubtful]")
    return f"[{confidence:.2f}]" if confidence < 1 else ""


def note(decision: Decision, palette: Palette, width: int) -> list[str]:
    """The decision as wrapped note lines, for under its raw line."""
    edit = decision.edit
    parts = [
        f"↳ {edit.stage}/{edit.rule}",
        describe_change(decision, palette),
        edit.reason,
        confidence_label(decision, palette),
    ]
    text = "  ".join(part for part in parts if part)
    indent = " " * GUTTER
    return _wrap(text, width, indent, indent + "  ")


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text,
        width=max(width, GUTTER + 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _segments(text: str, width: int) -> list[tuple[int, int]]:
    """Where to break ``text`` into lines of at most ``width`` characters: after a
    space where there is one, else mid-word.

    >>> _segments("aaa bbb ccc", 8)
    [(0, 8), (8, 11)]
    """
    out: list[tuple[int, int]] = []
    position = 0
    while len(text) - position > width:
        space = text.rfind(" ", position, position + width)
        end = space + 1 if space > position else position + width
        out.append((position, end))
        position = end
    out.append((position, len(text)))
    return out


def _styled(text: str, start: int, end: int, ranges: list[tuple[int, int]], style: Style) -> str:
    """Characters ``start`` to ``end`` of ``text`` with ``ranges`` styled."""
    out: list[str] = []
    position = start
    for lo, hi in sorted(ranges):
        lo, hi = max(lo, position), min(hi, end)
        if lo >= hi:
            continue
        out.append(text[position:lo])
        out.append(style(text[lo:hi]))
        position = hi
    out.append(text[position:end])
    return "".join(out)


def raw_line(
    line: RawLine,
    marks: list[tuple[int, int]],
    shows_fate: bool,
    palette: Palette,
    width: int,
    context_only: bool = False,
) -> list[str]:
    """One raw line, wrapped to ``width``, with its number and its mark (see the module
    docstring); ``marks`` are the character ranges decisions changed. A context line
    takes one row; a long changed line shows its first row and the rows with marks."""
    text = visible(line.text)
    if not text.strip() and not shows_fate:
        return [f"{line.number:>5}"]
    if shows_fate and line.changed_kind:
        mark = _MARKS.get(line.kind, "-")
        style: Style = {
            "-": palette.removed,
            ">": palette.moved,
            "#": palette.heading,
            "^": palette.dim,
        }[mark]
        marks = [(0, len(text))]
    else:
        mark, style = ("~" if marks else " "), palette.changed
    rows = _segments(text, max(width - GUTTER, 20))
    keep = set(range(len(rows)))
    if context_only:
        keep = {0}
    elif len(rows) > _MAX_ROWS and not shows_fate:
        keep = {0} | {i for i, (a, b) in enumerate(rows) for lo, hi in marks if lo < b and hi > a}
    out = []
    for index, (start, end) in enumerate(rows):
        if index not in keep:
            if index - 1 in keep:
                out.append(" " * GUTTER + palette.dim("…"))
            continue
        prefix = f"{line.number:>5} {mark} " if index == 0 else " " * GUTTER
        out.append((prefix + _styled(text, start, end, marks, style)).rstrip())
    return out


def _selected(review: FileReview, stage: str | None, doubtful_only: bool) -> list[Decision]:
    return [
        d
        for d in review.decisions
        if (stage is None or d.stage == stage) and (not doubtful_only or d.doubtful)
    ]


def render_diff(
    review: FileReview,
    *,
    stage: str | None = None,
    doubtful_only: bool = False,
    context: int = 1,
    width: int = 80,
    color: bool = False,
) -> str:
    """The review of one file as terminal text (see the module docstring)."""
    palette = Palette(color)
    decisions = _selected(review, stage, doubtful_only)
    out = _header(review, decisions, stage, doubtful_only, width, palette)

    touched: set[int] = set()
    for decision in decisions:
        touched.add(decision.anchor)
        touched.update(n for n, _, _ in decision.marks)
        if not decision.marks:
            touched.update(n for a, b in decision.edit.lines for n in range(a, b + 1))
    fates = {
        n
        for n, s in review.line_stages.items()
        if (stage is None or s == stage) and (not doubtful_only or n in touched)
    }
    touched |= fates
    shown = {
        n + offset
        for n in touched
        for offset in range(-context, context + 1)
        if 1 <= n + offset <= len(review.lines)
    }
    by_anchor: dict[int, list[Decision]] = {}
    for decision in decisions:
        by_anchor.setdefault(decision.anchor, []).append(decision)
    marks: dict[int, list[tuple[int, int]]] = {}
    for decision in decisions:
        for n, start, end in decision.marks:
            marks.setdefault(n, []).append((start, end))

    if not decisions:
        what = " ".join(p for p in (stage, "doubtful" if doubtful_only else "") if p)
        out.append(f"no {what + ' ' if what else ''}decisions in this file")
        return "\n".join(out) + "\n"
    hidden = 0
    page_shown = 0
    for line in review.lines:
        if line.number not in shown:
            hidden += 1
            continue
        if hidden:
            out.append(palette.dim(f"{'⋮':>7} {hidden} line{'s' if hidden > 1 else ''}"))
            hidden = 0
        if review.page_starts and line.page != page_shown:
            page, first, last = review.page_of(line.number)
            title = f"── page {page} · raw lines {first}–{last} "
            out.append(title + "─" * max(3, width - len(title)))
            page_shown = line.page
        out.extend(raw_line(line, marks.get(line.number, []), line.number in fates, palette, width))
        for decision in by_anchor.get(line.number, []):
            out.extend(note(decision, palette, width))
    if hidden:
        out.append(palette.dim(f"{'⋮':>7} {hidden} line{'s' if hidden > 1 else ''}"))
    return "\n".join(out) + "\n"


def _header(
    review: FileReview,
    decisions: list[Decision],
    stage: str | None,
    doubtful_only: bool,
    width: int,
    palette: Palette,
) -> list[str]:
    doubtful = [d for d in review.doubtful() if d in decisions]
    chosen = " ".join(
        part
        for part in (f"stage {stage}" if stage else "", "doubtful only" if doubtful_only else "")
        if part
    )
    out = _wrap(
        f"{review.source}: {len(review.lines):,} raw lines → {len(review.blocks):,} blocks; "
        f"{len(review.decisions):,} decisions, {len(review.doubtful()):,} doubtful"
        + (f" (showing {len(decisions):,}: {chosen})" if chosen else ""),
        width,
        "",
        "  ",
    )
    out.extend(_wrap("words: " + review.account.describe(), width, "", "  "))
    if doubtful:
        out.append("")
        out.append(
            palette.doubt(f"Doubtful decisions, least sure first ({len(doubtful)}):")
            + f" confidence below {DOUBTFUL_BELOW}"
        )
        for decision in doubtful:
            edit = decision.edit
            head = f"  line {decision.anchor:<5} {edit.confidence:.2f}  {edit.stage}/{edit.rule}  "
            if decision.is_removal or decision.is_move or decision.left:
                change = (
                    "removed"
                    if decision.is_removal
                    else "moved"
                    if decision.is_move
                    else "left in place"
                )
            else:
                before, after = changed_region(edit.before, edit.after, 0)
                side = max(8, (width - len(head) - 3) // 2)
                change = f"{visible(middle(before, side))} → {visible(middle(after, side))}"
            out.append(head + change)
    out.append("")
    return out


def render_summary(review: FileReview) -> str:
    """Counts for one file: decisions and doubtful ones per stage, raw lines that left
    the running text per label, and the word account."""
    counts = review.stage_counts()
    width = max([len("stage"), *(len(s) for s in counts)])
    out = [
        f"{review.source}: {len(review.lines):,} raw lines → {len(review.blocks):,} blocks",
        "",
        f"  {'stage':<{width}}  decisions  doubtful",
    ]
    for name, (total, doubtful) in counts.items():
        out.append(f"  {name:<{width}}  {total:>9,}  {doubtful:>8,}")
    all_total = sum(t for t, _ in counts.values())
    all_doubtful = sum(d for _, d in counts.values())
    out.append(f"  {'total':<{width}}  {all_total:>9,}  {all_doubtful:>8,}")
    left = review.removed_counts()
    if left:
        out.append("")
        out.append("  raw lines that left the running text:")
        out.extend(
            _wrap(", ".join(f"{kind} {n:,}" for kind, n in left.items()), 78, "    ", "    ")
        )
    out.append("")
    out.extend(_wrap("  words: " + review.account.describe(), 78, "", "    "))
    return "\n".join(out) + "\n"


def render_explain(review: FileReview, number: int, width: int = 80, color: bool = False) -> str:
    """Everything that happened to raw line ``number``: its label, the decisions that
    touched it, and the block it ended in."""
    line = review.line(number)
    palette = Palette(color)
    page, first, last = review.page_of(number)
    where = f" (page {page}, raw lines {first}–{last})" if review.page_starts else ""
    out = [f"{review.source}, raw line {number}{where}:"]
    out.extend(_wrap(visible(line.text) or "(empty)", width, "  | ", "  | "))
    stage = review.line_stages.get(number)
    out.append(f"label: {line.kind}, {line.fate}" + (f" (by {stage})" if stage else ""))
    touching = review.touching(number)
    if touching:
        out.append(f"decisions touching it ({len(touching)}):")
        for decision in touching:
            edit = decision.edit
            spans = ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in edit.lines)
            confidence = confidence_label(decision, palette) or "[1.00]"
            out.append(f"  {edit.stage}/{edit.rule} {confidence}, raw lines {spans}")
            out.extend(_wrap(describe_change(decision, palette), width, "    ", "      "))
            out.extend(_wrap("why: " + edit.reason, width, "    ", "      "))
    else:
        out.append("decisions touching it: none")
    if line.block is None:
        if line.changed_kind:
            out.append("ended in: no block; its text is in the result's removed entries")
        else:
            out.append("ended in: no block (a blank line)")
    else:
        block = review.blocks[line.block]
        spans = ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in block.lines)
        out.append(
            f"ended in: block {line.block + 1} of {len(review.blocks)}, "
            f"a {block.kind} (raw lines {spans}):"
        )
        out.extend(_wrap(shorten(block.text, 3 * (width - 4)), width, "  | ", "  | "))
    return "\n".join(out) + "\n"
