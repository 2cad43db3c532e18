"""Recipe: the cleanup step in a datatrove pipeline.

    pip install 'cleanup[datatrove]'
    python examples/recipes/datatrove_pipeline.py IN_FOLDER OUT_FOLDER [--tasks 4]

Reads JSON Lines documents (``text``, ``id``, other fields as metadata), cleans each
text, and writes gzipped JSON Lines. The step's statistics (edits per stage, failures)
are in OUT_FOLDER/../logs. To run on Slurm or Ray, swap LocalPipelineExecutor for
datatrove's SlurmPipelineExecutor or RayPipelineExecutor; the steps stay the same.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main() -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleanup.integrations.datatrove import CleanupStep

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--tasks", type=int, default=1)
    args = parser.parse_args()
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(args.source),
            CleanupStep(format="text", edits_key="cleanup_edits"),
            JsonlWriter(args.target),
        ],
        tasks=args.tasks,
        logging_dir=str(Path(args.target).parent / "logs"),
    ).run()


if __name__ == "__main__":
    main()
