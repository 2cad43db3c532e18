"""Bad and unusual input gets a clear answer: each case with its exact message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup
from cleanup.cli import main
from cleanup.manifest import MANIFEST_NAME

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
        "this is a PDF, not text: extract its text first (e.g. `pdftotext FILE.pdf`)",
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
    assert sorted(path.name for path in clean.iterdir()) == [MANIFEST_NAME, "article.txt"]
    lines = err.splitlines()
    assert lines[0].startswith("cleaned 1 file(s), 0.00 MB in ")
    assert lines[0].endswith(f"; {len(NOT_TEXT)} failed")
    failed = sorted(line for line in lines if line.startswith("failed: "))
    expected = sorted(f"failed: {raw / name}: {message}" for name, _data, message in NOT_TEXT)
    assert failed == expected


def test_nul_characters_inside_utf8_text_are_removed_with_a_warning(tmp_path: Path) -> None:
    # PyMuPDF writes a NUL for some glyphs it cannot map; the rest is good UTF-8.
    text = PARAGRAPH.replace("evening", "eve\x00ning") * 3
    path = write(tmp_path, "nul.txt", text.encode())
    code, out, err = invoke("run", str(path))
    assert (code, out) == (0, PARAGRAPH.strip() + " " + PARAGRAPH.strip() + " " + PARAGRAPH)
    assert err == (
        f"cleanup: warning: {path}: 3 NUL character(s) inside the text, removed (see the "
        "encoding stage's edits)\n"
    )
    edits = [e for e in cleanup.process_bytes(text.encode()).edits if "\x00" in e.before]
    assert [(e.stage, e.lines) for e in edits] == [("encoding", ((n, n),)) for n in (1, 2, 3)]


def test_a_text_that_begins_like_a_pdf_is_text(tmp_path: Path) -> None:
    # The first page of a manual about PDF prints a listing; its text is still text.
    text = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n\n" + PARAGRAPH
    path = write(tmp_path, "manual.txt", text.encode())
    code, out, err = invoke("run", str(path), "--format", "text")
    assert (code, err) == (0, "")
    assert out.endswith(PARAGRAPH)
    # A whole PDF with no binary bytes is still refused: it ends like one.
    pdf = b"%PDF-1.1\n1 0 obj << >> endobj\ntrailer << >>\nstartxref\n9\n%%EOF\n"
    path = write(tmp_path, "plain.pdf", pdf)
    assert invoke("run", str(path))[0] == 1


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


def usage_error(err: str) -> str:
    """The message of a click usage error (its last line)."""
    return err.strip().splitlines()[-1]


def test_an_unreadable_file_is_named_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    good, locked = write(raw, "good.txt", PARAGRAPH.encode()), write(raw, "locked.txt", b"x")
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:  # chmod 000 does not stop root, who runs CI
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert invoke("run", str(locked)) == (
        1,
        "",
        f"cleanup: {locked}: cannot read (Permission denied)\n",
    )
    code, _out, err = invoke("run", str(raw), "-o", str(tmp_path / "clean"), "-j", "1")
    assert code == 1
    assert f"failed: {locked}: cannot read (Permission denied)" in err.splitlines()
    assert (tmp_path / "clean" / good.name).exists()


def test_an_output_folder_that_cannot_be_written_is_refused_first(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", PARAGRAPH.encode())
    blocker = write(tmp_path, "not-a-folder", b"")
    # A trailing slash: -o names a folder, even for one input.
    code, _out, err = invoke("run", str(tmp_path / "a.txt"), "-o", f"{blocker / 'clean'}/")
    assert (code, err) == (
        1,
        f"cleanup: {blocker / 'clean'}: cannot write to the output folder (Not a directory)\n",
    )


def test_a_file_that_cannot_be_written_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cleanup.files as run_module

    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    write(raw, "a.txt", PARAGRAPH.encode())
    write(raw, "b.txt", PARAGRAPH.encode())
    real_atomic = run_module.atomic_file

    def atomic_file(path: Path):  # type: ignore[no-untyped-def]
        if path.name == "b.txt":
            raise OSError(28, "No space left on device", str(path))
        return real_atomic(path)

    monkeypatch.setattr(run_module, "atomic_file", atomic_file)
    code, _out, err = invoke("run", str(raw), "-o", str(clean), "-j", "1")
    assert code == 1
    assert f"failed: {clean / 'b.txt'}: cannot write (No space left on device)" in err
    assert sorted(path.name for path in clean.iterdir()) == [MANIFEST_NAME, "a.txt"]


def test_an_output_folder_inside_the_input_folder_is_refused(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write(raw, "a.txt", PARAGRAPH.encode())
    code, _out, err = invoke("run", str(raw), "-o", str(raw / "clean"))
    assert code == 2
    assert usage_error(err) == (
        f"Error: the output folder {raw / 'clean'} is inside the input folder {raw}: the "
        "clean files would be read as inputs next time; choose a folder outside it"
    )
    assert not (raw / "clean").exists()
    code, _out, err = invoke("run", str(raw / "a.txt"), "-o", str(raw))
    assert (code, usage_error(err)) == (
        2,
        f"Error: {raw / 'a.txt'} would be overwritten by its own output",
    )
    assert (raw / "a.txt").read_bytes() == PARAGRAPH.encode()


def test_the_same_file_twice_and_two_files_for_one_output_are_refused(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    a = write(first, "a.txt", PARAGRAPH.encode())
    write(second, "a.txt", PARAGRAPH.encode())
    out = tmp_path / "clean"
    roundabout = first / ".." / "one" / "a.txt"
    code, _out, err = invoke("run", str(roundabout), str(first), "-o", str(out))
    assert (code, usage_error(err)) == (
        2,
        f"Error: {first / 'a.txt'} is given twice (also as {roundabout})",
    )
    code, _out, err = invoke("run", str(a), str(a), "-o", str(out))
    assert (code, usage_error(err)) == (2, f"Error: {a} is given twice")
    code, _out, err = invoke("run", str(first), str(second), "-o", str(out))
    assert (code, usage_error(err)) == (
        2,
        f"Error: {a} and {second / 'a.txt'} would both be written to {out / 'a.txt'}; "
        "clean them in separate runs",
    )
    assert not out.exists()


def test_symbolic_link_loops_and_broken_links_are_named(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    write(raw / "sub", "a.txt", PARAGRAPH.encode())
    (raw / "sub" / "back").symlink_to(raw)  # a folder loop
    (raw / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    code, _out, err = invoke("run", str(raw), "-o", str(tmp_path / "clean"))
    assert code == 1
    assert err.splitlines()[-2:] == [
        f"failed: {raw / 'gone.txt'}: a symbolic link to {tmp_path / 'nowhere.txt'}, "
        "which does not exist",
        f"failed: {raw / 'sub' / 'back'}: a symbolic link back to a folder already read",
    ]
    assert (tmp_path / "clean" / "sub" / "a.txt").exists()
    code, _out, err = invoke("run", str(tmp_path / "l1"))
    assert (code, usage_error(err)) == (
        2,
        f"Error: {tmp_path / 'l1'}: a loop of symbolic links (it never reaches a file)",
    )


def test_an_internal_error_is_one_line_unless_debug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cleanup.cli.run as run_module
    import cleanup.files as files_module

    def broken(*args: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(run_module, "clean_decoded", broken)  # a file to stdout
    monkeypatch.setattr(files_module, "clean_decoded", broken)  # files into a folder
    raw = tmp_path / "raw"
    raw.mkdir()
    path = write(raw, "a.txt", PARAGRAPH.encode())
    assert invoke("run", str(path)) == (
        1,
        "",
        f"cleanup: {path}: internal error (ZeroDivisionError: division by zero); rerun "
        "with --debug for the traceback, and please report it\n",
    )
    code, _out, err = invoke("run", str(raw), "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 1 and "internal error (ZeroDivisionError" in err
    result = CliRunner().invoke(main, ["run", str(path), "--debug"])
    assert isinstance(result.exception, ZeroDivisionError)  # the traceback is shown


def test_review_commands_read_encodings_as_run_does(tmp_path: Path) -> None:
    path = write(tmp_path, "old.txt", CP1252.encode("cp1252"))
    result = CliRunner().invoke(main, ["explain", str(path), "-l", "1"])
    assert result.exit_code == 0
    assert result.stderr.startswith(f"cleanup: warning: {path}: byte 0x93 on line 1")
    assert "caf\u00e9" in result.stdout
    result = CliRunner().invoke(main, ["diff", str(path), "--encoding", "cp1252", "--no-pager"])
    assert (result.exit_code, result.stderr) == (0, "")
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["review", str(path), "-o", str(out), "-e", "cp1252"])
    assert result.exit_code == 0, result.output
    assert "caf\u00e9" in next((out / "files").iterdir()).read_text(encoding="utf-8")
