"""Recipe: clean a folder of JSON Lines files with Ray Data and ``cleanup.clean_batch``.

    pip install 'cleanup[ray]'
    python examples/recipes/ray_data.py IN_FOLDER OUT_FOLDER [--address auto]

Ray Data reads the files in parallel on the cluster's nodes (local paths, or
``s3://``/``gs://`` URIs with the matching filesystem package), cleans the ``text``
column of each batch, and writes JSON Lines shards to OUT_FOLDER. Every other column
is kept. Without --address, a local cluster with this machine's CPUs is started.
"""

from __future__ import annotations

import argparse
import os

import cleanup


def clean_folder(source: str, target: str, field: str = "text") -> None:
    """The pipeline: read, clean in batches, write (ray must be initialized)."""
    import ray

    dataset = ray.data.read_json(source, lines=True)
    cleaned = dataset.map_batches(
        cleanup.clean_batch,
        fn_kwargs={"field": field, "format": "text", "on_error": "keep"},
        batch_format="pandas",
        batch_size=16,
    )
    cleaned.write_json(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--address", help="a running Ray cluster (default: start one here)")
    parser.add_argument("--field", default="text")
    args = parser.parse_args()
    import ray

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(address=args.address, include_dashboard=False)
    try:
        clean_folder(args.source, args.target, args.field)
    finally:
        ray.shutdown()


if __name__ == "__main__":
    main()
