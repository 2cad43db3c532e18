"""The Ray engine on a real local Ray cluster (worker processes, not threads): the
same bytes as a local run, from the CLI and from the API, and nothing lost or written
twice when a worker is killed mid-run.

Each CLI run starts a cluster of its own (a few seconds); the API tests share one.
Without Ray these tests are skipped, saying why; ``.ci/run`` installs ``[ray]`` and
makes a missing Ray fail them (``CLEANUP_REQUIRE_EXTRAS``).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

if os.environ.get("CLEANUP_REQUIRE_EXTRAS"):
    import ray  # CI installs the extra: a missing Ray fails here, never skips
else:
    ray = pytest.importorskip(
        "ray", reason="Ray is not installed: `make setup-extras` installs it (.ci/run does)"
    )

import cleanup
from cleanup.ray_engine import ray_map

from .conftest import RAW
from .corpora import seed_corpus

CLEANUP = str(Path(sys.executable).with_name("cleanup"))
QUIET_RAY = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")}


def cleanup_run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CLEANUP, "run", *args], capture_output=True, text=True, env=QUIET_RAY, timeout=600
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """240 inputs and what a local run writes for them."""
    root = tmp_path_factory.mktemp("ray")
    raw, local = root / "raw", root / "local"
    raw.mkdir()
    seed_corpus(raw, files=240)
    done = cleanup_run(str(raw), "-o", str(local), "-j", "2", "-q")
    assert done.returncode == 0, done.stderr
    return raw, outputs(local)


def test_the_cli_on_a_local_ray_cluster_writes_what_a_local_run_writes(
    corpus: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    raw, expected = corpus
    done = cleanup_run(str(raw), "-o", str(tmp_path / "out"), "--engine", "ray", "-j", "2")
    assert done.returncode == 0, done.stderr
    assert "cleaned 240 file(s)" in done.stderr
    assert "(2 jobs on a local Ray cluster)" in done.stderr
    assert outputs(tmp_path / "out") == expected  # every output, and the manifest


def _workers_running_a_batch() -> list[int]:
    """The processes whose title says they are running a batch (Ray sets it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if title.startswith(b"ray::_run_batch"):
            found.append(int(entry.name))
    return found


def test_a_killed_worker_loses_and_duplicates_no_output(
    corpus: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    raw, expected = corpus
    out = tmp_path / "out"
    run = subprocess.Popen(
        [CLEANUP, "run", str(raw), "-o", str(out), "--engine", "ray", "-j", "2"],
        stderr=subprocess.PIPE,
        text=True,
        env=QUIET_RAY,
    )
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and time.monotonic() < deadline and run.poll() is None:
        busy = _workers_running_a_batch()
        if busy and out.is_dir() and sum(1 for _ in out.glob("*.txt")) >= 20:
            killed = busy[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    _stdout, err = run.communicate(timeout=600)
    assert killed is not None, "no worker was caught running a batch"
    assert run.returncode == 0, err
    assert "cleaned 240 file(s)" in err  # each input counted once
    assert outputs(out) == expected  # nothing lost, nothing half-written or extra
    lines = (out / ".cleanup-manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 240


def test_a_rerun_on_ray_skips_what_is_up_to_date(
    corpus: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    raw, expected = corpus
    out = tmp_path / "out"
    first = cleanup_run(str(raw), "-o", str(out), "-j", "2", "-q")  # a local run
    assert first.returncode == 0, first.stderr
    for name in ("0003.txt", "0117.txt"):
        (out / name).unlink()
    again = cleanup_run(str(raw), "-o", str(out), "--engine", "ray", "-j", "2")
    assert again.returncode == 0, again.stderr
    assert re.search(r"cleaned 2 file\(s\)", again.stderr), again.stderr
    assert "up to date, skipped: 238 file(s)" in again.stderr
    assert outputs(out) == expected


@pytest.fixture(scope="module")
def local_cluster() -> Iterator[None]:
    """One local Ray cluster for the API tests, as a user's own ``ray.init()``."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def test_clean_batch_in_ray_data_map_batches(local_cluster: None) -> None:
    texts = [path.read_text(encoding="utf-8") for path in RAW]
    rows = [{"id": n, "text": text[: 3000 + 500 * n]} for n, text in enumerate(texts * 4)]
    expected = cleanup.clean_batch(rows)
    for batch_format in ("numpy", "pandas"):
        dataset = ray.data.from_items(rows, override_num_blocks=4).map_batches(
            cleanup.clean_batch, batch_format=batch_format, batch_size=3
        )
        got = sorted(dataset.take_all(), key=lambda row: row["id"])
        assert [(row["id"], row["text"]) for row in got] == [
            (row["id"], row["text"]) for row in expected
        ], batch_format


def test_ray_map_uses_a_running_cluster_and_keeps_input_order(local_cluster: None) -> None:
    assert list(ray_map(abs, range(-50, 0), jobs=2, batch_weight=7, weight=lambda n: 1)) == list(
        range(50, 0, -1)
    )
    assert ray.is_initialized()  # a caller's own cluster is left running


def test_json_lines_on_ray_come_out_as_a_local_run_writes_them(tmp_path: Path) -> None:
    rows = [{"id": n, "text": path.read_text(encoding="utf-8")} for n, path in enumerate(RAW * 3)]
    rows.insert(4, {"id": "bad", "text": None})  # reported with its line, and left out
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    local, remote = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    for target, engine in ((local, "local"), (remote, "ray")):
        options = ["-o", str(target), "-j", "2", "--engine", engine, "--on-error", "skip"]
        done = subprocess.run(
            [CLEANUP, "jsonl", str(source), *options],
            capture_output=True,
            text=True,
            env=QUIET_RAY,
            timeout=600,
        )
        assert done.returncode == 1, done.stderr  # 1: a bad record was skipped
        assert f"{source}:5: field 'text' is null, not text (skipped)" in done.stderr
    assert "2 jobs on a local Ray cluster" in done.stderr
    assert remote.read_bytes() == local.read_bytes()


def test_the_ray_data_recipe_runs_as_documented(tmp_path: Path) -> None:
    rows = [{"id": n, "text": path.read_text(encoding="utf-8")} for n, path in enumerate(RAW)]
    (tmp_path / "in").mkdir()
    for part in (0, 1):
        (tmp_path / "in" / f"part{part}.jsonl").write_text(
            "".join(json.dumps(row) + "\n" for row in rows[part::2]), encoding="utf-8"
        )
    recipe = Path(__file__).parent.parent / "examples" / "recipes" / "ray_data.py"
    done = subprocess.run(
        [sys.executable, str(recipe), str(tmp_path / "in"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=QUIET_RAY,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    written = [
        json.loads(line)
        for path in (tmp_path / "out").glob("*.json*")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    expected = cleanup.clean_batch(rows, format="text")
    assert sorted((row["id"], row["text"]) for row in written) == [
        (row["id"], row["text"]) for row in expected
    ]
