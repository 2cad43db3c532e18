"""The command line: files, folders, stdin, formats, errors and exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.manifest import MANIFEST_NAME

ARTICLE = "A Title\n\nA few previ-\nously existing groups attendedthe meeting.\n"


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_single_file_to_stdout(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    code, out, _err = invoke("run", str(source))
    assert code == 0
    assert out == "# A Title\n\nA few previously existing groups attended the meeting.\n"


def test_stdin_to_stdout_as_a_filter() -> None:
    code, out, err = invoke("run", "-", "--format", "text", stdin=ARTICLE.encode())
    assert (code, err) == (0, "")
    assert out == "A Title\n\nA few previously existing groups attended the meeting.\n"


def test_folder_to_folder_keeps_names_and_reports(tmp_path: Path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    (raw / "sub").mkdir(parents=True)
    (raw / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "sub" / "two.txt").write_text("Just one line.\n", encoding="utf-8")
    (raw / ".hidden").write_text("skipped\n", encoding="utf-8")
    code, _out, err = invoke("run", str(raw), "-o", str(clean))
    assert code == 0
    assert sorted(p.relative_to(clean).as_posix() for p in clean.rglob("*")) == [
        MANIFEST_NAME,
        "one.txt",
        "sub",
        "sub/two.txt",
    ]
    assert (clean / "sub" / "two.txt").read_text(encoding="utf-8") == "Just one line.\n"
    assert "cleaned 2 file(s)" in err
    assert "hyphens 1" in err and "glued_words 1" in err


def test_json_format_follows_the_contract(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE + "\nRecent Articles\n", encoding="utf-8")
    code, out, _err = invoke("run", str(source), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["source", "blocks", "removed", "edits"]
    assert data["source"] == str(source)
    assert data["blocks"][0] == {
        "kind": "heading",
        "text": "A Title",
        "lines": [[1, 1]],
        "level": 1,
    }
    assert data["blocks"][1]["kind"] == "paragraph" and data["blocks"][1]["lines"] == [[3, 4]]
    assert data["removed"] == [
        {"kind": "boilerplate", "text": "Recent Articles", "lines": [[6, 6]]}
    ]
    stages = {e["stage"] for e in data["edits"]}
    assert stages == {"boilerplate", "hyphens", "reflow", "headings", "glued_words"}
    for edit in data["edits"]:
        assert set(edit) == {"stage", "rule", "lines", "before", "after", "reason", "confidence"}


def test_json_files_get_a_json_suffix(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, _out, _err = invoke(
        "run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "json"
    )
    assert code == 0
    assert (tmp_path / "out" / "a.json").exists()


def test_missing_path_is_a_usage_error() -> None:
    code, _out, err = invoke("run", "no/such/file.txt")
    assert code == 2
    assert "no/such/file.txt: no such file or folder" in err


def test_several_files_need_an_output_folder(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    code, _out, err = invoke("run", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 2
    assert "give an output folder with -o DIR" in err


def test_bad_file_in_a_folder_fails_alone(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "paper.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (raw / "latin1.txt").write_bytes("caf\xe9\n".encode("latin-1"))
    code, _out, err = invoke("run", str(raw), "-o", str(tmp_path / "clean"))
    assert code == 1
    assert (tmp_path / "clean" / "good.txt").exists()
    assert f"failed: {raw / 'paper.pdf'}: this is a PDF, not text: extract its text first" in err
    # Not UTF-8 is no failure: the file is read in the detected encoding, with a warning.
    assert f"warning: {raw / 'latin1.txt'}: byte 0xe9 on line 1 is not UTF-8" in err
    assert (tmp_path / "clean" / "latin1.txt").read_text(encoding="utf-8") == "café\n"


def test_stdin_error_goes_to_stderr_only() -> None:
    code, out, err = invoke("run", "-", stdin=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert (code, out) == (1, "")
    assert err == (
        "cleanup: <stdin>: this is a PDF, not text: extract its text first "
        "(e.g. `pdftotext FILE.pdf`)\n"
    )


def test_invalid_rule_file_is_reported_with_its_line(tmp_path: Path) -> None:
    rules = tmp_path / "bad.toml"
    rules.write_text("[hyphens]\njoin_zipf = 3.0\nkeep_befor = []\n", encoding="utf-8")
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    code, _out, err = invoke("run", str(source), "--rules", str(rules))
    assert code == 2
    assert f"{rules}:3: [hyphens] keep_befor: unknown key" in err


def test_help_documents_exit_codes() -> None:
    code, out, _err = invoke("run", "--help")
    assert code == 0
    assert "Exit codes:" in out and "some inputs failed" in out


def test_stages_lists_every_stage() -> None:
    from cleanup.pipeline import STAGE_NAMES

    code, out, _err = invoke("stages")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["stage", "runs", "what", "it", "fixes"]
    assert [row.split()[0] for row in rows] == list(STAGE_NAMES)
    assert all(row.split()[1] == "yes" for row in rows)
    code, out, _err = invoke("stages", "--set", 'pipeline.disabled=["glued_words"]')
    assert out.splitlines()[-1].split()[:3] == ["glued_words", "no:", "disabled"]


def test_main_help_lists_every_command_and_the_cache_folder() -> None:
    # Commands are imported lazily; help still lists each with its summary.
    code, out, _err = invoke("--help")
    assert code == 0
    for command in ["run", "stages", "jsonl", "diff", "explain", "review", "rules"]:
        assert f"\n  {command} " in out, command
    assert "Clean PATHS" in out and "CLEANUP_CACHE_DIR" in out


def test_engine_errors_are_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    code, _out, err = invoke("run", str(source), "--address", "auto")
    assert code == 2 and "Error: --address is for --engine ray" in err
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for command in (["run", str(folder), "-o", str(tmp_path / "out")], ["jsonl", "-"]):
        code, _out, err = invoke(*command, "--engine", "ray", stdin=b'{"text": "x"}\n')
        assert (code, err) == (1, "cleanup: the ray engine needs Ray: pip install 'cleanup[ray]'\n")
