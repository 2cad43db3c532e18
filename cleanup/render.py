"""Renderers: the only place that decides the output format.

- ``md`` (default): the grammar of :mod:`cleanup.markup`, one block per paragraph,
  blocks separated by one blank line; headings ``#``/``##``, quotes ``> ``, list items
  with their bullet, breaks ``* * *``, footnote references ``[^N]`` and definitions
  ``[^N]: text`` where the blocks put them (reflow puts each article's footnotes at
  the end of the article); a caption is its text under the line ``<!-- caption -->``,
  which markdown viewers do not show and which the ``captions`` stage reads back, so
  that cleaning the output again keeps the caption a caption (markdown has no
  caption syntax).
- ``text``: the same without markup: no heading or quote marks, no emphasis markers,
  references as ``[N]`` and footnotes as ``[N] text``.
- ``json``: ``{"source", "blocks", "removed", "edits"}`` as documented in the README.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any, Literal

from . import markup
from .document import Block, Document, Span
from .inline import plain_references, strip_emphasis

Format = Literal["md", "text", "json"]
FORMATS: tuple[Format, ...] = ("md", "text", "json")


def render(doc: Document, fmt: Format = "md") -> str:
    """Render a block-phase document in ``fmt``."""
    return "".join(render_pieces(doc, fmt))


def write_rendered(doc: Document, fmt: Format, out: IO[str]) -> None:
    """Write the rendering of ``doc`` to ``out`` piece by piece: the same text as
    :func:`render`, without ever holding all of it (a large input's output would be
    one more copy of the document in memory)."""
    for piece in render_pieces(doc, fmt):
        out.write(piece)


def render_pieces(doc: Document, fmt: Format = "md") -> Iterator[str]:
    """The rendering of ``doc`` in order, in pieces (a block, a separator, ...)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    if fmt == "json":
        yield from _JSON.iterencode(to_json(doc))
        yield "\n"
        return
    first = True
    for block in doc.require_blocks():
        if not first:
            yield "\n\n"
        first = False
        yield _markup(block, plain=fmt == "text")
    if not first:
        yield "\n"


_JSON = json.JSONEncoder(ensure_ascii=False, indent=2)


def _markup(block: Block, plain: bool) -> str:
    text = block.text
    if plain and block.kind != "code":
        text = plain_references(strip_emphasis(text))
    if block.kind == "footnote":
        label = str(block.number) if block.number is not None else "?"
        return f"[{label}] {text}" if plain else markup.write_footnote(block.number, text)
    if block.kind == "heading" and not plain:
        return markup.write_heading(block.level or 2, text)
    if block.kind == "quote" and not plain:
        return markup.write_quote(text)
    if block.kind == "break":
        return markup.BREAK
    if block.kind == "code":
        return block.text if plain else markup.write_code(block.text)
    if not plain and block.kind in ("paragraph", "caption", "figure"):
        # Read again, by a markdown viewer or by this pipeline, it stays a paragraph.
        text = markup.escape_paragraph(text)
    if block.kind == "caption" and not plain:
        return f"{markup.CAPTION_MARK}\n{text}"
    if block.kind == "figure" and not plain:
        return f"{markup.FIGURE_MARK}\n{text}"
    return text


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
