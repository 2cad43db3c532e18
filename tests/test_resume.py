"""A folder run records how each output was made (the manifest), and a rerun cleans
only what is not up to date: an interrupted archive run goes on where it stopped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.manifest import MANIFEST_NAME, read_manifest

PARAGRAPH = "A few previ-\nously existing groups attendedthe meeting.\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["run", *args])
    return result.exit_code, result.stderr


def counts(err: str) -> tuple[int, int]:
    """(files cleaned, files skipped as up to date) from a run's summary."""
    cleaned = re.search(r"cleaned (\d+) file", err)
    skipped = re.search(r"up to date, skipped: (\d+) file", err)
    assert cleaned is not None, err
    return int(cleaned.group(1)), int(skipped.group(1)) if skipped else 0


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path]:
    raw, clean = tmp_path / "raw", tmp_path / "clean"
    (raw / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        (raw / name).write_text(f"{name}\n\n{PARAGRAPH}", encoding="utf-8")
    code, err = run(str(raw), "-o", str(clean))
    assert (code, counts(err)) == (0, (3, 0))
    return raw, clean


def test_a_second_run_skips_every_output_that_is_up_to_date(folders: tuple[Path, Path]) -> None:
    raw, clean = folders
    before = {path: path.stat().st_mtime_ns for path in clean.rglob("*.txt")}
    code, err = run(str(raw), "-o", str(clean))
    assert (code, counts(err)) == (0, (0, 3))
    assert "--force cleans them again" in err
    assert {path: path.stat().st_mtime_ns for path in clean.rglob("*.txt")} == before
    code, err = run(str(raw), "-o", str(clean), "--force")
    assert (code, counts(err)) == (0, (3, 0))


def test_what_changed_is_cleaned_again(folders: tuple[Path, Path]) -> None:
    raw, clean = folders
    (raw / "a.txt").write_text("A changed input.\n", encoding="utf-8")  # a new key
    (clean / "b.txt").unlink()  # a missing output
    (clean / "sub" / "c.txt").write_text("edited by hand\n", encoding="utf-8")  # not ours
    code, err = run(str(raw), "-o", str(clean))
    assert (code, counts(err)) == (0, (3, 0))
    assert (clean / "a.txt").read_text(encoding="utf-8") == "A changed input.\n"
    assert (clean / "b.txt").exists()
    assert (clean / "sub" / "c.txt").read_text(encoding="utf-8").startswith("sub/c.txt\n\nA few")


@pytest.mark.parametrize(
    "changed",
    [
        ["--set", "glued_words.max_length=40"],  # other rules
        ["--encoding", "utf-8"],  # another encoding option
    ],
)
def test_other_settings_make_every_output_stale(
    folders: tuple[Path, Path], changed: list[str]
) -> None:
    raw, clean = folders
    code, err = run(str(raw), "-o", str(clean), *changed)
    assert (code, counts(err)) == (0, (3, 0))


def test_a_line_cut_short_by_a_killed_run_is_passed_over(folders: tuple[Path, Path]) -> None:
    raw, clean = folders
    manifest = clean / MANIFEST_NAME
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 3
    manifest.write_text("".join(lines[:2]) + lines[2][:40], encoding="utf-8")  # no newline
    code, err = run(str(raw), "-o", str(clean))
    assert (code, counts(err)) == (0, (1, 2))
    assert manifest.read_text(encoding="utf-8") == "".join(lines)  # rewritten whole


def test_a_writer_killed_mid_file_leaves_no_temporary_file(folders: tuple[Path, Path]) -> None:
    """A worker killed outright (SIGKILL) cannot remove its temporary file; the run
    that finishes the outputs does, and only files of that shape beside its outputs."""
    raw, clean = folders
    left = clean / "sub" / ".c.txt.k3x9q0ab.cleanup-partial"  # what the writer names it
    left.write_text("half a", encoding="utf-8")
    mine = clean / ".notes.cleanup-partial.txt"  # the user's, not ours
    mine.write_text("keep", encoding="utf-8")
    code, err = run(str(raw), "-o", str(clean), "--force")
    assert (code, counts(err)) == (0, (3, 0))
    assert not left.exists()
    assert mine.read_text(encoding="utf-8") == "keep"


def test_the_manifest_names_each_output_once_in_order(folders: tuple[Path, Path]) -> None:
    raw, clean = folders
    run(str(raw), "-o", str(clean), "--force")
    entries = read_manifest(clean)
    assert list(entries) == ["a.txt", "b.txt", "sub/c.txt"]
    assert len((clean / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()) == 3
    assert all(len(entry.key) == 64 == len(entry.output_sha256) for entry in entries.values())


def test_a_finished_json_lines_output_is_skipped_when_run_again(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out" / "clean.jsonl"
    source.write_text('{"text": "we attendedthe talk"}\n', encoding="utf-8")

    def jsonl(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["jsonl", str(source), "-o", str(target), *args])
        return result.exit_code, result.stderr

    code, err = jsonl()
    assert code == 0 and err.startswith("cleaned 1 record(s)")
    code, err = jsonl()
    assert (code, err) == (
        0,
        f"up to date, skipped: {target} (same input, rules and version as when it was "
        "written; --force cleans it again)\n",
    )
    for args in (["--force"], ["--format", "text"], ["--field", "text", "--edits-field", "e"]):
        code, err = jsonl(*args)
        assert code == 0 and err.startswith("cleaned 1 record(s)"), args
    source.write_text('{"text": "we attendedthe talk"}\n{"text": null}\n', encoding="utf-8")
    for _ in range(2):  # bad records left out: not recorded, so said again each time
        code, err = jsonl("--on-error", "skip")
        assert code == 1 and "line 2" not in err and "in.jsonl:2: field 'text'" in err
    assert json.loads(target.read_text(encoding="utf-8")) == {"text": "we attended the talk"}
