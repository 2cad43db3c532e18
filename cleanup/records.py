"""Clean one record: the one function behind every record-shaped input.

``cleanup jsonl`` (a JSON Lines stream), :func:`cleanup.clean_batch` (batches of
rows, columns or DataFrames) and the datatrove step all clean a record here, so
they cannot drift apart: the same rules are chosen the same way, the same text
comes out, bad records are refused with the same message, and the edit log has
one shape everywhere (a list of edits, each as in ``cleanup run --format json``).

>>> cleaned = clean_record({"id": 7, "text": "previ-\\nously"}, "text")
>>> cleaned.record
{'id': 7, 'text': 'previously'}
>>> clean_record({"id": 8}, "text", where="line 2")
Traceback (most recent call last):
...
cleanup.records.RecordError: line 2: no field 'text' (fields: id)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .api import RulesArg, process, resolve_rules
from .pipeline import StageError
from .render import to_json
from .result import ConservationError, Result

TextFormat = Literal["md", "text"]


class RecordError(ValueError):
    """A record cannot be cleaned: its field is missing or not text, or the pipeline
    refused it. The message starts with where the record is."""


@dataclass(frozen=True)
class CleanedRecord:
    """A cleaned copy of a record (the caller's record is left as it was), and the
    full result, for counts."""

    record: dict[str, Any]
    result: Result


def clean_record(
    record: Mapping[str, Any],
    field: str,
    *,
    format: TextFormat = "md",
    rules: RulesArg = None,
    source: str = "",
    edits_field: str | None = None,
    where: str = "record",
) -> CleanedRecord:
    """Clean ``record[field]``; with ``edits_field``, store the edit log there too.

    ``source`` says where the record comes from (a URL, a file name): it chooses
    the source rule files that apply (see :class:`cleanup.RuleSet`). ``where`` names
    the record in messages (``pages.jsonl:12``, ``record 3 (https://...)``). Raises
    :class:`RecordError` when the field is missing or not text, or when the
    pipeline cannot clean it.
    """
    if field not in record:
        fields = ", ".join(record) or "none"
        raise RecordError(f"{where}: no field {field!r} (fields: {fields})")
    text = record[field]
    if not isinstance(text, str):
        raise RecordError(f"{where}: field {field!r} is {json_kind(text)}, not text")
    try:
        # Rules match where the record comes from; messages name the record itself.
        chosen = resolve_rules(rules, source or where, text)
        result = process(text, rules=chosen, source=where)
    except (ConservationError, StageError) as err:
        raise RecordError(f"{where}: {err}") from err
    cleaned = dict(record)
    cleaned[field] = result.render(format).removesuffix("\n")  # a value, not a file
    if edits_field is not None:
        cleaned[edits_field] = edit_log(result)
    return CleanedRecord(cleaned, result)


def edit_log(result: Result) -> list[dict[str, Any]]:
    """The edit log of a result: the ``edits`` list of the JSON format."""
    edits: list[dict[str, Any]] = to_json(result.document)["edits"]
    return edits


def json_kind(value: Any) -> str:
    """A JSON value's kind, for messages.

    >>> json_kind([1]), json_kind(None), json_kind(2.5), json_kind("x")
    ('a list', 'null', 'a number', 'a string')
    """
    names = {list: "a list", dict: "an object", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, int | float) else "a value")
