"""cleanup: turn raw text extracted from PDFs and web pages into clean, faithful text.

>>> import cleanup
>>> print(cleanup.clean("A few previ-\\nously existing groups attendedthe meeting.\\n"), end="")
A few previously existing groups attended the meeting.
"""

from __future__ import annotations

from .api import RulesArg, clean, process, process_bytes, resolve_rules
from .batch import BatchError, clean_batch
from .document import Block, Document, Edit, Line, Removed
from .pipeline import STAGES, Pipeline, Stage, StageError, StageFunction
from .reader import InputError
from .records import RecordError, clean_record
from .render import FORMATS, Format, render, to_json
from .result import ConservationError, Result
from .rules import Rules, RulesError, RuleSet, load_rules

__all__ = [
    "FORMATS",
    "STAGES",
    "BatchError",
    "Block",
    "ConservationError",
    "Document",
    "Edit",
    "Format",
    "InputError",
    "Line",
    "Pipeline",
    "RecordError",
    "Removed",
    "Result",
    "RuleSet",
    "Rules",
    "RulesArg",
    "RulesError",
    "Stage",
    "StageError",
    "StageFunction",
    "clean",
    "clean_batch",
    "clean_record",
    "load_rules",
    "process",
    "process_bytes",
    "render",
    "resolve_rules",
    "to_json",
]

__version__ = "0.1.0"
