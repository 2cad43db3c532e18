"""Turn input bytes or text into a line-phase :class:`Document`.

Bytes are decoded as UTF-8, as UTF-16 when a byte order mark says so, in the
encoding the user names, or else in the one charset-normalizer detects (recorded as
a doubtful edit); a PDF, an image, an archive or other binary data is refused with a
message saying what it is and what to do. Lines are split on LF, CRLF and lone CR
(so raw line numbers match what an editor shows); form feeds stay inside lines as
page-break evidence for later stages.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .document import Document, Edit, Line

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class InputError(ValueError):
    """The input cannot be read as text. The message names the file and what to do."""


# Formats a text file is often confused with, by their first bytes: what the file is,
# and what to do with it instead.
_NOT_TEXT = (
    (
        b"%PDF",
        "this is a PDF, not text: extract its text first (e.g. `pdftotext FILE.pdf`)",
    ),
    (
        b"\x89PNG\r\n\x1a\n",
        "this is a PNG image, not text: OCR it first (e.g. `tesseract FILE out`)",
    ),
    (b"\xff\xd8\xff", "this is a JPEG image, not text: OCR it first (e.g. `tesseract FILE out`)"),
    (b"GIF8", "this is a GIF image, not text: OCR it first (e.g. `tesseract FILE out`)"),
    (b"II*\x00", "this is a TIFF image, not text: OCR it first (e.g. `tesseract FILE out`)"),
    (b"MM\x00*", "this is a TIFF image, not text: OCR it first (e.g. `tesseract FILE out`)"),
    (
        b"PK\x03\x04",
        "this is a ZIP archive (a .docx, .epub or .odt is one), not text: extract its text "
        "first (e.g. `pandoc FILE -t plain`)",
    ),
    (b"\x1f\x8b", "this is gzip-compressed: decompress it first (e.g. `gunzip FILE`)"),
)
# UTF-16's byte order marks (UTF-8's is read as UTF-8, and the encoding stage drops it).
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Where charset-normalizer finds several encodings equally likely (short or mostly
# ASCII text often fits a dozen code pages), the one Western documents mostly use.
_PREFERRED = ("cp1252", "latin_1")


@dataclass(frozen=True)
class Decoded:
    """Input bytes as text, and how the encoding was chosen (empty for plain UTF-8)."""

    text: str
    encoding: str = "utf-8"
    how: str = ""
    confidence: float = 1.0
    nul_characters: int = 0
    # What markup the text is, when it is a markup file (HTML, XML), not extracted text.
    markup: str | None = None

    @property
    def warning(self) -> str | None:
        """A line for the user when the encoding was guessed, not known, or the text
        held NUL characters."""
        notes = []
        if self.confidence < 1.0:
            notes.append(f"{self.how}; if that is wrong, give --encoding")
        if self.nul_characters:
            notes.append(
                f"{self.nul_characters} NUL character(s) inside the text, removed (see the "
                "encoding stage's edits)"
            )
        if self.markup is not None:
            notes.append(_MARKUP_ADVICE[self.markup])
        return "; ".join(notes) or None


# Markup files a user may hand over instead of their text, by how they start (after
# a byte order mark and blank space), and what to do with them.
_MARKUP = (
    (re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE), "html"),
    (re.compile(r"<\?xml[\s?]"), "xml"),
)
_MARKUP_ADVICE = {
    "html": "this is an HTML page, not its text: it is cleaned as it is, tags and all; "
    "extract its text first (e.g. `trafilatura < FILE`, `html2text FILE` or "
    "`lynx -dump FILE`)",
    "xml": "this is an XML file, not its text: it is cleaned as it is, tags and all; "
    "extract its text first (e.g. `xmllint --xpath 'string(/)' FILE`)",
}


def markup_of(text: str) -> str | None:
    """The markup a text is written in, judged by how it starts, or None.

    >>> markup_of("\\ufeff  <!DOCTYPE html>\\n<html>"), markup_of("The <html> tag opens a page.")
    ('html', None)
    """
    start = text[:512].lstrip("\ufeff \t\r\n")
    for pattern, name in _MARKUP:
        if pattern.match(start):
            return name
    return None


def decode(data: bytes, source: str, encoding: str | None = None) -> Decoded:
    """Input bytes as text: UTF-8 (with or without a byte order mark), UTF-16 with a
    byte order mark, ``encoding`` when given, or else the encoding charset-normalizer
    detects (a warning). A PDF, image, archive or other binary file is refused with a
    message that says what it is and what to do; what decodes as text is text, whatever
    its first bytes say (a text whose first page prints ``%PDF-1.4``). A few NUL
    characters inside UTF-8 text (some extractors emit them) are read, with a warning;
    the encoding stage removes them.

    >>> decode("café".encode("cp1252"), "f.txt").encoding
    'cp1252'
    """
    if encoding is not None:  # the user's word on NUL bytes (UTF-16 has them)
        _refuse_binary(data, source, utf8_text=_is_utf8(data), nuls_allowed=True)
        return _decode_as(data, source, encoding, "given with --encoding")
    if data.startswith(_UTF16_BOMS):
        return _decode_as(data, source, "utf-16", "byte order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        _refuse_binary(data, source, utf8_text=False)
        return _detected(data, source, err)
    _refuse_binary(data, source, utf8_text=True)
    return Decoded(text, nul_characters=text.count("\x00"), markup=markup_of(text))


# A text with stray NUL characters has a few; UTF-16 without a byte order mark has one
# in every other byte of Western text, and binary formats have them everywhere.
_MOST_NULS_IN_TEXT = 0.02
# How a PDF file ends (its trailer): a PDF with no binary bytes is still a PDF.
_PDF_TRAILER = b"%%EOF"


def _refuse_binary(data: bytes, source: str, utf8_text: bool, nuls_allowed: bool = False) -> None:
    """Raise :class:`InputError` if ``data`` is no text: it starts like a known binary
    format and is not UTF-8 text without NUL bytes (``utf8_text``: valid UTF-8), or
    ends like a whole PDF; or it has
    more NUL bytes than text holds (unless ``nuls_allowed``)."""
    for magic, message in _NOT_TEXT:
        if data.startswith(magic):
            whole_pdf = magic == b"%PDF" and _PDF_TRAILER in data[-1024:]
            if not utf8_text or whole_pdf or b"\x00" in data:
                raise InputError(f"{source}: {message}")
    if not nuls_allowed and data.count(b"\x00") > _MOST_NULS_IN_TEXT * len(data):
        raise InputError(
            f"{source}: this looks like a binary file (it contains NUL bytes); if it is "
            "UTF-16 text without a byte order mark, give --encoding utf-16-le (or -be)"
        )


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_as(data: bytes, source: str, encoding: str, how: str) -> Decoded:
    try:
        text = data.decode(encoding)
        return Decoded(text, codecs.lookup(encoding).name, how, markup=markup_of(text))
    except LookupError as err:
        raise InputError(
            f"{source}: unknown encoding {encoding!r} (use a Python codec name, e.g. "
            "cp1252, latin-1, utf-16)"
        ) from err
    except UnicodeDecodeError as err:
        raise InputError(
            f"{source}:{_line_of(data, err.start)}: not valid {encoding} "
            f"(byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from err


def _detected(data: bytes, source: str, utf8_error: UnicodeDecodeError) -> Decoded:
    """The encoding charset-normalizer finds most likely, or an error saying what to do."""
    from charset_normalizer import from_bytes  # 0.1 s to import: only for such inputs

    where = (
        f"byte 0x{data[utf8_error.start]:02x} on line {_line_of(data, utf8_error.start)} "
        "is not UTF-8; charset-normalizer detected"
    )
    matches = list(from_bytes(data))
    if matches:
        best = matches[0]
        tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        likely = [name for m in tied for name in m.could_be_from_charset]
        ordered = [name for name in _PREFERRED if name in likely] + likely
        for name in dict.fromkeys(ordered):
            try:
                text = data.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
            encoding = codecs.lookup(name).name
            return Decoded(text, encoding, f"{where} {encoding}", 0.7, markup=markup_of(text))
    raise InputError(
        f"{source}:{_line_of(data, utf8_error.start)}: not valid UTF-8 (byte "
        f"0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) and no encoding "
        "fits it; give one with --encoding, or convert it first (e.g. `iconv -f cp1252 -t utf-8`)"
    )


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def read_document(text: str, source: str = "<string>", decoded: Decoded | None = None) -> Document:
    """Split ``text`` into numbered lines; record an edit if line endings were not LF,
    and one for the encoding if ``decoded`` says the input was not plain UTF-8.

    >>> [line.text for line in read_document("a\\r\\nb\\rc\\n").lines]
    ['a', 'b', 'c']
    """
    parts = _LINE_BREAK.split(text)
    if parts and parts[-1] == "":
        parts.pop()  # the newline that ends the last line does not start a new one
    lines = tuple(Line(number, part) for number, part in enumerate(parts, start=1))
    edits: list[Edit] = []
    if decoded is not None and decoded.how:
        edits.append(
            Edit(
                "read",
                "encoding",
                ((1, max(len(lines), 1)),),
                decoded.encoding,
                "utf-8",
                f"read as {decoded.encoding}: {decoded.how}",
                decoded.confidence,
            )
        )
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
