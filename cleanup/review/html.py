"""The HTML review report: ``cleanup review raw/ -o review/``.

A static report, no server and nothing from the network (it works from ``file://``):
``index.html`` with one row per file, one page per file with the raw text and the
clean text side by side, and one stylesheet and one script in ``assets/`` that every
page shares (so a page's size is its text, its marks and its decisions: linear in the
input). Each page opens with the triage table: the doubtful decisions, least sure
first, sortable by confidence, line, stage or rule and filterable by stage, rule and
confidence, each a link to its line. Raw lines that left the running text are struck
(removed) or set in italics (moved), with a mark in the gutter; the characters a
decision changed are tinted in its stage's colour; a doubt that left its text in
place is outlined, not tinted, so nothing kept reads as removed. A form feed is
shown as a page break. Hovering shows a decision's reason, clicking the whole
decision; a filter per stage hides the other stages' highlights. Scrolling one pane
scrolls the other to the same paragraph. Each page's header states, computed from
the edit log, whether every raw word is accounted for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from importlib.resources import files
from pathlib import Path

from ..document import DOUBTFUL_BELOW, Block, LineKind
from ..output import write_atomic
from ..snippets import changed_region
from .model import FATES, Decision, FileReview, RawLine, written_part
from .terminal import middle, visible

#: Highlight colours per stage (backgrounds light enough to read black text on).
STAGE_COLOURS = {
    "read": "#e4e4e4",
    "encoding": "#dcdcff",
    # No red: a tint says which stage decided, never that text was removed (struck
    # text and the gutter's mark say that).
    "boilerplate": "#e9dba6",
    "pages": "#ffd59e",
    "captions": "#c4ecff",
    "footnotes": "#ffe9a8",
    "pull_quotes": "#ffc7e6",
    "display": "#e3ccff",
    "hyphens": "#c8f0c8",
    "reflow": "#d8d8d8",
    "headings": "#f0d4ff",
    "case_glitches": "#ffd9b3",
    "glued_words": "#b8eedd",
    "whitespace": "#e8d5c0",
}
_OTHER_COLOUR = "#f5e6a3"  # stages from outside the package

_BLOCK_PREFIX = {"quote": "> ", "caption": "caption: ", "figure": "figure: ", "break": ""}


#: The folder of the report that holds the stylesheet and the script every page shares.
ASSETS = "assets"


@dataclass(frozen=True)
class ReportFile:
    """One file's review and where its page goes (relative to the report folder)."""

    review: FileReview
    page: str  # e.g. "files/000_x.txt.html"
    stale: str | None = None  # a note when the committed clean file is stale


def _asset(name: str) -> str:
    return (files("cleanup.review") / name).read_text(encoding="utf-8")


def _stage_css(stages: list[str]) -> str:
    rules = [f".s-{stage}{{--c:{STAGE_COLOURS.get(stage, _OTHER_COLOUR)}}}" for stage in stages]
    return "\n".join(rules)


def _all_stages(reports: list[ReportFile]) -> list[str]:
    seen: list[str] = []
    for report in reports:
        for stage in report.review.stage_counts():
            if stage not in seen:
                seen.append(stage)
    for stage in STAGE_COLOURS:
        if stage not in seen:
            seen.append(stage)
    return seen


def _marked(text: str, marks: list[tuple[int, int, Decision]]) -> str:
    """``text`` escaped, with each mark wrapped in a highlight (overlaps dropped)."""
    out: list[str] = []
    position = 0
    for start, end, decision in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < position or start >= end:
            continue
        out.append(_shown(text[position:start]))
        left = " left" if decision.left else ""
        out.append(
            f'<mark class="hl s-{decision.stage}{left}" data-stage="{decision.stage}" '
            f'data-e="{decision.index}">{_shown(text[start:end])}</mark>'
        )
        position = end
    out.append(_shown(text[position:]))
    return "".join(out)


#: A form feed in a raw line: where the extractor started a new page.
_FORM_FEED = '<span class="ff" title="form feed: a new page starts here">page break</span>'


def _shown(text: str) -> str:
    """Raw text as HTML: escaped, made printable, and a form feed shown as the page
    break it is."""
    return _FORM_FEED.join(escape(visible(part)) for part in text.split("\f"))


def _raw_pane(review: FileReview) -> str:
    marks: dict[int, list[tuple[int, int, Decision]]] = {}
    for decision in review.decisions:
        for number, start, end in decision.marks:
            marks.setdefault(number, []).append((start, end, decision))
    at_line: dict[int, list[Decision]] = {}
    for decision in review.decisions:
        for first, last in decision.edit.lines:
            for number in range(first, last + 1):
                at_line.setdefault(number, []).append(decision)
    out: list[str] = []
    for line in review.lines:
        if review.page_starts and line.number in review.page_starts:
            page, first, last = review.page_of(line.number)
            out.append(f'<div class="page">page {page} · raw lines {first}–{last}</div>')
        out.append(_raw_line(review, line, marks.get(line.number, []), at_line))
    return "\n".join(out)


