"""Renderers: the only place that decides the output format.

- ``md`` (default): one block per paragraph, blocks separated by one blank line;
  headings ``#``/``##``, quotes ``> ``, list items with their bullet, breaks ``* * *``,
  footnote references ``[^N]`` and definitions ``[^N]: text`` where the blocks put
  them (reflow puts each article's footnotes at the end of the article).
- ``text``: the same without markup: no heading or quote marks, no emphasis markers,
  references as ``[N]`` and footnotes as ``[N] text``.
- ``json``: ``{"source", "blocks", "removed", "edits"}`` as documented in the README.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from .document import Block, Document, Span
from .inline import plain_references, strip_emphasis

Format = Literal["md", "text", "json"]
FORMATS: tuple[Format, ...] = ("md", "text", "json")


def render(doc: Document, fmt: Format = "md") -> str:
    """Render a block-phase document in ``fmt``."""
    if fmt == "md":
        return _render_markup(doc, plain=False)
    if fmt == "text":
        return _render_markup(doc, plain=True)
    if fmt == "json":
        return json.dumps(to_json(doc), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")


def _render_markup(doc: Document, plain: bool) -> str:
    parts: list[str] = []
    for block in doc.require_blocks():
        text = block.text
        if plain:
            text = plain_references(strip_emphasis(text))
        if block.kind == "footnote":
            label = str(block.number) if block.number is not None else "?"
            parts.append(f"[{label}] {text}" if plain else f"[^{label}]: {text}")
        elif block.kind == "heading" and not plain:
            parts.append(f"{'#' * (block.level or 2)} {text}")
        elif block.kind == "quote" and not plain:
            parts.append(f"> {text}")
        elif block.kind == "break":
            parts.append("* * *")
        else:
            parts.append(text)
    return "\n\n".join(parts) + "\n" if parts else ""


def _spans(spans: tuple[Span, ...]) -> list[list[int]]:
    return [[first, last] for first, last in spans]


def block_to_json(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": block.kind, "text": block.text, "lines": _spans(block.lines)}
    if block.kind == "heading":
        out["level"] = block.level
    if block.kind == "footnote":
        out["number"] = block.number
    return out


def to_json(doc: Document) -> dict[str, Any]:
    """The JSON contract: blocks, removed text and edits, with raw line spans."""
    return {
        "source": doc.source,
        "blocks": [block_to_json(b) for b in doc.require_blocks()],
        "removed": [
            {"kind": r.kind, "text": r.text, "lines": _spans(r.lines)} for r in doc.removed
        ],
        "edits": [
            {
                "stage": e.stage,
                "rule": e.rule,
                "lines": _spans(e.lines),
                "before": e.before,
                "after": e.after,
                "reason": e.reason,
                "confidence": e.confidence,
            }
            for e in doc.edits
        ],
    }
