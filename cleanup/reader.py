"""Turn input bytes or text into a line-phase :class:`Document`.

Lines are split on LF, CRLF and lone CR (so raw line numbers match what an editor
shows); form feeds stay inside lines as page-break evidence for later stages.
"""

from __future__ import annotations

import re

from .document import Document, Edit, Line

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class InputError(ValueError):
    """The input cannot be read as text. The message names the file and what to do."""


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 input, or explain what the bytes look like and what to do instead."""
    if data.startswith(b"%PDF"):
        raise InputError(
            f"{source}: this is a PDF, not text: extract its text first "
            "(e.g. `pdftotext -layout FILE.pdf`)"
        )
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}: this looks like a binary file (it contains NUL bytes)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"{source}:{line}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset "
            f"{err.start}); convert it first, e.g. `iconv -f cp1252 -t utf-8`"
        ) from err


def read_document(text: str, source: str = "<string>") -> Document:
    """Split ``text`` into numbered lines; record an edit if line endings were not LF.

    >>> [line.text for line in read_document("a\\r\\nb\\rc\\n").lines]
    ['a', 'b', 'c']
    """
    parts = _LINE_BREAK.split(text)
    if parts and parts[-1] == "":
        parts.pop()  # the newline that ends the last line does not start a new one
    lines = tuple(Line(number, part) for number, part in enumerate(parts, start=1))
    edits: list[Edit] = []
    crlf, cr = text.count("\r\n"), text.count("\r") - text.count("\r\n")
    if crlf or cr:
        described = ", ".join(
            f"{count} {name}" for count, name in ((crlf, "CRLF"), (cr, "lone CR")) if count
        )
        edits.append(
            Edit(
                "read",
                "line-endings",
                ((1, max(len(lines), 1)),),
                described,
                "LF",
                "line endings normalized to LF",
            )
        )
    return Document(source=source, lines=lines, edits=tuple(edits))
