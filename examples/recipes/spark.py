"""Recipe: clean a text column with Spark's ``mapInPandas`` (documented, not run in
CI: there is no Spark here).

    pip install cleanup pyspark
    spark-submit examples/recipes/spark.py IN_JSONL_FOLDER OUT_FOLDER

Every executor needs cleanup installed (the same version everywhere: outputs depend
on it). ``mapInPandas`` hands each task an iterator of pandas DataFrames; clean_batch
takes and returns a DataFrame, so the output schema is the input's.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import cleanup


def clean_frames(frames: Iterator[Any]) -> Iterator[Any]:
    """What mapInPandas calls on each partition."""
    for frame in frames:
        yield cleanup.clean_batch(frame, "text", format="text", on_error="keep")


def main() -> None:
    from pyspark.sql import SparkSession

    source, target = sys.argv[1], sys.argv[2]
    spark = SparkSession.builder.appName("cleanup").getOrCreate()
    frame = spark.read.json(source)
    frame.mapInPandas(clean_frames, schema=frame.schema).write.json(target)
    spark.stop()


if __name__ == "__main__":
    main()
