"""Golden-file cases: ``tests/golden/<stage>/<case>.in.txt`` -> ``.out.txt`` + ``.edits.txt``.

Each case runs one stage in isolation on its input:

- a line-phase stage (``encoding``, ``boilerplate``, ``pages``, ``hyphens``, ...) is
  applied to the raw lines, and the output is the lines it leaves (removed and emptied
  lines omitted, footnote, caption and figure lines tagged, page starts marked);
  the page model is computed first, and a stage whose contract needs what other
  stages provide (``captions`` needs ``furniture``) runs after them;
- ``reflow`` turns the lines into blocks, rendered as markdown;
- a block-phase stage runs after ``reflow`` (which it needs), rendered as markdown;
  ``side_text``, which places what the line phase took out, after every stage;
- ``pipeline`` cases run every stage, as ``cleanup run`` does.

``.edits.txt`` lists the edits the stage made, one per line, so a reviewer sees what
changed and why. A ``<case>.rules.toml`` beside the input is read over the defaults.

Regenerate with ``make golden`` (this module with ``--update``) and read the diff.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from cleanup import markup
from cleanup.document import Document, Edit
from cleanup.evidence.page_model import profile
from cleanup.pipeline import STAGE_NAMES, Pipeline, prerequisites, stage_named
from cleanup.reader import read_document
from cleanup.render import render
from cleanup.rules import Rules, default_rules, load_rules

GOLDEN = Path(__file__).parent / "golden"


@dataclass(frozen=True)
class Case:
    stage: str
    name: str
    input: Path

    @property
    def id(self) -> str:
        return f"{self.stage}/{self.name}"

    def sibling(self, suffix: str) -> Path:
        return self.input.with_name(f"{self.name}{suffix}")


def all_cases() -> list[Case]:
    return [
        Case(path.parent.name, path.name.removesuffix(".in.txt"), path)
        for path in sorted(GOLDEN.glob("*/*.in.txt"))
    ]


def _rules(case: Case) -> Rules:
    extra = case.sibling(".rules.toml")
    return load_rules([extra]) if extra.exists() else default_rules()


def _format_edit(edit: Edit, doc: Document) -> str:
    if edit.after != edit.before:
        change = repr(edit.after)
    elif _stayed_body(edit, doc):
        change = "(left in place)"
    else:
        change = "(moved, unchanged)"
    spans = ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in edit.lines)
    confidence = "" if edit.confidence == 1.0 else f" [confidence {edit.confidence:.2f}]"
    return (
        f"{edit.stage}/{edit.rule} @{spans}: {edit.before!r} -> {change}\n"
        f"    {edit.reason}{confidence}"
    )


def _stayed_body(edit: Edit, doc: Document) -> bool:
    """Whether an edit's lines are still body lines (a doubt recorded, no change)."""
    kinds = {line.number: line.kind for line in doc.lines}
    return all(kinds.get(first) == "body" for first, _last in edit.lines)


def _lines_output(doc: Document) -> str:
    """The lines a line-phase stage leaves: body and blank lines as they are, footnote
    caption and figure lines tagged, and a ``--- page ---`` row where a page starts."""
    starts = set(doc.page_starts)
    kept: list[str] = []
    for line in doc.lines:
        if line.number in starts:
            kept.append("--- page ---")
        if line.kind in ("body", "blank"):
            kept.append(line.text)
        elif line.kind == "heading":
            kept.append(f"<heading> {markup.write_heading(line.level or 2, line.text)}")
        elif line.kind == "footnote" and line.note is not None:
            kept.append(f"<footnote> {markup.write_footnote(line.note, line.text)}")
        elif line.kind in ("footnote", "caption", "figure"):
            kept.append(f"<{line.kind}> {line.text}")
    return "\n".join(kept) + "\n" if kept else ""


#: Block-phase stages that work on what every other stage produced.
_AFTER_EVERY_STAGE = ("side_text",)


def run_case(case: Case) -> tuple[str, str]:
    """The (output, edits) a case produces now."""
    text = case.input.read_bytes().decode("utf-8")  # keep CR and CRLF as they are
    rules = _rules(case)
    doc = read_document(text, case.input.name)
    if case.stage == "pipeline":
        doc = Pipeline.for_rules(rules).run_document(doc, rules)
        output = render(doc)
    else:
        stage = stage_named(case.stage)
        if STAGE_NAMES.index(stage.name) > STAGE_NAMES.index("reflow"):
            before_it = Pipeline.default().without(stage.name)
            if stage.name not in _AFTER_EVERY_STAGE:
                before_it = Pipeline([stage_named("reflow")])
            doc = before_it.run_document(doc, rules)
            before = len(doc.edits)
            doc = stage.function(doc, rules)
            doc = Document(
                doc.source, doc.lines, doc.blocks, doc.removed, doc.edits[before:], doc.layout
            )
        else:
            # The stages whose findings this one builds on run first (their contracts
            # say which), and only this stage's own edits are shown.
            doc = doc.with_layout(profile(doc.lines, rules))
            for earlier in prerequisites(stage.name):
                doc = earlier.function(doc, rules)
            doc = Document(doc.source, doc.lines, layout=doc.layout)
            doc = stage.function(doc, rules)
        output = render(doc) if doc.in_block_phase else _lines_output(doc)
    edits = "".join(_format_edit(edit, doc) + "\n" for edit in doc.edits)
    return output, edits


def update() -> None:
    for case in all_cases():
        output, edits = run_case(case)
        case.sibling(".out.txt").write_text(output, encoding="utf-8")
        case.sibling(".edits.txt").write_text(edits, encoding="utf-8")
        print(f"wrote {case.id}")


if __name__ == "__main__":
    if "--update" not in sys.argv:
        sys.exit("usage: python -m tests.golden_cases --update")
    update()