def _raw_line(
    review: FileReview,
    line: RawLine,
    marks: list[tuple[int, int, Decision]],
    at_line: dict[int, list[Decision]],
) -> str:
    # Scroll sync follows the running text: footnote and caption lines, whose blocks
    # stand elsewhere (an article's end), do not pull the clean pane there.
    synced = line.block is not None and line.kind not in ("footnote", "caption", "figure")
    block = f' data-b="{line.block}"' if synced else ""
    stage = review.line_stages.get(line.number)
    if stage is None:
        changed = " f-changed" if marks else ""
        return (
            f'<div class="ln{changed}" id="L{line.number}"{block}>{_marked(line.text, marks)}</div>'
        )
    mine = [d for d in at_line.get(line.number, []) if d.stage == stage] or at_line.get(
        line.number, []
    )
    ids = " ".join(str(d.index) for d in mine)
    # A line out of the running text is tinted whole; one that stays (a heading, a
    # line joined to the one before) only has its stage's colour in the gutter.
    fate = _fate_class(line.kind)
    return (
        f'<div class="ln k-{line.kind} {fate}" id="L{line.number}"{block}>'
        f'<span class="tx hl s-{stage}" data-stage="{stage}" data-e="{ids}">'
        f"{_shown(line.text) or '&nbsp;'}</span></div>"
    )


def _fate_class(kind: LineKind) -> str:
    """The gutter mark of a labelled raw line (see report.css): removed, moved (to a
    footnote, a caption, a figure), or kept in the text (a heading, a joined line)."""
    fate = FATES[kind]
    if fate == "removed":
        return "f-removed"
    return "f-moved" if fate.startswith(("moved", "numbers")) else "f-kept"


