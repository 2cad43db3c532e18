"""Every stage's golden cases: the output and the edit log must match the files."""

from __future__ import annotations

import pytest

from tests.golden_cases import Case, all_cases, run_case

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_golden(case: Case) -> None:
    output, edits = run_case(case)
    assert output == case.sibling(".out.txt").read_text(encoding="utf-8")
    assert edits == case.sibling(".edits.txt").read_text(encoding="utf-8")


def test_every_stage_has_several_cases() -> None:
    from cleanup.pipeline import STAGE_NAMES

    for name in STAGE_NAMES:
        count = sum(1 for c in CASES if c.stage == name)
        assert count >= 3, f"stage {name} has {count} golden case(s)"
