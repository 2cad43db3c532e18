"""Rule files: defaults, overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup
from cleanup.cli import main
from cleanup.rules import RulesError, RuleSet, default_rules, load_rules
from tests import rule_error_cases


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "source.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_come_from_rules_default_toml() -> None:
    rules = default_rules()
    assert rules.lexicon.languages == ("en",)
    assert "recent articles" in rules.boilerplate.tail_headings
    assert rules.sources[0].endswith("default.toml")


def test_a_source_file_overrides_only_what_it_sets(tmp_path: Path) -> None:
    rules = load_rules([write(tmp_path, '[lexicon]\nlanguages = ["en", "it"]\n')])
    assert rules.lexicon.languages == ("en", "it")
    assert rules.hyphens == default_rules().hyphens


def test_disabled_stage_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, '[pipeline]\ndisabled = ["glued_words"]\n')
    assert cleanup.clean("They attendedthe meeting.\n", rules=path) == "They attendedthe meeting.\n"


def test_missing_rule_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read rule file"):
        load_rules([tmp_path / "nope.toml"])


# -- source rule files, precedence, the rules commands ----------------------------

JOURNAL_HEAD = "Some body text of the issue.\n\nkites #4\n\n71\n"


def rules_dir(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def test_a_source_file_applies_where_its_signature_or_path_matches(tmp_path: Path) -> None:
    folder = rules_dir(
        tmp_path,
        kites="[source]\nsignature = ['^kites #\\d+$']\n[lexicon]\nlanguages = ['en', 'it']\n",
        review="[source]\npaths = ['*/reviews/*.txt']\n[hyphens]\njoin_zipf = 3.5\n",
    )
    rule_set = RuleSet(folder)
    kites = rule_set.for_input("raw/issue4.txt", JOURNAL_HEAD)
    assert kites.lexicon.languages == ("en", "it")
    assert kites.hyphens.join_zipf == 3.0
    [(matched, reason)] = rule_set.matching("raw/issue4.txt", JOURNAL_HEAD)
    assert matched.path.name == "kites.toml"
    assert reason == "text matches '^kites #\\d+$' (line 3: 'kites #4')"
    other = rule_set.for_input("corpus/reviews/a.txt", "No running head here.\n")
    assert other.lexicon.languages == ("en",) and other.hyphens.join_zipf == 3.5
    assert rule_set.for_input("corpus/a.txt", "Plain.\n") == RuleSet(None).for_input("x", "")


def test_precedence_defaults_then_source_then_rules_files_then_set(tmp_path: Path) -> None:
    folder = rules_dir(
        tmp_path,
        kites="[source]\nsignature = ['^kites']\n[hyphens]\njoin_zipf = 3.2\npart_zipf = 3.3\n",
    )
    extra = write(tmp_path, "[hyphens]\npart_zipf = 3.4\nknown_zipf = 2.5\n")
    rule_set = RuleSet(folder, [extra], {"hyphens.known_zipf": "2.7"})
    hyphens = rule_set.for_input("a.txt", JOURNAL_HEAD).hyphens
    assert (hyphens.join_zipf, hyphens.part_zipf, hyphens.known_zipf) == (3.2, 3.4, 2.7)
    assert hyphens.keep_after == ("self",)  # only the defaults set it


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"hyphens.join_zipf": "high"}, "--set hyphens.join_zipf: expected float, got 'high'"),
        ({"hyphen.join_zipf": "3"}, "--set hyphen.join_zipf: expected SECTION.KEY"),
        ({"lexicon.languages": "en"}, "--set lexicon.languages: expected a list of str"),
    ],
)
def test_bad_set_values_are_named(setting: dict[str, str], message: str) -> None:
    with pytest.raises(RulesError) as caught:
        RuleSet(None, (), setting)
    assert str(caught.value).startswith(message)


def test_rules_check_reports_every_file(tmp_path: Path) -> None:
    folder = rules_dir(
        tmp_path,
        good="[source]\npaths = ['*.txt']\n[lexicon]\nlanguages = ['en', 'it']\n",
        bad="[hyphens]\njoin_zipf = 'x'\n",
    )
    result = CliRunner().invoke(main, ["rules", "check", "--rules-dir", str(folder)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("ok: ") and lines[0].endswith(
        "default.toml: 49 setting(s); applies when given (--rules) or as the defaults"
    )
    assert (
        f"error: {folder / 'bad.toml'}:2: [hyphens] join_zipf: expected float, got 'x' "
        "(the default: 3.0)" in lines
    )
    assert (
        f"ok: {folder / 'good.toml'}: 1 setting(s); applies where the path matches '*.txt'" in lines
    )
    assert lines[-1] == "3 file(s) checked, 1 invalid"


def test_the_repository_rule_files_are_valid() -> None:
    result = CliRunner().invoke(main, ["rules", "check"])
    assert result.exit_code == 0, result.output


def test_rules_show_says_which_files_apply_and_where_each_setting_comes_from(
    tmp_path: Path,
) -> None:
    folder = rules_dir(
        tmp_path,
        kites="[source]\nsignature = ['^kites #\\d+$']\n[lexicon]\nlanguages = ['en', 'it']\n",
    )
    raw = tmp_path / "issue.txt"
    raw.write_text(JOURNAL_HEAD, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["rules", "show", str(raw), "--rules-dir", str(folder), "--set", "hyphens.join_zipf=3.5"],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert (
        f"  {folder / 'kites.toml'}: matched: text matches '^kites #\\d+$' (line 3: 'kites #4')"
        in out
    )
    assert "  --set hyphens.join_zipf=3.5" in out
    assert f'languages = ["en", "it"]  # from {folder / "kites.toml"}' in out
    assert "join_zipf = 3.5  # from --set" in out
    assert "part_zipf = 3.0\n" in out


def test_the_rules_page_worked_example_removes_the_journals_heads(tmp_path: Path) -> None:
    """The rules page's worked example, run as written: its rule file, then its
    commands, on its input (examples/qr-2024-3.txt)."""
    page = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    example = page[page.index("**Worked example: a new journal's running head.**") :]
    toml = example[
        example.index("```toml\n") + 8 : example.index("```\n", example.index("```toml"))
    ]
    folder = rules_dir(tmp_path, **{"quarterly-review": toml})
    raw = Path(__file__).parent.parent / "examples" / "qr-2024-3.txt"
    runner = CliRunner()
    check = runner.invoke(main, ["rules", "check", "--rules-dir", str(folder)])
    assert check.exit_code == 0 and f"ok: {folder / 'quarterly-review.toml'}" in check.output
    show = runner.invoke(main, ["rules", "show", str(raw), "--rules-dir", str(folder)])
    assert "matched: text matches '^\\s*THE QUARTERLY REVIEW\\s*$' (line 5:" in show.output
    diff = runner.invoke(
        main, ["diff", str(raw), "--only", "pages", "-C", "0", "--rules-dir", str(folder)]
    )
    assert diff.output.count("↳ pages/running-head  removed  matches a running-head pattern") == 2
    cleaned = runner.invoke(main, ["run", str(raw), "--rules-dir", str(folder)]).output
    assert "QUARTERLY" not in cleaned and "Vol. 12" not in cleaned


@pytest.mark.parametrize("case", rule_error_cases.CASES, ids=lambda case: case.stem)
def test_golden_error_message(case: Path) -> None:
    """Each invalid rule file in tests/golden_rules/ gets exactly its golden message."""
    expected = case.with_suffix(".error.txt").read_text(encoding="utf-8")
    assert rule_error_cases.error_of(case) == expected
