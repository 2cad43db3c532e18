"""What cleaning one text gives back, and the check that nothing was lost on the way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from .document import Block, Document, Edit, Removed
from .provenance import unaccounted_words
from .render import Format, render, to_json, write_rendered


class ConservationError(RuntimeError):
    """The pipeline lost words without accounting for them: a bug in a stage (or a
    custom stage that changed text without recording an edit), never expected."""


@dataclass(frozen=True)
class Result:
    """What cleaning one text produced: the blocks, what was removed, every edit."""

    document: Document

    @property
    def source(self) -> str:
        return self.document.source

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.document.require_blocks()

    @property
    def removed(self) -> tuple[Removed, ...]:
        return self.document.removed

    @property
    def edits(self) -> tuple[Edit, ...]:
        return self.document.edits

    def render(self, fmt: Format = "md") -> str:
        """The clean text in ``fmt`` ("md", "text" or "json")."""
        return render(self.document, fmt)

    def write(self, out: IO[str], fmt: Format = "md") -> None:
        """Write the clean text in ``fmt`` to ``out``, block by block (the same text as
        :meth:`render`, never held whole in memory)."""
        write_rendered(self.document, fmt, out)

    def to_json(self) -> dict[str, object]:
        """The JSON contract as a Python dict."""
        return to_json(self.document)


def checked(text: str, doc: Document) -> Result:
    """``doc`` as a :class:`Result`, after checking that every word of ``text`` is in
    the output or accounted for by a removal or an edit."""
    lost = unaccounted_words(text, doc)
    if lost:
        sample = ", ".join(f"{w!r}" for w in sorted(lost)[:10])
        raise ConservationError(f"{doc.source}: words lost without an edit or removal: {sample}")
    return Result(doc)
