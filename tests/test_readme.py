"""Every example in the README runs, as written.

The README's fenced blocks are examples of four kinds, each checked here:

- ```sh: every command line runs in a sandbox folder holding the files the README
  names (``article.txt``, ``raw/x.txt``, ``pages.jsonl``, ...) and must exit 0;
  ``make`` lines are checked with ``make -n`` against the Makefile (CI runs them);
- ```console: ``$ command`` lines run the same way, and what they print (stdout, then
  stderr) must be the lines shown, where ``...`` stands for any text;
- ```python: executed;
- ```toml: parsed, and rule files (those without ``[project...]`` tables) validated.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import clean
from cleanup.cli import main
from cleanup.rules import read_rule_file
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def blocks(language: str) -> list[tuple[int, str]]:
    """(line number in the README, text) of every fenced block in ``language``."""
    return [
        (README.count("\n", 0, found.start()) + 2, found.group(1))
        for found in re.finditer(rf"^```{language}\n(.*?)^```$", README, re.DOTALL | re.M)
    ]


def sh_commands() -> list[tuple[str, str]]:
    """(README line, command) for every command line of the ```sh blocks."""
    return [
        (f"README.md:{start + offset}", line)
        for start, text in blocks("sh")
        for offset, line in enumerate(text.splitlines())
        if line.strip() and not line.startswith("#")
    ]


QUARTERLY = (
    "The first page of the article begins with a paragraph that is long enough to\n"
    "be wrapped over several lines of the same width, as printed pages are, and\n"
    "it goes on until the page ends in the middle of a sentence that continues\n"
    "\n\fTHE QUARTERLY REVIEW\n\non the next page, where it comes to an end.\n"
    "\n\fVol. 12, No. 3\n\nThe last page has a paragraph of its own.\n"
)
RECORDS = [
    {"id": 1, "text": "A few previ-\nously existing groups.", "body": "Self-\ncritical."},
    {"id": 2, "text": "Part iv of the book.", "body": "The groups attendedthe meeting."},
]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every file the README's examples name, and an installed
    ``cleanup.stages`` entry point (``roman_numerals``, from ``examples/``)."""
    root = tmp_path_factory.mktemp("readme")
    journal = (ROOT / "tests" / "golden_review" / "journal.in.txt").read_text(encoding="utf-8")
    web = (ROOT / "tests" / "golden_review" / "web.in.txt").read_text(encoding="utf-8")
    files = {
        "raw/x.txt": journal,
        "raw/web.txt": web,
        "raw/qr-2024-3.txt": QUARTERLY,
        "clean/x.txt": clean(journal),
        "article.txt": web,
        "notes.txt": "The argument of Part iv\ngoes back to Chapter ii of the book.\n",
        "pages.jsonl": "".join(json.dumps(r) + "\n" for r in RECORDS),
        "rules/my-journal.toml": "[hyphens]\nkeep_after = ['self', 'anti']\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "dump.jsonl.gz").write_bytes(gzip.compress(files["pages.jsonl"].encode()))
    for rule_file in (ROOT / "rules").glob("*.toml"):
        if rule_file.name != "default.toml":
            shutil.copy(rule_file, root / "rules")
    worked = README[README.index("Add `rules/quarterly-review.toml`") :]
    toml = worked[worked.index("```toml\n") + 8 : worked.index("```\n", worked.index("```toml"))]
    (root / "rules" / "quarterly-review.toml").write_text(toml, encoding="utf-8")
    (root / "examples").symlink_to(ROOT / "examples")
    info = root / "site" / "mypkg_stages-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mypkg-stages\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[cleanup.stages]\nroman_numerals = mypkg.stages:fix_roman_numerals\n"
    )
    return root


@pytest.fixture
def in_sandbox(sandbox: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(sandbox)
    monkeypatch.setenv("CLEANUP_RULES_DIR", str(sandbox / "rules"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.syspath_prepend(str(sandbox / "site"))
    monkeypatch.syspath_prepend(str(ROOT / "examples"))
    return sandbox


def run(command: str, sandbox: Path) -> tuple[int, str, str]:
    """Run one README command: in this process when it is a plain ``cleanup`` call
    (fast), else through bash with the project's ``cleanup`` first on the PATH."""
    words = shlex.split(command, comments=True)
    plain = words[0] == "cleanup" and not re.search(r"[|<>;&]", command.split(" #")[0])
    if plain:
        result = CliRunner().invoke(main, words[1:])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join([str(sandbox / "site"), str(ROOT / "examples")]),
    }
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=sandbox,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


SH = [c for c in sh_commands() if not c[1].startswith("make ")]
MAKE = [c for c in sh_commands() if c[1].startswith("make ")]


@pytest.mark.parametrize(("where", "command"), SH, ids=[w for w, _ in SH])
def test_sh_example_runs(where: str, command: str, in_sandbox: Path) -> None:
    code, out, err = run(command, in_sandbox)
    assert code == 0, f"{where}: {command}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}"


@pytest.mark.parametrize(("where", "command"), MAKE, ids=[w for w, _ in MAKE])
def test_make_example_is_a_makefile_target(where: str, command: str) -> None:
    target = shlex.split(command, comments=True)[1]
    dry = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, f"{where}: {command}: {dry.stderr}"


def console_examples() -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Per console block: its commands, each with the output lines shown after it."""
    examples = []
    for start, text in blocks("console"):
        steps: list[tuple[str, list[str]]] = []
        for line in text.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
        examples.append((f"README.md:{start}", steps))
    return examples


CONSOLE = console_examples()


@pytest.mark.parametrize(("where", "steps"), CONSOLE, ids=[w for w, _ in CONSOLE])
def test_console_example_prints_what_the_readme_shows(
    where: str, steps: list[tuple[str, list[str]]], in_sandbox: Path
) -> None:
    for command, shown in steps:
        _code, out, err = run(command, in_sandbox)
        printed = (out + err).splitlines()
        patterns = [".*?".join(re.escape(part) for part in line.split("...")) for line in shown]
        assert len(printed) == len(shown) and all(
            re.fullmatch(p, line) for p, line in zip(patterns, printed, strict=True)
        ), (
            f"{where}: $ {command}\nshown:\n"
            + "\n".join(shown)
            + "\nprinted:\n"
            + "\n".join(printed)
        )


def test_python_examples_run(in_sandbox: Path) -> None:
    assert blocks("python"), "the README has Python examples"
    for start, code in blocks("python"):
        exec(compile("\n" * (start - 1) + code, "README.md", "exec"), {})


def test_toml_examples_are_valid(in_sandbox: Path, tmp_path: Path) -> None:
    assert blocks("toml")
    for start, text in blocks("toml"):
        data = tomllib.loads(text)
        if "project" in data:
            continue  # a package's pyproject.toml, not a rule file
        path = tmp_path / f"readme-{start}.toml"
        path.write_text(text, encoding="utf-8")
        read_rule_file(path)  # raises RulesError naming the line
