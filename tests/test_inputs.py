"""Bad and unusual input gets a clear answer: each case with its exact message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup
from cleanup.cli import main

PARAGRAPH = "The delegates met in the evening and talked until late at night.\n"


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data", [b"", b"   \n\n\t \n", b"\n", b"\xef\xbb\xbf"])
def test_empty_and_blank_files_give_empty_output(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "blank.txt", data)
    assert invoke("run", str(path)) == (0, "", "")
    assert invoke("run", str(path), "--format", "text") == (0, "", "")
    code, out, _err = invoke("run", str(path), "--format", "json")
    assert code == 0 and json.loads(out)["blocks"] == []


NOT_TEXT = [
    (
        "paper.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        "this is a PDF, not text: extract its text first (e.g. `pdftotext -layout FILE.pdf`)",
    ),
    (
        "scan.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "this is a PNG image, not text: OCR it first (e.g. `tesseract FILE out`)",
    ),
    (
        "scan.jpg",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        "this is a JPEG image, not text: OCR it first (e.g. `tesseract FILE out`)",
    ),
    (
        "scan.gif",
        b"GIF89a\x01\x00\x01\x00",
        "this is a GIF image, not text: OCR it first (e.g. `tesseract FILE out`)",
    ),
    (
        "scan.tif",
        b"II*\x00\x08\x00\x00\x00",
        "this is a TIFF image, not text: OCR it first (e.g. `tesseract FILE out`)",
    ),
    (
        "book.epub",
        b"PK\x03\x04\x14\x00\x00\x00",
        "this is a ZIP archive (a .docx, .epub or .odt is one), not text: extract its "
        "text first (e.g. `pandoc FILE -t plain`)",
    ),
    (
        "text.txt.gz",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        "this is gzip-compressed: decompress it first (e.g. `gunzip FILE`)",
    ),
    (
        "data.bin",
        b"ELF\x02\x01\x01\x00\x00\x00\x00",
        "this looks like a binary file (it contains NUL bytes); if it is UTF-16 text "
        "without a byte order mark, give --encoding utf-16-le (or -be)",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), NOT_TEXT)
def test_a_binary_file_is_refused_with_what_it_is(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = write(tmp_path, name, data)
    assert invoke("run", str(path)) == (1, "", f"cleanup: {path}: {message}\n")


def test_binary_files_in_a_folder_are_skipped_and_reported(tmp_path: Path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    write(raw, "article.txt", PARAGRAPH.encode())
    for name, data, _message in NOT_TEXT:
        write(raw, name, data)
    code, _out, err = invoke("run", str(raw), "-o", str(clean))
    assert code == 1
    assert [path.name for path in clean.iterdir()] == ["article.txt"]
    lines = err.splitlines()
    assert lines[0].startswith("cleaned 1 file(s), 0.00 MB in ")
    assert lines[0].endswith(f"; {len(NOT_TEXT)} failed")
    failed = sorted(line for line in lines if line.startswith("failed: "))
    expected = sorted(f"failed: {raw / name}: {message}" for name, _data, message in NOT_TEXT)
    assert failed == expected


CP1252 = "He said \u201cno\u201d \u2014 the caf\u00e9\u2019s na\u00efve r\u00e9sum\u00e9.\n"


def test_cp1252_is_detected_decoded_and_recorded(tmp_path: Path) -> None:
    path = write(tmp_path, "old.txt", CP1252.encode("cp1252"))
    code, out, err = invoke("run", str(path), "--format", "json")
    assert code == 0
    assert err == (
        f"cleanup: warning: {path}: byte 0x93 on line 1 is not UTF-8; charset-normalizer "
        "detected cp1252; if that is wrong, give --encoding\n"
    )
    result = json.loads(out)
    assert result["blocks"][0]["text"] == CP1252.strip()
    edit = result["edits"][0]
    assert (edit["stage"], edit["rule"], edit["before"], edit["after"]) == (
        "read",
        "encoding",
        "cp1252",
        "utf-8",
    )
    assert edit["reason"] == (
        "read as cp1252: byte 0x93 on line 1 is not UTF-8; charset-normalizer detected cp1252"
    )
    assert edit["confidence"] < 0.75  # doubtful: `cleanup diff --doubtful` lists it


def test_latin1_is_read_as_its_superset_cp1252(tmp_path: Path) -> None:
    text = "Ein sch\u00f6ner Tag f\u00fcr die Stra\u00dfe, sagte der M\u00fcller.\n"
    path = write(tmp_path, "de.txt", text.encode("latin-1"))
    code, out, err = invoke("run", str(path))
    assert (code, out) == (0, text)
    assert "charset-normalizer detected cp1252" in err


def test_a_cyrillic_code_page_is_detected(tmp_path: Path) -> None:
    text = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430? "
    text += "\u042d\u0442\u043e \u0442\u0435\u043a\u0441\u0442 \u043d\u0430 \u0440\u0443\u0441"
    text += "\u0441\u043a\u043e\u043c \u044f\u0437\u044b\u043a\u0435.\n"
    path = write(tmp_path, "ru.txt", text.encode("cp1251"))
    code, out, err = invoke("run", str(path))
    assert (code, out) == (0, text)
    assert "charset-normalizer detected cp1251" in err


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read_without_a_warning(tmp_path: Path, codec: str) -> None:
    data = PARAGRAPH.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path = write(tmp_path, "u16.txt", data)
    assert invoke("run", str(path)) == (0, PARAGRAPH, "")
    edit = cleanup.process_bytes(data).edits[0]
    assert (edit.rule, edit.before, edit.reason, edit.confidence) == (
        "encoding",
        "utf-16",
        "read as utf-16: byte order mark",
        1.0,
    )


def test_encoding_option_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "old.txt", CP1252.encode("cp1252"))
    # Read as latin-1, cp1252's quotes become C1 control characters: the user's call.
    code, out, err = invoke("run", str(path), "--encoding", "cp1252")
    assert (code, out, err) == (0, CP1252, "")
    edit = cleanup.process_bytes(CP1252.encode("cp1252"), encoding="cp1252").edits[0]
    assert (edit.reason, edit.confidence) == ("read as cp1252: given with --encoding", 1.0)
    # UTF-16 without a byte order mark has NUL bytes: readable only when named.
    path = write(tmp_path, "u16.txt", PARAGRAPH.encode("utf-16-le"))
    assert invoke("run", str(path), "-e", "utf-16-le") == (0, PARAGRAPH, "")


def test_a_bad_encoding_option_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "old.txt", CP1252.encode("cp1252"))
    assert invoke("run", str(path), "--encoding", "klingon") == (
        1,
        "",
        f"cleanup: {path}: unknown encoding 'klingon' (use a Python codec name, e.g. "
        "cp1252, latin-1, utf-16)\n",
    )
    path = write(tmp_path, "new.txt", ("line one\n" + CP1252).encode("utf-8"))
    assert invoke("run", str(path), "--encoding", "ascii") == (
        1,
        "",
        f"cleanup: {path}:2: not valid ascii (byte 0xe2 at offset 17)\n",
    )


def test_stdin_in_another_encoding_is_detected_too() -> None:
    code, out, err = invoke("run", "-", stdin=CP1252.encode("cp1252"))
    assert (code, out) == (0, CP1252)
    assert err.startswith("cleanup: warning: <stdin>: byte 0x93 on line 1 is not UTF-8")
