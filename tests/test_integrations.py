"""The datatrove adapter in a real datatrove pipeline (reader, step, writer), where
datatrove is installed; ``.ci/run`` installs it."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cleanup

from .conftest import RAW

if os.environ.get("CLEANUP_REQUIRE_EXTRAS"):
    import datatrove  # noqa: F401  (CI installs the extras: missing fails, never skips)
else:
    pytest.importorskip(
        "datatrove", reason="datatrove is not installed: `make setup-extras` installs it"
    )

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleanup.integrations.datatrove import CleanupStep


def written_documents(folder: Path) -> list[dict[str, Any]]:
    """The documents datatrove's JsonlWriter wrote to ``folder`` (gzipped JSON Lines)."""
    return [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl.gz"))
        for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    ]


def assert_cleaned_as_clean_batch_does(
    written: list[dict[str, Any]], rows: list[dict[str, Any]]
) -> None:
    expected = cleanup.clean_batch(rows, format="text")
    assert [(doc["id"], doc["text"]) for doc in written] == [
        (row["id"], row["text"]) for row in expected
    ]


def test_a_datatrove_pipeline_cleans_each_document_as_clean_batch_does(tmp_path: Path) -> None:
    rows = [
        {"id": path.stem, "text": path.read_text(encoding="utf-8"), "url": path.name}
        for path in RAW
    ]
    (tmp_path / "in").mkdir()
    with (tmp_path / "in" / "part.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(row) + "\n" for row in rows)
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            CleanupStep(format="text", source_key="url", edits_key="cleanup_edits"),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    written = written_documents(tmp_path / "out")
    assert_cleaned_as_clean_batch_does(written, rows)
    edits = written[0]["metadata"]["cleanup_edits"]  # a list of edits, as everywhere
    assert edits and {"stage", "before", "after", "reason"} <= set(edits[0])


def test_a_document_that_cannot_be_cleaned_is_kept_or_dropped_and_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import cleanup.records as records

    def failing(text: str, **_: object) -> cleanup.Result:
        raise cleanup.ConservationError("words lost")

    monkeypatch.setattr(records, "process", failing)
    docs = [Document(text="some text", id="1")]
    keep = CleanupStep()
    assert [doc.text for doc in keep.run(iter(docs))] == ["some text"]
    assert keep.stats.stats["cleanup_failed"].total == 1
    assert list(CleanupStep(on_error="skip").run(iter(docs))) == []


def test_the_datatrove_recipe_runs_as_documented(tmp_path: Path) -> None:
    rows = [{"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in RAW]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(
        "".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8"
    )
    recipe = Path(__file__).parent.parent / "examples" / "recipes" / "datatrove_pipeline.py"
    done = subprocess.run(
        [sys.executable, str(recipe), str(tmp_path / "in"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    written = written_documents(tmp_path / "out")
    assert_cleaned_as_clean_batch_does(written, rows)
