"""The pipeline as a building block: the Pipeline API, custom stages (by import path
and by entry point), stage order in rules, --jobs, and the JSON Lines mode."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup
from cleanup import Document, Pipeline, Rules, StageError
from cleanup.cli import main
from cleanup.manifest import MANIFEST_NAME
from cleanup.pipeline import STAGE_NAMES
from cleanup.rules import RulesError, read_rule_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTES = "The argument of Part iv\ngoes back to Chapter ii of the book.\n"


@pytest.fixture
def example_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """``examples/`` on the import path, as a user's own package would be."""
    monkeypatch.syspath_prepend(str(EXAMPLES))


@pytest.fixture
def installed_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A distribution that declares ``roman_numerals`` as a ``cleanup.stages`` entry
    point, found by importlib.metadata as an installed package would be."""
    site = tmp_path / "site"
    info = site / "mypkg_stages-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mypkg-stages\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[cleanup.stages]\nroman_numerals = mypkg.stages:fix_roman_numerals\n"
    )
    monkeypatch.syspath_prepend(str(EXAMPLES))
    monkeypatch.syspath_prepend(str(site))
    return site


def test_the_default_pipeline_is_the_built_in_order() -> None:
    assert Pipeline.default().names == STAGE_NAMES
    assert Pipeline.for_rules(Rules()).names == STAGE_NAMES


def test_a_custom_stage_function_runs_where_it_is_put() -> None:
    seen: list[bool] = []

    def spy(doc: Document, rules: Rules) -> Document:
        seen.append(doc.in_block_phase)
        return doc

    line_spy = Pipeline.default().with_stage(spy, after="hyphens")
    assert line_spy.names[7:10] == ("hyphens", "spy", "reflow")
    line_spy.process(NOTES)
    Pipeline.default().with_stage(spy).process(NOTES)
    assert seen == [False, True]  # before reflow it sees lines, after it blocks


def test_a_custom_stage_by_import_path(example_package: None) -> None:
    pipeline = Pipeline.default().with_stage("mypkg.stages:fix_roman_numerals")
    result = cleanup.process(NOTES, pipeline=pipeline)
    assert result.render() == "The argument of Part IV goes back to Chapter II of the book.\n"
    [edit] = [e for e in result.edits if e.stage == "fix_roman_numerals"]
    assert edit.reason == "a Roman numeral after a division name is written in capitals"


def test_a_custom_stage_that_loses_words_fails_loudly() -> None:
    def drop_everything(doc: Document, rules: Rules) -> Document:
        return doc.with_blocks((), [])

    with pytest.raises(cleanup.ConservationError, match="words lost"):
        Pipeline.default().with_stage(drop_everything).process(NOTES)


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        (["encoding", "hyphens"], "a pipeline needs the reflow stage exactly once"),
        (["reflow", "reflow"], "a pipeline needs the reflow stage exactly once"),
        (["reflow", "headings", "headings"], "stage(s) listed twice: headings"),
        (["reflow", "hyphen"], "unknown stage 'hyphen'"),
        (["reflow", "nosuchmodule.x:f"], "cannot import 'nosuchmodule.x'"),
        # The stages' contracts: what a stage needs must not come from a later stage.
        (
            ["captions", "pages", "reflow"],
            "stage 'captions' needs 'furniture', which 'pages' provides: put 'captions' "
            "after 'pages'",
        ),
        (["headings", "reflow"], "stage 'headings' works on blocks: it must come after 'reflow'"),
        # The page model is profiled from repaired characters.
        (
            ["pages", "encoding", "reflow"],
            "stage 'pages' needs 'characters', which 'encoding' provides: put 'pages' "
            "after 'encoding'",
        ),
        (["reflow", "hyphens"], "stage 'hyphens' works on lines: it must come before 'reflow'"),
    ],
)
def test_bad_stage_lists_are_refused(stages: list[str], message: str) -> None:
    with pytest.raises(StageError) as caught:
        Pipeline(stages)
    assert message in str(caught.value)


def test_a_rule_file_that_breaks_a_stage_contract_is_refused_by_name(tmp_path: Path) -> None:
    rule_file = tmp_path / "book.toml"
    order = ["encoding", "footnotes", "pages", "captions", "reflow"]
    rule_file.write_text(f"[pipeline]\norder = {json.dumps(order)}\n", encoding="utf-8")
    with pytest.raises(StageError) as caught:
        Pipeline.for_rules(cleanup.load_rules([rule_file]))
    assert str(caught.value) == (
        "stage 'footnotes' needs 'furniture', which 'pages' provides: put 'footnotes' after 'pages'"
    )


def test_a_disabled_stage_leaves_what_it_provides_out_and_the_rest_runs() -> None:
    # Without the pages stage the furniture stays, and the stages that need it run on.
    rules = cleanup.Rules(pipeline=cleanup.rules.PipelineRules(disabled=("pages",)))
    pages = [f"{n}\n\nTHE REVIEW\n\nA line of page {n} that runs on.\n" for n in (3, 4, 5)]
    text = "\f".join(pages)
    assert cleanup.clean(text, rules=rules).count("THE REVIEW") == 3
    assert "THE REVIEW" not in cleanup.clean(text)


def test_stage_order_and_custom_stages_in_a_rule_file(
    tmp_path: Path, example_package: None
) -> None:
    rule_file = tmp_path / "book.toml"
    order = [*STAGE_NAMES[:9], "mypkg.stages:fix_roman_numerals", *STAGE_NAMES[9:]]
    rule_file.write_text(f"[pipeline]\norder = {json.dumps(order)}\n", encoding="utf-8")
    rules = cleanup.load_rules([rule_file])
    assert Pipeline.for_rules(rules).names[9] == "mypkg.stages:fix_roman_numerals"
    assert "Part IV" in cleanup.clean(NOTES, rules=rules)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[pipeline]\norder = ['encoding', 'hyphens']\n", "the order must name 'reflow' once"),
        ("[pipeline]\ndisabled = ['reflow']\n", "'reflow' cannot be disabled"),
        ("[side_text]\ncaptions = 'last'\n", "expected one of 'in_place', 'end', 'drop'"),
    ],
)
def test_pipeline_and_side_text_settings_are_checked(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        read_rule_file(path)
    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)


def test_cli_stage_by_import_path(tmp_path: Path, example_package: None) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["run", str(notes), "--stage", "mypkg.stages:fix_roman_numerals"])
    assert result.exit_code == 0, result.output
    assert result.output == "The argument of Part IV goes back to Chapter II of the book.\n"
    bad = runner.invoke(main, ["run", str(notes), "--stage", "mypkg.stages:fix_romans"])
    assert bad.exit_code == 2
    assert "stage 'mypkg.stages:fix_romans': 'mypkg.stages' has no 'fix_romans'" in bad.output


def test_cli_stage_by_entry_point(tmp_path: Path, installed_entry_point: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["stages"])
    row = listing.output.splitlines()[-1]
    assert row.split()[:2] == ["roman_numerals", "no:"]
    assert "entry point (mypkg-stages)" in row and "Write Roman numerals" in row
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    result = runner.invoke(main, ["run", str(notes), "--stage", "roman_numerals"])
    assert result.exit_code == 0, result.output
    assert "Part IV" in result.output and "Chapter II" in result.output
    with_it = runner.invoke(main, ["stages", "--stage", "roman_numerals"])
    assert with_it.output.splitlines()[-1].split()[:2] == ["roman_numerals", "yes"]


def test_jobs_1_and_2_write_identical_output(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        result = runner.invoke(main, ["run", str(ROOT / "raw"), "-o", str(out), "-j", jobs])
        assert result.exit_code == 0, result.output
        assert f"({jobs} job" in result.output
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]  # the manifests too
    assert len(outputs[0]) == len(list((ROOT / "raw").iterdir())) + 1
    assert MANIFEST_NAME in outputs[0]


def test_folder_summary_names_files_with_doubtful_decisions_and_failures(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A first-\nrate Maria Ros-\nsi text.\n", encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(tmp_path / "out"), "-j", "2"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("cleaned 1 file(s), 0.00 MB in ") and lines[0].endswith(
        "(2 jobs); 1 failed"
    )
    assert "edits: hyphens 2" in lines
    assert any(
        line.startswith(f"doubtful decisions in 1 file(s): {folder / 'a.txt'} (") for line in lines
    )
    assert (
        lines[-1] == f"failed: {folder / 'b.pdf'}: this is a PDF, not text: extract its "
        "text first (e.g. `pdftotext FILE.pdf`)"
    )


# JSON Lines


def jsonl_run(tmp_path: Path, records: list[str], *args: str) -> tuple[int, str, str]:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(f"{r}\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(main, ["jsonl", str(source), *args])
    return result.exit_code, result.stdout, result.stderr


GOOD = json.dumps({"id": 1, "text": "A few previ-\nously existing groups.", "score": 1.5})
OTHER = json.dumps({"id": 2, "text": "One line.", "meta": {"lang": "en", "tags": ["é"]}})


def test_jsonl_cleans_the_field_and_keeps_everything_else(tmp_path: Path) -> None:
    code, out, err = jsonl_run(tmp_path, [GOOD, OTHER], "-j", "1")
    assert code == 0, err
    first, second = (json.loads(line) for line in out.splitlines())
    assert first == {"id": 1, "text": "A few previously existing groups.", "score": 1.5}
    assert second == json.loads(OTHER)
    assert err.startswith("cleaned 2 record(s), ")


def test_jsonl_edits_field_holds_the_edit_log(tmp_path: Path) -> None:
    code, out, _err = jsonl_run(tmp_path, [GOOD], "--edits-field", "edits", "-q")
    assert code == 0
    [edit] = [e for e in json.loads(out)["edits"] if e["stage"] == "hyphens"]
    assert (edit["before"], edit["after"]) == ("previ-\nously", "previously")


def test_jsonl_bad_records_are_reported_with_their_line_and_skipped(tmp_path: Path) -> None:
    records = [GOOD, "not json", '{"id": 3}', '{"text": 4}', "[1]", "", OTHER]
    code, out, err = jsonl_run(tmp_path, records, "--on-error", "skip", "-j", "2")
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == [1, 2]
    source = tmp_path / "in.jsonl"
    assert err.splitlines()[:4] == [
        f"cleanup: {source}:2: not JSON (Expecting value: line 1 column 1 (char 0)) (skipped)",
        f"cleanup: {source}:3: no field 'text' (fields: id) (skipped)",
        f"cleanup: {source}:4: field 'text' is a number, not text (skipped)",
        f"cleanup: {source}:5: not a JSON object (a list) (skipped)",
    ]
    assert "; 4 bad record(s) skipped" in err
    assert "blank lines passed over: 1 (line 6 first)" in err


def test_jsonl_fails_at_the_first_bad_record_and_writes_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, out, err = jsonl_run(tmp_path, [GOOD, '{"body": "x"}', OTHER], "-o", str(target))
    assert code == 1 and out == ""
    assert f"{tmp_path / 'in.jsonl'}:2: no field 'text' (fields: body)" in err
    assert not target.exists() and list(tmp_path.iterdir()) == [tmp_path / "in.jsonl"]


def test_jsonl_as_a_filter_in_a_shell_pipeline(tmp_path: Path) -> None:
    """stdin to stdout through a real process, with the summary on stderr only."""
    command = [sys.executable, "-m", "cleanup.cli", "jsonl", "--field", "body", "-j", "2"]
    records = "".join(
        json.dumps({"n": n, "body": f"Line {n} is hyphen-\nated here."}) + "\n" for n in range(40)
    )
    done = subprocess.run(command, input=records.encode(), capture_output=True, check=True)
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["n"] for r in out] == list(range(40))
    assert out[7]["body"] == "Line 7 is hyphenated here."
    assert done.stderr.decode().startswith("cleaned 40 record(s)")


def test_a_broken_word_goes_on_this_page_or_the_next_never_further() -> None:
    """A footnote's line ending in ``con-`` is not joined with a note's line two
    pages on: no word is broken over two page breaks."""
    from cleanup.document import Line
    from cleanup.stages.hyphens import _next_text_line

    lines = [
        Line(1, "a note that is con-", "footnote"),
        Line(2, "body text of the next page", "body"),
        Line(3, "body text of the page after", "body"),
        Line(4, "tinued here", "footnote"),
    ]
    assert _next_text_line(lines, 0, frozenset({2})) == 3  # one page break: its rest
    assert _next_text_line(lines, 0, frozenset({2, 3})) is None  # two: not its rest
