"""The committed corpus: raw/X cleans to exactly clean/X, idempotently, losing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanup
from cleanup.provenance import unaccounted_words, words
from tests.conftest import RAW, ROOT
from tests.golden_cases import all_cases

#: The repository's rules: the defaults and the source rule files beside them, as
#: `make clean` applies them.
RULE_SET = cleanup.RuleSet()


@pytest.mark.parametrize("raw", RAW, ids=[p.name for p in RAW])
def test_raw_cleans_to_committed_clean(raw: Path) -> None:
    expected = (ROOT / "clean" / raw.name).read_text(encoding="utf-8")
    result = cleanup.process(raw.read_text(encoding="utf-8"), rules=RULE_SET, source=str(raw))
    assert result.render("md") == expected


INPUTS = RAW + [case.input for case in all_cases()]


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.name}/{p.name}" for p in INPUTS])
def test_cleaning_is_idempotent(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    rules = RULE_SET.for_input(str(path), text)  # the same rules for both passes
    once = cleanup.clean(text, rules=rules)
    assert cleanup.clean(once, rules=rules) == once


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.name}/{p.name}" for p in INPUTS])
def test_no_word_disappears_unexplained(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    result = cleanup.process(text)
    assert not unaccounted_words(text, result.document)


def test_conservation_check_catches_a_lost_word() -> None:
    """The check itself must be able to fail: drop a block and it reports the words."""
    from dataclasses import replace

    text = "First paragraph here.\n\nSecond paragraph, soon lost.\n"
    doc = cleanup.process(text).document
    damaged = replace(doc, blocks=doc.blocks[:1] if doc.blocks else ())
    assert unaccounted_words(text, damaged) == words("Second paragraph, soon lost.")


@pytest.mark.parametrize("fmt", ["md", "text", "json"])
def test_every_format_is_deterministic(fmt: str) -> None:
    text = RAW[-1].read_text(encoding="utf-8")
    assert cleanup.clean(text, format=fmt) == cleanup.clean(text, format=fmt)  # type: ignore[arg-type]
