"""The stage registry, the default order, and running a document through it.

Every stage is a pure function ``(Document, Rules) -> Document``: no I/O, no global
state, the same input always gives the same output. Line-phase stages run first;
``reflow`` turns lines into blocks; block-phase stages run after it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from .document import Document
from .reader import read_document
from .rules import Rules, default_rules
from .stages.boilerplate import remove_boilerplate
from .stages.captions import find_captions
from .stages.case_glitches import restore_case
from .stages.display import fix_display_type
from .stages.encoding import fix_encoding
from .stages.footnotes import move_footnotes
from .stages.glued_words import split_glued_words
from .stages.headings import mark_headings
from .stages.hyphens import join_hyphenated
from .stages.pages import find_pages
from .stages.pull_quotes import remove_pull_quotes
from .stages.reflow import reflow
from .stages.whitespace import tidy_whitespace

StageFunction = Callable[[Document, Rules], Document]


@dataclass(frozen=True)
class Stage:
    name: str
    function: StageFunction
    phase: str  # "lines", "reflow" or "blocks"

    @property
    def summary(self) -> str:
        """The first line of the stage's module documentation."""
        module = sys.modules[self.function.__module__]
        doc = (module.__doc__ or self.function.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


#: The stages in the order they run.
STAGES: tuple[Stage, ...] = (
    Stage("encoding", fix_encoding, "lines"),
    Stage("boilerplate", remove_boilerplate, "lines"),
    Stage("pages", find_pages, "lines"),
    Stage("captions", find_captions, "lines"),
    Stage("footnotes", move_footnotes, "lines"),
    Stage("pull_quotes", remove_pull_quotes, "lines"),
    Stage("display", fix_display_type, "lines"),
    Stage("hyphens", join_hyphenated, "lines"),
    Stage("reflow", reflow, "reflow"),
    Stage("headings", mark_headings, "blocks"),
    Stage("case_glitches", restore_case, "blocks"),
    Stage("glued_words", split_glued_words, "blocks"),
    Stage("whitespace", tidy_whitespace, "blocks"),
)

STAGE_NAMES = tuple(stage.name for stage in STAGES)


def stage_named(name: str) -> Stage:
    for stage in STAGES:
        if stage.name == name:
            return stage
    raise KeyError(f"unknown stage {name!r} (stages: {', '.join(STAGE_NAMES)})")


def run_stages(doc: Document, rules: Rules, stages: tuple[Stage, ...] = STAGES) -> Document:
    """Run ``stages`` in order, skipping those the rules disable. ``reflow`` always runs
    (it is what turns lines into blocks)."""
    disabled = set(rules.pipeline.disabled)
    for stage in stages:
        if stage.name in disabled and stage.phase != "reflow":
            continue
        doc = stage.function(doc, rules)
    return doc


def run(text: str, rules: Rules | None = None, source: str = "<string>") -> Document:
    """Clean ``text``: read it into lines and run every enabled stage."""
    rules = rules or default_rules()
    return run_stages(read_document(text, source), rules)
