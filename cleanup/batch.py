"""``clean_batch``: clean one text field of a batch of records, whatever engine holds
the batch.

Distributed engines hand a function batches in a few shapes, and this accepts each
and gives back the same shape:

- a list of dicts (rows), as Python code and datatrove-like steps have them;
- a dict of columns (name -> sequence), as Ray Data's ``map_batches`` gives with
  ``batch_format="numpy"`` (or ``"default"``);
- a pandas DataFrame, as Ray Data gives with ``batch_format="pandas"`` and Spark's
  ``mapInPandas`` gives per chunk (pandas is never imported here: anything with
  ``columns`` and ``copy`` is taken for a DataFrame).

Every other field is passed through unchanged. Records are independent, so the
result is the same however an engine splits the data into batches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .api import RulesArg
from .records import RecordError, TextFormat, clean_record

OnError = Literal["fail", "keep", "skip"]

#: The error for a record that cannot be cleaned (the name this module's callers know).
BatchError = RecordError


def clean_batch(
    records: Any,
    field: str = "text",
    *,
    format: TextFormat = "md",
    rules: RulesArg = None,
    source_field: str | None = None,
    edits_field: str | None = None,
    on_error: OnError = "fail",
) -> Any:
    """Clean ``field`` of every record of ``records`` (see module doc for the shapes).

    Each record is cleaned by :func:`cleanup.clean_record`, as ``cleanup jsonl``
    cleans a line. ``rules`` is anything :func:`cleanup.process` takes (by default
    the rules ``cleanup run`` would choose, source rule files included);
    ``source_field`` names the field that says where a record comes from (a URL, a
    file name), used for rule matching and in messages. ``edits_field`` also stores
    each record's edit log there (a list of edits as in ``cleanup run --format
    json``). A record whose field is missing or not text, or that the pipeline cannot
    clean, raises :class:`RecordError` (``on_error="fail"``), is left as it was
    (``"keep"``; its edits field is ``None``), or is dropped (``"skip"``).

    >>> clean_batch([{"id": 1, "text": "previ-\\nously attendedthe"}])
    [{'id': 1, 'text': 'previously attended the'}]
    >>> clean_batch({"id": [1], "text": ["previ-\\nously"]})
    {'id': [1], 'text': ['previously']}
    """
    how = _How(field, format, rules, source_field, edits_field, on_error)
    if isinstance(records, list):
        return how.rows(records)
    if hasattr(records, "columns") and hasattr(records, "copy"):
        cleaned = how.columns({name: list(records[name]) for name in records.columns})
        size = len(cleaned[field])
        index = records.index if size == len(records) else None  # "skip" may drop rows
        return type(records)(cleaned, index=index)
    if isinstance(records, Mapping):
        return how.columns(records)
    raise TypeError(
        f"clean_batch takes a list of dicts, a dict of columns or a DataFrame, not a "
        f"{type(records).__name__}"
    )


@dataclass(frozen=True)
class _How:
    """clean_batch's options, applied to rows or to columns."""

    field: str
    fmt: TextFormat
    rules: RulesArg
    source_field: str | None
    edits_field: str | None
    on_error: OnError

    def rows(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for index, row in enumerate(rows):
            source = str(row.get(self.source_field, "")) if self.source_field else ""
            try:
                cleaned = clean_record(
                    row,
                    self.field,
                    format=self.fmt,
                    rules=self.rules,
                    source=source,
                    edits_field=self.edits_field,
                    where=f"record {index}" + (f" ({source})" if source else ""),
                )
            except RecordError:
                if self.on_error == "fail":
                    raise
                if self.on_error == "skip":
                    continue
                record = dict(row)  # "keep": as it was
                if self.edits_field is not None:
                    record[self.edits_field] = None
                out.append(record)
                continue
            out.append(cleaned.record)
        return out

    def columns(self, columns: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
        if self.field not in columns:
            known = ", ".join(columns) or "none"
            raise RecordError(f"no column {self.field!r} (columns: {known})")
        names = list(columns)
        rows = [{name: columns[name][i] for name in names} for i in range(len(columns[self.field]))]
        cleaned = self.rows(rows)
        if self.edits_field is not None and self.edits_field not in names:
            names.append(self.edits_field)
        return {name: [row.get(name) for row in cleaned] for name in names}
