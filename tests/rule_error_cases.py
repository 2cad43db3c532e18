"""Golden error messages for invalid rule files: ``tests/golden_rules/<case>.toml``
must be refused with exactly the message in ``<case>.error.txt`` (the file's folder
left out, so the goldens do not depend on where the repository is).

Regenerate with ``make golden`` (this module with ``--update``) and read the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cleanup.pipeline import check_rule_stages
from cleanup.rules import RulesError, read_rule_file

GOLDEN = Path(__file__).parent / "golden_rules"
CASES = sorted(GOLDEN.glob("*.toml"))


def error_of(case: Path) -> str:
    """The message reading ``case`` raises, with its folder left out."""
    try:
        check_rule_stages([read_rule_file(case)])
    except RulesError as err:
        return str(err).replace(f"{case.parent}/", "") + "\n"
    raise AssertionError(f"{case} was accepted; golden rule files must be invalid")


def update() -> None:
    for case in CASES:
        case.with_suffix(".error.txt").write_text(error_of(case), encoding="utf-8")
        print(f"wrote {case.with_suffix('.error.txt').name}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        raise SystemExit("usage: python -m tests.rule_error_cases --update")
    update()
