"""``--address``: connect to a Ray cluster that is already running (started here with
``ray start --head``, as on a cluster's head node), rather than start one. Its
workers run in folders of their own, so relative paths must still reach the files.

A module of its own: ``ray stop`` at the end stops every Ray process of this machine,
so no other test's cluster may be running meanwhile.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

if not os.environ.get("CLEANUP_REQUIRE_EXTRAS"):
    pytest.importorskip(
        "ray", reason="Ray is not installed: `make setup-extras` installs it (.ci/run does)"
    )

from .corpora import seed_corpus

BIN = Path(sys.executable).parent
QUIET_RAY = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
# Connects to the running cluster and prints its CPU count.
STILL_UP = "import ray; ray.init(address='auto'); print(ray.cluster_resources()['CPU'])"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def head_node() -> Iterator[str]:
    """A one-node Ray cluster started the way a head node is; its address. (The run
    connects with ``--address auto``, as on a node of the cluster: Ray's default
    token authentication then finds the cluster's token.)"""
    port = free_port()
    start = ["start", "--head", "--port", str(port), "--num-cpus", "2"]
    quiet = ["--include-dashboard", "false", "--disable-usage-stats"]
    subprocess.run(
        [str(BIN / "ray"), *start, *quiet],
        check=True,
        capture_output=True,
        env=QUIET_RAY,
        timeout=300,
    )
    try:
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run([str(BIN / "ray"), "stop", "--force"], capture_output=True, timeout=300)


def test_a_run_connects_to_a_running_cluster_and_leaves_it_running(
    head_node: str, tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    seed_corpus(raw, files=40)
    outputs = {}
    for engine in ("local", "ray"):
        options = ["--address", "auto"] if engine == "ray" else []
        done = subprocess.run(
            [str(BIN / "cleanup"), "run", "raw", "-o", engine, "--engine", engine, *options],
            capture_output=True,
            text=True,
            env=QUIET_RAY,
            cwd=tmp_path,  # relative paths, which the cluster's workers must resolve too
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        outputs[engine] = {p.name: p.read_bytes() for p in (tmp_path / engine).iterdir()}
    assert "cleaned 40 file(s)" in done.stderr
    assert "(on the Ray cluster at auto)" in done.stderr
    assert outputs["ray"] == outputs["local"]
    still_up = subprocess.run(
        [sys.executable, "-c", STILL_UP], capture_output=True, text=True, env=QUIET_RAY
    )
    assert still_up.stdout.strip() == "2.0", still_up.stderr  # the cluster's CPUs
