"""Everyday use: what a user of pandoc, black or ruff expects of the commands, and one
behaviour from the command line and the Python API."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup
from cleanup.cli import main
from cleanup.manifest import MANIFEST_NAME

from .conftest import RAW, ROOT

ARTICLE = "A Title\n\nA few previ-\nously existing groups attendedthe meeting.\n"
CLEANED = "# A Title\n\nA few previously existing groups attended the meeting.\n"
COMMANDS = ["run", "stages", "jsonl", "diff", "explain", "review", "rules check", "rules show"]


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def article(folder: Path, name: str = "a.txt") -> Path:
    path = folder / name
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# -o PATH: a file for one input, a folder otherwise


def test_one_input_and_an_output_path_write_a_file(tmp_path: Path) -> None:
    source = article(tmp_path)
    code, _out, _err = invoke("run", str(source), "-o", str(tmp_path / "a.md"))
    assert code == 0
    assert (tmp_path / "a.md").is_file()
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == CLEANED
    code, _out, _err = invoke(
        "run", str(source), "-o", str(tmp_path / "deep" / "b.json"), "-f", "json"
    )
    assert code == 0 and json.loads((tmp_path / "deep" / "b.json").read_text())["blocks"]


def test_a_trailing_slash_or_an_existing_folder_makes_it_a_folder(tmp_path: Path) -> None:
    source = article(tmp_path)
    assert invoke("run", str(source), "-o", f"{tmp_path / 'new'}/")[0] == 0
    assert (tmp_path / "new" / "a.txt").read_text(encoding="utf-8") == CLEANED
    (tmp_path / "old").mkdir()
    assert invoke("run", str(source), "-o", str(tmp_path / "old"))[0] == 0
    assert (tmp_path / "old" / "a.txt").read_text(encoding="utf-8") == CLEANED


def test_a_folder_of_one_file_and_suffix(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    article(raw)
    assert invoke("run", str(raw), "-o", str(tmp_path / "out"))[0] == 0
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert invoke("run", str(raw), "-o", str(tmp_path / "md"), "--suffix", ".md")[0] == 0
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == [MANIFEST_NAME, "a.md"]


def test_jsonl_output_into_a_folder_takes_the_input_name(tmp_path: Path) -> None:
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    assert invoke("jsonl", str(source), "-o", f"{tmp_path / 'out'}/")[0] == 0
    written = json.loads((tmp_path / "out" / "pages.jsonl").read_text(encoding="utf-8"))
    assert written == {"text": CLEANED.removesuffix("\n")}


# One behaviour from the CLI and the API


def test_the_api_applies_the_source_rule_files_the_cli_applies() -> None:
    journal = RAW[0]  # the journal issue: rules/kites.toml matches its running head
    text = journal.read_text(encoding="utf-8")
    expected = (ROOT / "clean" / journal.name).read_text(encoding="utf-8")
    assert cleanup.clean(text) == expected
    assert cleanup.clean_batch([{"text": text}])[0]["text"] == expected.removesuffix("\n")
    default_only = cleanup.clean(text, rules=cleanup.load_rules([]))
    assert default_only != expected  # the source rule file makes a difference here


def test_a_rules_dir_argument_chooses_the_source_rule_files(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(
        '[source]\npaths = ["*.site"]\n\n[pipeline]\ndisabled = ["glued_words"]\n',
        encoding="utf-8",
    )
    text = "They attendedthe meeting.\n"
    assert cleanup.clean(text, source="x.site", rules_dir=tmp_path) == text
    assert cleanup.clean(text, source="x.txt", rules_dir=tmp_path) == "They attended the meeting.\n"


def test_the_edit_log_has_one_shape_everywhere(tmp_path: Path) -> None:
    source = article(tmp_path)
    _code, out, _err = invoke("run", str(source), "-f", "json")
    from_run = json.loads(out)["edits"]
    records = tmp_path / "a.jsonl"
    records.write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    _code, out, _err = invoke("jsonl", str(records), "--edits-field", "edits")
    from_jsonl = json.loads(out)["edits"]
    from_batch = cleanup.clean_batch([{"text": ARTICLE}], edits_field="edits")[0]["edits"]
    from_record = cleanup.clean_record({"text": ARTICLE}, "text", edits_field="edits").record
    assert isinstance(from_batch, list) and from_batch
    assert from_run == from_jsonl == from_batch == from_record["edits"]


def test_the_rules_layer_imports_no_stage() -> None:
    tree = ast.parse((ROOT / "cleanup" / "rules.py").read_text(encoding="utf-8"))
    imported = [
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert not [name for name in imported if name.split(".")[0] in ("pipeline", "stages")]


def test_an_installed_wheel_cleans_as_the_checkout_does(tmp_path: Path) -> None:
    """The wheel carries the rules (default and source rule files), and the package
    installed from it finds them with no environment variable set."""
    import os
    import subprocess
    import sys
    import zipfile

    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", str(ROOT), "--no-deps",
         "--no-build-isolation", "-w", str(tmp_path / "wheel")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "wheel").glob("cleanup-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for rule_file in (ROOT / "rules").glob("*.toml"):
        assert f"cleanup/_rules/{rule_file.name}" in names
    zipfile.ZipFile(wheel).extractall(tmp_path / "installed")
    journal = RAW[0]
    script = (
        "import sys, cleanup; sys.stderr.write(cleanup.__file__); "
        "sys.stdout.write(cleanup.clean(open(sys.argv[1], encoding='utf-8').read()))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "CLEANUP_RULES_DIR"}
    environment["PYTHONPATH"] = str(tmp_path / "installed")
    done = subprocess.run(
        [sys.executable, "-c", script, str(journal)],
        capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(str(tmp_path / "installed"))  # the wheel's package
    assert done.stdout == (ROOT / "clean" / journal.name).read_text(encoding="utf-8")


# Exit codes, checks and errors


def test_exit_codes_are_one_table_in_every_command() -> None:
    tables = set()
    for command in COMMANDS:
        code, out, _err = invoke(*command.split(), "--help")
        assert code == 0, command
        table = out[out.index("Exit codes:") :]
        assert "130" in table and "interrupted" in table, command
        tables.add(table)
    assert len(tables) == 1


def test_a_missing_file_is_a_usage_error_for_every_command(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    for args in (
        ["run", missing],
        ["jsonl", missing],
        ["diff", missing],
        ["explain", missing, "-l", "1"],
        ["review", missing],
        ["rules", "show", missing],
    ):
        code, _out, err = invoke(*args)
        assert code == 2, (args, err)
        assert "missing.txt" in err, args


def test_rule_values_out_of_range_are_refused(tmp_path: Path) -> None:
    source = article(tmp_path)
    code, _out, err = invoke("run", str(source), "--set", "pages.min_repeats=-5")
    assert code == 2
    assert "--set pages.min_repeats: expected at least 2, got -5 (the default: 3)" in err
    code, _out, err = invoke("run", str(source), "--set", "hyphens.join_zipf=12")
    assert code == 2 and "expected between 0 and 8, got 12.0" in err


def test_every_number_a_rule_file_sets_has_a_range() -> None:
    import dataclasses

    from cleanup.rules import NOT_SECTIONS, RANGES, Rules

    for section in dataclasses.fields(Rules):
        if section.name in NOT_SECTIONS:
            continue
        for key in dataclasses.fields(section.default_factory()):  # type: ignore[misc]
            if key.type in ("int", "float"):
                assert (section.name, key.name) in RANGES, (section.name, key.name)


def test_an_html_page_is_cleaned_with_a_warning_saying_what_to_do(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html>\n<html><body><p>Words.</p></body></html>\n")
    code, _out, err = invoke("run", str(page))
    assert code == 0
    assert f"cleanup: warning: {page}: this is an HTML page, not its text" in err
    assert "html2text FILE" in err
    prose = article(tmp_path, "about.txt")
    assert invoke("run", str(prose))[2] == ""  # a text that mentions tags is text


# The same options on every command


@pytest.mark.parametrize(
    "option", ["--encoding", "--debug", "--rules", "--set", "--rules-dir", "--stage"]
)
def test_options_that_mean_the_same_are_on_every_command_that_reads_inputs(option: str) -> None:
    for command in ("run", "jsonl", "diff", "explain", "review", "rules show"):
        _code, out, _err = invoke(*command.split(), "--help")
        assert f"{option} " in out or f"{option}," in out or f"{option}\n" in out, command


def test_explain_takes_the_display_options_diff_takes(tmp_path: Path) -> None:
    source = article(tmp_path)
    for command in (["diff", str(source)], ["explain", str(source), "-l", "3"]):
        code, out, err = invoke(*command, "--no-color", "--no-pager", "--width", "60")
        assert (code, err) == (0, ""), command
        assert "\x1b[" not in out
    code, out, _err = invoke("explain", str(source), "-l", "3", "--color", "--no-pager")
    assert code == 0 and "\x1b[" in out


def test_jsonl_keeps_bad_records_as_they_were_when_asked(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"text": ARTICLE}), "not json", json.dumps({"id": 3})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = invoke("jsonl", str(source), "--on-error", "keep", "--edits-field", "e")
    assert code == 1
    written = out.splitlines()
    assert json.loads(written[0])["text"] == CLEANED.removesuffix("\n")
    assert written[1] == "not json"
    assert json.loads(written[2]) == {"id": 3, "e": None}
    assert f"{source}:3: no field 'text' (fields: id) (kept as it was)" in err
    assert "2 bad record(s) kept as they were" in err


def test_jsonl_reads_another_encoding_when_told(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        json.dumps({"text": "Caf\u00e9 prices rose."}, ensure_ascii=False).encode("cp1252") + b"\n"
    )
    code, _out, err = invoke("jsonl", str(source))
    assert code == 1 and "not UTF-8" in err and "--encoding" in err
    code, out, _err = invoke("jsonl", str(source), "--encoding", "cp1252")
    assert code == 0 and json.loads(out)["text"] == "Caf\u00e9 prices rose."


# --check, --include, --exclude


def test_check_writes_nothing_and_says_what_would_change(tmp_path: Path) -> None:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    article(raw, "a.txt")
    article(raw, "b.txt")
    assert invoke("run", str(raw), "-o", str(clean))[0] == 0
    code, _out, err = invoke("run", str(raw), "-o", str(clean), "--check")
    assert code == 0 and "all outputs are up to date" in err
    (clean / "b.txt").write_text("edited by hand\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in clean.iterdir()}
    code, _out, err = invoke("run", str(raw), "-o", str(clean), "--check", "--force")
    assert code == 1
    assert f"would change: 1 output(s)\n  {clean / 'b.txt'} (from {raw / 'b.txt'})" in err
    assert {p.name: p.read_bytes() for p in clean.iterdir()} == before
    code, _out, err = invoke("run", str(raw), "-o", str(tmp_path / "none"), "--check")
    assert code == 1 and not (tmp_path / "none").exists()
    code, _out, err = invoke("run", str(raw / "a.txt"), "--check")
    assert code == 2 and "--check compares with the outputs" in err


def test_jsonl_check(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert invoke("jsonl", str(source), "-o", str(out))[0] == 0
    assert invoke("jsonl", str(source), "-o", str(out), "--check", "--force")[0] == 0
    out.write_text("{}\n", encoding="utf-8")
    code, _out, err = invoke("jsonl", str(source), "-o", str(out), "--check", "--force")
    assert code == 1 and f"would change: {out}" in err
    assert out.read_text(encoding="utf-8") == "{}\n"


def test_include_and_exclude_choose_the_files_of_a_folder(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "drafts").mkdir(parents=True)
    for name in ("a.txt", "b.md", "drafts/c.txt"):
        article(raw, name)
    out = tmp_path / "out"
    code, _out, err = invoke(
        "run", str(raw), "-o", str(out), "--include", "*.txt", "--exclude", "drafts/*"
    )
    assert code == 0, err
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        MANIFEST_NAME,
        "a.txt",
    ]


# cleanup diff knows the format of the clean file


@pytest.mark.parametrize("fmt", ["md", "text", "json"])
def test_diff_compares_a_clean_file_in_the_format_it_was_made(tmp_path: Path, fmt: str) -> None:
    source = article(tmp_path)
    clean = tmp_path / f"a.{fmt}"
    assert invoke("run", str(source), "-f", fmt, "-o", str(clean))[0] == 0
    code, out, _err = invoke("diff", str(source), str(clean), "--no-pager")
    assert code == 0 and "stale" not in out, out
    clean.write_text(clean.read_text(encoding="utf-8").replace("meeting", "meting"))
    _code, out, _err = invoke("diff", str(source), str(clean), "--no-pager")
    assert f"note: {clean} is stale" in out and f"(--format {fmt})" in out
    again = f"`cleanup run {source} -o {clean}" + ("`" if fmt == "md" else f" --format {fmt}`")
    assert again in out


def test_a_large_single_file_shows_its_stages_and_ends_with_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cleanup.cli.run as run_module

    source = article(tmp_path)
    code, out, err = invoke("run", str(source))
    assert (code, out, err) == (0, CLEANED, "")  # a small file: the clean text alone
    monkeypatch.setattr(run_module, "LARGE_INPUT", 10)
    code, out, err = invoke("run", str(source))
    assert (code, out) == (0, CLEANED)
    assert err.startswith("cleaned 1 file(s), 0.00 MB in ")
    assert "edits: hyphens 1, reflow 1, headings 1, glued_words 1" in err
    monkeypatch.setattr(run_module, "_stderr_is_terminal", lambda: True)  # as on a terminal
    code, out, err = invoke("run", str(source))
    assert (code, out) == (0, CLEANED)
    assert f"\rcleaning {source} (0.0 MB): stage 1 of 14, encoding" in err
    assert "stage 14 of 14, side_text" in err
    code, out, err = invoke("run", str(source), "-q")
    assert (code, out, err) == (0, CLEANED, "")


@pytest.mark.parametrize(
    "command", [["jsonl", "-"], ["explain", "FILE", "-l", "1"], ["rules", "show", "FILE"]]
)
def test_ctrl_c_exits_130_from_every_command(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cleanup.cli.common
    import cleanup.records

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cleanup.records, "process", interrupted)  # jsonl's records
    monkeypatch.setattr(cleanup.cli.common, "decode", interrupted)  # explain's, rules show's input
    source = str(article(tmp_path))
    args = [source if word == "FILE" else word for word in command]
    code, _out, err = invoke(*args, stdin=json.dumps({"text": ARTICLE}).encode() + b"\n")
    assert (code, err.splitlines()[-1]) == (130, "cleanup: interrupted"), (args, err)
