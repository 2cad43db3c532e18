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
    how = (field, format, rules, source_field, edits_field, on_error)
    if isinstance(records, list):
        return _rows(records, *how)
    if hasattr(records, "columns") and hasattr(records, "copy"):
        columns = {name: list(records[name]) for name in records.columns}
        cleaned = _columns(columns, *how)
        size = len(cleaned[field])
        index = records.index if size == len(records) else None  # "skip" may drop rows
        return type(records)(cleaned, index=index)
    if isinstance(records, Mapping):
        return _columns(records, *how)
    raise TypeError(
        f"clean_batch takes a list of dicts, a dict of columns or a DataFrame, not a "
        f"{type(records).__name__}"
    )


def _clean_value(
    value: Any, where: str, fmt: TextFormat, rules: Any, source: str, with_edits: bool
) -> tuple[str, str | None]:
    """The cleaned text and, if asked, the edits as JSON; BatchError when it cannot be."""
    from . import process  # the package imports this module
    from .render import to_json

    if not isinstance(value, str):
        raise BatchError(f"{where}: the field is a {type(value).__name__}, not text")
    try:
        result = process(value, rules=rules, source=source)
    except (ConservationError, StageError) as err:
        raise BatchError(f"{where}: {err}") from err
    edits = None
    if with_edits:
        edits = json.dumps(to_json(result.document)["edits"], ensure_ascii=False)
    return result.render(fmt).removesuffix("\n"), edits


def _rows(
    rows: Sequence[Mapping[str, Any]],
    field: str,
    fmt: TextFormat,
    rules: Any,
    source_field: str | None,
    edits_field: str | None,
    on_error: OnError,
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        source = str(row.get(source_field, "")) if source_field else ""
        where = f"record {index}" + (f" ({source})" if source else "")
        record = dict(row)
        try:
            if field not in row:
                fields = ", ".join(row) or "none"
                raise BatchError(f"{where}: no field {field!r} (fields: {fields})")
            text, edits = _clean_value(
                row[field], where, fmt, rules, source or "<record>", edits_field is not None
            )
        except BatchError:
            if on_error == "fail":
                raise
            if on_error == "skip":
                continue
            if edits_field is not None:
                record[edits_field] = None
            out.append(record)
            continue
        record[field] = text
        if edits_field is not None:
            record[edits_field] = edits
        out.append(record)
    return out


def _columns(
    columns: Mapping[str, Sequence[Any]],
    field: str,
    fmt: TextFormat,
    rules: Any,
    source_field: str | None,
    edits_field: str | None,
    on_error: OnError,
) -> dict[str, list[Any]]:
    if field not in columns:
        raise BatchError(f"no column {field!r} (columns: {', '.join(columns) or 'none'})")
    names = list(columns)
    size = len(columns[field])
    rows = [{name: columns[name][i] for name in names} for i in range(size)]
    cleaned = _rows(rows, field, fmt, rules, source_field, edits_field, on_error)
    if edits_field is not None and edits_field not in names:
        names.append(edits_field)
    return {name: [row.get(name) for row in cleaned] for name in names}