def _clean_marks(review: FileReview) -> dict[int, list[tuple[int, int, Decision]]]:
    """Per block, the characters of its text that decisions wrote (the ``after``
    text, narrowed to what changed), found in the block of the decision's line.
    Decisions are taken in raw order and each is looked for after the previous one
    found in its block, so a repeated word is marked where it was changed."""
    found: dict[int, list[tuple[int, int, Decision]]] = {}
    cursor: dict[int, int] = {}
    ordered = sorted(review.decisions, key=lambda d: (d.anchor, d.marks[:1], d.index))
    for decision in ordered:
        edit = decision.edit
        if decision.is_removal or decision.is_move or decision.left or len(edit.after) > 400:
            continue
        block_index = review.line(decision.anchor).block
        if block_index is None:
            continue
        text = review.blocks[block_index].text
        start = _find_from(text, edit.after, cursor.get(block_index, 0))
        if start < 0:
            continue
        end = start + len(edit.after)
        cursor[block_index] = end
        lo, hi = written_part(edit.before, edit.after)
        lo, hi = _whole_words(text, start + lo, start + hi)
        found.setdefault(block_index, []).append((lo, hi, decision))
    return found


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` widened so no word of ``text`` is cut (edit snippets are cut
    at a fixed width)."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def _find_from(text: str, part: str, cursor: int) -> int:
    """Where ``part`` stands in ``text``: as a whole word at or after ``cursor``, else
    anywhere at or after it, else anywhere (-1 if nowhere)."""
    for start in (cursor, 0):
        first = text.find(part, start)
        position = first
        while position >= 0:
            end = position + len(part)
            before_ok = position == 0 or not text[position - 1].isalnum()
            after_ok = end == len(text) or not text[end].isalnum()
            if before_ok and after_ok:
                return position
            position = text.find(part, position + 1)
        if first >= 0:
            return first
    return -1


def _block_stage(review: FileReview, block: Block) -> str | None:
    """The stage that made a footnote, caption, heading or quote block: the one that
    took its first line out of the running text, else the one whose decision on that
    line wrote the block's mark (``# ``, ``> ``)."""
    if block.kind not in ("footnote", "caption", "figure", "heading", "quote") or not block.lines:
        return None
    first = block.lines[0][0]
    if first in review.line_stages:
        return review.line_stages[first]
    for decision in review.touching(first):
        if decision.edit.after.startswith(("#", ">")):
            return decision.stage
    return None


def _clean_pane(review: FileReview) -> str:
    marks = _clean_marks(review)
    out: list[str] = []
    for index, block in enumerate(review.blocks):
        first = block.lines[0][0] if block.lines else 1
        prefix = _BLOCK_PREFIX.get(block.kind, "")
        if block.kind == "heading":
            prefix = "#" * (block.level or 2) + " "
        elif block.kind == "footnote":
            prefix = f"[^{block.number if block.number is not None else '?'}]: "
        text = "* * *" if block.kind == "break" else _marked(block.text, marks.get(index, []))
        stage = _block_stage(review, block)
        whole = f' hl s-{stage}" data-stage="{stage}' if stage else ""
        level = f" h{block.level}" if block.kind == "heading" else ""
        out.append(
            f'<div class="blk k-{block.kind}{level}{whole}" id="B{index}" data-first="{first}">'
            f'<span class="pre">{escape(prefix)}</span>{text}</div>'
        )
    return "\n".join(out)


def _filters(review: FileReview) -> str:
    counts = review.stage_counts()
    total = sum(n for n, _ in counts.values())
    buttons = [
        f'<button type="button" class="filter active" data-stage="">all stages '
        f"<span>{total:,}</span></button>"
    ]
    for stage, (n, doubtful) in counts.items():
        doubt = f", {doubtful} doubtful" if doubtful else ""
        buttons.append(
            f'<button type="button" class="filter s-{stage}" data-stage="{stage}" '
            f'title="show only {stage}\'s highlights ({n} decisions{doubt})">'
            f"{stage} <span>{n:,}</span></button>"
        )
    return "\n".join(buttons)


def _triage(review: FileReview) -> str:
    """The doubtful decisions as a table to triage: least sure first; the script
    sorts it by any column and filters it by stage, rule and confidence."""
    doubtful = review.doubtful()
    if not doubtful:
        return (
            f'<p class="triage none">No doubtful decisions (all at {DOUBTFUL_BELOW} or above).</p>'
        )
    rows = []
    for d in doubtful:
        edit = d.edit
        if d.is_removal or d.is_move or d.left:
            change = "removed" if d.is_removal else "moved" if d.is_move else "left in place"
        else:
            before, after = changed_region(edit.before, edit.after, 0)
            change = f"{visible(middle(before, 40))} → {visible(middle(after, 40))}"
        rows.append(
            f'<tr data-stage="{d.stage}" data-rule="{escape(edit.rule)}" '
            f'data-conf="{edit.confidence:.2f}" data-line="{d.anchor}">'
            f'<td class="conf">{edit.confidence:.2f}</td>'
            f'<td><a href="#L{d.anchor}" class="jump" data-e="{d.index}" '
            f'data-line="{d.anchor}">{d.anchor}</a></td>'
            f'<td><span class="tag s-{d.stage}">{d.stage}</span></td>'
            f"<td>{escape(edit.rule)}</td><td>{escape(change)}</td></tr>"
        )
    stages = sorted({d.stage for d in doubtful})
    rules = sorted({d.edit.rule for d in doubtful})
    stage_options = "".join(f'<option value="{s}">{s}</option>' for s in stages)
    rule_options = "".join(f'<option value="{escape(r)}">{escape(r)}</option>' for r in rules)
    return f"""<details class="triage" open>
<summary>Doubtful decisions to check first: {len(doubtful):,}, confidence below
{DOUBTFUL_BELOW}, least sure first <span id="t-shown"></span></summary>
<div class="controls">
<label>stage <select id="t-stage"><option value="">all</option>{stage_options}</select></label>
<label>rule <select id="t-rule"><option value="">all</option>{rule_options}</select></label>
<label>confidence at most <input id="t-max" type="number" min="0" max="1" step="0.05"
value="{DOUBTFUL_BELOW}"></label>
</div>
<div class="tablewrap"><table id="triage">
<thead><tr>
<th data-key="conf" data-type="number" aria-sort="ascending">
<button type="button">confidence</button></th>
<th data-key="line" data-type="number"><button type="button">line</button></th>
<th data-key="stage"><button type="button">stage</button></th>
<th data-key="rule"><button type="button">rule</button></th><th>change</th></tr></thead>
<tbody>{"".join(rows)}</tbody>
</table></div>
</details>"""


#: The longest ``before`` or ``after`` the report's data keeps for the decision box
#: (a moved footnote's whole text is in both panes already): its ends, cut in the middle.
_SHOWN_CHARS = 600


def _edits_json(review: FileReview) -> str:
    """The decisions as the script reads them, compactly (a page's data should cost
    little beside its text): each reason once, and each decision a row
    ``[stage, rule, lines, before, after, reason, confidence, line]``, with
    ``after`` null where it is the text moved unchanged."""
    reasons: dict[str, int] = {}
    rows = []
    for d in review.decisions:
        edit = d.edit
        after = None if edit.after == edit.before else middle(edit.after, _SHOWN_CHARS)
        rows.append(
            [
                d.stage,
                edit.rule,
                [list(span) for span in edit.lines],
                middle(edit.before, _SHOWN_CHARS),
                after,
                reasons.setdefault(edit.reason, len(reasons)),
                round(edit.confidence, 3),
                d.anchor,
            ]
        )
    data = {"reasons": list(reasons), "edits": rows}
    # "</" would end the script element early.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _account(review: FileReview) -> str:
    state = "ok" if review.account.complete else "lost"
    sign = "✓" if review.account.complete else "✗"
    return f'<p class="account {state}">{sign} Words: {escape(review.account.describe())}.</p>'


def file_page(report: ReportFile) -> str:
    """The HTML page of one file."""
    review = report.review
    name = escape(review.source)
    stale = f'<p class="stale">{escape(report.stale)}</p>' if report.stale else ""
    depth = "../" * report.page.count("/")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>review · {name}</title>
<link rel="stylesheet" href="{depth}{ASSETS}/report.css">
</head>
<body data-only="">
<header>
<p class="crumbs"><a href="{depth}index.html">all files</a> / {name}</p>
<h1>{name}</h1>
<p class="counts">{len(review.lines):,} raw lines → {len(review.blocks):,} clean blocks ·
{len(review.decisions):,} decisions · {len(review.doubtful()):,} doubtful</p>
{_account(review)}
{stale}
<nav class="filters" aria-label="filter highlights by stage">
{_filters(review)}
</nav>
{_triage(review)}
</header>
<main class="panes">
<section class="pane" id="raw" aria-label="raw text">
<h2>raw <small>line by line; after the number: - removed, &gt; moved, # labelled,
~ changed</small></h2>
{_raw_pane(review)}
</section>
<section class="pane" id="clean" aria-label="clean text">
<h2>clean <small>the markdown output, block by block</small></h2>
{_clean_pane(review)}
</section>
</main>
<aside id="detail" hidden aria-live="polite"></aside>
<script type="application/json" id="edits">{_edits_json(review)}</script>
<script src="{depth}{ASSETS}/report.js"></script>
</body>
</html>
"""


def index_page(reports: list[ReportFile], seconds: float) -> str:
    """The report's index: one row per file."""
    rows = []
    for report in reports:
        review = report.review
        counts = review.stage_counts()
        per_stage = " ".join(
            f'<span class="tag s-{stage}" title="{n} decisions, {d} doubtful">{stage} {n:,}</span>'
            for stage, (n, d) in counts.items()
        )
        removed = ", ".join(f"{kind} {n:,}" for kind, n in review.removed_counts().items())
        words = "✓" if review.account.complete else "✗ words lost"
        stale = ' <span class="stale">stale clean file</span>' if report.stale else ""
        rows.append(
            f'<tr><td><a href="{escape(report.page)}">{escape(review.source)}</a>{stale}</td>'
            f"<td>{len(review.lines):,}</td><td>{len(review.decisions):,}</td>"
            f'<td class="{"doubt" if review.doubtful() else ""}">{len(review.doubtful()):,}</td>'
            f"<td>{per_stage}</td><td>{escape(removed)}</td>"
            f'<td class="{"ok" if review.account.complete else "lost"}" '
            f'title="{escape(review.account.describe())}">{words}</td></tr>'
        )
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cleanup review</title>
<link rel="stylesheet" href="{ASSETS}/report.css">
</head>
<body class="index">
<h1>cleanup review</h1>
<p>{len(reports)} file(s), built in {seconds:.1f} s on {generated}. Doubtful: decisions with a
confidence below {DOUBTFUL_BELOW}. Words ✓: every raw word is in the clean text or in a
removal or edit with a reason (computed from the edit log).</p>
<table>
<thead><tr><th>file</th><th>raw lines</th><th>decisions</th><th>doubtful</th>
<th>decisions per stage</th><th>raw lines out of the running text</th><th>words</th></tr></thead>
<tbody>
{"".join(rows)}
</tbody>
</table>
</body>
</html>
"""


def page_name(source_relative: Path) -> str:
    """Where a file's page goes inside the report folder."""
    return "files/" + "__".join(source_relative.parts) + ".html"


def write_report(reports: list[ReportFile], folder: Path, seconds: float) -> Path:
    """Write the report into ``folder`` (pages first, index last); return the index."""
    stylesheet = _asset("report.css") + "\n" + _stage_css(_all_stages(reports)) + "\n"
    write_atomic(folder / ASSETS / "report.css", stylesheet)
    write_atomic(folder / ASSETS / "report.js", _asset("report.js"))
    for report in reports:
        write_atomic(folder / report.page, file_page(report))
    index = folder / "index.html"
    write_atomic(index, index_page(reports, seconds))
    return index
