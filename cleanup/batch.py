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

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .pipeline import StageError
from .result import ConservationError

OnError = Literal["fail", "keep", "skip"]
TextFormat = Literal["md", "text"]


class BatchError(ValueError):
    """A record cannot be cleaned (its field is missing or not text), with where."""


def clean_batch(
    records: Any,
    field: str = "text",
    *,
    format: TextFormat = "md",
    rules: Any = None,
    source_field: str | None = None,
    edits_field: str | None = None,
    on_error: OnError = "fail",
) -> Any:
    """Clean ``field`` of every record of ``records`` (see module doc for the shapes).

    ``rules`` is anything :func:`cleanup.process` takes (a RuleSet chooses each
    record's rules by its source and text); ``source_field`` names the field that
    says where a record comes from (a URL, a file name), used for rule matching and
    in messages. ``edits_field`` also stores each record's edit log there, as a JSON
    string (a list of edits as in ``cleanup run --format json``: a string, so that
    columnar formats hold it). A record whose field is missing or not text, or that
    the pipeline cannot clean, raises :class:`BatchError` (``on_error="fail"``), is
    left as it was (``"keep"``; its edits field is ``null``), or is dropped
    (``"skip"``).

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
    rules: Any
    source_field: str | None
    edits_field: str | None
    on_error: OnError

    def rows(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for index, row in enumerate(rows):
            record = dict(row)
            text: Any
            try:
                text, edits = self._clean(index, row)
            except BatchError:
                if self.on_error == "fail":
                    raise
                if self.on_error == "skip":
                    continue
                text, edits = row.get(self.field), None  # "keep": as it was
            if self.field in row:
                record[self.field] = text
            if self.edits_field is not None:
                record[self.edits_field] = edits
            out.append(record)
        return out

    def columns(self, columns: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
        if self.field not in columns:
            known = ", ".join(columns) or "none"
            raise BatchError(f"no column {self.field!r} (columns: {known})")
        names = list(columns)
        rows = [{name: columns[name][i] for name in names} for i in range(len(columns[self.field]))]
        cleaned = self.rows(rows)
        if self.edits_field is not None and self.edits_field not in names:
            names.append(self.edits_field)
        return {name: [row.get(name) for row in cleaned] for name in names}

    def _clean(self, index: int, row: Mapping[str, Any]) -> tuple[str, str | None]:
        """One record's cleaned text and, if asked, its edits as JSON; BatchError when
        it cannot be cleaned."""
        from . import process  # the package imports this module
        from .render import to_json

        source = str(row.get(self.source_field, "")) if self.source_field else ""
        where = f"record {index}" + (f" ({source})" if source else "")
        if self.field not in row:
            fields = ", ".join(row) or "none"
            raise BatchError(f"{where}: no field {self.field!r} (fields: {fields})")
        value = row[self.field]
        if not isinstance(value, str):
            raise BatchError(f"{where}: the field is a {type(value).__name__}, not text")
        try:
            result = process(value, rules=self.rules, source=source or "<record>")
        except (ConservationError, StageError) as err:
            raise BatchError(f"{where}: {err}") from err
        edits = None
        if self.edits_field is not None:
            edits = json.dumps(to_json(result.document)["edits"], ensure_ascii=False)
        return result.render(self.fmt).removesuffix("\n"), edits
