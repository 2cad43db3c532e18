"""Every example in the README and in ``docs/`` runs, as written.

Their fenced blocks are examples of four kinds, each checked here:

- ```sh: every command line runs in a sandbox folder, a copy of the repository's
  ``raw/``, ``clean/``, ``rules/`` and ``examples/`` (the examples name files of the
  repository only), and must exit 0;
  ``make`` lines are checked with ``make -n`` against the Makefile (CI runs them);
- ```console: ``$ command`` lines run the same way, and what they print (stdout, then
  stderr) must be the lines shown, where ``...`` stands for any text;
- ```python: executed;
- ```toml: parsed, and rule files (those without ``[project...]`` tables) validated.
"""

from __future__ import annotations

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

from cleanup.cli import main
from cleanup.rules import read_rule_file
from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TEXTS = {page.relative_to(ROOT).as_posix(): page.read_text(encoding="utf-8") for page in PAGES}
README = TEXTS["README.md"]
BIN = Path(sys.executable).parent


def blocks(language: str) -> list[tuple[str, int, str]]:
    """(page, line number in it, text) of every fenced block in ``language``."""
    return [
        (name, text.count("\n", 0, found.start()) + 2, found.group(1))
        for name, text in TEXTS.items()
        for found in re.finditer(rf"^```{language}\n(.*?)^```$", text, re.DOTALL | re.M)
    ]


def sh_commands() -> list[tuple[str, str]]:
    """(page:line, command) for every command line of the ```sh blocks."""
    return [
        (f"{name}:{start + offset}", line)
        for name, start, text in blocks("sh")
        for offset, line in enumerate(text.splitlines())
        if line.strip() and not line.startswith("#")
    ]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's files that the examples name, the worked example's
    rule file added to its rules (as the rules page tells the reader to), and an
    installed ``cleanup.stages`` entry point (``roman_numerals``, from ``examples/``)."""
    root = tmp_path_factory.mktemp("docs")
    for folder in ("raw", "clean", "rules", "examples"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    worked = TEXTS["docs/rules.md"]
    worked = worked[worked.index("Add `rules/quarterly-review.toml`") :]
    toml = worked[worked.index("```toml\n") + 8 : worked.index("```\n", worked.index("```toml"))]
    (root / "rules" / "quarterly-review.toml").write_text(toml, encoding="utf-8")
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
    monkeypatch.syspath_prepend(str(sandbox / "examples"))
    return sandbox


def run(command: str, sandbox: Path) -> tuple[int, str, str]:
    """Run one README command: in this process when it is a plain ``cleanup`` call
    (fast), else through bash with the project's ``cleanup`` first on the PATH. The
    quick start's ``.venv/bin/cleanup`` is the project's own (the sandbox has no
    virtualenv)."""
    command = re.sub(r"(?<![\w/])\.venv/bin/cleanup\b", "cleanup", command)
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
        "PYTHONPATH": os.pathsep.join([str(sandbox / "site"), str(sandbox / "examples")]),
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
    for name, start, text in blocks("console"):
        steps: list[tuple[str, list[str]]] = []
        for line in text.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
        examples.append((f"{name}:{start}", steps))
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
    for name, start, code in blocks("python"):
        exec(compile("\n" * (start - 1) + code, name, "exec"), {})


def test_toml_examples_are_valid(in_sandbox: Path, tmp_path: Path) -> None:
    assert blocks("toml")
    for name, start, text in blocks("toml"):
        data = tomllib.loads(text)
        if "project" in data:
            continue  # a package's pyproject.toml, not a rule file
        path = tmp_path / f"{Path(name).stem}-{start}.toml"
        path.write_text(text, encoding="utf-8")
        read_rule_file(path)  # raises RulesError naming the line


def test_every_link_between_the_pages_leads_somewhere() -> None:
    """A relative link of the README or a docs page names a file of the repository
    (no page pointing at a file that is not there), and an anchor a heading of it."""
    for name, text in TEXTS.items():
        folder = (ROOT / name).parent
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+://", target):
                continue
            path, _, anchor = target.partition("#")
            page = (folder / path).resolve() if path else ROOT / name
            assert page.exists(), f"{name}: link to {target}, which does not exist"
            if anchor and page.suffix == ".md":
                headings = re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.M)
                slugs = {
                    re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings
                }
                assert anchor in slugs, f"{name}: link to {target}: no such heading"
