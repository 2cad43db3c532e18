"""Rule files: defaults, overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanup
from cleanup.rules import RulesError, default_rules, load_rules


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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[hyphen]\nx = 1\n", ":1: unknown section [hyphen]"),
        (
            "[hyphens]\n\njoin_zipf = 'high'\n",
            ":3: [hyphens] join_zipf: expected float, got 'high'",
        ),
        ("[lexicon]\nlanguages = 'en'\n", ":2: [lexicon] languages: expected a list of str"),
        (
            "[boilerplate]\nlines = ['(unclosed']\n",
            ":2: [boilerplate] lines: bad regular expression",
        ),
        ("[headings\n", ": not valid TOML"),
    ],
)
def test_invalid_files_name_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RulesError) as caught:
        load_rules([path])
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_missing_rule_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read rule file"):
        load_rules([tmp_path / "nope.toml"])
