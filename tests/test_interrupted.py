"""An interrupted run (Ctrl-C, or a kill) leaves every output old or new, never half
written, and never touches its inputs."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanup.manifest import MANIFEST_NAME

from .corpora import seed_corpus

CLEANUP = str(Path(sys.executable).with_name("cleanup"))
OLD = "an output from an earlier run\n"


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_run_leaves_each_output_old_or_new(
    tmp_path: Path, how: signal.Signals
) -> None:
    raw, clean, complete = tmp_path / "raw", tmp_path / "clean", tmp_path / "complete"
    raw.mkdir()
    clean.mkdir()
    seed_corpus(raw)
    command = [CLEANUP, "run", str(raw), "-j", "2", "-q", "-o"]
    subprocess.run([*command, str(complete)], check=True)  # what each output should be
    expected = {
        path.name: path.read_text(encoding="utf-8")
        for path in complete.iterdir()
        if path.name != MANIFEST_NAME
    }
    for name in expected:
        (clean / name).write_text(OLD, encoding="utf-8")
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in raw.iterdir()}

    # Its own session, so that the signal reaches the workers too, as Ctrl-C in a
    # terminal does.
    run = subprocess.Popen(
        [*command, str(clean)],
        start_new_session=True,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        written = sum((clean / name).read_text(encoding="utf-8") != OLD for name in expected)
        if written >= 10:
            break
        time.sleep(0.02)
    os.killpg(run.pid, how)
    _out, err = run.communicate(timeout=60)
    assert run.returncode == (130 if how == signal.SIGINT else -signal.SIGKILL), err.decode()

    new = old = 0
    for name, text in expected.items():
        written = (clean / name).read_text(encoding="utf-8")
        assert written in (OLD, text), name
        new, old = new + (written == text), old + (written == OLD)
    assert new >= 10 and old >= 1, (new, old)  # interrupted mid-run
    assert {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in raw.iterdir()
    } == before
    leftovers = [
        path.name
        for path in clean.iterdir()
        if path.name.startswith(".") and path.name != MANIFEST_NAME
    ]
    if how == signal.SIGINT:
        # Ctrl-C: temporary files are removed, and no traceback is shown.
        assert leftovers == []
        assert b"Traceback" not in err, err.decode()
    else:
        # A kill gives no chance to tidy up: at most one hidden temporary file per
        # worker stays, which the next run does not read (hidden files are skipped).
        assert len(leftovers) <= 2, leftovers

    # Run again, the job goes on where it stopped: what the manifest says is done and
    # is still the file written is skipped, the rest is cleaned, and then every output
    # is complete.
    again = subprocess.run(
        [CLEANUP, "run", str(raw), "-j", "2", "-o", str(clean)], capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    cleaned = re.search(r"cleaned (\d+) file", again.stderr)
    skipped = re.search(r"up to date, skipped: (\d+) file", again.stderr)
    assert cleaned is not None
    assert int(cleaned.group(1)) + (int(skipped.group(1)) if skipped else 0) == len(expected)
    if how == signal.SIGINT:
        # Every output finished before Ctrl-C was recorded: exactly the rest is redone.
        assert int(cleaned.group(1)) == old, (again.stderr, old)
    else:
        assert int(cleaned.group(1)) >= old  # at least what was left undone
    for name, text in expected.items():
        assert (clean / name).read_text(encoding="utf-8") == text, name


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError, SystemExit])
def test_an_output_interrupted_while_written_keeps_the_old_file(
    tmp_path: Path, interruption: type[BaseException]
) -> None:
    from cleanup.output import atomic_file

    target = tmp_path / "a.txt"
    target.write_text(OLD, encoding="utf-8")
    with pytest.raises(interruption), atomic_file(target) as out:
        out.write("half of a new ")
        out.flush()  # on disk, yet not in place
        assert target.read_text(encoding="utf-8") == OLD
        raise interruption()
    assert target.read_text(encoding="utf-8") == OLD
    assert [path.name for path in tmp_path.iterdir()] == ["a.txt"]  # no temporary left
    with atomic_file(target) as out:
        out.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode
