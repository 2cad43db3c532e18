"""A datatrove pipeline step that cleans each document's text (``pip install datatrove``).

datatrove (Hugging Face's corpus-processing library) runs pipelines of steps over
``Document`` objects, locally, on Slurm or on Ray. :class:`CleanupStep` cleans
``doc.text`` and counts edits per stage in the step's statistics; a document whose
text cannot be cleaned is left as it was and counted (``cleanup_failed``), or dropped
with ``on_error="skip"``.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanup.integrations.datatrove import CleanupStep

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("raw_jsonl/"),
            CleanupStep(format="text", source_key="url"),
            JsonlWriter("clean_jsonl/"),
        ],
        tasks=4,
    ).run()
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..records import RecordError, clean_record


class CleanupStep(PipelineStep):  # type: ignore[misc]
    """Clean each document's text with the cleanup pipeline.

    Each document is cleaned by :func:`cleanup.clean_record`, as ``cleanup jsonl``
    cleans a line and :func:`cleanup.clean_batch` a row. ``rules`` is anything
    :func:`cleanup.process` takes (by default the rules ``cleanup run`` would choose;
    a RuleSet chooses each document's rules by its source); ``source_key`` names the
    metadata field used as the document's source (else its id); ``edits_key``, if
    given, stores the edit log in the metadata (a list of edits, as everywhere).
    """

    name = "🧹 cleanup"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        format: Literal["md", "text"] = "md",
        rules: Any = None,
        source_key: str | None = None,
        edits_key: str | None = None,
        on_error: Literal["keep", "skip"] = "keep",
    ) -> None:
        super().__init__()
        self.format = format
        self.rules = rules
        self.source_key = source_key
        self.edits_key = edits_key
        self.on_error = on_error

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("total")
            source = str(doc.metadata.get(self.source_key, doc.id)) if self.source_key else doc.id
            with self.track_time():
                try:
                    cleaned = clean_record(
                        {"text": doc.text},
                        "text",
                        format=self.format,
                        rules=self.rules,
                        source=str(source),
                        edits_field="edits" if self.edits_key is not None else None,
                        where=f"document {doc.id}",
                    )
                except RecordError:
                    self.stat_update("cleanup_failed")
                    if self.on_error == "keep":
                        yield doc
                    continue
            doc.text = cleaned.record["text"]
            for stage, count in Counter(edit.stage for edit in cleaned.result.edits).items():
                self.stat_update(f"edits_{stage}", value=count)
            if self.edits_key is not None:
                doc.metadata[self.edits_key] = cleaned.record["edits"]
            yield doc
